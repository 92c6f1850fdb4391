"""Sessions end (time cap, dropped socket, relay restart); the conversation does not."""

from desktop.realtime import server_events as se
from desktop.realtime import session as rs
from desktop.realtime import session_events as ev
from desktop.realtime.problems import Problem, ProblemKind
from desktop.realtime.session_events import (
    Disconnected,
    IdleTick,
    RetryDue,
    ScheduleRetry,
    SessionRenewed,
)
from desktop.realtime.session_state import SessionState
from tests.support.openai_schema import validate_client_event
from tests.unit.test_session import OPTIONS, ready, run, sent


def a_turn(state, n=1):
    user, answer = f"user_{n}", f"answer_{n}"
    return run(
        state,
        se.InputCommitted("input_audio_buffer.committed", user, None),
        se.AssistantTranscriptDelta(
            "response.output_audio_transcript.delta", f"r{n}", answer, "晴"
        ),
        se.AssistantTranscriptDone(
            "response.output_audio_transcript.done", f"r{n}", answer, f"晴天 {n}"
        ),
        se.UserTranscript(
            "conversation.item.input_audio_transcription.completed", user, f"天气 {n}", True
        ),
    )[0]


def dropped(state):
    return run(state, ev.LinkFailed(Problem(ProblemKind.DROPPED), was_open=True))[0]


def test_the_next_turn_opens_a_new_session_told_the_conversation_so_far():
    state = dropped(a_turn(a_turn(ready(), 1), 2))
    state, effects = run(state, ev.TalkPressed())
    assert isinstance(effects[1], ev.Connect) and state.pending_talk
    state, effects = run(state, se.SessionCreated("session.created", se.Dialect.GA, {}))

    seeds = [e.event for e in effects if isinstance(e, ev.Send)][1:5]
    assert [(s["item"]["role"], s["item"]["content"][0]["text"]) for s in seeds] == [
        ("user", "天气 1"),
        ("assistant", "晴天 1"),
        ("user", "天气 2"),
        ("assistant", "晴天 2"),
    ]
    for seed in seeds:
        validate_client_event(se.Dialect.GA, seed)
    assert SessionRenewed(4) in effects
    # The key is still held: the turn starts as soon as the new session is up.
    assert sent(effects)[-1] == "input_audio_buffer.clear"
    assert ev.StreamMicrophone(True) in effects and state.talking


def test_seeds_speak_the_new_sessions_dialect():
    state = dropped(a_turn(ready(), 1))
    state, _ = run(state, ev.TalkPressed())
    _, effects = run(state, se.SessionCreated("session.created", se.Dialect.BETA, {}))
    seeds = [e.event for e in effects if isinstance(e, ev.Send)][1:3]
    assert seeds[1]["item"]["content"][0]["type"] == "text"
    for seed in seeds:
        validate_client_event(se.Dialect.BETA, seed)


def test_an_answer_the_user_interrupted_is_not_carried_over():
    state = a_turn(ready(), 1)
    state, _ = run(state, se.ResponseCreated("response.created", "r1"))
    state, _ = run(state, ev.TalkPressed(ev.Heard("r1", "answer_1", 0, 500)))
    state = dropped(run(state, ev.TalkReleased(50))[0])
    state, _ = run(state, ev.TalkPressed())
    _, effects = run(state, se.SessionCreated("session.created", se.Dialect.GA, {}))
    texts = [
        e.event["item"]["content"][0]["text"]
        for e in effects
        if isinstance(e, ev.Send) and e.event["type"] == "conversation.item.create"
    ]
    assert texts == ["天气 1"]


def test_new_settings_keep_the_conversation():
    state = a_turn(ready(), 1)
    state, effects = run(state, Disconnected(), ev.ConnectRequested(OPTIONS))
    assert effects[0] == ev.LinkChanged(ev.Link.OFFLINE)
    _, effects = run(state, se.SessionCreated("session.created", se.Dialect.GA, {}))
    assert SessionRenewed(2) in effects


def test_an_expired_session_ends_quietly():
    state, _ = run(
        ready(),
        se.ServerError(
            "error", "Your session hit the maximum duration of 60 minutes.", "session_expired"
        ),
    )
    state, effects = run(state, ev.LinkFailed(Problem(ProblemKind.DROPPED), was_open=True))
    assert ev.ShowHint(ev.Hint.SESSION_EXPIRED) in effects
    assert not any(isinstance(e, ev.ShowProblem) for e in effects)


def test_idle_sessions_are_kept_alive_for_free_and_busy_ones_left_alone():
    state = ready()
    assert sent(run(state, IdleTick())[1]) == ["input_audio_buffer.clear"]
    talking, _ = run(state, ev.TalkPressed())
    assert run(talking, IdleTick())[1] == []
    answering, _ = run(state, se.ResponseCreated("response.created", "r1"))
    assert run(answering, IdleTick())[1] == []
    assert run(SessionState(), IdleTick())[1] == []


def test_while_the_user_waits_a_failed_connect_backs_off_then_gives_up():
    state, _ = run(SessionState(options=OPTIONS, link=ev.Link.LOST), ev.TalkPressed())
    delays = []
    for _ in range(len(rs.RETRY_DELAYS_S)):
        state, effects = run(state, ev.LinkFailed(Problem(ProblemKind.UNREACHABLE), False))
        delays += [e.delay_s for e in effects if isinstance(e, ScheduleRetry)]
        state, effects = run(state, RetryDue())
        assert isinstance(effects[1], ev.Connect)
    assert delays == list(rs.RETRY_DELAYS_S)
    state, effects = run(state, ev.LinkFailed(Problem(ProblemKind.UNREACHABLE), False))
    assert any(isinstance(e, ev.ShowProblem) for e in effects)
    assert not state.pending_talk


def test_errors_no_retry_can_fix_are_not_retried():
    for kind in (ProblemKind.BAD_KEY, ProblemKind.NO_QUOTA, ProblemKind.UNKNOWN_MODEL):
        state, _ = run(SessionState(options=OPTIONS, link=ev.Link.LOST), ev.TalkPressed())
        _, effects = run(state, ev.LinkFailed(Problem(kind), False))
        assert not any(isinstance(e, ScheduleRetry) for e in effects)
        assert ev.ShowProblem(Problem(kind)) in effects


def test_letting_go_while_connecting_cancels_the_turn():
    state, _ = run(SessionState(options=OPTIONS, link=ev.Link.LOST), ev.TalkPressed())
    state, _ = run(state, ev.TalkReleased(0))
    _, effects = run(state, se.SessionCreated("session.created", se.Dialect.GA, {}))
    assert ev.StreamMicrophone(True) not in effects
