"""The conversation's decisions as a pure function: `step(state, input) -> (state, effects)`.

Runs on the GUI thread; the controller feeds it user intents and server events and carries
out the effects. Nothing here blocks, touches a device or a socket. The inputs and effects
are declared in `session_events`.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from desktop.realtime import client_events as ce
from desktop.realtime import server_events as se
from desktop.realtime.history import History
from desktop.realtime.problems import Problem, ProblemKind, error_event_problem
from desktop.realtime.session_events import (
    Connect,
    ConnectRequested,
    Disconnected,
    DropResponseAudio,
    Heard,
    Hint,
    IdleTick,
    Link,
    LinkChanged,
    LinkFailed,
    LinkOpened,
    RetryDue,
    Role,
    ScheduleRetry,
    Send,
    SessionRenewed,
    ShowHint,
    ShowProblem,
    StreamMicrophone,
    TalkPressed,
    TalkReleased,
    TranscriptInterrupted,
    TranscriptText,
)

__all__ = ["Heard", "Hint", "Link", "Role", "SessionState", "step"]

# The server refuses to commit less than 100 ms of audio (input_audio_buffer_commit_empty).
MIN_TURN_MS = 100
# While the user waits to talk, a failed connect is tried again after these pauses.
RETRY_DELAYS_S = (0.5, 1.0, 2.0, 4.0)
RETRYABLE = {
    ProblemKind.UNREACHABLE,
    ProblemKind.RELAY_TROUBLE,
    ProblemKind.RATE_LIMITED,
    ProblemKind.DROPPED,
    ProblemKind.REFUSED,
}
# A relay that refuses at the start will most likely refuse again: one more try, no more.
RETRY_LIMITS = {ProblemKind.REFUSED: 1}
_REMEMBERED_DROPS = 16
# Errors that are expected side effects of barge-in and change nothing for the user.
# A relay that sends its own response.create provokes the second; the answer still plays.
_BENIGN_ERROR_CODES = {"response_cancel_not_active", "conversation_already_has_active_response"}
_BENIGN_ERROR_TEXT = ("already shorter than",)


@dataclass(frozen=True)
class SessionState:
    link: Link = Link.OFFLINE
    options: ce.SessionOptions | None = None
    dialect: se.Dialect | None = None
    talking: bool = False
    pending_talk: bool = False  # pressed while connecting: talk as soon as the session is up
    response_id: str | None = None  # between response.created and response.done
    create_after_done: bool = False
    dropped_responses: tuple[str, ...] = ()  # the latest few: late events of these are ignored
    history: History = field(default_factory=History)
    expired: bool = False  # the server announced the end of the session
    # The latest error not followed by anything that worked: if the socket closes now, it
    # says why (relays send one error frame, then drop TCP; one-hub ends on any error).
    last_error: Problem | None = None
    attempts: int = 0  # failed connects in a row while the user waits


Effects = tuple[Any, ...]
Result = tuple[SessionState, Effects]


def step(state: SessionState, event: Any) -> Result:
    handler = _HANDLERS.get(type(event))
    if handler is None:
        return state, ()
    return handler(state, event)


# ---- the link ----------------------------------------------------------------------------


def _connect(state: SessionState, event: ConnectRequested) -> Result:
    if state.link in (Link.CONNECTING, Link.READY):
        return state, ()
    new = replace(state, link=Link.CONNECTING, options=event.options, attempts=0)
    return new, (LinkChanged(Link.CONNECTING), Connect())


def _disconnected(state: SessionState, _: Disconnected) -> Result:
    # Only the conversation carries over; the next session is told about it.
    return SessionState(history=state.history, options=state.options), (LinkChanged(Link.OFFLINE),)


def _opened(state: SessionState, _: LinkOpened) -> Result:
    return state, ()  # ready only once the server says which dialect it speaks


def _failed(state: SessionState, event: LinkFailed) -> Result:
    link = Link.LOST if event.was_open else Link.FAILED
    # Relays send one error frame and then drop TCP: the error says why, the drop does not.
    # (Before session.created too: then the close reads as a refusal, and the error says why.)
    problem = state.last_error or event.problem
    effects: list[Any] = [StreamMicrophone(False)] if state.talking else []
    new = replace(
        state,
        link=link,
        talking=False,
        response_id=None,
        create_after_done=False,
        expired=False,
        last_error=None,
    )
    wants_to_talk = state.pending_talk or state.talking
    limit = RETRY_LIMITS.get(event.problem.kind, len(RETRY_DELAYS_S))
    if wants_to_talk and event.problem.kind in RETRYABLE and state.attempts < limit:
        delay = RETRY_DELAYS_S[state.attempts]
        effects += [ScheduleRetry(delay), ShowHint(Hint.RETRYING)]
        return replace(new, pending_talk=True, attempts=state.attempts + 1), tuple(effects)
    effects.append(LinkChanged(link))
    if state.expired and event.was_open:
        effects.append(ShowHint(Hint.SESSION_EXPIRED))  # nothing to fix: the next turn renews
    else:
        effects.append(ShowProblem(problem))
    return replace(new, pending_talk=False), tuple(effects)


def _retry_due(state: SessionState, _: RetryDue) -> Result:
    if state.link not in (Link.FAILED, Link.LOST) or not state.pending_talk:
        return state, ()
    return replace(state, link=Link.CONNECTING), (LinkChanged(Link.CONNECTING), Connect())


def _session_created(state: SessionState, event: se.SessionCreated) -> Result:
    options = state.options or ce.SessionOptions(voice="alloy", instructions="")
    out: list[Any] = [Send(ce.session_update(event.dialect, options)), LinkChanged(Link.READY)]
    seeds = state.history.seed_events(event.dialect)
    out += [Send(seed) for seed in seeds]
    if state.history.lines:
        out.append(SessionRenewed(len(seeds)))
    new = replace(state, link=Link.READY, dialect=event.dialect, attempts=0)
    if state.pending_talk:  # the user has been holding the key all along
        out += [Send(ce.input_audio_clear()), StreamMicrophone(True)]
        new = replace(new, talking=True, pending_talk=False)
    return new, tuple(out)


def _idle_tick(state: SessionState, _: IdleTick) -> Result:
    # Relays drop a socket after ~90 s without data (pings do not count). Clearing the empty
    # input buffer costs no tokens and is answered, which keeps both legs of the relay alive.
    idle = state.link is Link.READY and not state.talking and state.response_id is None
    return state, (Send(ce.input_audio_clear()),) if idle else ()


# ---- turns -------------------------------------------------------------------------------


def _pressed(state: SessionState, event: TalkPressed) -> Result:
    if state.talking or state.pending_talk:
        return state, ()  # key autorepeat or a second input device: one hold is one turn
    if state.link is not Link.READY:
        new = replace(state, pending_talk=True)
        effects: tuple[Any, ...] = (ShowHint(Hint.CONNECTING),)
        if state.link is not Link.CONNECTING and state.options is not None:
            new = replace(new, link=Link.CONNECTING, attempts=0)
            effects = (LinkChanged(Link.CONNECTING), Connect(), *effects)
        return new, effects
    out: list[Any] = []
    dropped = state.dropped_responses
    history = state.history
    if state.response_id is not None:
        out += [Send(ce.response_cancel()), DropResponseAudio(state.response_id)]
        dropped = (*dropped[-(_REMEMBERED_DROPS - 1) :], state.response_id)
    heard = event.heard
    if heard is not None:
        out += [
            Send(ce.item_truncate(heard.item_id, heard.content_index, heard.audio_end_ms)),
            TranscriptInterrupted(heard.item_id),
        ]
        history = history.interrupt(heard.item_id)
    out += [Send(ce.input_audio_clear()), StreamMicrophone(True)]
    new = replace(
        state, talking=True, dropped_responses=dropped, create_after_done=False, history=history
    )
    return new, tuple(out)


def _released(state: SessionState, event: TalkReleased) -> Result:
    if state.pending_talk:
        return replace(state, pending_talk=False), ()  # let go before the session was up
    if not state.talking:
        return state, ()
    state = replace(state, talking=False)
    if event.captured_ms < MIN_TURN_MS:
        clear = Send(ce.input_audio_clear())
        return state, (StreamMicrophone(False), clear, ShowHint(Hint.TOO_SHORT))
    out: list[Any] = [StreamMicrophone(False), Send(ce.input_audio_commit())]
    if state.response_id is None:
        out.append(Send(ce.response_create()))
    else:
        # The cancelled response has not finished yet; a second response.create now would be
        # refused with conversation_already_has_active_response.
        state = replace(state, create_after_done=True)
    return state, tuple(out)


# ---- what the server says ----------------------------------------------------------------


def _committed(state: SessionState, event: se.InputCommitted) -> Result:
    # A placeholder keeps the user's line above the answer even when its transcript is late.
    history = state.history.place(event.item_id, Role.USER.value)
    return replace(state, history=history, last_error=None), (
        TranscriptText(Role.USER, event.item_id, "", append=False),
    )


def _user_transcript(state: SessionState, event: se.UserTranscript) -> Result:
    shown = TranscriptText(
        Role.USER, event.item_id, event.text, append=not event.final, final=event.final
    )
    if not event.final:
        return state, (shown,)
    history = state.history.write(event.item_id, Role.USER.value, event.text)
    return replace(state, history=history), (shown,)


def _user_transcript_failed(state: SessionState, event: se.UserTranscriptFailed) -> Result:
    return state, (TranscriptText(Role.USER, event.item_id, "", append=False, final=True),)


def _response_created(state: SessionState, event: se.ResponseCreated) -> Result:
    return replace(state, response_id=event.response_id, last_error=None), ()


def _response_done(state: SessionState, event: se.ResponseDone) -> Result:
    out: list[Any] = []
    if event.status == "failed":
        problem = error_event_problem(event.error_message or "", event.error_code)
        out.append(ShowProblem(problem))
    new = replace(state, response_id=None, create_after_done=False)
    if state.create_after_done:
        out.append(Send(ce.response_create()))
    return new, tuple(out)


def _assistant_delta(state: SessionState, event: se.AssistantTranscriptDelta) -> Result:
    if event.response_id in state.dropped_responses:
        return state, ()
    history = state.history.place(event.item_id, Role.ASSISTANT.value)
    return replace(state, history=history), (
        TranscriptText(Role.ASSISTANT, event.item_id, event.delta, append=True),
    )


def _assistant_done(state: SessionState, event: se.AssistantTranscriptDone) -> Result:
    if event.response_id in state.dropped_responses:
        return state, ()
    history = state.history.write(event.item_id, Role.ASSISTANT.value, event.text)
    return replace(state, history=history), (
        TranscriptText(Role.ASSISTANT, event.item_id, event.text, append=False, final=True),
    )


def _server_error(state: SessionState, event: se.ServerError) -> Result:
    if event.code in _BENIGN_ERROR_CODES or any(t in event.message for t in _BENIGN_ERROR_TEXT):
        return state, ()
    if event.code == "session_expired":
        return replace(state, expired=True), ()  # the close that follows is expected
    problem = error_event_problem(event.message, event.code)
    return replace(state, last_error=problem), (ShowProblem(problem),)


def _session_updated(state: SessionState, _: se.SessionUpdated) -> Result:
    return replace(state, last_error=None), ()


def _malformed(state: SessionState, event: se.MalformedFrame) -> Result:
    detail = f"{event.type or 'frame'}: {event.reason}"
    return state, (ShowProblem(Problem(ProblemKind.SERVER_ERROR, f"Ignored a malformed {detail}")),)


_HANDLERS: dict[type, Any] = {
    ConnectRequested: _connect,
    Disconnected: _disconnected,
    LinkOpened: _opened,
    LinkFailed: _failed,
    RetryDue: _retry_due,
    IdleTick: _idle_tick,
    TalkPressed: _pressed,
    TalkReleased: _released,
    se.SessionCreated: _session_created,
    se.SessionUpdated: _session_updated,
    se.InputCommitted: _committed,
    se.UserTranscript: _user_transcript,
    se.UserTranscriptFailed: _user_transcript_failed,
    se.ResponseCreated: _response_created,
    se.ResponseDone: _response_done,
    se.AssistantTranscriptDelta: _assistant_delta,
    se.AssistantTranscriptDone: _assistant_done,
    se.ServerError: _server_error,
    se.MalformedFrame: _malformed,
}
