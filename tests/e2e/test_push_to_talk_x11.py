"""Push to talk through the real X server: autorepeat under load, focus, the hold limit."""

from __future__ import annotations

import random

import pytest

from tests.busy_cores import busy_cores
from tests.x_keyboard import XKeyboard


def commits(relay):
    return [e for e in list(relay.received) if e["type"] == "input_audio_buffer.commit"]


@pytest.fixture
def keyboard():
    board = XKeyboard()
    yield board
    board.close()


def test_every_hold_is_one_turn_on_a_busy_machine(qtbot, conversation, keyboard):
    relay, controller, _window = conversation("gpt-realtime")
    rng = random.Random(7)
    holds = 10
    with busy_cores():
        for number in range(1, holds + 1):
            keyboard.press("space")
            qtbot.wait(int(rng.uniform(1500, 2500)))
            keyboard.release("space")
            qtbot.waitUntil(lambda n=number: len(commits(relay)) >= n, timeout=5000)
            qtbot.waitUntil(lambda: not controller.talking, timeout=5000)
        qtbot.wait(300)  # a late fragment would show up here
    assert len(commits(relay)) == holds


def test_focus_lost_mid_hold_ends_the_turn(qtbot, conversation, keyboard):
    relay, controller, window = conversation("gpt-realtime")
    keyboard.press("space")
    qtbot.waitUntil(lambda: controller.talking, timeout=3000)
    qtbot.wait(1200)
    keyboard.focus_another_window()
    qtbot.waitUntil(lambda: not controller.talking, timeout=3000)
    qtbot.waitUntil(lambda: len(commits(relay)) == 1, timeout=3000)
    keyboard.release("space")  # goes to the other window
    qtbot.wait(300)
    assert len(commits(relay)) == 1
    assert not window.isActiveWindow()


def test_a_hold_past_the_limit_ends_by_itself_with_a_hint(qtbot, conversation, keyboard):
    relay, controller, window = conversation("gpt-realtime")
    window.push_to_talk.set_hold_limit_ms(1500)
    keyboard.press("space")
    qtbot.waitUntil(lambda: controller.talking, timeout=3000)
    qtbot.waitUntil(lambda: not controller.talking, timeout=4000)
    qtbot.waitUntil(lambda: len(commits(relay)) == 1, timeout=3000)
    assert "five minutes" in window.statusBar().currentMessage()
    qtbot.wait(1000)  # still held: autorepeat must not start another turn
    keyboard.release("space")
    qtbot.wait(300)
    assert len(commits(relay)) == 1
