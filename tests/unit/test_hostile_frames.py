"""Whatever a relay sends, the parser, the inbox, the session logic and the playback buffer
survive it.

Real recorded sequences of both dialects are mutated frame by frame: values of the wrong
type, keys missing or added, huge strings, invalid base64 and odd byte counts in audio,
invalid UTF-8, binary and non-JSON frames, deep nesting and unknown event types.
"""

from __future__ import annotations

import base64
import json
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.audio.playback_buffer import PlaybackBuffer
from desktop.realtime import server_events as se
from desktop.realtime import session as rs
from desktop.realtime import session_events as ev
from desktop.realtime.client_events import SessionOptions
from desktop.realtime.inbox import EventInbox
from desktop.realtime.session_state import SessionState

DATA = Path(__file__).resolve().parents[1] / "data"
RECORDED = [
    [json.loads(line) for line in (DATA / name).read_text(encoding="utf-8").splitlines() if line]
    for name in ("ga_turn.jsonl", "beta_turn.jsonl")
]
KNOWN_TYPES = sorted({event["type"] for sequence in RECORDED for event in sequence})
FRAMES_PER_EXAMPLE = 40
EXAMPLES = 2_500  # × 40 frames: 100,000 frames per run

junk_values = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(2**70), 2**70),
    st.floats(allow_nan=True),
    st.text(max_size=30),
    st.just("x" * 200_000),
    st.lists(st.integers(), max_size=3),
    st.dictionaries(st.text(max_size=5), st.integers(), max_size=3),
)
audio_payloads = st.one_of(
    st.binary(max_size=301).map(lambda b: base64.b64encode(b).decode()),  # odd counts too
    st.text(alphabet="ABCD=%$!-_", max_size=40),  # not base64
    st.just("QUJD"),  # three bytes
)


def deep(depth: int) -> str:
    return "[" * depth + "]" * depth


@st.composite
def mutated(draw: Any, event: dict[str, Any]) -> str | bytes:
    kind = draw(st.integers(0, 11))
    event = json.loads(json.dumps(event))
    if kind == 0:
        return json.dumps(event)  # untouched: the real sequence goes on around the junk
    if kind == 1 and event:
        event[draw(st.sampled_from(sorted(event)))] = draw(junk_values)
    elif kind == 2 and event:
        event.pop(draw(st.sampled_from(sorted(event))))
    elif kind == 3:
        event[draw(st.text(max_size=8))] = draw(junk_values)
    elif kind == 4:
        event["delta"] = draw(audio_payloads)
    elif kind == 5:
        event["type"] = draw(st.sampled_from([*KNOWN_TYPES, "", "x.y", "response.unknown"]))
    elif kind == 6:
        return draw(st.binary(max_size=64)) + b"\xff\xfe"  # invalid UTF-8
    elif kind == 7:
        return draw(st.text(max_size=64))  # not JSON, usually
    elif kind == 8:
        return deep(draw(st.integers(10, 100_000)))
    elif kind == 9:
        return json.dumps(draw(junk_values))  # JSON, but no object
    elif kind == 10:
        return json.dumps(event).encode()  # a binary frame
    elif kind == 11 and isinstance(event.get("response"), dict):
        event["response"] = draw(junk_values)
    return json.dumps(event)


@st.composite
def hostile_sequences(draw: Any) -> list[str | bytes]:
    recorded = draw(st.sampled_from(RECORDED))
    frames: list[str | bytes] = []
    while len(frames) < FRAMES_PER_EXAMPLE:
        for event in recorded:
            frames.append(draw(mutated(event)))
            if len(frames) == FRAMES_PER_EXAMPLE:
                break
    return frames


def ready_state() -> SessionState:
    state = SessionState()
    for event in (ev.ConnectRequested(SessionOptions("alloy", "")), ev.LinkOpened()):
        state, _ = rs.step(state, event)
    return state


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    derandomize=True,  # the same frames every run: CI never flakes on a new draw
)
@given(hostile_sequences())
def test_hostile_frames_raise_nothing_anywhere(frames):
    state = ready_state()
    buffer = PlaybackBuffer(prebuffer_ms=0)
    inbox = EventInbox()  # the way to the GUI thread, joining what it can
    for n, frame in enumerate(frames):
        event = se.parse_server_event(frame)
        if isinstance(event, se.AudioDelta):
            buffer.push(event.response_id, event.item_id, event.content_index, event.pcm)
        inbox.put(event)
        if n % 3:
            continue  # let some wait, so they are joined
        for waiting in inbox.take_all():
            state, effects = rs.step(state, waiting)
            for effect in effects:
                if isinstance(effect, ev.DropResponseAudio):
                    buffer.drop_response(effect.response_id)
        assert len(buffer.pull(240)) == 480
