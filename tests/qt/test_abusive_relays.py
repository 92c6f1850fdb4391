"""A relay that floods, bloats or announces absurd frames: memory stays bounded, the window
stays usable and the conversation so far stays on screen.

The relay double runs in this process, so it sends its abuse as a stream, never holding it
whole; what the figures measure is the app's share.
"""

from __future__ import annotations

import gc
import json
import struct
import tracemalloc

import pytest

from desktop.realtime.session_events import Link
from desktop.realtime.session_server import MAX_LINE_CHARS
from tests.qt.helpers import speak, transcript
from tests.support import memory
from tests.support.relay_double import send_raw_text

TRANSCRIPT_DELTA = "response.output_audio_transcript.delta"
TRANSCRIPT_DONE = "response.output_audio_transcript.done"


def _first_of(kind: str, abuse):
    """A rewrite that runs `abuse(ws, frame)` in place of the first frame of `kind`."""
    done: list[bool] = []

    def rewrite(ws, message):
        if not done and isinstance(message, str) and json.loads(message)["type"] == kind:
            done.append(True)
            yield from abuse(ws, message)
        else:
            yield message

    return rewrite


def _connected(qtbot, relay_window, rewrite):
    """A window connected to a relay that abuses it; memory counted from here on."""
    parts = relay_window(rewrite=rewrite)
    qtbot.waitUntil(lambda: parts.controller.link is Link.READY, timeout=5000)
    before = memory.resident_mb()
    memory.reset_peak()
    return parts, before


def _million_tiny_deltas(ws, frame):
    yield frame
    event = json.loads(frame)
    send_raw_text(ws, json.dumps({**event, "delta": "字"}, ensure_ascii=False), 1_000_000)


@pytest.mark.timeout(400)  # a million frames through websocket-client take about a minute
def test_a_million_tiny_deltas_cost_one_line_and_little_memory(qtbot, relay_window, speech):
    question, _ = speech
    parts, before = _connected(
        qtbot, relay_window, _first_of(TRANSCRIPT_DELTA, _million_tiny_deltas)
    )
    streamed = []
    parts.controller.transcript_changed.connect(
        lambda change: streamed.append(len(change.text)) if change.append else None
    )
    speak(parts, question)
    # The final text replaces what streamed: the whole answer, back to normal.
    # A million frames through websocket-client: over two minutes on a slow machine.
    qtbot.waitUntil(lambda: "It is sunny, 晴天" in transcript(parts.window), timeout=300_000)
    peak = memory.peak_mb() - before
    print(f"\n1,000,000 deltas: peak +{peak:.0f} MB over {before:.0f} MB, {len(streamed)} updates")
    assert sum(streamed) <= MAX_LINE_CHARS + 2  # the line stopped growing at its limit
    assert len(streamed) < 100_000  # deltas the window had not shown yet were joined
    assert peak < 120
    speak(parts, question)  # the next turn works
    qtbot.waitUntil(lambda: len(parts.relay.turns) == 2, timeout=10_000)


def _ten_megabytes(_ws, frame):
    event = json.loads(frame)
    piece = "晴" * 10_000
    for _ in range(350):  # ~10 MB of UTF-8 in deltas…
        yield json.dumps({**event, "type": TRANSCRIPT_DELTA, "delta": piece}, ensure_ascii=False)
    # …and once more as the final text.
    yield json.dumps({**event, "transcript": piece * 350}, ensure_ascii=False)


def test_a_ten_megabyte_transcript_is_cut_and_the_window_keeps_up(qtbot, relay_window, speech):
    question, _ = speech
    parts, before = _connected(qtbot, relay_window, _first_of(TRANSCRIPT_DONE, _ten_megabytes))
    tracemalloc.start()
    try:
        speak(parts, question)
        qtbot.waitUntil(lambda: "晴晴晴 …" in transcript(parts.window), timeout=60_000)
        gc.collect()
        speak(parts, question)  # the next turn works, and nothing of the last one lingers
        qtbot.waitUntil(lambda: "晴天" in transcript(parts.window).split("\n")[-1], timeout=10_000)
        # Frames in flight may hold a piece for a moment; nothing may hold it for good.
        held = []
        qtbot.waitUntil(
            lambda: held.append(_held_by_the_app(tracemalloc.take_snapshot())) or held[-1] < 2e6,
            timeout=10_000,
        )
    finally:
        tracemalloc.stop()
    peak = memory.peak_mb() - before
    print(f"\n10 MB transcript: peak +{peak:.0f} MB, {held[-1] / 1e6:.1f} MB kept")
    cut = next(text for text in parts.window.transcript.texts() if "晴晴晴" in text)
    assert len(cut) <= MAX_LINE_CHARS + 40
    assert peak < 150


def _held_by_the_app(snapshot: tracemalloc.Snapshot) -> int:
    """Bytes still allocated, leaving out the relay double's share (same process)."""
    double = [
        tracemalloc.Filter(False, pattern, all_frames=True)
        for pattern in ("*/websockets/*", "*/desktop/loopback/*", "*/tests/*", "*/json/encoder.py")
    ]
    gc.collect()
    return sum(stat.size for stat in snapshot.filter_traces(double).statistics("filename"))


def _announce_two_gigabytes(ws, _frame):
    # A text frame header that announces 2 GiB, then some of it: a reader that trusts the
    # length would try to hold all of it.
    ws.socket.sendall(bytes([0x81, 127]) + struct.pack("!Q", 2 << 30) + b"x" * (1 << 20))
    return ()


def test_a_frame_of_absurd_size_ends_the_session_with_its_size(qtbot, relay_window, speech):
    question, _ = speech
    parts, before = _connected(
        qtbot, relay_window, _first_of(TRANSCRIPT_DONE, _announce_two_gigabytes)
    )
    speak(parts, question)
    qtbot.waitUntil(lambda: parts.controller.link is Link.LOST, timeout=10_000)
    peak = memory.peak_mb() - before
    print(f"\n2 GiB frame announced: peak +{peak:.0f} MB")
    assert "2048 MB" in parts.window.banner.text()
    assert "It is sunny" in transcript(parts.window)  # what arrived stays
    assert peak < 40
    speak(parts, question)  # a new session takes the next turn
    qtbot.waitUntil(lambda: len(parts.relay.turns) >= 1 and parts.controller.link is Link.READY)
