"""The global shortcut on Windows (a low-level keyboard hook) and macOS (an event tap),
both through pynput. The callbacks only record and hand on, so Windows never finds the
hook slow and removes it."""

from __future__ import annotations

import sys
import time
from typing import Any

from desktop.input.shortcut import (
    KeyCombo,
    ShortcutCallbacks,
    ShortcutUnavailable,
    Unavailable,
)

_SPECIAL = {"Space": "space", "Esc": "esc", "Return": "enter", "Tab": "tab", "Pause": "pause"}


def pynput_hotkey(combo: KeyCombo, platform: str = sys.platform) -> str:
    """Qt's portable text in pynput's hotkey syntax. On macOS Qt's "Ctrl" is Command."""
    names = {"Ctrl": "ctrl", "Alt": "alt", "Shift": "shift", "Meta": "cmd"}
    if platform == "darwin":
        names.update(Ctrl="cmd", Meta="ctrl")
    parts = [f"<{names[m]}>" for m in sorted(combo.modifiers)]
    key = combo.key
    if key in _SPECIAL or (key.startswith("F") and key[1:].isdigit()):
        parts.append(f"<{_SPECIAL.get(key, key.lower())}>")
    else:
        parts.append(key.lower())
    return "+".join(parts)


def _now_ms() -> int:
    return int(time.monotonic() * 1000)


class HookShortcutListener:
    def __init__(self, combo: KeyCombo, callbacks: ShortcutCallbacks) -> None:
        self._combo = combo
        self._callbacks = callbacks
        self._listener: Any = None
        self._keys: set[Any] = set()
        self._trigger: Any = None
        self._down: set[Any] = set()
        self._held = False

    def start(self) -> None:
        try:
            from pynput import keyboard
        except ImportError:
            raise ShortcutUnavailable(Unavailable.NO_BACKEND) from None
        try:
            keys = keyboard.HotKey.parse(pynput_hotkey(self._combo))
        except ValueError:
            raise ShortcutUnavailable(Unavailable.INVALID) from None
        self._keys, self._trigger = set(keys), keys[-1]
        self._listener = keyboard.Listener(on_press=self._on_press, on_release=self._on_release)
        self._listener.start()
        self._listener.wait()
        if sys.platform == "darwin" and not getattr(self._listener, "IS_TRUSTED", True):
            self.stop()
            raise ShortcutUnavailable(Unavailable.NO_PERMISSION)

    def _on_press(self, key: Any) -> None:
        self._down.add(self._listener.canonical(key))
        if not self._held and self._keys <= self._down:
            self._held = True
            self._callbacks.pressed(_now_ms())

    def _on_release(self, key: Any) -> None:
        key = self._listener.canonical(key)
        self._down.discard(key)
        if self._held and key == self._trigger:
            self._held = False
            self._callbacks.released(_now_ms(), None)

    def stop(self) -> None:
        if self._listener is not None:
            self._listener.stop()
            self._listener = None
