"""The global shortcut on Wayland, through a GlobalShortcuts portal on a real (private) D-Bus."""

from __future__ import annotations

import os

import pytest

from desktop.input.portal_shortcut import preferred_trigger
from desktop.input.shortcut import KeyCombo, Unavailable
from desktop.push_to_talk import PushToTalk

if not os.environ.get("DBUS_SESSION_BUS_ADDRESS", "").startswith("unix:"):
    pytest.skip("needs the private D-Bus session bus of scripts/test", allow_module_level=True)

from tests.support.portal_double import PortalDouble


def test_the_portal_is_asked_for_the_shortcut_in_its_own_syntax():
    assert preferred_trigger(KeyCombo.parse("Ctrl+Alt+Space")) == "CTRL+ALT+space"
    assert preferred_trigger(KeyCombo.parse("Meta+Shift+F9")) == "SHIFT+LOGO+F9"


def test_press_and_release_reported_by_the_portal_make_one_turn(qtbot, app_parts):
    app_parts.build()
    app_parts.wait_ready()
    controller = app_parts.controller
    portal = PortalDouble()
    portal.start()
    talk = PushToTalk(controller.press_talk, controller.release_talk, platform_name="wayland")
    try:
        assert talk.use_shortcut("Ctrl+Alt+Space") is None
        qtbot.waitUntil(lambda: bool(portal.bound), timeout=5000)
        assert portal.bound[0][0] == "push-to-talk"
        assert portal.bound[0][1]["preferred_trigger"] == "CTRL+ALT+space"
        portal.press(1000)
        qtbot.waitUntil(lambda: controller.talking, timeout=3000)
        app_parts.pa.input_stream().feed(bytes(480 * 2 * 10))
        portal.release(1900)
        qtbot.waitUntil(lambda: not controller.talking, timeout=3000)
        qtbot.waitUntil(lambda: len(app_parts.relay.turns) == 1, timeout=5000)
    finally:
        talk.stop()
        portal.stop()


def test_a_refused_binding_is_reported(qtbot):
    portal = PortalDouble(refuse=True)
    portal.start()
    lost: list[object] = []
    talk = PushToTalk(lambda: None, lambda: None, platform_name="wayland")
    talk.shortcut_lost.connect(lost.append)
    try:
        assert talk.use_shortcut("Ctrl+Alt+Space") is None  # asking takes a while…
        qtbot.waitUntil(lambda: lost == [Unavailable.TAKEN], timeout=5000)  # …then it says no
        assert talk.shortcut_problem is Unavailable.TAKEN
    finally:
        talk.stop()
        portal.stop()


def test_a_desktop_without_the_portal_says_so(qtbot):
    talk = PushToTalk(lambda: None, lambda: None, platform_name="wayland")
    try:
        assert talk.use_shortcut("Ctrl+Alt+Space") is Unavailable.NO_PORTAL
    finally:
        talk.stop()
