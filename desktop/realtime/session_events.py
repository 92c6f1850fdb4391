"""The words the session logic speaks: what goes in (intents, link changes) and what comes
out (effects the controller carries out). Plain immutable values, no behaviour.

`Intent` and `Effect` are closed unions: a new member that the reducer or the controller
does not handle is a type error where they `match` on it.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import Any

from desktop.realtime import client_events as ce
from desktop.realtime import server_events as se
from desktop.realtime.history import History
from desktop.realtime.problems import Problem
from desktop.realtime.usage import Usage


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
    RETRYING = "retrying"
    SESSION_EXPIRED = "session_expired"
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
class TextSent:
    """The user typed a message (`item_id` is the app's own, for the transcript)."""

    text: str
    item_id: str
    text_only: bool = False  # answer in text, without audio
    heard: Heard | None = None  # of an answer this message cuts off


@dataclass(frozen=True)
class TalkReleased:
    captured_ms: int


@dataclass(frozen=True)
class Disconnected:
    """The controller closed the session: for new settings (the conversation stays), or
    because another conversation was opened (`history`: its lines, none for a new one)."""

    history: History | None = None


@dataclass(frozen=True)
class IdleTick:
    """Sent now and then by a timer: a chance to keep an idle session alive."""


@dataclass(frozen=True)
class RetryDue:
    """The back-off delay of a failed connect has passed."""


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
    unasked: bool = False  # an answer the relay started without being asked
    typed: bool = False  # the user's words came from the keyboard, not the microphone


@dataclass(frozen=True)
class TranscriptInterrupted:
    item_id: str
    # How many characters of the line had been spoken when it was cut off (realtime.heard);
    # None where that is not known (a line from before, an answer not yet timed).
    heard_chars: int | None = None


@dataclass(frozen=True)
class UsageReported:
    """What a finished (or cancelled) response used, its items the turns it made; or what
    transcribing a spoken turn used, its item that turn."""

    response_id: str  # "" for a transcription
    item_ids: tuple[str, ...]
    usage: Usage
    model: str = ""  # the model that used it; "" is the session's own

    def priced_as(self, session_model: str) -> str:
        """The model whose prices apply: its own, or the session's."""
        return self.model or session_model


@dataclass(frozen=True)
class ShowProblem:
    problem: Problem


@dataclass(frozen=True)
class ShowHint:
    hint: Hint


@dataclass(frozen=True)
class ScheduleRetry:
    delay_s: float


@dataclass(frozen=True)
class SessionRenewed:
    """A new session took over, told the conversation so far: the transcript marks the seam."""

    lines_carried: int


Intent = (
    ConnectRequested
    | LinkOpened
    | LinkFailed
    | TalkPressed
    | TalkReleased
    | TextSent
    | Disconnected
    | IdleTick
    | RetryDue
)
"""What the app itself tells the session: the user's intents and what the link did."""

Input = Intent | se.ServerEvent
"""Everything the reducer takes: intents and the server's events."""

Effect = (
    Connect
    | Send
    | StreamMicrophone
    | DropResponseAudio
    | LinkChanged
    | TranscriptText
    | TranscriptInterrupted
    | ShowProblem
    | ShowHint
    | ScheduleRetry
    | SessionRenewed
    | UsageReported
)
"""What the reducer asks the controller to do."""

TranscriptChange = TranscriptText | TranscriptInterrupted
"""What the transcript view is told."""
