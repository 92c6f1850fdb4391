"""One connection's session: the reader thread handles events, a writer streams answers."""

from __future__ import annotations

import base64
import contextlib
import itertools
import json
import random
import socket
import threading
import time
from typing import Any

from websockets.exceptions import ConnectionClosed
from websockets.sync.server import ServerConnection

from desktop.api_facts import VOICES
from desktop.loopback.behaviour import Behaviour, Record
from desktop.loopback.streamer import ResponseStreamer
from desktop.loopback.wire import (
    BETA_NAMES,
    BYTES_PER_MS,
    GA_NAMES,
    Reply,
    session_object,
)


class Conversation:
    """One connection's session; the reader thread handles events, a writer streams answers."""

    def __init__(
        self,
        ws: ServerConnection,
        behaviour: Behaviour,
        record: Record,
        pacing: random.Random,
        ga: bool,
    ) -> None:
        self.ws = ws
        self.behaviour = behaviour
        self.record = record
        self.pacing = pacing
        self.ga = ga
        self.names = GA_NAMES if ga else BETA_NAMES
        self.ids = itertools.count(1)
        self.buffer = bytearray()
        self.committed = b""
        self.last_item: str | None = None
        self.last_spoken_item: str | None = None  # the latest committed audio
        self.audio_ms: dict[str, int] = {}
        self.transcribe = False
        self.cancel = threading.Event()
        self.streamer: threading.Thread | None = None
        self.greeted = False
        # The relay's own response.create reached upstream first; the client's, a moment
        # later, finds that answer still active (upstream takes far longer than this double
        # to produce one), so it is refused whether or not the double has finished.
        self.own_answer_started = False

    def next_id(self) -> int:
        return next(self.ids)

    def send(self, kind: str, **fields: Any) -> None:
        event = json.dumps({"type": kind, "event_id": f"event_{next(self.ids)}", **fields})
        rewrite = self.behaviour.rewrite
        for frame in rewrite(self.ws, event) if rewrite is not None else (event,):
            self.ws.send(frame)

    def error(self, code: str | None, message: str, param: str | None = None) -> None:
        self._send_error(code, message, param)
        if self.behaviour.errors_end_session:
            self.drop()

    def _send_error(self, code: str | None, message: str, param: str | None) -> None:
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
        cap_s = self.behaviour.session_cap_s
        ends_at = time.monotonic() + cap_s if cap_s else None
        try:
            while True:
                waits = [self.behaviour.idle_timeout_s]
                if ends_at is not None:
                    waits.append(max(0.0, ends_at - time.monotonic()))
                known = [w for w in waits if w is not None]
                try:
                    frame = self.ws.recv(timeout=min(known) if known else None)
                except TimeoutError:
                    if ends_at is not None and time.monotonic() >= ends_at:
                        minutes = round((cap_s or 0) / 60)
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
        self.record.received_at.append(time.perf_counter())
        self.record.received.append(event)
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
        voice = (
            session.get("audio", {}).get("output", {}).get("voice")
            if self.ga
            else (session.get("voice"))
        )
        if isinstance(voice, str) and voice not in VOICES:
            # As the Realtime API does: the whole update is refused, the session goes on.
            self.error(
                "invalid_value",
                f"Invalid value: '{voice}'. Supported values are: "
                + ", ".join(f"'{v}'" for v in VOICES)
                + ".",
                "session.voice",
            )
            return
        audio_in = session.get("audio", {}).get("input", {}) if self.ga else session
        key = "transcription" if self.ga else "input_audio_transcription"
        self.transcribe = bool(audio_in.get(key))
        self.send("session.updated", session=session)
        if self.behaviour.greets and not self.greeted:
            self.greeted = True
            self.on_response_create({})

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
        self.record.turns.append(self.committed)
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
        self.last_item = self.last_spoken_item = item_id
        if self.behaviour.answers_on_commit:
            self.on_response_create({})
            self.own_answer_started = True

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

    def on_response_create(self, event: dict[str, Any]) -> None:
        refused = self.own_answer_started
        self.own_answer_started = False
        if refused or (self.streamer is not None and self.streamer.is_alive()):
            self.error(
                "conversation_already_has_active_response",
                "Conversation already has an active response in progress.",
            )
            return
        self.cancel.clear()
        reply = self.behaviour.reply(self.committed)
        # Only spoken input is transcribed; a typed message is its own text.
        user_item = self.last_item if self.last_item == self.last_spoken_item else None
        asked = event.get("response") or {}
        text_only = asked.get("output_modalities" if self.ga else "modalities") == ["text"]
        self.streamer = threading.Thread(
            target=self._stream, args=(reply, user_item, text_only), daemon=True
        )
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

    def _stream(self, reply: Reply, user_item: str | None, text_only: bool) -> None:
        streamer = ResponseStreamer(self, self.behaviour, self.record, self.pacing, self.cancel)
        with contextlib.suppress(ConnectionClosed):
            streamer.stream(reply, user_item, self.transcribe, text_only)
