"""The loopback server's vocabulary: the audio format, both dialects' event names, the
session objects the server announces, and what a reply is."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from desktop.api_facts import RATE, SAMPLE_BYTES

BYTES_PER_MS = RATE * SAMPLE_BYTES // 1000
MAX_FRAME = 8 * 1024 * 1024  # what new-api style relays accept per message


@dataclass(frozen=True)
class Reply:
    audio: bytes  # 24 kHz mono PCM16
    transcript: str
    user_transcript: str | None = None  # None: input transcription is not offered


ReplyFunction = Callable[[bytes], Reply]


GA_NAMES = {
    "audio_delta": "response.output_audio.delta",
    "audio_done": "response.output_audio.done",
    "transcript_delta": "response.output_audio_transcript.delta",
    "transcript_done": "response.output_audio_transcript.done",
    "text_delta": "response.output_text.delta",
    "text_done": "response.output_text.done",
    "item_added": "conversation.item.added",
}
BETA_NAMES = {
    "audio_delta": "response.audio.delta",
    "audio_done": "response.audio.done",
    "transcript_delta": "response.audio_transcript.delta",
    "transcript_done": "response.audio_transcript.done",
    "text_delta": "response.text.delta",
    "text_done": "response.text.done",
    "item_added": "conversation.item.created",
}


def transcription_usage(ga: bool, heard_ms: int, transcript: str) -> dict[str, Any]:
    """What transcribing a spoken turn used: GA's gpt-4o-mini-transcribe counts tokens (the
    audio a token per 100 ms, a short prompt, the text it wrote); beta's whisper-1 counts
    the seconds heard."""
    if not ga:
        return {"type": "duration", "seconds": round(heard_ms / 1000, 1)}
    audio_in, text_in, text_out = heard_ms // 100, 8, -(-len(transcript) // 4)
    return {
        "type": "tokens",
        "total_tokens": audio_in + text_in + text_out,
        "input_tokens": audio_in + text_in,
        "input_token_details": {"text_tokens": text_in, "audio_tokens": audio_in},
        "output_tokens": text_out,
    }


def usage_object(
    ga: bool, heard_ms: int, said_ms: int, said_chars: int, earlier_responses: int
) -> dict[str, Any]:
    """`response.usage` as OpenAI counts it, roughly: user audio a token per 100 ms and
    answer audio one per 50 ms, text one per four characters; the conversation is input
    again at every response, and after the first its start comes from the cache. GA says
    which inputs were cached; beta gives only the total."""
    text_in = 40 + 30 * earlier_responses  # instructions, then the answers' transcripts
    audio_in = heard_ms // 100
    cached = min(64 * earlier_responses, text_in)
    text_out, audio_out = -(-said_chars // 4), said_ms // 50
    details: dict[str, Any] = {
        "text_tokens": text_in,
        "audio_tokens": audio_in,
        "cached_tokens": cached,
    }
    if ga:
        details["image_tokens"] = 0
        details["cached_tokens_details"] = {
            "text_tokens": cached, "audio_tokens": 0, "image_tokens": 0,
        }  # fmt: skip
    return {
        "total_tokens": text_in + audio_in + text_out + audio_out,
        "input_tokens": text_in + audio_in,
        "output_tokens": text_out + audio_out,
        "input_token_details": details,
        "output_token_details": {"text_tokens": text_out, "audio_tokens": audio_out},
    }


def echo_reply(audio: bytes) -> Reply:
    seconds = len(audio) / (RATE * 2)
    return Reply(audio, f"Demo: this is what your microphone heard ({seconds:.1f} s).", None)


def session_object(ga: bool, model: str) -> dict[str, Any]:
    vad = {
        "type": "server_vad",
        "threshold": 0.5,
        "prefix_padding_ms": 300,
        "silence_duration_ms": 200,
        "create_response": True,
        "interrupt_response": True,
    }
    if ga:
        pcm = {"type": "audio/pcm", "rate": RATE}
        return {
            "type": "realtime",
            "object": "realtime.session",
            "id": "sess_loopback",
            "model": model,
            "output_modalities": ["audio"],
            "instructions": "",
            "audio": {
                "input": {
                    "format": pcm,
                    "transcription": None,
                    "turn_detection": vad,
                    "noise_reduction": None,
                },
                "output": {"format": pcm, "voice": "marin", "speed": 1.0},
            },
            "tools": [],
            "tool_choice": "auto",
            "max_output_tokens": "inf",
        }
    return {
        "id": "sess_loopback",
        "object": "realtime.session",
        "model": model,
        "modalities": ["text", "audio"],
        "voice": "alloy",
        "instructions": "",
        "input_audio_format": "pcm16",
        "output_audio_format": "pcm16",
        "input_audio_transcription": None,
        "turn_detection": vad,
        "tools": [],
        "tool_choice": "auto",
        "temperature": 0.8,
        "max_response_output_tokens": "inf",
    }
