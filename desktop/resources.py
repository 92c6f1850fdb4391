"""Where the app's files are: icons, sounds, translations and the Linux menu entry. They
are kept in the top-level resources/ folder and installed as the data package
`desktop.assets` (pyproject.toml maps it), so they are found the same way from a clone, a
wheel or a frozen bundle."""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

from desktop import appinfo

ICON_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def _folder(name: str) -> Path:
    # Installed unzipped (a wheel, an editable clone, a one-folder bundle): a real path,
    # which Qt's loaders need.
    return Path(str(files("desktop.assets").joinpath(name)))


def icon_path() -> Path:
    return _folder("icons") / "realtime-desktop.svg"


def icon_png(size: int) -> Path:
    return _folder("icons") / f"realtime-desktop-{size}.png"


def action_icon_path(name: str) -> Path:
    """A line-drawn action icon by name, e.g. "copy" (drawn in currentColor)."""
    return _folder("actions") / f"{name}.svg"


def sound_path(name: str) -> Path:
    """A sound by name, e.g. "turn-started"."""
    return _folder("sounds") / f"{name}.wav"


def conversation_schema_path() -> Path:
    """The JSON Schema of `realtime-desktop export --format json`."""
    return _folder("schemas") / "conversation.schema.json"


def translations_dir() -> Path:
    return _folder("translations")


def desktop_entry_path() -> Path:
    """The freedesktop menu entry (and, beside it, the AppStream metainfo)."""
    return _folder("linux") / f"{appinfo.APP_ID}.desktop"
