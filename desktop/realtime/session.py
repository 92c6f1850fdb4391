"""The conversation's decisions as a pure function: `step(state, input) -> (state, effects)`.

Runs on the GUI thread; the controller feeds it user intents and server events and carries
out the effects. Nothing here blocks, touches a device or a socket. The inputs and effects
are declared in `session_events`.
"""

from __future__ import annotations

from dataclasses import replace

from typing_extensions import assert_never

from desktop.realtime import client_events as ce
from desktop.realtime import server_events as se
from desktop.realtime.problems import ProblemKind
from desktop.realtime.session_events import (
    Connect,
    ConnectRequested,
    Disconnected,
    Effect,
    Hint,
    IdleTick,
    Input,
    Link,
    LinkChanged,
    LinkFailed,
    LinkOpened,
    RetryDue,
    ScheduleRetry,
    Send,
    ShowHint,
    ShowProblem,
    StreamMicrophone,
    TalkPressed,
    TalkReleased,
    TextSent,
)
from desktop.realtime.session_server import server_event
from desktop.realtime.session_state import Effects, Result, SessionState
from desktop.realtime.session_text import cut_off_answer, typed_turn

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
        case TextSent():
            return typed_turn(state, event)
        case se.ServerEvent():
            return server_event(state, event)
        case _:
            assert_never(event)


# ---- the link ----------------------------------------------------------------------------


def _connect(state: SessionState, event: ConnectRequested) -> Result:
    if state.link in (Link.CONNECTING, Link.READY):
        return state, ()
    new = replace(state, link=Link.CONNECTING, options=event.options, attempts=0)
    return new, (LinkChanged(Link.CONNECTING), Connect())


def _disconnected(state: SessionState, event: Disconnected) -> Result:
    # Only the conversation carries over (or the one opened instead); the next session is
    # told about it.
    history = state.history if event.history is None else event.history
    return SessionState(history=history, options=state.options), (LinkChanged(Link.OFFLINE),)


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
    # Typed messages still waiting stay on screen, but are not sent by a later session.
    return replace(new, pending_talk=False, pending_texts=()), tuple(effects)


def _retry_due(state: SessionState, _: RetryDue) -> Result:
    if state.link not in (Link.FAILED, Link.LOST) or not state.retry_scheduled:
        return state, ()
    new = replace(state, link=Link.CONNECTING, retry_scheduled=False)
    return new, (LinkChanged(Link.CONNECTING), Connect())


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
    silenced = event.heard is not None or state.response_id is not None
    state, cut = cut_off_answer(state, event.heard)
    talk = (Send(ce.input_audio_clear()), StreamMicrophone(True))
    new = replace(state, talking=True, text_only_next=False, press_silenced=silenced)
    return new, (*cut, *talk)


def _released(state: SessionState, event: TalkReleased) -> Result:
    if state.pending_talk:
        return replace(state, pending_talk=False), ()  # let go before the session was up
    if not state.talking:
        return state, ()
    state = replace(state, talking=False)
    if event.captured_ms < MIN_TURN_MS:
        clear = Send(ce.input_audio_clear())
        if state.press_silenced:  # a tap to stop the answer: nothing was meant to be said
            return state, (StreamMicrophone(False), clear)
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
