"""Typing beside talking: Enter sends a message and the answer streams as usual (spoken, or
in text only); Space inside the box types a space; Esc leaves the box and Space talks."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from desktop.app import keep_conversations
from desktop.history.store import HistoryStore, default_path
from tests.qt.helpers import transcript
from tests.support.keys import QtKeys

ANSWER = "It is sunny and warm, about twenty degrees."


def _sent(relay, event_type):
    return [e for e in list(relay.received) if e["type"] == event_type]


def test_a_typed_message_is_answered_and_kept(qtbot, app_parts, tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    window = app_parts.build()
    keep_conversations(app_parts.app.running)
    app_parts.wait_ready()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    QTest.keySequence(window, "Ctrl+L")
    box = window.composer.message_box
    assert box.hasFocus()
    QTest.keyClicks(box, "What is the weather like?")
    QTest.keyClick(box, Qt.Key.Key_Return)
    assert box.text() == ""
    qtbot.waitUntil(lambda: ANSWER in transcript(window), timeout=10000)
    assert "What is the weather like?" in transcript(window)
    (item,) = _sent(app_parts.relay, "conversation.item.create")
    assert item["item"]["content"] == [{"type": "input_text", "text": "What is the weather like?"}]
    assert _sent(app_parts.relay, "input_audio_buffer.commit") == []  # no microphone turn
    playback = app_parts.controller.playback
    qtbot.waitUntil(lambda: playback.queued_ms > 0 or playback.frames_played > 0, timeout=5000)

    qtbot.waitUntil(lambda: not app_parts.controller.answering, timeout=10000)
    store = HistoryStore(default_path())
    kept = store.conversation(store.last_conversation_id() or "")
    assert kept is not None
    assert [(t.role, t.source, t.text) for t in kept.turns] == [
        ("user", "text", "What is the weather like?"),
        ("assistant", None, ANSWER),
    ]
    store.close()


def test_answer_in_text_writes_the_answer_and_plays_nothing(qtbot, app_parts):
    window = app_parts.build()
    app_parts.wait_ready()
    window.composer.text_only.setChecked(True)
    window.composer.focus()
    QTest.keyClicks(window.composer.message_box, "Quietly, please")
    QTest.keyClick(window.composer.message_box, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: ANSWER in transcript(window), timeout=10000)
    (create,) = _sent(app_parts.relay, "response.create")
    assert create["response"] == {"output_modalities": ["text"]}
    qtbot.waitUntil(lambda: not app_parts.controller.answering, timeout=10000)
    playback = app_parts.controller.playback
    assert playback.queued_ms == 0 and playback.frames_played == 0  # no audio came


def test_space_types_in_the_box_and_talks_outside_it(qtbot, app_parts):
    window = app_parts.build()
    app_parts.wait_ready()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.composer.focus()
    box = window.composer.message_box
    QTest.keyClicks(box, "two words")
    keys = QtKeys(box)
    keys.press()
    keys.release()
    assert box.text() == "two words " and not app_parts.controller.talking
    assert _sent(app_parts.relay, "input_audio_buffer.clear") == []

    QTest.keyClick(box, Qt.Key.Key_Escape)
    assert not box.hasFocus() and box.text() == "two words "  # nothing typed is lost
    QtKeys(window).press()
    qtbot.waitUntil(lambda: app_parts.controller.talking)
    QtKeys(window).release()
