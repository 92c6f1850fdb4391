"""Files the app loads at run time: the icon and compiled translations."""

from __future__ import annotations

from pathlib import Path

_HERE = Path(__file__).resolve().parent


def icon_path() -> Path:
    return _HERE / "realtime-desktop.svg"


def translations_dir() -> Path:
    return _HERE / "translations"
