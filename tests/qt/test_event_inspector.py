"""View ▸ Events against the relay double: what went each way during a spoken turn, audio
shown as its size, the key nowhere; filtered, searched, copied and saved; recording only
while the window is open."""

from __future__ import annotations

import json
import re

from PySide6.QtGui import QGuiApplication
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QPushButton

from desktop.realtime.client_events import to_wire
from desktop.realtime.event_log import Direction, EventLog
from desktop.ui.event_inspector import EventInspector
from tests.qt.helpers import speak, transcript
from tests.support.relay_double import GOOD_KEY

BASE64_RUN = re.compile(r"[A-Za-z0-9+/]{200,}")


def _open_inspector(qtbot, window):
    window.menu_actions["events"].trigger()
    inspector = window.events
    qtbot.waitExposed(inspector)
    return inspector


def _taken(inspector):
    return [(e.direction, e.type) for e in inspector.table.events]


def _spoken_turn_seen(qtbot, app_parts, speech):
    """Opens the inspector before the session, then speaks a turn and waits for its end."""
    question, _ = speech
    window = app_parts.build(connect=False)
    inspector = _open_inspector(qtbot, window)
    app_parts.controller.connect_session()
    app_parts.wait_ready()
    speak(app_parts, question)
    qtbot.waitUntil(lambda: "sunny" in transcript(window), timeout=10000)
    qtbot.waitUntil(
        lambda: (Direction.RECEIVED, "response.done") in _taken(inspector), timeout=10000
    )
    return window, inspector


def test_the_inspector_shows_each_event_of_a_turn_with_audio_as_its_size(qtbot, app_parts, speech):
    window, inspector = _spoken_turn_seen(qtbot, app_parts, speech)
    taken = _taken(inspector)
    for expected in [
        (Direction.SENT, "session.update"),
        (Direction.RECEIVED, "session.created"),
        (Direction.SENT, "input_audio_buffer.append"),
        (Direction.SENT, "input_audio_buffer.commit"),
        (Direction.RECEIVED, "response.created"),
        (Direction.RECEIVED, "response.done"),
    ]:
        assert expected in taken
    assert taken.index((Direction.SENT, "input_audio_buffer.commit")) < taken.index(
        (Direction.RECEIVED, "response.done")
    )
    audio_in = [e for e in inspector.table.events if e.type == "input_audio_buffer.append"]
    audio_out = [e for e in inspector.table.events if e.type.endswith("audio.delta")]
    assert audio_in and audio_out
    for event in audio_in + audio_out:
        assert "<audio: " in event.text() and " ms>" in event.text()
        assert event.size > 1000  # the size on the wire is the base64 audio's
    for event in inspector.table.events:
        assert not BASE64_RUN.search(event.text()), event.type
        assert GOOD_KEY not in event.text()
    # What the table shows a user, row by row.
    model = inspector.shown
    rows = [[model.index(r, c).data() for c in range(4)] for r in range(model.rowCount())]
    assert ["↑ sent", "session.update"] in [row[1:3] for row in rows]
    assert all(re.fullmatch(r"\d\d:\d\d:\d\d\.\d\d\d", row[0]) for row in rows)
    assert all(row[3].replace(",", "").isdigit() for row in rows)
    assert inspector.status.text() == f"Events: {len(rows):,}"
    assert window.isVisible()  # the conversation goes on beside it


def test_filter_by_type_search_copy_and_save(qtbot, app_parts, speech, tmp_path):
    _, inspector = _spoken_turn_seen(qtbot, app_parts, speech)
    model = inspector.shown
    everything = model.rowCount()

    choice = inspector.type_choice
    choice.setCurrentIndex(choice.findData("response.done"))
    assert model.rowCount() == _taken(inspector).count((Direction.RECEIVED, "response.done"))
    assert inspector.status.text() == f"Shown: {model.rowCount()} of {everything:,}"
    choice.setCurrentIndex(0)
    assert model.rowCount() == everything

    qtbot.keyClicks(inspector.search, "twenty degrees")
    assert inspector.search.text() == "twenty degrees"  # Space here types, it does not talk
    rows = range(model.rowCount())
    found = [inspector.table.events[model.mapToSource(model.index(r, 0)).row()] for r in rows]
    assert found and all("twenty degrees" in e.text() for e in found)
    assert any(e.type.endswith("transcript.done") for e in found)

    inspector.view.setFocus()
    inspector.view.selectRow(0)
    assert "twenty degrees" in inspector.detail.toPlainText()
    QGuiApplication.clipboard().clear()
    QTest.keySequence(inspector.view, "Ctrl+C")
    qtbot.waitUntil(lambda: QGuiApplication.clipboard().text() != "")
    copied = json.loads(QGuiApplication.clipboard().text())
    assert copied["type"] == found[0].type

    inspector.search.clear()  # Save keeps every event, whatever is shown
    save = next(b for b in inspector.findChildren(QPushButton) if b.text() == "Save…")
    save.click()
    dialog = inspector.save_dialog
    qtbot.waitExposed(dialog)
    dialog.selectFile(str(tmp_path / "turn"))
    dialog.accept()
    saved = (tmp_path / "turn.jsonl").read_text(encoding="utf-8")
    records = [json.loads(line) for line in saved.splitlines()]
    assert len(records) == len(inspector.table.events)
    assert [r["type"] for r in records] == [e.type for e in inspector.table.events]
    assert {r["direction"] for r in records} == {"sent", "received"}
    assert GOOD_KEY not in saved and not BASE64_RUN.search(saved)
    assert inspector.status.text() == f"Saved to {tmp_path / 'turn.jsonl'}"


def test_it_records_only_while_open_and_takes_nothing_while_hidden(qtbot, app_parts, speech):
    question, _ = speech
    window = app_parts.build()
    app_parts.wait_ready()
    log = app_parts.controller.event_log
    assert not log.recording and log.after(0) == []  # off by default: nothing kept

    inspector = _open_inspector(qtbot, window)
    assert log.recording
    speak(app_parts, question)
    qtbot.waitUntil(lambda: len(inspector.table.events) > 10, timeout=10000)
    qtbot.waitUntil(lambda: "sunny" in transcript(window), timeout=10000)
    qtbot.waitUntil(lambda: not app_parts.controller.answering, timeout=10000)

    inspector.hide()  # as when minimised: the log gathers, the table waits
    shown_before = len(inspector.table.events)
    speak(app_parts, question)
    qtbot.waitUntil(lambda: len(log.after(0)) > shown_before + 10, timeout=10000)
    qtbot.wait(600)
    assert len(inspector.table.events) == shown_before
    inspector.show()
    qtbot.waitUntil(lambda: len(inspector.table.events) >= len(log.after(0)) - 5)

    inspector.close()
    assert not log.recording
    kept = len(log.after(0))
    qtbot.waitUntil(lambda: not app_parts.controller.answering, timeout=10000)
    speak(app_parts, question)
    qtbot.waitUntil(lambda: transcript(window).count("sunny") >= 3, timeout=10000)
    assert len(log.after(0)) == kept


def test_the_table_holds_no_more_than_the_log_keeps(qtbot):
    log = EventLog(max_events=50)
    inspector = EventInspector(log)
    qtbot.addWidget(inspector)
    inspector.show()
    qtbot.waitExposed(inspector)
    for n in range(120):
        event = {"type": "conversation.item.create", "n": n}
        log.sent(event, to_wire(event))
        if n % 40 == 39:
            qtbot.waitUntil(lambda n=n: _last_n(inspector) == n)
    assert len(inspector.table.events) == 50
    assert [e.record()["event"]["n"] for e in inspector.table.events] == list(range(70, 120))
    assert inspector.status.text() == "Events: 50"
    inspector.clear()
    assert inspector.table.events == [] and log.after(0) == []
    log.sent({"type": "session.update"}, to_wire({"type": "session.update"}))
    qtbot.waitUntil(lambda: len(inspector.table.events) == 1)


def _last_n(inspector):
    events = inspector.table.events
    return events[-1].record()["event"]["n"] if events else None
