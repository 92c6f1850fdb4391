"""Push to talk through the real X server: autorepeat under load, focus, the hold limit."""

from __future__ import annotations

import random
import subprocess

import numpy as np
import pytest

from desktop.ui.settings_dialog import SettingsDialog
from tests.e2e.helpers import appended_bytes, wait_until_played_out, write_wav
from tests.support.busy_cores import busy_cores
from tests.support.speech import best_alignment
from tests.support.x_keyboard import XKeyboard


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


def test_the_global_shortcut_talks_from_another_app(
    qtbot, tmp_path, speech, speaker_monitor, conversation, keyboard
):
    question, answer = speech
    relay, controller, window = conversation("gpt-realtime")
    window.enable_global_shortcut()
    assert window.push_to_talk.shortcut_problem is None
    keyboard.focus_another_window()
    qtbot.waitUntil(lambda: not window.isActiveWindow(), timeout=3000)

    wav = write_wav(tmp_path / "question.wav", question)
    keyboard.press("ctrl", "alt", "space")
    qtbot.waitUntil(lambda: controller.talking, timeout=3000)
    player = subprocess.Popen(["paplay", "-d", "micsink", str(wav)])
    qtbot.waitUntil(lambda: player.poll() is not None, timeout=20000)
    qtbot.waitUntil(lambda: appended_bytes(relay) >= question.nbytes + 4800, timeout=5000)
    keyboard.release("ctrl", "alt", "space")

    qtbot.waitUntil(lambda: len(relay.turns) == 1, timeout=5000)
    _, heard = best_alignment(question, np.frombuffer(relay.turns[0], np.int16))
    assert heard >= 0.9, f"the relay heard something else: {heard:.3f}"
    wait_until_played_out(qtbot, controller, speaker_monitor, len(answer))
    samples, _times = speaker_monitor.recording()
    _, played = best_alignment(answer, samples)
    assert played >= 0.9, f"the answer did not come out of the speaker: {played:.3f}"
    assert len(commits(relay)) == 1
    assert not window.isActiveWindow()  # it all happened while another app had focus


def test_the_global_shortcut_with_a_busy_machine_is_one_turn_per_hold(
    qtbot, conversation, keyboard
):
    relay, controller, window = conversation("gpt-realtime")
    window.enable_global_shortcut()
    keyboard.focus_another_window()
    qtbot.waitUntil(lambda: not window.isActiveWindow(), timeout=3000)
    with busy_cores():
        for number in (1, 2, 3):
            keyboard.press("ctrl", "alt", "space")
            qtbot.wait(1800)
            # Modifiers first, as people often do: the release must still be seen.
            keyboard.release("ctrl", "alt")
            qtbot.wait(100)
            keyboard.release("space")
            qtbot.waitUntil(lambda n=number: len(commits(relay)) >= n, timeout=5000)
            qtbot.waitUntil(lambda: not controller.talking, timeout=5000)
        qtbot.wait(300)
    assert len(commits(relay)) == 3


def test_a_shortcut_another_program_holds_is_reported_and_space_still_works(
    qtbot, conversation, keyboard
):
    keyboard.grab("ctrl", "alt", "space")
    relay, controller, window = conversation("gpt-realtime")
    window.enable_global_shortcut()
    assert "already used by another program" in window.statusBar().currentMessage()
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    seen = []

    def read_and_close():
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, SettingsDialog)
        seen.append(dialog.shortcut_status.text())
        dialog.reject()

    QTimer.singleShot(200, read_and_close)
    window.open_settings()
    assert "already used by another program" in seen[0]
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    keyboard.press("space")
    qtbot.waitUntil(lambda: controller.talking, timeout=3000)
    qtbot.wait(500)
    keyboard.release("space")
    qtbot.waitUntil(lambda: len(commits(relay)) == 1, timeout=3000)
