"""A process that never dies: the lifecycle stress run, in a process of its own."""

from __future__ import annotations

import os
import subprocess
import sys


def test_hundreds_of_windows_sessions_and_reconnects_never_crash():
    env = dict(os.environ)
    run = subprocess.run(
        [
            sys.executable,
            "-X",
            "faulthandler",
            "-m",
            "tests.support.stress_lifecycle",
            "--cycles",
            "300",
        ],
        capture_output=True,
        text=True,
        timeout=110,
        env=env,
    )
    assert run.returncode == 0, run.stdout[-2000:] + run.stderr[-6000:]
    assert "no crash" in run.stdout
