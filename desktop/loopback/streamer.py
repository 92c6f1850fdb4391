"""One answer on the wire: created, deltas of transcript and audio (paced, cancellable,
perhaps stalling), done. Runs on a thread of its own while the reader handles events."""

from __future__ import annotations

import base64
import random
import threading
import time
from dataclasses import dataclass
from typing import Any, Protocol

from desktop.loopback.behaviour import Behaviour, Record
from desktop.loopback.wire import BYTES_PER_MS, Reply, transcription_usage, usage_object


class Outlet(Protocol):
    """The connection an answer is written to."""

    names: dict[str, str]  # the dialect's event names
    ga: bool
    audio_ms: dict[str, int]  # audio sent per item, for truncation

    def send(self, kind: str, **fields: Any) -> None: ...
    def next_id(self) -> int: ...
    def drop(self) -> None: ...


@dataclass
class ResponseStreamer:
    out: Outlet
    behaviour: Behaviour
    record: Record
    pacing: random.Random
    cancel: threading.Event

    def stream(
        self, reply: Reply, user_item: str | None, transcribe: bool, text_only: bool = False
    ) -> None:
        n = self.out.next_id()
        response_id, item_id = f"resp_{n}", f"item_assistant_{n}"
        ids = {
            "response_id": response_id,
            "item_id": item_id,
            "output_index": 0,
            "content_index": 0,
        }
        self.out.send(
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
        self.out.send(
            "response.output_item.added", response_id=response_id, output_index=0, item=item
        )
        self.out.audio_ms[item_id] = 0
        if self.behaviour.thinks_s:
            self.cancel.wait(self.behaviour.thinks_s)
        if text_only:  # response.create asked for text alone: no audio at all
            transcript, completed = self._text_deltas(reply, ids)
        else:
            transcript, completed = self._deltas(reply, item_id, ids)
        if completed and transcribe and reply.user_transcript and user_item:
            # Input transcription runs on another model and often lands after the answer.
            heard_ms = len(self.record.turns[-1]) // BYTES_PER_MS if self.record.turns else 0
            usage = transcription_usage(self.out.ga, heard_ms, reply.user_transcript)
            self.record.transcription_usage_sent.append(usage)
            self.out.send(
                "conversation.item.input_audio_transcription.completed",
                item_id=user_item,
                content_index=0,
                transcript=reply.user_transcript,
                usage=usage,
            )
        self._finish(response_id, item, ids, transcript, completed, text_only)

    def _deltas(self, reply: Reply, item_id: str, ids: dict[str, Any]) -> tuple[str, bool]:
        """Sends the answer piece by piece; (transcript sent, whether it all went)."""
        names = self.out.names
        chunk = self.behaviour.chunk_ms * BYTES_PER_MS
        pieces = [reply.audio[i : i + chunk] for i in range(0, len(reply.audio), chunk)]
        words = reply.transcript.split(" ")
        # Spread over the audio as speech is: a delta's words are those its piece says.
        share = len(words) / max(len(pieces), 1)
        sent_words: list[str] = []
        began, sent_s = time.perf_counter(), 0.0
        for index, piece in enumerate(pieces):
            stall = self.behaviour.stall_after_chunks
            if stall is not None and index >= stall:
                self.cancel.wait()  # silence until the client gives up or cancels
            if self.cancel.is_set():
                return "".join(sent_words), False
            last = index == len(pieces) - 1
            end = len(words) if last else round((index + 1) * share)
            text = " ".join(words[round(index * share) : end])
            if text:
                text = (" " if sent_words else "") + text
                sent_words.append(text)
                self.out.send(names["transcript_delta"], delta=text, **ids)
            if index == 0:
                self.record.first_audio_sent_at.append(time.perf_counter())
            self.out.send(names["audio_delta"], delta=base64.b64encode(piece).decode(), **ids)
            self.out.audio_ms[item_id] += len(piece) // BYTES_PER_MS
            sent_s += len(piece) / BYTES_PER_MS / 1000
            if self.behaviour.pace:
                time.sleep(self._delay_until(began, sent_s))
        return "".join(sent_words), True

    def _text_deltas(self, reply: Reply, ids: dict[str, Any]) -> tuple[str, bool]:
        """A word at a time, as fast as the audio would have carried it."""
        sent: list[str] = []
        for word in reply.transcript.split(" "):
            if self.cancel.is_set():
                return "".join(sent), False
            sent.append((" " if sent else "") + word)
            self.out.send(self.out.names["text_delta"], delta=sent[-1], **ids)
            if self.behaviour.pace:
                time.sleep(self._delay_after(self.behaviour.chunk_ms / 1000))
        return "".join(sent), True

    def _delay_until(self, began: float, sent_s: float) -> float:
        """The pause before the next audio chunk: on the answer's own clock (`sent_s` of
        audio since `began`, at the pace), each chunk early or late by up to the jitter, as
        a network delays packets: a late one does not push back those after it."""
        jitter = self.behaviour.jitter_s
        wobble = self.pacing.uniform(-jitter, jitter) if jitter else 0.0
        return max(0.0, began + sent_s / self.behaviour.pace + wobble - time.perf_counter())

    def _delay_after(self, chunk_s: float) -> float:
        """The pause after sending a chunk of `chunk_s` seconds: paced, with jitter."""
        jitter = self.behaviour.jitter_s
        wobble = self.pacing.uniform(-jitter, jitter) if jitter else 0.0
        return max(0.0, chunk_s / self.behaviour.pace + wobble)

    def _finish(
        self,
        response_id: str,
        item: dict[str, Any],
        ids: dict[str, Any],
        transcript: str,
        completed: bool,
        text_only: bool = False,
    ) -> None:
        names = self.out.names
        if text_only:
            self.out.send(names["text_done"], text=transcript, **ids)
        else:
            self.out.send(names["audio_done"], **ids)
            self.out.send(names["transcript_done"], transcript=transcript, **ids)
        self.out.send(
            "response.output_item.done",
            response_id=response_id,
            output_index=0,
            item=item | {"status": "completed" if completed else "incomplete"},
        )
        details = None if completed else {"type": "cancelled", "reason": "client_cancelled"}
        heard_ms = sum(len(turn) for turn in self.record.turns) // BYTES_PER_MS
        usage = usage_object(
            self.out.ga,
            heard_ms,
            self.out.audio_ms.get(item["id"], 0),
            len(transcript),
            self.record.responses_done,
        )
        self.record.usage_sent.append(usage)
        self.out.send(
            "response.done",
            response={
                "id": response_id,
                "object": "realtime.response",
                "status": "completed" if completed else "cancelled",
                "status_details": details,
                "output": [item],
                "usage": usage,
            },
        )
        done = self.record.response_done()
        limit = self.behaviour.max_responses
        if limit is not None and done >= limit:
            self.out.drop()  # the balance is gone: the relay tears the session down, silently
