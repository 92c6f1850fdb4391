"""A key held through the real X server (XTest, from another process) repeats as presses
alone on a connection that asked for XKB's detectable auto-repeat, and as release + press
pairs on one that did not."""

from __future__ import annotations

import select
import time
from collections.abc import Iterator
from typing import Any

import pytest
from Xlib import XK, X, display

from desktop.input.xkb_repeat import detect_auto_repeat
from tests.support.x_keyboard import XKeyboard

REPEATS = 4
REPEATS_WITHIN_S = 10.0


@pytest.fixture
def connections() -> Iterator[tuple[Any, Any]]:
    """Two connections that both listen for keys on one window, which has the focus: the
    root window would share them with whatever other window lies under the pointer."""
    asking, plain = display.Display(), display.Display()
    root = plain.screen().root
    window = root.create_window(0, 0, 64, 64, 0, X.CopyFromParent, event_mask=X.StructureNotifyMask)
    window.map()
    plain.sync()
    while plain.next_event().type != X.MapNotify:
        pass
    plain.set_input_focus(window, X.RevertToPointerRoot, X.CurrentTime)
    for connection in (asking, plain):
        connection.create_resource_object("window", window.id).change_attributes(
            event_mask=X.KeyPressMask | X.KeyReleaseMask
        )
        connection.sync()
    yield asking, plain
    window.destroy()
    plain.set_input_focus(X.PointerRoot, X.RevertToPointerRoot, X.CurrentTime)
    plain.sync()
    asking.close()
    plain.close()


def key_events(connection: Any, keycode: int, into: list[int]) -> list[int]:
    """Adds the types of the events for `keycode` that have come so far to `into`."""
    while connection.pending_events():
        event = connection.next_event()
        if getattr(event, "detail", None) == keycode:
            into.append(event.type)
    return into


def test_a_held_key_repeats_as_presses_alone(connections: tuple[Any, Any]) -> None:
    asking, plain = connections
    assert detect_auto_repeat(asking)
    space = asking.keysym_to_keycode(XK.string_to_keysym("space"))
    asked: list[int] = []
    not_asked: list[int] = []
    keyboard = XKeyboard()
    try:
        keyboard.press("space")
        # Held until the server has repeated it a few times (its delay is 660 ms by default).
        deadline = time.monotonic() + REPEATS_WITHIN_S
        while key_events(plain, space, not_asked).count(X.KeyRelease) < REPEATS:
            assert time.monotonic() < deadline, "the server did not repeat the held key"
            select.select([plain.fileno()], [], [], max(0.0, deadline - time.monotonic()))
        keyboard.release("space")
    finally:
        keyboard.close()
    for connection in connections:
        connection.sync()
    key_events(asking, space, asked)
    key_events(plain, space, not_asked)

    assert not_asked.count(X.KeyRelease) > REPEATS  # the repeats' fake releases, the real one
    assert asked.count(X.KeyPress) > REPEATS
    assert asked.count(X.KeyRelease) == 1  # the real one, at the end
    assert asked[-1] == X.KeyRelease
