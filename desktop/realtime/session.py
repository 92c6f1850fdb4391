"""The conversation's decisions as a pure function: `step(state, input) -> (state, effects)`.

Runs on the GUI thread; the controller feeds it user intents and server events and carries
out the effects. Nothing here blocks, touches a device or a socket.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from enum import Enum
from typing import Any

from desktop.realtime import client_events as ce
from desktop.realtime import server_events as se
from desktop.realtime.problems import Problem, ProblemKind, error_event_problem

# The server refuses to commit less than 100 ms of audio (input_audio_buffer_commit_empty).
MIN_TURN_MS = 100

_REMEMBERED_DROPS = 16

# Errors that are expected side effects of barge-in and change nothing for the user.
_BENIGN_ERROR_CODES = {"response_cancel_not_active"}
_BENIGN_ERROR_TEXT = ("already shorter than",)


class Link(Enum):
    OFFLINE = "offline"
    CONNECTING = "connecting"
    READY = "ready"
    LOST = "lost"  # was connected, the socket went away
    FAILED = "failed"  # could not connect


class Role(Enum):
    USER = "user"
    ASSISTANT = "assistant"


class Hint(Enum):
    TOO_SHORT = "too_short"
    CONNECTING = "connecting"
    AUDIO_RESTORED = "audio_restored"


# ---- inputs ------------------------------------------------------------------------------


@dataclass(frozen=True)
class ConnectRequested:
    options: ce.SessionOptions


@dataclass(frozen=True)
class LinkOpened:
    pass


@dataclass(frozen=True)
class LinkFailed:
    problem: Problem
    was_open: bool


@dataclass(frozen=True)
class Heard:
    """How much of an assistant item the user actually heard before pressing talk."""

    response_id: str
    item_id: str
    content_index: int
    audio_end_ms: int


@dataclass(frozen=True)
class TalkPressed:
    heard: Heard | None = None


@dataclass(frozen=True)
class TalkReleased:
    captured_ms: int


# ---- effects -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Connect:
    pass


@dataclass(frozen=True)
class Send:
    event: dict[str, Any]


@dataclass(frozen=True)
class StreamMicrophone:
    on: bool


@dataclass(frozen=True)
class DropResponseAudio:
    response_id: str


@dataclass(frozen=True)
class LinkChanged:
    link: Link


@dataclass(frozen=True)
class TranscriptText:
    role: Role
    item_id: str
    text: str
    append: bool  # True: a streaming delta; False: the whole text so far
    final: bool = False


@dataclass(frozen=True)
class TranscriptInterrupted:
    item_id: str


@dataclass(frozen=True)
class ShowProblem:
    problem: Problem


@dataclass(frozen=True)
class ShowHint:
    hint: Hint


# ---- state -------------------------------------------------------------------------------


@dataclass(frozen=True)
class SessionState:
    link: Link = Link.OFFLINE
    options: ce.SessionOptions | None = None
    dialect: se.Dialect | None = None
    talking: bool = False
    response_id: str | None = None  # between response.created and response.done
    create_after_done: bool = False
    dropped_responses: tuple[str, ...] = ()  # the latest few: late events of these are ignored


Effects = tuple[Any, ...]


def step(state: SessionState, event: Any) -> tuple[SessionState, Effects]:
    handler = _HANDLERS.get(type(event))
    if handler is None:
        return state, ()
    return handler(state, event)


def _connect(state: SessionState, event: ConnectRequested) -> tuple[SessionState, Effects]:
    if state.link in (Link.CONNECTING, Link.READY):
        return state, ()
    new = SessionState(link=Link.CONNECTING, options=event.options)
    return new, (Connect(), LinkChanged(Link.CONNECTING))


def _opened(state: SessionState, _: LinkOpened) -> tuple[SessionState, Effects]:
    return state, ()  # ready only once the server says which dialect it speaks


def _failed(state: SessionState, event: LinkFailed) -> tuple[SessionState, Effects]:
    link = Link.LOST if event.was_open else Link.FAILED
    effects: list[Any] = []
    if state.talking:
        effects.append(StreamMicrophone(False))
    effects += [LinkChanged(link), ShowProblem(event.problem)]
    return replace(
        state, link=link, talking=False, response_id=None, create_after_done=False
    ), tuple(effects)


def _session_created(state: SessionState, event: se.SessionCreated) -> tuple[SessionState, Effects]:
    options = state.options or ce.SessionOptions(voice="alloy", instructions="")
    update = ce.session_update(event.dialect, options)
    new = replace(state, link=Link.READY, dialect=event.dialect)
    return new, (Send(update), LinkChanged(Link.READY))


def _pressed(state: SessionState, event: TalkPressed) -> tuple[SessionState, Effects]:
    if state.talking:
        return state, ()  # key autorepeat or a second input device: one hold is one turn
    if state.link is not Link.READY:
        effects: tuple[Any, ...] = (ShowHint(Hint.CONNECTING),)
        if state.link is not Link.CONNECTING and state.options is not None:
            effects = (Connect(), LinkChanged(Link.CONNECTING), *effects)
            return replace(state, link=Link.CONNECTING), effects
        return state, effects
    out: list[Any] = []
    dropped = state.dropped_responses
    if state.response_id is not None:
        out += [Send(ce.response_cancel()), DropResponseAudio(state.response_id)]
        dropped = (*dropped[-(_REMEMBERED_DROPS - 1) :], state.response_id)
    heard = event.heard
    if heard is not None:
        out += [
            Send(ce.item_truncate(heard.item_id, heard.content_index, heard.audio_end_ms)),
            TranscriptInterrupted(heard.item_id),
        ]
    out += [Send(ce.input_audio_clear()), StreamMicrophone(True)]
    return replace(state, talking=True, dropped_responses=dropped, create_after_done=False), tuple(
        out
    )


def _released(state: SessionState, event: TalkReleased) -> tuple[SessionState, Effects]:
    if not state.talking:
        return state, ()
    state = replace(state, talking=False)
    if event.captured_ms < MIN_TURN_MS:
        return state, (
            StreamMicrophone(False),
            Send(ce.input_audio_clear()),
            ShowHint(Hint.TOO_SHORT),
        )
    out: list[Any] = [StreamMicrophone(False), Send(ce.input_audio_commit())]
    if state.response_id is None:
        out.append(Send(ce.response_create()))
    else:
        # The cancelled response has not finished yet; a second response.create now would be
        # refused with conversation_already_has_active_response.
        state = replace(state, create_after_done=True)
    return state, tuple(out)


def _committed(state: SessionState, event: se.InputCommitted) -> tuple[SessionState, Effects]:
    # A placeholder keeps the user's line above the answer even when its transcript is late.
    return state, (TranscriptText(Role.USER, event.item_id, "", append=False),)


def _user_transcript(state: SessionState, event: se.UserTranscript) -> tuple[SessionState, Effects]:
    return state, (
        TranscriptText(
            Role.USER, event.item_id, event.text, append=not event.final, final=event.final
        ),
    )


def _user_transcript_failed(
    state: SessionState, event: se.UserTranscriptFailed
) -> tuple[SessionState, Effects]:
    return state, (TranscriptText(Role.USER, event.item_id, "", append=False, final=True),)


def _response_created(
    state: SessionState, event: se.ResponseCreated
) -> tuple[SessionState, Effects]:
    return replace(state, response_id=event.response_id), ()


def _response_done(state: SessionState, event: se.ResponseDone) -> tuple[SessionState, Effects]:
    out: list[Any] = []
    if event.status == "failed":
        problem = error_event_problem(event.error_message or "", event.error_code)
        out.append(ShowProblem(problem))
    new = replace(state, response_id=None, create_after_done=False)
    if state.create_after_done:
        out.append(Send(ce.response_create()))
    return new, tuple(out)


def _assistant_delta(
    state: SessionState, event: se.AssistantTranscriptDelta
) -> tuple[SessionState, Effects]:
    if event.response_id in state.dropped_responses:
        return state, ()
    return state, (TranscriptText(Role.ASSISTANT, event.item_id, event.delta, append=True),)


def _assistant_done(
    state: SessionState, event: se.AssistantTranscriptDone
) -> tuple[SessionState, Effects]:
    if event.response_id in state.dropped_responses:
        return state, ()
    return state, (
        TranscriptText(Role.ASSISTANT, event.item_id, event.text, append=False, final=True),
    )


def _server_error(state: SessionState, event: se.ServerError) -> tuple[SessionState, Effects]:
    if event.code in _BENIGN_ERROR_CODES or any(t in event.message for t in _BENIGN_ERROR_TEXT):
        return state, ()
    return state, (ShowProblem(error_event_problem(event.message, event.code)),)


def _malformed(state: SessionState, event: se.MalformedFrame) -> tuple[SessionState, Effects]:
    detail = f"{event.type or 'frame'}: {event.reason}"
    return state, (ShowProblem(Problem(ProblemKind.SERVER_ERROR, f"Ignored a malformed {detail}")),)


_HANDLERS: dict[type, Any] = {
    ConnectRequested: _connect,
    LinkOpened: _opened,
    LinkFailed: _failed,
    TalkPressed: _pressed,
    TalkReleased: _released,
    se.SessionCreated: _session_created,
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
