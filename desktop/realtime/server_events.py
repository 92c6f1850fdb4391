"""Server events of both dialects, parsed at the edge into typed, immutable values.

Beta and GA name some events differently (`response.audio.delta` vs
`response.output_audio.delta`); both map onto the same class here, so nothing past
this module needs to know which dialect is speaking.
"""

from __future__ import annotations

import base64
import binascii
import json
from dataclasses import dataclass
from enum import Enum
from typing import Any

from desktop.realtime.problems import Reason
from desktop.realtime.usage import Usage, parse_usage


class Dialect(Enum):
    BETA = "beta"
    GA = "ga"


@dataclass(frozen=True)
class ServerEvent:
    type: str


@dataclass(frozen=True)
class SessionCreated(ServerEvent):
    dialect: Dialect
    session: dict[str, Any]


@dataclass(frozen=True)
class SessionUpdated(ServerEvent):
    session: dict[str, Any]


@dataclass(frozen=True)
class ServerError(ServerEvent):
    message: str
    code: str | None = None


@dataclass(frozen=True)
class InputCommitted(ServerEvent):
    item_id: str
    previous_item_id: str | None


@dataclass(frozen=True)
class InputCleared(ServerEvent):
    pass


@dataclass(frozen=True)
class UserTranscript(ServerEvent):
    """What the server heard the user say; `final` once the transcription completed."""

    item_id: str
    text: str
    final: bool
    usage: Usage | None = None  # what transcribing it used, counted in tokens


@dataclass(frozen=True)
class UserTranscriptFailed(ServerEvent):
    item_id: str
    message: str


@dataclass(frozen=True)
class ResponseCreated(ServerEvent):
    response_id: str
    received_at: float = 0.0  # perf_counter when the socket read it (set by the transport)


@dataclass(frozen=True)
class ResponseDone(ServerEvent):
    response_id: str
    status: str
    error_message: str | None = None
    error_code: str | None = None
    usage: Usage | None = None
    item_ids: tuple[str, ...] = ()  # the output items the response made


@dataclass(frozen=True)
class AudioDelta(ServerEvent):
    """A chunk of the assistant's speech; `pcm` is already decoded (24 kHz mono int16)."""

    response_id: str
    item_id: str
    content_index: int
    pcm: bytes
    frames: int
    received_at: float = 0.0  # perf_counter when the socket read it (set by the transport)


@dataclass(frozen=True)
class AssistantTranscriptDelta(ServerEvent):
    response_id: str
    item_id: str
    delta: str


@dataclass(frozen=True)
class AssistantTranscriptDone(ServerEvent):
    response_id: str
    item_id: str
    text: str


@dataclass(frozen=True)
class ItemTruncated(ServerEvent):
    item_id: str
    audio_end_ms: int


@dataclass(frozen=True)
class OtherEvent(ServerEvent):
    """A valid event this client has no use for (rate limits, item bookkeeping, new types)."""


@dataclass(frozen=True)
class MalformedFrame(ServerEvent):
    """A frame that is not a JSON event, or whose fields have the wrong shape."""

    fault: Reason  # FRAME_NOT_JSON, FRAME_WITHOUT_TYPE or FRAME_UNREADABLE
    detail: str = ""  # what the parser said, for the log and support
    count: int = 1  # like frames that arrived in a row stand for one another


def dialect_of(session: dict[str, Any]) -> Dialect:
    """GA sessions say `type: realtime` and nest `audio`; beta sessions are flat."""
    if session.get("type") == "realtime" or isinstance(session.get("audio"), dict):
        return Dialect.GA
    return Dialect.BETA


def _s(data: dict[str, Any], key: str, default: str = "") -> str:
    value = data.get(key, default)
    if value is None:
        return default
    if not isinstance(value, str):
        raise TypeError(f"{key} is not a string")
    return value


def _opt(data: dict[str, Any], key: str) -> str | None:
    value = data.get(key)
    return value if isinstance(value, str) and value else None


def _error(kind: str, data: dict[str, Any]) -> ServerError:
    err = data.get("error")
    if not isinstance(err, dict):
        err = {}
    return ServerError(
        kind,
        message=_s(err, "message") or "The server reported an error without a message.",
        code=_opt(err, "code"),
    )


def _response_done(kind: str, data: dict[str, Any]) -> ResponseDone:
    response = data.get("response") or {}
    details = response.get("status_details") or {}
    error = details.get("error") or {}
    output = response.get("output")
    items = output if isinstance(output, list) else []
    return ResponseDone(
        kind,
        response_id=_s(response, "id"),
        status=_s(response, "status", "completed"),
        error_message=_opt(error, "message"),
        error_code=_opt(error, "code"),
        usage=parse_usage(response.get("usage")),
        item_ids=tuple(i["id"] for i in items if isinstance(i, dict) and _opt(i, "id")),
    )


def _audio_delta(kind: str, data: dict[str, Any]) -> AudioDelta:
    # validate=True: a relay that mangles base64 must not turn into noise at the speaker.
    pcm = base64.b64decode(_s(data, "delta"), validate=True)
    return AudioDelta(
        kind,
        response_id=_s(data, "response_id"),
        item_id=_s(data, "item_id"),
        content_index=int(data.get("content_index") or 0),
        pcm=pcm,
        frames=len(pcm) // 2,
    )


def _parse(kind: str, data: dict[str, Any]) -> ServerEvent:
    if kind in ("session.created",):
        session = data.get("session") or {}
        return SessionCreated(kind, dialect=dialect_of(session), session=session)
    if kind == "session.updated":
        return SessionUpdated(kind, session=data.get("session") or {})
    if kind == "error":
        return _error(kind, data)
    if kind == "input_audio_buffer.committed":
        return InputCommitted(kind, _s(data, "item_id"), _opt(data, "previous_item_id"))
    if kind == "input_audio_buffer.cleared":
        return InputCleared(kind)
    if kind == "conversation.item.input_audio_transcription.delta":
        return UserTranscript(kind, _s(data, "item_id"), _s(data, "delta"), final=False)
    if kind == "conversation.item.input_audio_transcription.completed":
        return UserTranscript(
            kind,
            _s(data, "item_id"),
            _s(data, "transcript"),
            final=True,
            usage=parse_usage(data.get("usage")),
        )
    if kind == "conversation.item.input_audio_transcription.failed":
        err = data.get("error") or {}
        return UserTranscriptFailed(kind, _s(data, "item_id"), _s(err, "message"))
    if kind == "response.created":
        return ResponseCreated(kind, _s(data.get("response") or {}, "id"))
    if kind == "response.done":
        return _response_done(kind, data)
    if kind in ("response.output_audio.delta", "response.audio.delta"):
        return _audio_delta(kind, data)
    if kind in (
        "response.output_audio_transcript.delta",
        "response.audio_transcript.delta",
        "response.output_text.delta",
        "response.text.delta",
    ):
        return AssistantTranscriptDelta(
            kind, _s(data, "response_id"), _s(data, "item_id"), _s(data, "delta")
        )
    if kind in ("response.output_audio_transcript.done", "response.audio_transcript.done"):
        return AssistantTranscriptDone(
            kind, _s(data, "response_id"), _s(data, "item_id"), _s(data, "transcript")
        )
    if kind in ("response.output_text.done", "response.text.done"):
        return AssistantTranscriptDone(
            kind, _s(data, "response_id"), _s(data, "item_id"), _s(data, "text")
        )
    if kind == "conversation.item.truncated":
        return ItemTruncated(kind, _s(data, "item_id"), int(data.get("audio_end_ms") or 0))
    return OtherEvent(kind)


def parse_server_event(frame: str | bytes) -> ServerEvent:
    """Turn one text frame into an event; never raises."""
    try:
        data = json.loads(frame)
    except (ValueError, UnicodeDecodeError, RecursionError) as exc:  # nesting: RecursionError
        return MalformedFrame("", Reason.FRAME_NOT_JSON, exc.__class__.__name__)
    if not isinstance(data, dict) or not isinstance(data.get("type"), str):
        return MalformedFrame("", Reason.FRAME_WITHOUT_TYPE)
    kind = data["type"]
    try:
        return _parse(kind, data)
    except (TypeError, ValueError, AttributeError, OverflowError, binascii.Error) as exc:
        return MalformedFrame(kind, Reason.FRAME_UNREADABLE, str(exc) or exc.__class__.__name__)
