"""The sidebar of kept conversations: they are there after a restart, searchable in English
and Chinese; one opened goes on (the new session is told it); delete can be undone; a new
conversation starts empty."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from desktop.history.store import HistoryStore, default_path
from tests.qt.helpers import speak, transcript

ANSWER = "It is sunny and warm, about twenty degrees."
QUESTION = "上海今天天气怎么样？"


def _one_turn(qtbot, app_parts, question):
    answers = transcript(app_parts.window).count(ANSWER)
    speak(app_parts, question)
    qtbot.waitUntil(lambda: transcript(app_parts.window).count(ANSWER) > answers, timeout=10000)
    qtbot.waitUntil(lambda: not app_parts.controller.answering, timeout=10000)


def _restart(app_parts, kept):
    app_parts.app.stop()
    app_parts.app = None
    return kept()


def _click(qtbot, sidebar, row):
    item = sidebar.list.item(row)
    rect = sidebar.list.visualItemRect(item)
    qtbot.mouseClick(sidebar.list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def test_a_kept_conversation_goes_on_where_it_left_off(qtbot, app_parts, kept, speech):
    question, _ = speech
    kept()
    _one_turn(qtbot, app_parts, question)
    window = _restart(app_parts, kept)  # new window, controller and store; same folder
    sidebar = window.history_pane.sidebar
    assert [sidebar.list.item(0).text()] == [QUESTION]  # titled by the first thing said
    assert transcript(window) == ""  # a new start begins a new conversation

    _click(qtbot, sidebar, 0)
    qtbot.waitUntil(lambda: ANSWER in transcript(window))
    assert QUESTION in transcript(window)
    assert any("go on with this conversation" in note for note in window.transcript.notes())
    app_parts.wait_ready()  # a new session, told what was said before
    seeded = [
        part["text"]
        for event in app_parts.relay.received
        if event["type"] == "conversation.item.create"
        for part in event["item"]["content"]
    ]
    assert seeded[-2:] == [QUESTION, ANSWER]

    _one_turn(qtbot, app_parts, question)
    store = HistoryStore(default_path())
    (only,) = store.conversations()  # the turn went on in the same conversation
    conversation = store.conversation(only.id)
    assert conversation is not None
    assert [t.role for t in conversation.turns] == ["user", "assistant", "user", "assistant"]
    store.close()


def test_search_finds_english_and_chinese_and_new_starts_empty(qtbot, app_parts, kept, speech):
    question, _ = speech
    window = kept()
    sidebar = window.history_pane.sidebar
    _one_turn(qtbot, app_parts, question)
    qtbot.waitUntil(lambda: sidebar.list.count() == 1)
    QTest.keySequence(window, "Ctrl+N")
    assert transcript(window) == "" and window.history_pane.sidebar.list.count() == 1
    app_parts.wait_ready()  # a new session for the new conversation
    _one_turn(qtbot, app_parts, question)
    qtbot.waitUntil(lambda: sidebar.list.count() == 2)

    QTest.keySequence(window, "Ctrl+F")
    assert sidebar.search_field.hasFocus()
    for query, found in (("sunny and", 2), ("天气", 2), ("今天天气", 2), ("rainy", 0)):
        sidebar.search_field.setText(query)
        assert sidebar.list.count() == found, query
    sidebar.search_field.setText("twenty")
    assert "about twenty degrees" in sidebar.list.item(0).text()  # the line that matched


def test_a_deleted_conversation_comes_back_with_undo(qtbot, app_parts, kept, speech):
    question, _ = speech
    window = kept()
    pane = window.history_pane
    _one_turn(qtbot, app_parts, question)
    qtbot.waitUntil(lambda: pane.sidebar.list.count() == 1)
    kept_id = pane.sidebar.ids()[0]

    pane.sidebar.list.setCurrentRow(0)
    pane.sidebar.list.setFocus()
    QTest.keyClick(pane.sidebar.list, Qt.Key.Key_Delete)
    assert pane.sidebar.list.count() == 0
    assert transcript(window) == ""  # the open conversation was the one deleted
    assert pane.undo_button.isVisible()
    qtbot.mouseClick(pane.undo_button, Qt.MouseButton.LeftButton)
    assert pane.sidebar.ids() == [kept_id] and not pane.undo_button.isVisible()

    pane.delete(kept_id)
    app_parts.app.stop()  # quitting makes a delete final
    app_parts.app = None
    store = HistoryStore(default_path())
    assert store.conversations() == []
    store.restore(kept_id)
    assert store.conversations() == []
    store.close()
