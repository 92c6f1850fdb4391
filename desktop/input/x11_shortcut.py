"""The global shortcut on X11: a passive grab on the root window, on a connection and a
thread of its own.

The grab makes the combination ours: the focused program does not also receive it, and a
combination another program holds fails at once (BadAccess), which the user is told. While
the shortcut is held the whole keyboard is grabbed, so the release comes to us even if the
modifiers are let go first; the key state is also polled then, so a release is never lost
(another program's grab, a screen locker).

Only the hold's start and end are passed on. X repeats a held key about 25 times a second.
The connection asks for XKB's detectable auto-repeat, so the repeats come as presses alone,
which a held shortcut ignores. A server without it sends release + press pairs instead; a
pair that arrives together is recognised by its shared timestamp and dropped. Either way no
repeat costs a round trip to the server or a wake-up of the GUI thread. At rest the thread
sleeps on the X connection alone, and `stop()` wakes it through a pipe.
"""

from __future__ import annotations

import contextlib
import os
import select
import threading
from typing import Any

from desktop.input.key_state import keymap_has
from desktop.input.shortcut import (
    KeyCombo,
    ShortcutCallbacks,
    ShortcutUnavailable,
    Unavailable,
)
from desktop.input.xkb_repeat import detect_auto_repeat

_KEYSYM_NAMES = {
    "Space": "space",
    "Esc": "Escape",
    "Enter": "KP_Enter",
    "Backspace": "BackSpace",
    "Ins": "Insert",
    "Del": "Delete",
    "PgUp": "Prior",
    "PgDown": "Next",
    "ScrollLock": "Scroll_Lock",
    "`": "grave",
    "-": "minus",
    "=": "equal",
    "[": "bracketleft",
    "]": "bracketright",
    ";": "semicolon",
    "'": "apostrophe",
    ",": "comma",
    ".": "period",
    "/": "slash",
    "\\": "backslash",
}
# How soon a release that went to another program's grab is noticed: rare, so not often.
POLL_WHILE_HELD_S = 0.2


def keysym_name(key: str) -> str:
    if key in _KEYSYM_NAMES:
        return _KEYSYM_NAMES[key]
    if len(key) == 1 and key.isalnum():
        return key.lower()
    return key  # F1…F35, Return, Tab, Home, Left and the like are spelled the same


class X11ShortcutListener:
    def __init__(
        self, combo: KeyCombo, callbacks: ShortcutCallbacks, display_name: str | None = None
    ) -> None:
        self._combo = combo
        self._callbacks = callbacks
        self._display_name = display_name
        self._display: Any = None
        self._keycode = 0
        self._stopping = threading.Event()
        self._wake_up: tuple[int, int] | None = None  # a pipe: (read end, write end)
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        from Xlib import XK, X, display, error

        try:
            self._display = display.Display(self._display_name)
        except (error.DisplayError, error.ConnectionClosedError, OSError):
            raise ShortcutUnavailable(Unavailable.NO_BACKEND) from None
        keysym = XK.string_to_keysym(keysym_name(self._combo.key))
        self._keycode = self._display.keysym_to_keycode(keysym) if keysym else 0
        if not self._keycode:
            self._close_display()
            raise ShortcutUnavailable(Unavailable.INVALID)
        wanted = 0
        for name in self._combo.modifiers:
            wanted |= self._modifier_mask(name)
        root = self._display.screen().root
        caught = error.CatchError(error.BadAccess)
        # Caps Lock and Num Lock must not keep the shortcut from working.
        for extra in (0, X.LockMask, X.Mod2Mask, X.LockMask | X.Mod2Mask):
            root.grab_key(
                self._keycode, wanted | extra, False, X.GrabModeAsync, X.GrabModeAsync, caught
            )
        self._display.sync()
        if caught.get_error() is not None:
            self._close_display()
            raise ShortcutUnavailable(Unavailable.TAKEN)
        detect_auto_repeat(self._display)  # else repeats come as pairs, dropped in _handle
        self._stopping.clear()
        self._wake_up = os.pipe()
        self._thread = threading.Thread(target=self._run, name="global-shortcut", daemon=True)
        self._thread.start()

    def _modifier_mask(self, name: str) -> int:
        from Xlib import XK, X

        if name == "Ctrl":
            return int(X.ControlMask)
        if name == "Shift":
            return int(X.ShiftMask)
        keysym = XK.string_to_keysym("Alt_L" if name == "Alt" else "Super_L")
        keycode = self._display.keysym_to_keycode(keysym)
        # Alt and Super sit on whichever ModN the server's modifier map puts them.
        for index, keycodes in enumerate(self._display.get_modifier_mapping()):
            if keycode in keycodes:
                return 1 << index
        return int(X.Mod1Mask if name == "Alt" else X.Mod4Mask)

    def _key_down(self) -> bool:
        return keymap_has(self._display.query_keymap(), self._keycode)

    def _run(self) -> None:
        from Xlib import error

        assert self._wake_up is not None
        connection, wake_up = self._display.fileno(), self._wake_up[0]
        held = False
        try:
            while not self._stopping.is_set():
                # Each look at the connection is a locked read in python-xlib: once before
                # sleeping, once after, and the events it counted are taken without another.
                waiting = self._display.pending_events()
                if not waiting:
                    select.select(
                        [connection, wake_up], [], [], POLL_WHILE_HELD_S if held else None
                    )
                    waiting = self._display.pending_events()
                events = [self._display.next_event() for _ in range(waiting)]
                held = self._handle(events, held)
                if held and not events and not self._key_down():
                    held = False  # the release went to another grab: it is not lost
                    self._ungrab_keyboard()
                    self._callbacks.released(0, False)
        except (error.ConnectionClosedError, OSError):
            if not self._stopping.is_set():
                self._callbacks.lost(Unavailable.NO_BACKEND)

    def _handle(self, events: list[Any], held: bool) -> bool:
        """Passes on the start and end of a hold among `events`; says if it is held after."""
        from Xlib import X

        ours = [e for e in events if getattr(e, "detail", None) == self._keycode]
        for index, event in enumerate(ours):
            if event.type == X.KeyPress and not held:
                held = True
                self._grab_keyboard(event.time)
                self._callbacks.pressed(event.time)
            elif event.type == X.KeyRelease and held:
                following = ours[index + 1] if index + 1 < len(ours) else None
                if _repeat_pair(event, following) or self._key_down():
                    continue
                held = False
                self._ungrab_keyboard()
                self._callbacks.released(event.time, False)
        return held

    def _grab_keyboard(self, time: int) -> None:
        from Xlib import X

        root = self._display.screen().root
        root.grab_keyboard(False, X.GrabModeAsync, X.GrabModeAsync, time)
        self._display.flush()

    def _ungrab_keyboard(self) -> None:
        from Xlib import X

        self._display.ungrab_keyboard(X.CurrentTime)
        self._display.flush()

    def stop(self) -> None:
        self._stopping.set()
        if self._wake_up is not None:
            os.write(self._wake_up[1], b"x")
        if self._thread is not None:
            self._thread.join(2)
            self._thread = None
        self._close_display()
        if self._wake_up is not None:
            for end in self._wake_up:
                os.close(end)
            self._wake_up = None

    def _close_display(self) -> None:
        if self._display is not None:
            with contextlib.suppress(Exception):
                self._display.close()
            self._display = None


def _repeat_pair(release: Any, following: Any) -> bool:
    """X sends an autorepeat as a release and a press with the same timestamp."""
    from Xlib import X

    return following is not None and following.type == X.KeyPress and following.time == release.time
