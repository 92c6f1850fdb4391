"""What the event inspector costs: the app's CPU while an answer plays at real time, with
View ▸ Events closed and then open (recording, its table refreshing); and what the socket
thread pays to log one event."""

from __future__ import annotations

import base64
import json
import statistics
import time
from pathlib import Path

from bench.plumbing import App, Relay, cpu_seconds, run_events, speak, wait_until
from desktop.api_facts import RATE
from desktop.realtime.event_log import EventLog
from desktop.realtime.server_events import parse_server_event


def measure(question: Path, question_len: int, seconds: float = 20.0) -> list[str]:
    relay = Relay(answer_seconds=seconds + 8, pace=1.0)
    app = App(relay)
    try:
        closed = _listening_cpu(app, relay, question, question_len, 1, seconds)
        app.window.show_events()
        opened = _listening_cpu(app, relay, question, question_len, 2, seconds)
        inspector = app.window.events
        assert inspector is not None
        rows = len(inspector.table.events)
    finally:
        app.close()
        relay.close()
    audio_us, text_us = log_cost_us()
    return [
        f"app CPU while an answer plays at real time, {seconds:g} s each "
        "(% of one core; the event inspector's cost is the difference):",
        f"  View ▸ Events closed: {closed:5.1f} %",
        f"  View ▸ Events open:   {opened:5.1f} %  ({rows:,} events in its table)",
        f"logging one event on the socket thread: 100 ms audio delta {audio_us:.1f} µs, "
        f"text delta {text_us:.1f} µs (median)",
    ]


def _listening_cpu(
    app: App, relay: Relay, question: Path, question_len: int, turn: int, seconds: float
) -> float:
    """% of one core over `seconds` of an answer, from a second into it."""
    speak(app, relay, question, question_len)
    relay.wait_for("first_audio_sent", turn, 10)
    buffer = app.controller.playback
    played = buffer.frames_played
    wait_until(lambda: buffer.frames_played > played + RATE, 10, "playback")
    cpu0, wall0 = cpu_seconds(), time.perf_counter()
    run_events(int(seconds * 1000))
    return (cpu_seconds() - cpu0) / (time.perf_counter() - wall0) * 100


def log_cost_us(events: int = 20_000) -> tuple[float, float]:
    """Median µs to log an audio delta and a text delta, recording, the log full."""
    ids = {"response_id": "resp_1", "item_id": "item_1", "output_index": 0, "content_index": 0}
    audio = json.dumps(
        {"type": "response.output_audio.delta", "delta": base64.b64encode(bytes(4800)).decode()}
        | ids
    )
    text = json.dumps({"type": "response.output_audio_transcript.delta", "delta": " warm,"} | ids)
    log = EventLog()
    log.recording = True
    costs: dict[str, list[float]] = {audio: [], text: []}
    for frame in (audio, text):
        event = parse_server_event(frame)
        for _ in range(events):
            started = time.perf_counter()
            log.received(frame, event)
            costs[frame].append((time.perf_counter() - started) * 1e6)
    return statistics.median(costs[audio]), statistics.median(costs[text])
