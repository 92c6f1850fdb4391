"""The conversation's decisions, step by step, without threads, sockets or devices."""

from desktop.realtime import server_events as se
from desktop.realtime import session as rs
from desktop.realtime import session_events as ev
from desktop.realtime.client_events import SessionOptions
from desktop.realtime.problems import Problem, ProblemKind, Reason
from desktop.realtime.session_server import MAX_LINE_CHARS
from desktop.realtime.session_state import SessionState

OPTIONS = SessionOptions(voice="alloy", instructions="")


def run(state, *events):
    effects: list[ev.Effect] = []
    for event in events:
        state, out = rs.step(state, event)
        effects.extend(out)
    return state, effects


def sent(effects):
    return [e.event["type"] for e in effects if isinstance(e, ev.Send)]


def ready(dialect=se.Dialect.GA):
    state, _ = run(
        SessionState(),
        ev.ConnectRequested(OPTIONS),
        ev.LinkOpened(),
        se.SessionCreated("session.created", dialect, {}),
    )
    return state


def answering(first_words):
    """Ready, with an answer under way whose transcript has begun."""
    state, _ = run(
        ready(),
        se.ResponseCreated("response.created", "resp_1"),
        se.AssistantTranscriptDelta(
            "response.output_audio_transcript.delta", "resp_1", "it_1", first_words
        ),
    )
    return state


def test_connect_then_session_created_configures_the_dialect_it_revealed():
    state, effects = run(SessionState(), ev.ConnectRequested(OPTIONS))
    assert isinstance(effects[1], ev.Connect)
    assert state.link is ev.Link.CONNECTING
    state, effects = run(state, se.SessionCreated("session.created", se.Dialect.BETA, {}))
    assert state.link is ev.Link.READY and state.dialect is se.Dialect.BETA
    update = next(e.event for e in effects if isinstance(e, ev.Send))
    assert update["type"] == "session.update"
    assert update["session"]["turn_detection"] is None and "type" not in update["session"]


def test_a_turn_clears_streams_commits_and_asks_for_an_answer():
    state, effects = run(ready(), ev.TalkPressed())
    assert sent(effects) == ["input_audio_buffer.clear"]
    assert ev.StreamMicrophone(True) in effects
    state, effects = run(state, ev.TalkReleased(captured_ms=1500))
    assert sent(effects) == ["input_audio_buffer.commit", "response.create"]
    assert effects[0] == ev.StreamMicrophone(False)
    assert not state.talking


def test_a_short_press_sends_no_commit_and_says_why():
    _state, effects = run(ready(), ev.TalkPressed(), ev.TalkReleased(captured_ms=60))
    assert "input_audio_buffer.commit" not in sent(effects)
    assert "response.create" not in sent(effects)
    assert ev.ShowHint(ev.Hint.TOO_SHORT) in effects


def test_a_second_press_while_held_does_not_start_another_turn():
    state, _ = run(ready(), ev.TalkPressed())
    state, effects = run(state, ev.TalkPressed())
    assert effects == []


def test_barge_in_cancels_truncates_at_what_was_heard_and_drops_the_rest():
    state = answering("Hello")
    heard = ev.Heard("resp_1", "it_1", 0, audio_end_ms=840)
    state, effects = run(state, ev.TalkPressed(heard))
    assert sent(effects) == [
        "response.cancel",
        "conversation.item.truncate",
        "input_audio_buffer.clear",
    ]
    truncate = [e.event for e in effects if isinstance(e, ev.Send)][1]
    assert truncate["item_id"] == "it_1" and truncate["audio_end_ms"] == 840
    assert ev.DropResponseAudio("resp_1") in effects
    # No audio of it came after "Hello": all of it was heard.
    assert ev.TranscriptInterrupted("it_1", heard_chars=5) in effects
    # Late transcript of the cancelled response does not reach the screen.
    state, effects = run(
        state,
        se.AssistantTranscriptDelta(
            "response.output_audio_transcript.delta", "resp_1", "it_1", " world"
        ),
    )
    assert effects == []


def test_release_before_the_cancelled_response_ends_waits_to_create():
    state, _ = run(ready(), se.ResponseCreated("response.created", "resp_1"), ev.TalkPressed())
    state, effects = run(state, ev.TalkReleased(captured_ms=900))
    assert sent(effects) == ["input_audio_buffer.commit"]
    state, effects = run(state, se.ResponseDone("response.done", "resp_1", "cancelled"))
    assert sent(effects) == ["response.create"]


def test_transcripts_stream_and_user_line_is_placed_at_commit():
    _state, effects = run(
        ready(),
        se.InputCommitted("input_audio_buffer.committed", "user_1", None),
        se.AssistantTranscriptDelta("response.output_audio_transcript.delta", "r", "a_1", "你好"),
        se.UserTranscript(
            "conversation.item.input_audio_transcription.completed", "user_1", "Hi", True
        ),
    )
    texts = [e for e in effects if isinstance(e, ev.TranscriptText)]
    assert [(t.role, t.item_id, t.text) for t in texts] == [
        (ev.Role.USER, "user_1", ""),
        (ev.Role.ASSISTANT, "a_1", "你好"),
        (ev.Role.USER, "user_1", "Hi"),
    ]
    assert texts[2].final and not texts[2].append


def test_server_errors_are_shown_and_the_session_goes_on():
    state = ready()
    state, effects = run(state, se.ServerError("error", "Invalid value: 'nova'.", "invalid_value"))
    assert [type(e) for e in effects] == [ev.ShowProblem]
    assert state.link is ev.Link.READY


def test_harmless_barge_in_errors_are_not_shown():
    _state, effects = run(
        ready(),
        se.ServerError(
            "error", "Cancellation failed: no active response found", "response_cancel_not_active"
        ),
        se.ServerError("error", "Audio content of 9800ms is already shorter than 11579ms", None),
        # A relay that sends its own response.create provokes this; its answer still plays.
        se.ServerError(
            "error",
            "Conversation already has an active response in progress.",
            "conversation_already_has_active_response",
        ),
    )
    assert effects == []


def test_a_failed_response_explains_itself():
    _, effects = run(
        ready(), se.ResponseDone("response.done", "r", "failed", "no access", "model_not_found")
    )
    problem = next(e.problem for e in effects if isinstance(e, ev.ShowProblem))
    assert problem.kind is ProblemKind.UNKNOWN_MODEL


def test_a_dropped_socket_stops_the_turn_and_offers_reconnect():
    state, _ = run(ready(), ev.TalkPressed())
    state, effects = run(state, ev.LinkFailed(Problem(ProblemKind.DROPPED), was_open=True))
    assert state.link is ev.Link.LOST and not state.talking
    assert ev.StreamMicrophone(False) in effects
    state, effects = run(state, ev.ConnectRequested(OPTIONS))
    assert isinstance(effects[1], ev.Connect)


def test_pressing_while_disconnected_reconnects_instead_of_talking():
    state, _ = run(ready(), ev.LinkFailed(Problem(ProblemKind.DROPPED), was_open=True))
    state, effects = run(state, ev.TalkPressed())
    assert not state.talking
    assert isinstance(effects[1], ev.Connect)
    assert ev.ShowHint(ev.Hint.CONNECTING) in effects


def _delta(text, response_id="resp_1", item_id="item_a"):
    return se.AssistantTranscriptDelta(
        "response.output_audio_transcript.delta", response_id, item_id, text
    )


def test_malformed_frames_are_told_once_a_session_and_counted():
    bad = se.MalformedFrame("response.output_audio.delta", Reason.FRAME_UNREADABLE, "padding")
    not_json = se.MalformedFrame("", Reason.FRAME_NOT_JSON, count=40)
    state, effects = run(ready(), bad, bad, not_json)
    problems = [e.problem for e in effects if isinstance(e, ev.ShowProblem)]
    assert [p.kind for p in problems] == [ProblemKind.IGNORED_FRAMES]
    assert problems[0].reason is Reason.FRAME_UNREADABLE
    assert problems[0].values == ("response.output_audio.delta",)
    assert problems[0].message == "padding"
    assert state.ignored_frames == 42
    state, effects = run(state, se.SessionCreated("session.created", se.Dialect.GA, {}), bad)
    assert any(isinstance(e, ev.ShowProblem) for e in effects)  # a new session tells again


def test_a_line_stops_growing_at_its_limit_and_its_final_text_is_cut_too():
    state, _ = run(ready(), ev.TalkPressed(), ev.TalkReleased(1500))
    state, _ = run(state, se.ResponseCreated("response.created", "resp_1"))
    piece = "字" * 7000
    state, effects = run(state, *[_delta(piece) for _ in range(5)])
    shown = "".join(e.text for e in effects if isinstance(e, ev.TranscriptText))
    assert len(shown) == MAX_LINE_CHARS + 2 and shown.endswith(" …")
    done = se.AssistantTranscriptDone(
        "response.output_audio_transcript.done", "resp_1", "item_a", piece * 5
    )
    state, effects = run(state, done)
    assert len(effects[0].text) == MAX_LINE_CHARS + 2
    assert len(state.history.lines[-1].text) == MAX_LINE_CHARS + 2


def test_an_answer_nobody_asked_for_is_shown_and_marked():
    state, _ = run(ready(), se.ResponseCreated("response.created", "resp_relay"))
    state, effects = run(state, _delta("Hello!", "resp_relay"))
    assert effects[0].unasked
    # The user's own turn after it is not marked.
    state, _ = run(state, se.ResponseDone("response.done", "resp_relay", "completed"))
    state, _ = run(state, ev.TalkPressed(), ev.TalkReleased(1500))
    state, effects = run(state, se.ResponseCreated("response.created", "resp_2"))
    state, effects = run(state, _delta("Sure.", "resp_2", "item_b"))
    assert not effects[0].unasked


def test_a_relay_that_answers_on_its_own_before_our_request_is_not_marked():
    # The relay sends response.create after the commit itself; ours is refused.
    state, _ = run(ready(), ev.TalkPressed(), ev.TalkReleased(1500))
    busy = se.ServerError(
        "error",
        "Conversation already has an active response",
        code="conversation_already_has_active_response",
    )
    state, effects = run(state, se.ResponseCreated("response.created", "resp_1"), busy)
    assert not any(isinstance(e, ev.ShowProblem) for e in effects)
    state, _ = run(state, se.ResponseDone("response.done", "resp_1", "completed"))
    state, effects = run(state, se.ResponseCreated("response.created", "resp_relay"))
    state, effects = run(state, _delta("Unprompted.", "resp_relay", "item_c"))
    assert effects[0].unasked


def test_letting_go_during_a_retry_reconnects_without_a_turn():
    state, _ = run(ready(), ev.TalkPressed())
    drop = ev.LinkFailed(Problem(ProblemKind.DROPPED), was_open=True)
    state, effects = run(state, drop)
    assert any(isinstance(e, ev.ScheduleRetry) for e in effects)
    state, effects = run(state, ev.TalkReleased(captured_ms=0))
    assert effects == []
    state, effects = run(state, ev.RetryDue())
    assert any(isinstance(e, ev.Connect) for e in effects)  # the link still comes back
    state, effects = run(state, se.SessionCreated("session.created", se.Dialect.GA, {}))
    assert state.link is ev.Link.READY and not state.talking
    assert ev.StreamMicrophone(True) not in effects


def test_a_new_session_that_reuses_response_ids_is_heard():
    state, _ = run(ready(), ev.TalkPressed(), ev.TalkReleased(1500))
    state, _ = run(state, se.ResponseCreated("response.created", "resp_1"), ev.TalkPressed())
    assert "resp_1" in state.dropped_responses  # barged in: late deltas of it are ignored
    state, _ = run(state, ev.LinkFailed(Problem(ProblemKind.DROPPED), was_open=True))
    state, _ = run(state, ev.RetryDue(), se.SessionCreated("session.created", se.Dialect.GA, {}))
    state, _ = run(state, ev.TalkReleased(1500), se.ResponseCreated("response.created", "resp_1"))
    state, effects = run(state, _delta("Heard.", "resp_1", "item_new"))
    assert [e.text for e in effects if isinstance(e, ev.TranscriptText)] == ["Heard."]


def test_barge_in_says_how_much_of_the_answer_was_heard():
    def audio(ms):
        return se.AudioDelta(
            "response.output_audio.delta", "resp_1", "it_1", 0, b"", frames=ms * 24
        )

    def words(text):
        return se.AssistantTranscriptDelta(
            "response.output_audio_transcript.delta", "resp_1", "it_1", text
        )

    state, _ = run(
        ready(),
        se.ResponseCreated("response.created", "resp_1"),
        words("Hello"),
        audio(400),
        words(" there, friend"),
        audio(800),
    )
    heard = ev.Heard("resp_1", "it_1", 0, audio_end_ms=600)  # a quarter into the second
    _, effects = run(state, ev.TalkPressed(heard))
    assert ev.TranscriptInterrupted("it_1", heard_chars=5 + round(14 / 4)) in effects


def test_a_tap_that_stops_the_answer_is_not_told_it_was_too_short():
    state = answering("Hello")
    state, _ = run(state, ev.TalkPressed(ev.Heard("resp_1", "it_1", 0, audio_end_ms=500)))
    state, effects = run(state, ev.TalkReleased(captured_ms=40))
    assert ev.ShowHint(ev.Hint.TOO_SHORT) not in effects
    assert sent(effects) == ["input_audio_buffer.clear"]  # and nothing is committed
    # A short press with nothing playing is still told.
    state, _ = run(state, se.ResponseDone("response.done", "resp_1", "cancelled"))
    state, _ = run(state, ev.TalkPressed(None))
    _, effects = run(state, ev.TalkReleased(captured_ms=40))
    assert ev.ShowHint(ev.Hint.TOO_SHORT) in effects
