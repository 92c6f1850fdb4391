"""Launching the app again while it runs: the running window comes forward, and no second
window, microphone or session appears."""

from __future__ import annotations

import os
import subprocess
import sys


def _app_windows() -> int:
    tree = subprocess.run(
        ["xwininfo", "-root", "-tree"], capture_output=True, text=True, check=True
    ).stdout
    return sum('"Realtime Desktop"' in line for line in tree.splitlines())


def test_a_second_launch_leaves_one_window(qtbot, tmp_path):
    runtime = tmp_path / "runtime"
    runtime.mkdir(mode=0o700)
    env = {
        **os.environ,
        "XDG_RUNTIME_DIR": str(runtime),  # where the running app listens
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "XDG_STATE_HOME": str(tmp_path / "state"),
        "XDG_DATA_HOME": str(tmp_path / "data"),
    }
    command = [sys.executable, "-m", "desktop", "--demo"]
    first = subprocess.Popen(command, env=env, stderr=subprocess.DEVNULL)
    try:
        qtbot.waitUntil(
            lambda: (runtime / "realtime-desktop.instance").exists() and _app_windows() > 0,
            timeout=20000,
        )
        windows = _app_windows()
        second = subprocess.run(command, env=env, timeout=20, capture_output=True, text=True)
        assert second.returncode == 0, second.stderr
        assert _app_windows() == windows
        assert first.poll() is None  # the first one runs on
    finally:
        first.terminate()
        first.wait(10)
