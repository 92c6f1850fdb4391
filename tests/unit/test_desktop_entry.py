"""`--install-desktop-entry` for pip and pipx installs: a valid menu entry and the icons
under the XDG data folder, and `--uninstall-desktop-entry` removes exactly those."""

from __future__ import annotations

import os
import subprocess
import sys

from desktop import appinfo


def _run(flag: str, data_home) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "DISPLAY"}  # needs no screen
    env["XDG_DATA_HOME"] = str(data_home)
    return subprocess.run(
        [sys.executable, "-m", "desktop", flag], env=env, capture_output=True, text=True
    )


def test_the_menu_entry_and_icons_go_in_and_come_out_again(tmp_path):
    installed = _run("--install-desktop-entry", tmp_path)
    assert installed.returncode == 0, installed.stderr
    entry = tmp_path / "applications" / f"{appinfo.APP_ID}.desktop"
    written = set(installed.stdout.splitlines())
    assert str(entry) in written
    for size in (16, 48, 256, 512):
        assert str(tmp_path / f"icons/hicolor/{size}x{size}/apps/{appinfo.APP_ID}.png") in written
    assert (tmp_path / f"icons/hicolor/scalable/apps/{appinfo.APP_ID}.svg").is_file()
    text = entry.read_text(encoding="utf-8")
    exec_line = next(line for line in text.splitlines() if line.startswith("Exec="))
    assert exec_line.split("=", 1)[1].startswith("/")  # a full path: ~/.local/bin may be off PATH
    valid = subprocess.run(["desktop-file-validate", str(entry)], capture_output=True, text=True)
    assert valid.returncode == 0 and not valid.stdout.strip(), valid.stdout

    removed = _run("--uninstall-desktop-entry", tmp_path)
    assert removed.returncode == 0, removed.stderr
    assert set(removed.stdout.splitlines()) == written
    assert not [p for p in tmp_path.rglob("*") if p.is_file()]
    again = _run("--uninstall-desktop-entry", tmp_path)
    assert again.returncode == 0 and again.stdout == ""  # nothing left, nothing to say
