"""Where a voice turn's time went, through the window against a relay double that takes
its time to think: kept in the history, exported, drawn on the answer, summed up in
Diagnostics."""

from __future__ import annotations

import json
import time

import pytest
from PySide6.QtCore import Qt

from desktop.audio.pcm import CHUNK_FRAMES
from desktop.history import command
from tests.qt.helpers import speak
from tests.support.relay_double import RelayDouble, scripted_reply

THINKS_MS = 150  # the double's model: response.created, then this long to its first delta
WAIT_MS = 200  # the test holds the speaker back this long once the answer's audio is in
DEVICE_MS = 40  # the fake speaker's output latency


@pytest.fixture
def relay(speech):
    _, answer = speech
    double = RelayDouble(
        scripted_reply(answer.tobytes(), "It is sunny and warm.", "上海今天天气怎么样？"),
        thinks_s=THINKS_MS / 1000,
    )
    double.start()
    yield double
    double.stop()


def _one_timed_turn(qtbot, app_parts, speech):
    """A spoken turn whose answer the speaker starts to play WAIT_MS after it arrived."""
    question, _ = speech
    speak(app_parts, question)
    buffer = app_parts.controller.playback
    qtbot.waitUntil(lambda: buffer.queued_ms > 0, timeout=10000)
    arrived_by = time.perf_counter()
    qtbot.wait(WAIT_MS)
    with qtbot.waitSignal(app_parts.controller.turn_timed, timeout=5000) as timed:
        played_from = time.perf_counter()
        app_parts.pa.output_stream().feed(bytes(CHUNK_FRAMES * 2))
    return timed.args[0], (played_from - arrived_by) * 1000


def test_a_voice_turn_records_where_its_time_went_in_order(qtbot, app_parts, kept, speech, capsys):
    window = kept()
    timed, held_ms = _one_timed_turn(qtbot, app_parts, speech)
    latency = timed.latency
    # Each figure measured, each where the double put its delays.
    assert 0 <= latency.release_to_commit < 500
    # (A few ms either way: each frame spends its own time between the two sockets.)
    assert THINKS_MS - 10 <= latency.created_to_first_delta < THINKS_MS + 500
    assert latency.created_to_first_delta <= latency.commit_to_first_delta
    assert latency.first_delta_to_first_sound >= held_ms + DEVICE_MS
    bars = latency.bars()
    assert all(b.start_ms <= b.end_ms for b in bars)
    assert [b.start_ms for b in bars] == sorted(b.start_ms for b in bars)

    capsys.readouterr()
    assert command.main(["--last", "--format", "json"]) == 0
    (answer,) = [
        t for t in json.loads(capsys.readouterr().out)["turns"] if t["role"] == "assistant"
    ]
    assert answer["latency_ms"] == latency.exported()

    model = window.transcript.model()
    (row,) = [i for i, b in enumerate(window.transcript.model_.bubbles()) if b.latency]
    index = model.index(row, 0)
    assert index.data(Qt.ItemDataRole.DisplayRole) == "It is sunny and warm."
    tooltip = index.data(Qt.ItemDataRole.ToolTipRole)
    assert "<table" in tooltip and "Server" in tooltip and "Playback" in tooltip
    described = index.data(Qt.ItemDataRole.AccessibleDescriptionRole)
    waited = round(latency.release_to_first_sound)
    assert f"Heard {waited:,} ms after you let go" in described


def test_diagnostics_shows_p50_and_p95_of_the_last_turns(qtbot, app_parts, speech):
    window = app_parts.build()
    app_parts.wait_ready()
    window.show_diagnostics()
    table = window.diagnostics.latency_table
    assert table.topLevelItemCount() == 0  # nothing timed yet
    timed, _ = _one_timed_turn(qtbot, app_parts, speech)
    rows = {
        table.topLevelItem(i).text(0): table.topLevelItem(i)
        for i in range(table.topLevelItemCount())
    }
    server = rows["Server: response created → first audio"]
    assert server.text(3) == "1"
    assert server.text(1) == f"{round(timed.latency.created_to_first_delta)} ms"
    assert "Key released → answer heard" in rows


def test_a_kept_answer_shows_its_waterfall_when_opened_again(qtbot, app_parts, kept, speech):
    window = kept()
    timed, _ = _one_timed_turn(qtbot, app_parts, speech)
    conversation_id = window.history_pane._conversations.current_id
    app_parts.app.stop()
    app_parts.app = None
    window = kept()
    window.history_pane._conversations.open(conversation_id)
    (answer,) = [b for b in window.transcript.bubbles() if b.latency is not None]
    assert answer.latency.exported() == timed.latency.exported()
