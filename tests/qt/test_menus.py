"""The menu bar: the platform's standard shortcuts, and Export of the conversation shown."""

from __future__ import annotations

import json

from PySide6.QtGui import QKeySequence
from PySide6.QtTest import QTest

from desktop.app import keep_conversations
from desktop.history import export
from desktop.history.store import HistoryStore, default_path
from tests.qt.helpers import speak, transcript


def _menus(window):
    return {
        menu.title().replace("&", ""): [a.text() for a in menu.actions() if a.text()]
        for menu in (a.menu() for a in window.menuBar().actions())
    }


def test_the_menus_offer_every_action_with_its_usual_keys(qtbot, app_parts, tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    window = app_parts.build(connect=False)
    assert _menus(window) == {
        "File": ["Settings…", "Quit"],
        "Edit": ["Type a Message"],
        "View": ["Diagnostics", "Events"],
        "Help": ["About Realtime Desktop"],
    }  # without a history file there is nothing to keep or export
    keep_conversations(app_parts.app.running)
    assert _menus(window) == {
        "File": ["New conversation", "Export…", "Settings…", "Quit"],
        "Edit": ["Type a Message", "Find…", "Undo delete"],
        "View": ["Conversations", "Usage", "Diagnostics", "Events"],
        "Help": ["About Realtime Desktop"],
    }
    keys = {name: a.shortcut().toString() for name, a in window.menu_actions.items()}
    assert keys["new"] == "Ctrl+N" and keys["find"] == "Ctrl+F" and keys["export"] == "Ctrl+E"
    assert keys["type"] == "Ctrl+L"
    assert keys["quit"] == QKeySequence(QKeySequence.StandardKey.Quit).toString() == "Ctrl+Q"
    assert keys["settings"] in (
        "Ctrl+,",
        QKeySequence(QKeySequence.StandardKey.Preferences).toString(),
    )


def test_export_writes_the_conversation_shown(qtbot, app_parts, speech, tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    question, _ = speech
    window = app_parts.build()
    keep_conversations(app_parts.app.running)
    pane = window.history_pane
    QTest.keySequence(window, "Ctrl+E")
    assert pane.export_dialog is None and "Nothing to export" in window.statusBar().currentMessage()

    app_parts.wait_ready()
    speak(app_parts, question)
    qtbot.waitUntil(lambda: "sunny" in transcript(window), timeout=10000)
    qtbot.waitUntil(lambda: not app_parts.controller.answering, timeout=10000)
    QTest.keySequence(window, "Ctrl+E")
    dialog = pane.export_dialog
    assert dialog is not None
    qtbot.waitExposed(dialog)
    dialog.selectNameFilter("JSON (*.json)")
    dialog.filterSelected.emit("JSON (*.json)")
    dialog.selectFile(str(tmp_path / "talk"))
    dialog.accept()

    store = HistoryStore(default_path())
    last = store.last_conversation_id()
    assert last is not None
    kept = store.conversation(last)
    saved = (tmp_path / "talk.json").read_text(encoding="utf-8")
    assert saved == export.to_json(kept)
    assert json.loads(saved)["turns"][1]["text"] == "It is sunny and warm, about twenty degrees."
    store.close()
