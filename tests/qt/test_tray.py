"""The tray icon shows the state and can talk; closing the window can keep the app running."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from desktop.audio import cues
from desktop.audio.pcm import CHUNK_FRAMES
from desktop.resources import sound_path
from desktop.ui.tray import TrayState
from tests.qt.helpers import speak

TURN_STARTED = cues.load(sound_path("turn-started"))
TURN_ENDED = cues.load(sound_path("turn-ended"))


def answer_close_question(button_text: str, asked: list[str]) -> None:
    def answer() -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        asked.append(box.text())
        next(b for b in box.buttons() if b.text() == button_text).click()

    QTimer.singleShot(100, answer)


def test_the_tray_shows_listening_from_press_to_release_and_talks(qtbot, app_parts, speech):
    question, _ = speech
    window = app_parts.build(tray_available=True)
    app_parts.wait_ready()
    tray = window.tray
    assert tray.state is TrayState.IDLE
    assert tray.talk_action.text() == "Talk"
    speak(app_parts, question[:4800], release=False)
    assert tray.state is TrayState.LISTENING
    assert tray.talk_action.text() == "Send"
    assert "Listening" in tray.toolTip()
    speak(app_parts, question[:2400], press=False)
    assert tray.state is not TrayState.LISTENING

    tray.talk_action.trigger()  # from the tray menu: a click starts a turn…
    assert app_parts.controller.talking
    app_parts.pa.input_stream().feed(question[: CHUNK_FRAMES * 10].tobytes())
    tray.talk_action.trigger()  # …and the next one sends it
    assert not app_parts.controller.talking
    qtbot.waitUntil(lambda: len(app_parts.relay.turns) == 2, timeout=5000)


def test_a_failed_connection_shows_in_the_tray(qtbot, app_parts):
    window = app_parts.build(key="sk-wrong", tray_available=True)
    qtbot.waitUntil(lambda: window.tray.state is TrayState.PROBLEM, timeout=10000)


def test_closing_asks_once_then_keeps_running_in_the_tray(qtbot, app_parts):
    window = app_parts.build(tray_available=True, close_to_tray="")
    app_parts.wait_ready()
    asked: list[str] = []
    answer_close_question("Keep running", asked)
    window.close()
    assert asked == ["Keep Realtime Desktop running in the tray?"]
    assert not window.isVisible()
    assert app_parts.store.load().close_to_tray == "tray"
    assert app_parts.controller.link.value == "ready"  # still connected, still usable

    window.tray.show_requested.emit()
    qtbot.waitUntil(window.isVisible)
    window.close()  # asked only once
    assert asked == ["Keep Realtime Desktop running in the tray?"]
    assert not window.isVisible()
    quits = []
    window.quit_requested.connect(lambda: quits.append(True))
    window.tray.quit_requested.emit()  # Quit in the tray's menu
    assert quits == [True]
    assert not window.tray.isVisible()


def test_choosing_quit_is_remembered(qtbot, app_parts):
    window = app_parts.build(tray_available=True, close_to_tray="")
    asked: list[str] = []
    answer_close_question("Quit", asked)
    window.close()
    assert len(asked) == 1
    assert app_parts.store.load().close_to_tray == "quit"


def test_a_hidden_window_marks_each_turn_with_a_sound(qtbot, app_parts, speech):
    question, _ = speech
    window = app_parts.build(tray_available=True)
    app_parts.wait_ready()
    window.hide()
    window.push_to_talk.toggle()
    speaker = app_parts.pa.output_stream()
    assert len(TURN_STARTED) > 2000 and len(TURN_ENDED) > 2000  # about 110 ms each
    heard = np.frombuffer(speaker.pull(len(TURN_STARTED)), np.int16)
    assert np.array_equal(heard, TURN_STARTED)
    app_parts.pa.input_stream().feed(question[: CHUNK_FRAMES * 10].tobytes())
    window.push_to_talk.toggle()
    heard = np.frombuffer(speaker.pull(len(TURN_ENDED)), np.int16)
    assert np.array_equal(heard, TURN_ENDED)


def test_turn_sounds_can_be_turned_off_and_never_play_with_the_window_shown(qtbot, app_parts):
    from dataclasses import replace

    window = app_parts.build(tray_available=True)
    app_parts.wait_ready()
    window.push_to_talk.toggle()  # shown: the button says it all
    speaker = app_parts.pa.output_stream()
    assert not speaker.pull(len(TURN_STARTED)).strip(b"\0")
    window.push_to_talk.toggle()
    app_parts.controller.apply_settings(replace(app_parts.controller.settings, turn_sounds=False))
    window.hide()
    window.push_to_talk.toggle()
    assert not speaker.pull(len(TURN_STARTED)).strip(b"\0")
    window.push_to_talk.toggle()
