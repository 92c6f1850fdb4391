"""A Realtime endpoint on 127.0.0.1 that answers each spoken turn with `reply(audio)`.

`--demo` uses it to play the user's own voice back, so microphone and speakers can be
checked with no key and no network. It speaks either dialect and follows the protocol
closely enough (cancel, truncate, the 100 ms commit minimum) to stand in for a relay.
"""

from __future__ import annotations

import base64
import contextlib
import itertools
import json
import logging
import random
import socket
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qs, urlsplit

from websockets.exceptions import ConnectionClosed
from websockets.http11 import Request, Response
from websockets.sync.server import Server, ServerConnection, serve

log = logging.getLogger(__name__)

RATE = 24000
BYTES_PER_MS = RATE * 2 // 1000
MAX_FRAME = 8 * 1024 * 1024  # what new-api style relays accept per message


@dataclass(frozen=True)
class Reply:
    audio: bytes  # 24 kHz mono PCM16
    transcript: str
    user_transcript: str | None = None  # None: input transcription is not offered


ReplyFunction = Callable[[bytes], Reply]
RequestCheck = Callable[[ServerConnection, Request], Response | None]

_GA = {
    "audio_delta": "response.output_audio.delta",
    "audio_done": "response.output_audio.done",
    "transcript_delta": "response.output_audio_transcript.delta",
    "transcript_done": "response.output_audio_transcript.done",
    "item_added": "conversation.item.added",
}
_BETA = {
    "audio_delta": "response.audio.delta",
    "audio_done": "response.audio.done",
    "transcript_delta": "response.audio_transcript.delta",
    "transcript_done": "response.audio_transcript.done",
    "item_added": "conversation.item.created",
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


class _Conversation:
    """One connection's session; the reader thread handles events, a writer streams answers."""

    def __init__(self, ws: ServerConnection, server: LoopbackRealtimeServer, ga: bool) -> None:
        self.ws = ws
        self.server = server
        self.ga = ga
        self.names = _GA if ga else _BETA
        self.ids = itertools.count(1)
        self.buffer = bytearray()
        self.committed = b""
        self.last_item: str | None = None
        self.audio_ms: dict[str, int] = {}
        self.transcribe = False
        self.cancel = threading.Event()
        self.streamer: threading.Thread | None = None

    def send(self, kind: str, **fields: Any) -> None:
        self.ws.send(json.dumps({"type": kind, "event_id": f"event_{next(self.ids)}", **fields}))

    def error(self, code: str | None, message: str, param: str | None = None) -> None:
        self.send(
            "error",
            error={
                "type": "invalid_request_error",
                "code": code,
                "message": message,
                "param": param,
                "event_id": None,
            },
        )

    def run(self, model: str) -> None:
        self.send("session.created", session=session_object(self.ga, model))
        ends_at = (
            time.monotonic() + self.server.session_cap_s if self.server.session_cap_s else None
        )
        try:
            while True:
                waits = [self.server.idle_timeout_s]
                if ends_at is not None:
                    waits.append(max(0.0, ends_at - time.monotonic()))
                known = [w for w in waits if w is not None]
                try:
                    frame = self.ws.recv(timeout=min(known) if known else None)
                except TimeoutError:
                    if ends_at is not None and time.monotonic() >= ends_at:
                        minutes = round((self.server.session_cap_s or 0) / 60)
                        self.error(
                            "session_expired",
                            f"Your session hit the maximum duration of {minutes} minutes.",
                        )
                    self.drop()  # idle deadline or session cap: the relay closes TCP
                    return
                try:
                    event = json.loads(frame)
                except ValueError:
                    self.drop()  # relays parse strictly and end the session without a word
                    return
                self.handle(event)
        finally:
            self.cancel.set()

    def handle(self, event: dict[str, Any]) -> None:
        self.server.received_at.append(time.perf_counter())
        self.server.received.append(event)
        handler = getattr(self, "on_" + event.get("type", "").replace(".", "_"), None)
        if handler is None:
            self.error("invalid_value", f"Invalid value: '{event.get('type')}'.", "type")
        else:
            handler(event)

    def drop(self) -> None:
        """End the TCP connection with no close frame, as relays do."""
        with contextlib.suppress(OSError):
            self.ws.socket.shutdown(socket.SHUT_RDWR)
        self.ws.socket.close()

    def on_session_update(self, event: dict[str, Any]) -> None:
        session = session_object(self.ga, "loopback") | event.get("session", {})
        audio_in = session.get("audio", {}).get("input", {}) if self.ga else session
        key = "transcription" if self.ga else "input_audio_transcription"
        self.transcribe = bool(audio_in.get(key))
        self.send("session.updated", session=session)

    def on_input_audio_buffer_append(self, event: dict[str, Any]) -> None:
        self.buffer += base64.b64decode(event["audio"], validate=True)

    def on_input_audio_buffer_clear(self, _event: dict[str, Any]) -> None:
        self.buffer.clear()
        self.send("input_audio_buffer.cleared")

    def on_input_audio_buffer_commit(self, _event: dict[str, Any]) -> None:
        ms = len(self.buffer) / BYTES_PER_MS
        if ms < 100:
            self.error(
                "input_audio_buffer_commit_empty",
                "Error committing input audio buffer: buffer too small. Expected at "
                f"least 100ms of audio, but buffer only has {ms:.2f}ms of audio.",
            )
            return
        item_id = f"item_user_{next(self.ids)}"
        self.committed, self.buffer = bytes(self.buffer), bytearray()
        self.server.turns.append(self.committed)
        self.send("input_audio_buffer.committed", item_id=item_id, previous_item_id=self.last_item)
        item = {
            "id": item_id,
            "object": "realtime.item",
            "type": "message",
            "role": "user",
            "status": "completed",
            "content": [{"type": "input_audio", "transcript": None}],
        }
        self.send(self.names["item_added"], previous_item_id=self.last_item, item=item)
        self.last_item = item_id

    def on_conversation_item_create(self, event: dict[str, Any]) -> None:
        item = {
            "id": f"item_text_{next(self.ids)}",
            "object": "realtime.item",
            "status": "completed",
            **event.get("item", {}),
        }
        self.send(self.names["item_added"], previous_item_id=self.last_item, item=item)
        if self.ga:
            self.send("conversation.item.done", previous_item_id=self.last_item, item=item)
        self.last_item = item["id"]

    def on_response_create(self, _event: dict[str, Any]) -> None:
        if self.streamer is not None and self.streamer.is_alive():
            self.error(
                "conversation_already_has_active_response",
                "Conversation already has an active response in progress.",
            )
            return
        self.cancel.clear()
        reply = self.server.reply(self.committed)
        user_item = self.last_item
        self.streamer = threading.Thread(target=self._stream, args=(reply, user_item), daemon=True)
        self.streamer.start()

    def on_response_cancel(self, _event: dict[str, Any]) -> None:
        if self.streamer is None or not self.streamer.is_alive():
            self.error(
                "response_cancel_not_active", "Cancellation failed: no active response found"
            )
            return
        self.cancel.set()

    def on_conversation_item_truncate(self, event: dict[str, Any]) -> None:
        item_id, end = event["item_id"], int(event["audio_end_ms"])
        length = self.audio_ms.get(item_id)
        if length is None:
            self.error(None, f"Item with item_id not found: {item_id}", "item_id")
        elif end > length:
            self.error(None, f"Audio content of {length}ms is already shorter than {end}ms")
        else:
            self.send(
                "conversation.item.truncated", item_id=item_id, content_index=0, audio_end_ms=end
            )

    def _stream(self, reply: Reply, user_item: str | None) -> None:
        with contextlib.suppress(ConnectionClosed):
            self._stream_response(reply, user_item)

    def _stream_response(self, reply: Reply, user_item: str | None) -> None:
        n = next(self.ids)
        response_id, item_id = f"resp_{n}", f"item_assistant_{n}"
        ids = {
            "response_id": response_id,
            "item_id": item_id,
            "output_index": 0,
            "content_index": 0,
        }
        self.send(
            "response.created",
            response={
                "id": response_id,
                "object": "realtime.response",
                "status": "in_progress",
                "output": [],
            },
        )
        item = {
            "id": item_id,
            "object": "realtime.item",
            "type": "message",
            "role": "assistant",
            "status": "in_progress",
            "content": [],
        }
        self.send("response.output_item.added", response_id=response_id, output_index=0, item=item)
        self.audio_ms[item_id] = 0
        chunk = self.server.chunk_ms * BYTES_PER_MS
        pieces = [reply.audio[i : i + chunk] for i in range(0, len(reply.audio), chunk)]
        words = reply.transcript.split(" ")
        per_piece = max(1, -(-len(words) // max(len(pieces), 1)))
        sent_words: list[str] = []
        status = "completed"
        for index, piece in enumerate(pieces):
            if self.cancel.is_set():
                status = "cancelled"
                break
            text = " ".join(words[index * per_piece : (index + 1) * per_piece])
            if text:
                text = (" " if sent_words else "") + text
                sent_words.append(text)
                self.send(self.names["transcript_delta"], delta=text, **ids)
            if index == 0:
                self.server.first_audio_sent_at.append(time.perf_counter())
            self.send(self.names["audio_delta"], delta=base64.b64encode(piece).decode(), **ids)
            self.audio_ms[item_id] += len(piece) // BYTES_PER_MS
            if self.server.pace:
                time.sleep(self.server.delay_after(len(piece) / BYTES_PER_MS / 1000))
        if status == "completed" and self.transcribe and reply.user_transcript and user_item:
            # Input transcription runs on another model and often lands after the answer.
            self.send(
                "conversation.item.input_audio_transcription.completed",
                item_id=user_item,
                content_index=0,
                transcript=reply.user_transcript,
            )
        self.send(self.names["audio_done"], **ids)
        self.send(self.names["transcript_done"], transcript="".join(sent_words), **ids)
        self.send(
            "response.output_item.done",
            response_id=response_id,
            output_index=0,
            item=item | {"status": "completed" if status == "completed" else "incomplete"},
        )
        details = (
            {"type": "cancelled", "reason": "client_cancelled"} if status != "completed" else None
        )
        self.send(
            "response.done",
            response={
                "id": response_id,
                "object": "realtime.response",
                "status": status,
                "status_details": details,
                "output": [],
                "usage": {"total_tokens": 0, "input_tokens": 0, "output_tokens": 0},
            },
        )


class LoopbackRealtimeServer:
    """Serves `/v1/realtime` on 127.0.0.1 in a background thread; `stop()` joins it."""

    def __init__(
        self,
        reply: ReplyFunction = echo_reply,
        *,
        ga: Callable[[str], bool] = lambda model: True,
        check_request: RequestCheck | None = None,
        chunk_ms: int = 100,
        pace: float = 0.0,
        jitter_s: float = 0.0,
        seed: int = 0,
        idle_timeout_s: float | None = None,
        session_cap_s: float | None = None,
    ) -> None:
        self.reply = reply
        self.ga = ga
        self.chunk_ms = chunk_ms
        self.pace = pace  # 0: as fast as the socket allows; 1.0: real time
        self.jitter_s = jitter_s  # each chunk comes up to this much early or late
        # Relay limits: no data frame for this long ends the session (pings do not count);
        # a session lasts at most this long (server: 60 min GA, 30 min beta).
        self.idle_timeout_s = idle_timeout_s
        self.session_cap_s = session_cap_s
        self._random = random.Random(seed)
        # What clients sent, and when (perf_counter): tests and benchmarks read these.
        self.received: list[dict[str, Any]] = []
        self.received_at: list[float] = []
        self.first_audio_sent_at: list[float] = []
        self.turns: list[bytes] = []
        self._check_request = check_request
        self._server: Server | None = None
        self._thread: threading.Thread | None = None

    def delay_after(self, chunk_s: float) -> float:
        """The pause after sending a chunk of `chunk_s` seconds: paced, with jitter."""
        wobble = self._random.uniform(-self.jitter_s, self.jitter_s) if self.jitter_s else 0.0
        return max(0.0, chunk_s / self.pace + wobble)

    @property
    def base_url(self) -> str:
        assert self._server is not None, "start() first"
        return f"http://127.0.0.1:{self._server.socket.getsockname()[1]}"

    def start(self) -> str:
        self._server = serve(
            self._handle,
            "127.0.0.1",
            0,
            process_request=self._check_request,
            max_size=MAX_FRAME,
            compression=None,
        )
        self._thread = threading.Thread(
            target=self._server.serve_forever, name="loopback-relay", daemon=True
        )
        self._thread.start()
        return self.base_url

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
        if self._thread is not None:
            self._thread.join(5)

    def _handle(self, ws: ServerConnection) -> None:
        assert ws.request is not None
        model = parse_qs(urlsplit(ws.request.path).query).get("model", ["gpt-realtime"])[0]
        with contextlib.suppress(ConnectionClosed):
            _Conversation(ws, self, self.ga(model)).run(model)
