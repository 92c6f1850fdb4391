"""A key held through the real X server (XTest, from another process) repeats as presses
alone on a connection that asked for XKB's detectable auto-repeat, and as release + press
pairs on one that did not."""

from __future__ import annotations

import time
from collections.abc import Iterator
from typing import Any

import pytest
from Xlib import XK, X, display

from desktop.input.xkb_repeat import detect_auto_repeat
from tests.support.x_keyboard import XKeyboard

HOLD_S = 1.5  # past the server's repeat delay (660 ms by default), then about 20 repeats


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


def key_events(connection: Any, keycode: int) -> list[int]:
    types = []
    while connection.pending_events():
        event = connection.next_event()
        if getattr(event, "detail", None) == keycode:
            types.append(event.type)
    return types


def test_a_held_key_repeats_as_presses_alone(connections: tuple[Any, Any]) -> None:
    asking, plain = connections
    assert detect_auto_repeat(asking)
    space = asking.keysym_to_keycode(XK.string_to_keysym("space"))
    keyboard = XKeyboard()
    try:
        keyboard.press("space")
        time.sleep(HOLD_S)
        keyboard.release("space")
    finally:
        keyboard.close()
    for connection in connections:
        connection.sync()

    asked, not_asked = key_events(asking, space), key_events(plain, space)

    assert not_asked.count(X.KeyRelease) > 3  # the server repeats: a fake release each time
    assert asked.count(X.KeyPress) > 3
    assert asked.count(X.KeyRelease) == 1  # the real one, at the end
    assert asked[-1] == X.KeyRelease
