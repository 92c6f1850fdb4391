"""The per-user menu entry and icons, for installs that came without them (pip, pipx):
`realtime-desktop --install-desktop-entry` writes them under the XDG data folder, and
`--uninstall-desktop-entry` takes them away again."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

from desktop import appinfo
from desktop.resources import ICON_SIZES, desktop_entry_path, icon_path, icon_png


def _data_home() -> Path:
    return Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")


def _targets() -> dict[Path, Path]:
    """Where each installed file goes → the file it is copied from."""
    icons = _data_home() / "icons" / "hicolor"
    targets = {
        icons / f"{size}x{size}" / "apps" / f"{appinfo.APP_ID}.png": icon_png(size)
        for size in ICON_SIZES
    }
    targets[icons / "scalable" / "apps" / f"{appinfo.APP_ID}.svg"] = icon_path()
    return targets


def entry_file() -> Path:
    return _data_home() / "applications" / f"{appinfo.APP_ID}.desktop"


def _command() -> str:
    # pipx and pip --user put the command in ~/.local/bin, which the desktop session's PATH
    # may lack: the entry names it by its full path.
    found = shutil.which(appinfo.APP_NAME)
    return found or f"{sys.executable} -m desktop"


def install() -> list[Path]:
    """Writes the entry and icons; returns what was written."""
    written = []
    for target, source in _targets().items():
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)
        written.append(target)
    lines = desktop_entry_path().read_text(encoding="utf-8").splitlines()
    entry = [f"Exec={_command()}" if line.startswith("Exec=") else line for line in lines]
    entry_file().parent.mkdir(parents=True, exist_ok=True)
    entry_file().write_text("\n".join(entry) + "\n", encoding="utf-8")
    written.append(entry_file())
    return written


def uninstall() -> list[Path]:
    """Removes what install() wrote; returns what was there."""
    removed = []
    for target in [*_targets(), entry_file()]:
        if target.exists():
            target.unlink()
            removed.append(target)
    return removed
