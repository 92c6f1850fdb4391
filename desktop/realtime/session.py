"""The conversation's decisions as a pure function: `step(state, input) -> (state, effects)`.

Runs on the GUI thread; the controller feeds it user intents and server events and carries
out the effects. Nothing here blocks, touches a device or a socket. The inputs and effects
are declared in `session_events`.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from typing_extensions import assert_never

from desktop.appinfo import DEFAULT_VOICE
from desktop.realtime import client_events as ce
from desktop.realtime import server_events as se
from desktop.realtime.history import History
from desktop.realtime.problems import Problem, ProblemKind, error_event_problem
from desktop.realtime.session_events import (
    Connect,
    ConnectRequested,
    Disconnected,
    DropResponseAudio,
    Effect,
    Hint,
    IdleTick,
    Input,
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
# The longest line the transcript keeps. A real answer is a few thousand characters; a relay
# that streams megabytes into one item must not make every delta re-lay out all of them.
MAX_LINE_CHARS = 20_000
_CUT_MARK = " …"
_REMEMBERED_UNASKED = 16
_STREAMING_LINES = 4


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
    # A retry is on its way: it goes ahead even if the user lets go meanwhile, so the link
    # comes back without a turn rather than staying lost with the window unaware.
    retry_scheduled: bool = False
    asked_responses: int = 0  # response.create sent, response.created not yet seen
    unasked_responses: tuple[str, ...] = ()  # responses the relay started on its own
    # (item id, characters shown) of the lines streaming now: user and assistant overlap.
    streamed: tuple[tuple[str, int], ...] = ()
    ignored_frames: int = 0  # malformed frames of this session; the first one is told


Effects = tuple[Effect, ...]
Result = tuple[SessionState, Effects]


def step(state: SessionState, event: Input) -> Result:
    match event:
        case ConnectRequested():
            return _connect(state, event)
        case Disconnected():
            return _disconnected(state, event)
        case LinkOpened():
            return _opened(state, event)
        case LinkFailed():
            return _failed(state, event)
        case RetryDue():
            return _retry_due(state, event)
        case IdleTick():
            return _idle_tick(state, event)
        case TalkPressed():
            return _pressed(state, event)
        case TalkReleased():
            return _released(state, event)
        case se.ServerEvent():
            return _server_event(state, event)
        case _:
            assert_never(event)


def _server_event(state: SessionState, event: se.ServerEvent) -> Result:
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
        case se.AssistantTranscriptDone():
            return _assistant_done(state, event)
        case se.ServerError():
            return _server_error(state, event)
        case se.MalformedFrame():
            return _malformed(state, event)
        case _:
            return state, ()  # audio goes straight to the buffer; the rest changes nothing


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
    effects: list[Effect] = [StreamMicrophone(False)] if state.talking else []
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
        retrying = replace(new, pending_talk=True, attempts=state.attempts + 1)
        return replace(retrying, retry_scheduled=True), tuple(effects)
    effects.append(LinkChanged(link))
    if state.expired and event.was_open:
        effects.append(ShowHint(Hint.SESSION_EXPIRED))  # nothing to fix: the next turn renews
    else:
        effects.append(ShowProblem(problem))
    return replace(new, pending_talk=False), tuple(effects)


def _retry_due(state: SessionState, _: RetryDue) -> Result:
    if state.link not in (Link.FAILED, Link.LOST) or not state.retry_scheduled:
        return state, ()
    new = replace(state, link=Link.CONNECTING, retry_scheduled=False)
    return new, (LinkChanged(Link.CONNECTING), Connect())


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
        effects: Effects = (ShowHint(Hint.CONNECTING),)
        if state.link is not Link.CONNECTING and state.options is not None:
            new = replace(new, link=Link.CONNECTING, attempts=0)
            effects = (LinkChanged(Link.CONNECTING), Connect(), *effects)
        return new, effects
    out: list[Effect] = []
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
    out: list[Effect] = [StreamMicrophone(False), Send(ce.input_audio_commit())]
    if state.response_id is None:
        out.append(Send(ce.response_create()))
        state = replace(state, asked_responses=state.asked_responses + 1)
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
    if not event.final:
        state, delta = _streamed_piece(state, event.item_id, event.text)
        if delta is None:
            return state, ()
        return state, (TranscriptText(Role.USER, event.item_id, delta, append=True),)
    text = _clipped(event.text)
    history = state.history.write(event.item_id, Role.USER.value, text)
    return replace(state, history=history), (
        TranscriptText(Role.USER, event.item_id, text, append=False, final=True),
    )


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
    new = replace(state, response_id=None, create_after_done=False)
    if state.create_after_done:
        out.append(Send(ce.response_create()))
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
    return replace(state, history=history), (
        TranscriptText(Role.ASSISTANT, event.item_id, delta, append=True, unasked=unasked),
    )


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
