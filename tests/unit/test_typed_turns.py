"""Typed messages: a user text item and an answer, in audio or only in text, in both
dialects; typed while connecting, they go once the session is up; typed during an
answer, they cut it off as a spoken turn does."""

from desktop.realtime import server_events as se
from desktop.realtime import session_events as ev
from desktop.realtime.session_state import SessionState
from tests.unit.test_session import OPTIONS, ready, run, sent


def _sends(effects):
    """The events sent, without their event ids."""
    return [
        {k: v for k, v in e.event.items() if k != "event_id"}
        for e in effects
        if isinstance(e, ev.Send)
    ]


def test_a_typed_message_is_an_item_and_an_answer_in_both_dialects():
    for dialect in (se.Dialect.GA, se.Dialect.BETA):
        _state, effects = run(ready(dialect), ev.TextSent("  Hello there ", "t1"))
        item, create = _sends(effects)
        assert item["type"] == "conversation.item.create"
        assert item["item"]["role"] == "user"
        assert item["item"]["content"] == [{"type": "input_text", "text": "Hello there"}]
        assert create == {"type": "response.create"}  # audio, as the session says
        shown = next(e for e in effects if isinstance(e, ev.TranscriptText))
        assert (shown.text, shown.typed, shown.final) == ("Hello there", True, True)


def test_answer_in_text_asks_for_text_only():
    _state, effects = run(ready(se.Dialect.GA), ev.TextSent("Quiet please", "t1", text_only=True))
    assert _sends(effects)[-1] == {
        "type": "response.create",
        "response": {"output_modalities": ["text"]},
    }
    _state, effects = run(ready(se.Dialect.BETA), ev.TextSent("Quiet please", "t1", text_only=True))
    assert _sends(effects)[-1]["response"] == {"modalities": ["text"]}


def test_an_empty_message_sends_nothing():
    _state, effects = run(ready(), ev.TextSent("   ", "t1"))
    assert effects == []


def test_typed_while_connecting_goes_once_the_session_is_up():
    state, effects = run(SessionState(), ev.ConnectRequested(OPTIONS), ev.TextSent("Hi", "t1"))
    assert "conversation.item.create" not in sent(effects)
    assert any(isinstance(e, ev.TranscriptText) and e.text == "Hi" for e in effects)
    state, effects = run(state, se.SessionCreated("session.created", se.Dialect.GA, {}))
    assert sent(effects) == ["session.update", "conversation.item.create", "response.create"]
    assert state.pending_texts == ()


def test_typed_during_an_answer_cuts_it_off_and_asks_once_it_has_ended():
    state, _ = run(ready(), ev.TalkPressed(), ev.TalkReleased(captured_ms=1500))
    state, _ = run(state, se.ResponseCreated("response.created", "r1"))
    heard = ev.Heard("r1", "a1", 0, 800)
    state, effects = run(state, ev.TextSent("Stop, in text please", "t1", True, heard))
    assert sent(effects) == [
        "response.cancel",
        "conversation.item.truncate",
        "conversation.item.create",
    ]
    assert ev.DropResponseAudio("r1") in effects
    state, effects = run(state, se.ResponseDone("response.done", "r1", "cancelled"))
    assert _sends(effects) == [
        {"type": "response.create", "response": {"output_modalities": ["text"]}}
    ]
