"""Every event between the app and the relay, for the event inspector: when, which way,
what type, how big on the wire, and the event itself with its audio left out.

Recording is off until the inspector asks for it, and then costs the socket and audio
threads an append: an event is kept as the text that went over the wire and read only
when someone looks at it; audio is never kept, only its size. Memory is bounded by count and
by bytes: the oldest events go first.
"""

from __future__ import annotations

import json
import re
import threading
import time
from collections import deque
from dataclasses import dataclass, field
from datetime import datetime
from enum import Enum
from typing import Any

from desktop.realtime.server_events import AudioDelta, ServerEvent
from desktop.redaction import redact

MAX_EVENTS = 20_000
MAX_BYTES = 8 * 1024 * 1024  # of kept event text
MAX_EVENT_CHARS = 64 * 1024  # a longer frame is kept cut short, and says so
_AUDIO_KEYS = ("audio", "delta")
_LONG_BASE64 = re.compile(r"^[A-Za-z0-9+/=]{256,}$")


class Direction(Enum):
    SENT = "sent"
    RECEIVED = "received"


@dataclass(frozen=True)
class LoggedEvent:
    seq: int
    at: float  # seconds since the epoch
    direction: Direction
    type: str
    size: int  # bytes on the wire
    _kept: str | dict[str, Any] = field(repr=False)  # frame text, or a summary of audio

    def body(self) -> dict[str, Any] | str:
        """The event as JSON would show it, audio elided; a frame that is not JSON as text."""
        if isinstance(self._kept, dict):
            return self._kept
        try:
            parsed = json.loads(self._kept)
        except ValueError:
            return _without_keys(self._kept)
        return _elided(parsed) if isinstance(parsed, dict) else _without_keys(self._kept)

    def text(self) -> str:
        """Pretty JSON (what Copy gives)."""
        shown = self.body()
        if isinstance(shown, str):
            return shown
        return _without_keys(json.dumps(shown, ensure_ascii=False, indent=2))

    def record(self) -> dict[str, Any]:
        """One line of a saved session (JSONL)."""
        moment = datetime.fromtimestamp(self.at).astimezone().isoformat(timespec="milliseconds")
        return {
            "at": moment,
            "direction": self.direction.value,
            "type": self.type,
            "size": self.size,
            "event": self.body(),
        }


class EventLog:
    """Thread-safe: the socket thread, the audio input thread and the GUI thread add."""

    def __init__(self, max_events: int = MAX_EVENTS, max_bytes: int = MAX_BYTES) -> None:
        self._lock = threading.Lock()
        self._events: deque[LoggedEvent] = deque()
        self._max_events = max_events
        self._max_bytes = max_bytes
        self._bytes = 0
        self._seq = 0
        self.recording = False

    # ---- any thread -----------------------------------------------------------------

    def sent(self, event: dict[str, Any], wire: str) -> None:
        """`wire`: the event as it went, for its size (measured only while recording)."""
        if self.recording:
            self._add(Direction.SENT, str(event.get("type", "")), len(wire.encode()), _kept(wire))

    def sent_audio(self, size: int, pcm_bytes: int) -> None:
        if self.recording:
            shown = {"type": "input_audio_buffer.append", "audio": _audio_note(pcm_bytes)}
            self._add(Direction.SENT, shown["type"], size, shown)

    def received(self, frame: str | bytes, event: ServerEvent) -> None:
        if not self.recording:
            return
        if isinstance(event, AudioDelta):
            shown: str | dict[str, Any] = {
                "type": event.type,
                "response_id": event.response_id,
                "item_id": event.item_id,
                "content_index": event.content_index,
                "delta": _audio_note(len(event.pcm)),
            }
        else:
            shown = _kept(frame if isinstance(frame, str) else frame.decode("utf-8", "replace"))
        size = len(frame.encode()) if isinstance(frame, str) else len(frame)
        self._add(Direction.RECEIVED, event.type, size, shown)

    # ---- the inspector ----------------------------------------------------------------

    def after(self, seq: int) -> list[LoggedEvent]:
        """The events added since `seq` (0: all that are kept), oldest first."""
        with self._lock:
            if not self._events or self._events[-1].seq <= seq:
                return []
            first = self._events[0].seq
            start = max(seq - first + 1, 0)
            return [self._events[i] for i in range(start, len(self._events))]

    def oldest_seq(self) -> int:
        with self._lock:
            return self._events[0].seq if self._events else self._seq + 1

    def clear(self) -> None:
        with self._lock:
            self._events.clear()
            self._bytes = 0

    def _add(self, direction: Direction, kind: str, size: int, kept: str | dict[str, Any]) -> None:
        cost = len(kept) if isinstance(kept, str) else 256  # a summary is small
        with self._lock:
            self._seq += 1
            self._events.append(LoggedEvent(self._seq, time.time(), direction, kind, size, kept))
            self._bytes += cost
            while len(self._events) > self._max_events or (
                self._bytes > self._max_bytes and len(self._events) > 1
            ):
                gone = self._events.popleft()._kept
                self._bytes -= len(gone) if isinstance(gone, str) else 256


def to_jsonl(events: list[LoggedEvent]) -> str:
    return "".join(
        _without_keys(json.dumps(event.record(), ensure_ascii=False)) + "\n" for event in events
    )


def _kept(text: str) -> str:
    """A frame as it went, read only when someone looks at it. One too long to keep whole
    is read now, its audio left out, and cut short only if it is still too long."""
    if len(text) <= MAX_EVENT_CHARS:
        return text
    try:
        parsed = json.loads(text)
    except ValueError:
        parsed = None
    if isinstance(parsed, dict):
        shown = json.dumps(_elided(parsed), ensure_ascii=False)
        if len(shown) <= MAX_EVENT_CHARS:
            return shown
    return text[:MAX_EVENT_CHARS] + f"… ({len(text):,} characters in all)"


def _audio_note(pcm_bytes: int) -> str:
    return f"<audio: {pcm_bytes:,} bytes, {pcm_bytes / 48:.0f} ms>"  # 24 kHz mono PCM16


def _elided(event: dict[str, Any]) -> dict[str, Any]:
    """A copy with base64 audio replaced by a note of its size, at any depth, and anything
    that looks like a key masked. `delta` is audio only in an audio event's delta."""
    audio_keys = _AUDIO_KEYS if "audio" in str(event.get("type", "")) else ("audio",)
    return _elided_dict(event, audio_keys)


def _elided_dict(event: dict[str, Any], audio_keys: tuple[str, ...]) -> dict[str, Any]:
    return {key: _elided_value(key, value, audio_keys) for key, value in event.items()}


def _elided_value(key: str, value: Any, audio_keys: tuple[str, ...]) -> Any:
    if isinstance(value, dict):
        return _elided_dict(value, audio_keys)
    if isinstance(value, list):
        return [_elided_value(key, v, audio_keys) for v in value]
    if isinstance(value, str):
        if key in audio_keys and _LONG_BASE64.match(value):
            return _audio_note(len(value) * 3 // 4)
        return _without_keys(value)
    return value


def _without_keys(text: str) -> str:
    """What would be a key were a relay ever to echo one: blanked as the log blanks it."""
    return redact(text)
