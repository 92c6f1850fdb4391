"""What is said is kept: the window and controller of the real wiring write it to the
history file as it is shown, and a new app (new objects, the same data folder) finds it."""

from __future__ import annotations

from desktop.app import keep_conversations
from desktop.history import export
from desktop.history.store import HistoryStore, default_path
from tests.qt.helpers import speak, transcript


def test_a_conversation_is_kept_across_a_restart(qtbot, app_parts, kept, speech):
    question, _ = speech
    window = kept()
    speak(app_parts, question)
    qtbot.waitUntil(lambda: "sunny" in transcript(window), timeout=10000)
    qtbot.waitUntil(lambda: app_parts.controller.answering is False, timeout=10000)
    shown = window.transcript.texts()
    app_parts.app.stop()
    app_parts.app = None

    store = HistoryStore(default_path())  # what the next start of the app opens
    last = store.last_conversation_id()
    assert last is not None
    kept = store.conversation(last)
    assert kept is not None
    assert kept.model == "gpt-realtime" and kept.base_url == app_parts.relay.server.base_url
    assert [(t.role, t.text) for t in kept.turns] == [
        ("user", "上海今天天气怎么样？"),
        ("assistant", "It is sunny and warm, about twenty degrees."),
    ]
    assert all(turn.text in "\n".join(shown) for turn in kept.turns)  # as the window showed
    assert "## User (voice)" in export.to_markdown(kept)
    store.close()


def test_a_history_file_that_cannot_be_written_leaves_the_conversation_going(
    qtbot, app_parts, speech, tmp_path, monkeypatch
):
    data = tmp_path / "data"
    (data / "realtime-desktop").mkdir(parents=True)
    (data / "realtime-desktop" / "history.sqlite3").write_bytes(b"not a database" * 100)
    monkeypatch.setenv("XDG_DATA_HOME", str(data))
    question, _ = speech
    window = app_parts.build()
    keep_conversations(app_parts.app.running)
    assert app_parts.app.running.recorder is None
    assert any("not being saved" in note for note in window.transcript.notes())
    app_parts.wait_ready()
    speak(app_parts, question)
    qtbot.waitUntil(lambda: "sunny" in transcript(window), timeout=10000)
