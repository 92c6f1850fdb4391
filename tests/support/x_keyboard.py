"""A keyboard that types through the X server, from a process of its own.

Key events built with QTest never reach the X server, so autorepeat and focus, which live
there, are not exercised by them. This module drives XTest the way a physical keyboard
would: `python -m tests.support.x_keyboard` reads lines like `press space` or `release ctrl` on
stdin and answers `ok` once the X server has the event. `focus other` maps a window of
the child's own and gives it the input focus: another application, as far as X can tell.
"""

from __future__ import annotations

import contextlib
import subprocess
import sys

KEYSYMS = {"space": "space", "ctrl": "Control_L", "alt": "Alt_L", "shift": "Shift_L"}


class XKeyboard:
    """Drive the child process from a test."""

    def __init__(self) -> None:
        self._child = subprocess.Popen(
            [sys.executable, "-m", "tests.support.x_keyboard"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        self._unanswered = 0

    def _say(self, line: str, wait: bool = True) -> None:
        assert self._child.stdin is not None
        self._child.stdin.write(line + "\n")
        self._child.stdin.flush()
        self._unanswered += 1
        if wait:
            self.wait_done()

    def wait_done(self) -> None:
        """Until the X server has every event sent so far."""
        assert self._child.stdout is not None
        while self._unanswered:
            answer = self._child.stdout.readline().strip()
            self._unanswered -= 1
            if answer != "ok":
                raise RuntimeError(f"x_keyboard answered {answer!r}")

    def press(self, *keys: str) -> None:
        for key in keys:
            self._say(f"press {key}")

    def release(self, *keys: str, wait: bool = True) -> None:
        """`wait=False` returns at once, so the caller's event loop sees the release as soon
        as the X server sends it (a measurement's start); `wait_done()` collects the answer."""
        for key in reversed(keys):
            self._say(f"release {key}", wait)

    def focus_another_window(self) -> None:
        self._say("focus other")

    def grab(self, *keys: str) -> None:
        """Hold a key combination the way another program's global shortcut does."""
        self._say("grab " + "+".join(keys))

    def close(self) -> None:
        with contextlib.suppress(BrokenPipeError, OSError):
            if self._child.stdin is not None:
                self._child.stdin.close()
        try:
            self._child.wait(5)
        except subprocess.TimeoutExpired:
            self._child.kill()
            self._child.wait()


def _serve() -> None:
    from Xlib import XK, X, display
    from Xlib.ext import xtest

    screen = display.Display()
    other = None
    for line in sys.stdin:
        action, key = line.split()
        if action == "focus":
            if other is None:
                root = screen.screen().root
                other = root.create_window(0, 0, 200, 100, 0, screen.screen().root_depth)
                other.set_wm_name("another application")
                other.map()
                screen.sync()
            other.set_input_focus(X.RevertToParent, X.CurrentTime)
            screen.sync()
            print("ok", flush=True)
            continue
        if action == "grab":
            *mods, last = key.split("+")
            mask = 0
            for mod in mods:
                mask |= {"ctrl": X.ControlMask, "alt": X.Mod1Mask, "shift": X.ShiftMask}[mod]
            code = screen.keysym_to_keycode(XK.string_to_keysym(KEYSYMS[last]))
            screen.screen().root.grab_key(code, mask, False, X.GrabModeAsync, X.GrabModeAsync)
            screen.sync()
            print("ok", flush=True)
            continue
        keycode = screen.keysym_to_keycode(XK.string_to_keysym(KEYSYMS[key]))
        xtest.fake_input(screen, X.KeyPress if action == "press" else X.KeyRelease, keycode)
        screen.sync()
        print("ok", flush=True)


if __name__ == "__main__":
    _serve()
