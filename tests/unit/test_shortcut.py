"""The global shortcut's text, as Settings records it and each platform reads it."""

from __future__ import annotations

import pytest

from desktop.input.hook_shortcut import pynput_hotkey
from desktop.input.shortcut import (
    DEFAULT_SHORTCUT,
    KeyCombo,
    ShortcutUnavailable,
    Unavailable,
    listener_for,
)
from desktop.input.x11_shortcut import keysym_name


def test_the_default_is_ctrl_alt_space():
    combo = KeyCombo.parse(DEFAULT_SHORTCUT)
    assert combo == KeyCombo(frozenset({"Ctrl", "Alt"}), "Space")
    assert combo.text() == "Ctrl+Alt+Space"


def test_modifiers_are_written_in_a_fixed_order():
    assert KeyCombo.parse("Shift+Meta+Ctrl+F9").text() == "Ctrl+Shift+Meta+F9"
    assert KeyCombo.parse("Ctrl++").key == "+"


@pytest.mark.parametrize("text", ["", "Ctrl+", "Ctrl+Alt", "Hyper+A", "Ctrl+Alt+Shift"])
def test_what_is_not_a_key_combination_is_refused(text):
    with pytest.raises(ShortcutUnavailable) as caught:
        KeyCombo.parse(text)
    assert caught.value.reason is Unavailable.INVALID


def test_x11_key_names():
    assert keysym_name("Space") == "space"
    assert keysym_name("A") == "a"
    assert keysym_name("F12") == "F12"
    assert keysym_name("PgUp") == "Prior"


def test_hook_names_follow_the_platforms_modifier_keys():
    combo = KeyCombo.parse("Ctrl+Alt+Space")
    assert pynput_hotkey(combo, "win32") == "<alt>+<ctrl>+<space>"
    # On macOS Qt's "Ctrl" is the Command key.
    assert pynput_hotkey(combo, "darwin") == "<alt>+<cmd>+<space>"
    assert pynput_hotkey(KeyCombo.parse("Meta+F9"), "win32") == "<cmd>+<f9>"


def test_each_platform_gets_its_listener():
    from desktop.input.portal_shortcut import PortalShortcutListener
    from desktop.input.x11_shortcut import X11ShortcutListener

    combo = KeyCombo.parse(DEFAULT_SHORTCUT)
    assert isinstance(listener_for("xcb", combo, None), X11ShortcutListener)  # type: ignore[arg-type]
    assert isinstance(listener_for("wayland", combo, None), PortalShortcutListener)  # type: ignore[arg-type]
    with pytest.raises(ShortcutUnavailable) as caught:
        listener_for("offscreen", combo, None)  # type: ignore[arg-type]
    assert caught.value.reason is Unavailable.NO_BACKEND


def test_a_server_without_xkb_keeps_its_repeat_pairs():
    from desktop.input.xkb_repeat import detect_auto_repeat

    class ServerWithoutXkb:
        def query_extension(self, name: str) -> None:
            return None

    assert not detect_auto_repeat(ServerWithoutXkb())
