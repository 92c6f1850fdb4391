"""A global push-to-talk shortcut: what it is, and why one may not be available."""

from __future__ import annotations

import enum
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol

from desktop import appinfo

DEFAULT_SHORTCUT = appinfo.DEFAULT_GLOBAL_SHORTCUT
MODIFIERS = ("Ctrl", "Alt", "Shift", "Meta")


class Unavailable(enum.Enum):
    """Why the global shortcut does not work; the window words each one for the user."""

    INVALID = "invalid"  # not a key combination this platform can grab
    TAKEN = "taken"  # another program already holds it
    NO_PORTAL = "no-portal"  # Wayland without the GlobalShortcuts portal
    NO_PERMISSION = "no-permission"  # macOS: Accessibility / Input Monitoring not granted
    NO_BACKEND = "no-backend"  # no display connection, or a platform without support


class ShortcutUnavailable(Exception):
    def __init__(self, reason: Unavailable) -> None:
        super().__init__(reason.value)
        self.reason = reason


@dataclass(frozen=True)
class KeyCombo:
    """Modifiers and one key, in Qt's portable text: `Ctrl+Alt+Space`, `Meta+F9`."""

    modifiers: frozenset[str]
    key: str

    @classmethod
    def parse(cls, text: str) -> KeyCombo:
        parts = [p.strip() for p in text.split("+")]
        if text.endswith("++"):  # "Ctrl++": the plus key itself
            parts = [*parts[:-2], "+"]
        *mods, key = parts
        if not key or key in MODIFIERS or any(m not in MODIFIERS for m in mods):
            raise ShortcutUnavailable(Unavailable.INVALID)
        return cls(frozenset(mods), key)

    def text(self) -> str:
        return "+".join([*(m for m in MODIFIERS if m in self.modifiers), self.key])


@dataclass(frozen=True)
class ShortcutCallbacks:
    """Called on the listener's own thread."""

    pressed: Callable[[int], None]
    """(timestamp_ms)"""
    released: Callable[[int, bool | None], None]
    """(timestamp_ms, still_down): still_down as the window system says now, if it can."""
    lost: Callable[[Unavailable], None]
    """The listener stopped working after it had started."""


class ShortcutListener(Protocol):
    def start(self) -> None:
        """Begin listening; raises ShortcutUnavailable when it cannot."""

    def stop(self) -> None: ...


def listener_for(platform_name: str, combo: KeyCombo, callbacks: ShortcutCallbacks) -> Any:
    """The listener for Qt's platform plugin; raises ShortcutUnavailable where there is none."""
    if platform_name == "xcb":
        from desktop.input.x11_shortcut import X11ShortcutListener

        return X11ShortcutListener(combo, callbacks)
    if platform_name in ("windows", "cocoa"):
        from desktop.input.hook_shortcut import HookShortcutListener

        return HookShortcutListener(combo, callbacks)
    if platform_name.startswith("wayland"):
        from desktop.input.portal_shortcut import PortalShortcutListener

        return PortalShortcutListener(combo, callbacks)
    raise ShortcutUnavailable(Unavailable.NO_BACKEND)
