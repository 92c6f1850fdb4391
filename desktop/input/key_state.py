"""Is a key down right now? Asked of the window system, not inferred from events.

Each platform's reader takes the native key code Qt reports (X11 keycode, Windows virtual
key, macOS virtual key code) and answers True, False, or None when it cannot tell.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import os
import sys
from typing import Protocol


def keymap_has(keymap: bytes | list[int], keycode: int) -> bool:
    """Whether an XQueryKeymap answer (one bit per keycode) has `keycode` down."""
    return bool(keymap[keycode // 8] & (1 << (keycode % 8)))


class KeyState(Protocol):
    def is_down(self, native_key: int) -> bool | None: ...

    def close(self) -> None: ...


class UnknownKeyState:
    """Where nothing can be asked (Wayland): releases are trusted as they come."""

    def is_down(self, native_key: int) -> bool | None:
        return None

    def close(self) -> None:
        pass


class X11KeyState:
    """XQueryKeymap on a connection of its own (the key state is the server's, not a window's)."""

    def __init__(self, display_name: str | None = None) -> None:
        from Xlib import display

        self._display = display.Display(display_name)

    def is_down(self, native_key: int) -> bool | None:
        if not 8 <= native_key <= 255:
            return None
        return keymap_has(self._display.query_keymap(), native_key)

    def close(self) -> None:
        with contextlib.suppress(Exception):  # already gone with the X server
            self._display.close()


class WindowsKeyState:
    def __init__(self) -> None:
        self._user32 = ctypes.WinDLL("user32")  # type: ignore[attr-defined]

    def is_down(self, native_key: int) -> bool | None:
        return bool(self._user32.GetAsyncKeyState(native_key) & 0x8000) if native_key else None

    def close(self) -> None:
        pass


class MacKeyState:
    _HID_SYSTEM_STATE = 1  # kCGEventSourceStateHIDSystemState

    def __init__(self) -> None:
        path = ctypes.util.find_library("ApplicationServices")
        self._services = ctypes.CDLL(path or "ApplicationServices")
        self._services.CGEventSourceKeyState.restype = ctypes.c_bool
        self._services.CGEventSourceKeyState.argtypes = [ctypes.c_int32, ctypes.c_uint16]

    def is_down(self, native_key: int) -> bool | None:
        return bool(self._services.CGEventSourceKeyState(self._HID_SYSTEM_STATE, native_key))

    def close(self) -> None:
        pass


def key_state_for(platform_name: str) -> KeyState:
    """The reader for Qt's platform plugin ("xcb", "wayland", "windows", "cocoa", …)."""
    try:
        if platform_name == "xcb" and os.environ.get("DISPLAY"):
            return X11KeyState()
        if platform_name == "windows" and sys.platform == "win32":
            return WindowsKeyState()
        if platform_name == "cocoa" and sys.platform == "darwin":
            return MacKeyState()
    except Exception:  # no X connection, no library: releases are then trusted
        return UnknownKeyState()
    return UnknownKeyState()
