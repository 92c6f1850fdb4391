"""Client events, spoken in the dialect the server revealed in `session.created`."""

from __future__ import annotations

import base64
import itertools
import json
from dataclasses import dataclass
from typing import Any

from desktop.api_facts import RATE
from desktop.realtime.server_events import Dialect

# Input transcription model per dialect: the beta interface predates gpt-4o-transcribe on
# many relays, while GA deployments accept it and stream incremental deltas.
TRANSCRIPTION_MODEL = {Dialect.BETA: "whisper-1", Dialect.GA: "gpt-4o-mini-transcribe"}

_event_ids = itertools.count(1)


def _event(kind: str, **fields: Any) -> dict[str, Any]:
    return {"type": kind, "event_id": f"evt_rtd_{next(_event_ids)}", **fields}


@dataclass(frozen=True)
class SessionOptions:
    voice: str
    instructions: str
    transcribe_input: bool = True


def session_update(dialect: Dialect, options: SessionOptions) -> dict[str, Any]:
    """Push to talk: server VAD off, 24 kHz PCM16 both ways, voice, instructions, transcripts."""
    transcription = {"model": TRANSCRIPTION_MODEL[dialect]} if options.transcribe_input else None
    if dialect is Dialect.GA:
        pcm = {"type": "audio/pcm", "rate": RATE}
        session: dict[str, Any] = {
            "type": "realtime",
            "output_modalities": ["audio"],
            "audio": {
                "input": {"format": pcm, "transcription": transcription, "turn_detection": None},
                "output": {"format": pcm, "voice": options.voice},
            },
        }
    else:
        session = {
            "modalities": ["text", "audio"],
            "voice": options.voice,
            "input_audio_format": "pcm16",
            "output_audio_format": "pcm16",
            "input_audio_transcription": transcription,
            "turn_detection": None,
        }
    if options.instructions:
        session["instructions"] = options.instructions
    return _event("session.update", session=session)


def input_audio_append(pcm: bytes) -> dict[str, Any]:
    # Standard, padded base64: relays decode strictly and drop the socket on anything else.
    return _event("input_audio_buffer.append", audio=base64.b64encode(pcm).decode("ascii"))


def input_audio_clear() -> dict[str, Any]:
    return _event("input_audio_buffer.clear")


def input_audio_commit() -> dict[str, Any]:
    return _event("input_audio_buffer.commit")


def response_create(dialect: Dialect | None = None, text_only: bool = False) -> dict[str, Any]:
    """An answer to what is in the conversation; `text_only` for quiet places (no audio)."""
    if not text_only or dialect is None:
        return _event("response.create")
    field = "output_modalities" if dialect is Dialect.GA else "modalities"
    return _event("response.create", response={field: ["text"]})


def response_cancel() -> dict[str, Any]:
    return _event("response.cancel")  # the response in progress


def item_truncate(item_id: str, content_index: int, audio_end_ms: int) -> dict[str, Any]:
    return _event(
        "conversation.item.truncate",
        item_id=item_id,
        content_index=content_index,
        audio_end_ms=audio_end_ms,
    )


def text_item_create(dialect: Dialect, role: str, text: str) -> dict[str, Any]:
    """A past line of the conversation, given back to a new session as text."""
    assistant_kind = "output_text" if dialect is Dialect.GA else "text"
    kind = "input_text" if role == "user" else assistant_kind
    item = {"type": "message", "role": role, "content": [{"type": kind, "text": text}]}
    return _event("conversation.item.create", item=item)


def to_wire(event: dict[str, Any]) -> str:
    return json.dumps(event, ensure_ascii=False, separators=(",", ":"))
