"""Recorded server sequences of both dialects replay through the parser and the session
logic into the transcript a user would see.

They include what trips clients up: input transcription that lands after the answer, an
event type this client has never heard of, a custom voice object in the session, a
`transcription_session.updated` on a realtime session, and `obfuscation` fields.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from desktop.realtime import server_events as se
from desktop.realtime import session as rs
from desktop.realtime import session_events as ev
from desktop.realtime.client_events import SessionOptions
from desktop.realtime.session_state import SessionState
from tests.support.openai_schema import event_classes, validate_server_event

DATA = Path(__file__).resolve().parents[1] / "data"


def frames(name):
    return (DATA / name).read_text(encoding="utf-8").splitlines()


def replay(name):
    """What the window would show, item by item, after the whole sequence."""
    state, _ = rs.step(SessionState(), ev.ConnectRequested(SessionOptions("alloy", "")))
    shown: dict[str, str] = {}
    problems = []
    for frame in frames(name):
        state, effects = rs.step(state, se.parse_server_event(frame))
        for effect in effects:
            if isinstance(effect, ev.TranscriptText):
                old = shown.get(effect.item_id, "")
                shown[effect.item_id] = old + effect.text if effect.append else effect.text
            elif isinstance(effect, ev.ShowProblem):
                problems.append(effect.problem)
    return state, shown, problems


@pytest.mark.parametrize(
    ("name", "dialect", "expected"),
    [
        (
            "ga_turn.jsonl",
            se.Dialect.GA,
            {"item_U1": "上海今天天气怎么样？", "item_A1": "今天上海晴，大约二十度。"},
        ),
        (
            "beta_turn.jsonl",
            se.Dialect.BETA,
            {"item_U1": "What's the weather like?", "item_A1": "It is sunny and warm."},
        ),
    ],
)
def test_a_recorded_turn_replays_into_the_transcript(name, dialect, expected):
    state, shown, problems = replay(name)
    assert state.dialect is dialect and state.link is ev.Link.READY
    assert shown == expected
    assert list(shown) == ["item_U1", "item_A1"]  # the user's line stays above the answer
    assert problems == []
    assert state.response_id is None


@pytest.mark.parametrize("name", ["ga_turn.jsonl", "beta_turn.jsonl"])
def test_every_recorded_frame_parses_and_known_ones_are_valid_events(name):
    dialect = se.Dialect.GA if name.startswith("ga") else se.Dialect.BETA
    known = event_classes(dialect, "server")
    for frame in frames(name):
        event = se.parse_server_event(frame)
        assert not isinstance(event, se.MalformedFrame), frame[:80]
        data = json.loads(frame)
        if data["type"] in known and "voice_" not in frame:
            # The openai types reject custom voice objects; the client must not.
            validate_server_event(dialect, data)


def test_a_custom_voice_object_does_not_confuse_the_dialect():
    created = se.parse_server_event(frames("ga_turn.jsonl")[0])
    assert isinstance(created, se.SessionCreated)
    assert created.session["audio"]["output"]["voice"] == {"id": "voice_1234abcd"}
    assert created.dialect is se.Dialect.GA
