"""The reducer's half that reads what the server says: the session it announces, the
user's words it heard, the answers it streams, its errors and its unreadable frames."""

from __future__ import annotations

from dataclasses import replace

from desktop.appinfo import DEFAULT_VOICE
from desktop.realtime import client_events as ce
from desktop.realtime import server_events as se
from desktop.realtime.heard import Timeline
from desktop.realtime.problems import Problem, ProblemKind, error_event_problem
from desktop.realtime.session_events import (
    Effect,
    Link,
    LinkChanged,
    Role,
    Send,
    SessionRenewed,
    ShowProblem,
    StreamMicrophone,
    TranscriptText,
    UsageReported,
)
from desktop.realtime.session_state import Result, SessionState
from desktop.realtime.session_text import send_pending_texts

# Errors that are expected side effects of barge-in and change nothing for the user.
# A relay that sends its own response.create provokes the second; the answer still plays.
_BENIGN_ERROR_CODES = {"response_cancel_not_active", "conversation_already_has_active_response"}
_BENIGN_ERROR_TEXT = ("already shorter than",)
# The longest line the transcript keeps. A real answer is a few thousand characters; a relay
# that streams megabytes into one item must not make every delta re-lay out all of them.
MAX_LINE_CHARS = 20_000
_CUT_MARK = " …"
_REMEMBERED_UNASKED = 16
_STREAMING_LINES = 4


def server_event(state: SessionState, event: se.ServerEvent) -> Result:
    """What a server event changes. Audio goes straight to the buffer; only its length
    comes here, to time the transcript against it."""
    match event:
        case se.SessionCreated():
            return _session_created(state, event)
        case se.SessionUpdated():
            return _session_updated(state, event)
        case se.InputCommitted():
            return _committed(state, event)
        case se.UserTranscript():
            return _user_transcript(state, event)
        case se.UserTranscriptFailed():
            return _user_transcript_failed(state, event)
        case se.ResponseCreated():
            return _response_created(state, event)
        case se.ResponseDone():
            return _response_done(state, event)
        case se.AssistantTranscriptDelta():
            return _assistant_delta(state, event)
        case se.AudioDelta():
            return _audio_arrived(state, event)
        case se.AssistantTranscriptDone():
            return _assistant_done(state, event)
        case se.ServerError():
            return _server_error(state, event)
        case se.MalformedFrame():
            return _malformed(state, event)
        case _:
            return state, ()  # the rest changes nothing


def _session_created(state: SessionState, event: se.SessionCreated) -> Result:
    options = state.options or ce.SessionOptions(voice=DEFAULT_VOICE, instructions="")
    out: list[Effect] = [Send(ce.session_update(event.dialect, options)), LinkChanged(Link.READY)]
    seeds = state.history.seed_events(event.dialect)
    out += [Send(seed) for seed in seeds]
    if state.history.lines:
        out.append(SessionRenewed(len(seeds)))
    new = replace(
        state,
        link=Link.READY,
        dialect=event.dialect,
        attempts=0,
        ignored_frames=0,
        asked_responses=0,
        # Ids belong to a session: a relay that counts from 1 again must not find its new
        # answers among the old session's cancelled ones.
        dropped_responses=(),
        unasked_responses=(),
        streamed=(),
    )
    if state.pending_talk:  # the user has been holding the key all along
        out += [Send(ce.input_audio_clear()), StreamMicrophone(True)]
        new = replace(new, talking=True, pending_talk=False)
    new, typed = send_pending_texts(new)
    return new, (*out, *typed)


def _committed(state: SessionState, event: se.InputCommitted) -> Result:
    # A placeholder keeps the user's line above the answer even when its transcript is late.
    history = state.history.place(event.item_id, Role.USER.value)
    return replace(state, history=history, last_error=None), (
        TranscriptText(Role.USER, event.item_id, "", append=False),
    )


def _user_transcript(state: SessionState, event: se.UserTranscript) -> Result:
    if not event.final:
        state, delta = _streamed_piece(state, event.item_id, event.text)
        if delta is None:
            return state, ()
        return state, (TranscriptText(Role.USER, event.item_id, delta, append=True),)
    text = _clipped(event.text)
    history = state.history.write(event.item_id, Role.USER.value, text)
    shown = TranscriptText(Role.USER, event.item_id, text, append=False, final=True)
    if event.usage is None:
        return replace(state, history=history), (shown,)
    # Transcription is billed apart, at its own model's rates, never the session's.
    model = ce.TRANSCRIPTION_MODEL[state.dialect or se.Dialect.GA]
    used = UsageReported("", (event.item_id,), event.usage, model)
    return replace(state, history=history), (shown, used)


def _user_transcript_failed(state: SessionState, event: se.UserTranscriptFailed) -> Result:
    return state, (TranscriptText(Role.USER, event.item_id, "", append=False, final=True),)


def _response_created(state: SessionState, event: se.ResponseCreated) -> Result:
    new = replace(state, response_id=event.response_id, last_error=None)
    if state.asked_responses > 0:
        return replace(new, asked_responses=state.asked_responses - 1), ()
    # Some relays start responses of their own; the answer is played, and marked.
    unasked = (*state.unasked_responses[-(_REMEMBERED_UNASKED - 1) :], event.response_id)
    return replace(new, unasked_responses=unasked), ()


def _response_done(state: SessionState, event: se.ResponseDone) -> Result:
    out: list[Effect] = []
    if event.status == "failed":
        problem = error_event_problem(event.error_message or "", event.error_code)
        out.append(ShowProblem(problem))
    if event.usage is not None:
        out.append(UsageReported(event.response_id, event.item_ids, event.usage))
    new = replace(state, response_id=None, create_after_done=False)
    if state.create_after_done:
        out.append(Send(ce.response_create(state.dialect, state.text_only_next)))
        new = replace(new, asked_responses=new.asked_responses + 1)
    return new, tuple(out)


def _clipped(text: str) -> str:
    return text if len(text) <= MAX_LINE_CHARS else text[:MAX_LINE_CHARS] + _CUT_MARK


def _streamed_piece(
    state: SessionState, item_id: str, delta: str
) -> tuple[SessionState, str | None]:
    """The part of a delta the line still has room for; None once the line is full."""
    shown = next((n for item, n in state.streamed if item == item_id), 0)
    if shown >= MAX_LINE_CHARS:
        return state, None
    if shown + len(delta) > MAX_LINE_CHARS:
        delta = delta[: MAX_LINE_CHARS - shown] + _CUT_MARK
    others = tuple((item, n) for item, n in state.streamed if item != item_id)
    return replace(
        state, streamed=(*others[-(_STREAMING_LINES - 1) :], (item_id, shown + len(delta)))
    ), delta


def _assistant_delta(state: SessionState, event: se.AssistantTranscriptDelta) -> Result:
    if event.response_id in state.dropped_responses:
        return state, ()
    state, delta = _streamed_piece(state, event.item_id, event.delta)
    if delta is None:
        return state, ()
    history = state.history.place(event.item_id, Role.ASSISTANT.value)
    unasked = event.response_id in state.unasked_responses
    timeline = timeline_of(state, event.item_id).with_text(len(delta))
    state = replace(state, timelines=_kept_timelines(state, timeline))
    return replace(state, history=history), (
        TranscriptText(Role.ASSISTANT, event.item_id, delta, append=True, unasked=unasked),
    )


def _audio_arrived(state: SessionState, event: se.AudioDelta) -> Result:
    if event.response_id in state.dropped_responses:
        return state, ()
    timeline = timeline_of(state, event.item_id).with_audio(event.frames)
    return replace(state, timelines=_kept_timelines(state, timeline)), ()


def timeline_of(state: SessionState, item_id: str) -> Timeline:
    return next((t for t in state.timelines if t.item_id == item_id), Timeline(item_id))


def _kept_timelines(state: SessionState, timeline: Timeline) -> tuple[Timeline, ...]:
    others = tuple(t for t in state.timelines if t.item_id != timeline.item_id)
    return (*others[-(_STREAMING_LINES - 1) :], timeline)


def _assistant_done(state: SessionState, event: se.AssistantTranscriptDone) -> Result:
    if event.response_id in state.dropped_responses:
        return state, ()
    text = _clipped(event.text)
    history = state.history.write(event.item_id, Role.ASSISTANT.value, text)
    unasked = event.response_id in state.unasked_responses
    return replace(state, history=history), (
        TranscriptText(
            Role.ASSISTANT, event.item_id, text, append=False, final=True, unasked=unasked
        ),
    )


def _server_error(state: SessionState, event: se.ServerError) -> Result:
    if event.code == "conversation_already_has_active_response" and state.asked_responses:
        # Our response.create was refused: the relay had started one of its own.
        return replace(state, asked_responses=state.asked_responses - 1), ()
    if event.code in _BENIGN_ERROR_CODES or any(t in event.message for t in _BENIGN_ERROR_TEXT):
        return state, ()
    if event.code == "session_expired":
        return replace(state, expired=True), ()  # the close that follows is expected
    problem = error_event_problem(event.message, event.code)
    return replace(state, last_error=problem), (ShowProblem(problem),)


def _session_updated(state: SessionState, _: se.SessionUpdated) -> Result:
    return replace(state, last_error=None), ()


def _malformed(state: SessionState, event: se.MalformedFrame) -> Result:
    new = replace(state, ignored_frames=state.ignored_frames + event.count)
    if state.ignored_frames:
        return new, ()  # told once a session; the log counts the rest
    problem = Problem(
        ProblemKind.IGNORED_FRAMES, event.detail, reason=event.fault, values=(event.type,)
    )
    return new, (ShowProblem(problem),)
