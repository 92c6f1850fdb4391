"""Assistant audio between the socket thread (push) and the output callback (pull).

Chunks carry the response and item they belong to, so the buffer can count what was
handed to the device per item (for truncation) and drop audio of cancelled responses,
including deltas that arrive after the cancel.
"""

from __future__ import annotations

import threading
from collections import deque
from dataclasses import dataclass

from desktop.audio.pcm import SAMPLE_BYTES, frames_to_ms, ms_to_frames

PREBUFFER_MS = 60
# After this much silence the last item counts as finished: pressing talk then is a new
# turn, not an interruption, and nothing needs truncating.
FINISHED_AFTER_MS = 300


@dataclass(frozen=True)
class PlayedItem:
    """What the device was given of one assistant item."""

    response_id: str
    item_id: str
    content_index: int
    handed_frames: int
    received_frames: int


@dataclass
class _Progress:
    response_id: str
    item_id: str
    content_index: int
    handed: int = 0
    received: int = 0


class PlaybackBuffer:
    def __init__(self, prebuffer_ms: int = PREBUFFER_MS) -> None:
        self._lock = threading.Lock()
        self._chunks: deque[tuple[_Progress, memoryview]] = deque()
        self._queued_frames = 0
        self._prebuffer_frames = ms_to_frames(prebuffer_ms)
        self._started = False  # False until the prebuffer is full, again after a drain
        self._dropped: set[str] = set()
        self._progress: dict[tuple[str, int], _Progress] = {}
        self._current: _Progress | None = None
        self._idle_frames = 0
        self._finished_after = ms_to_frames(FINISHED_AFTER_MS)
        self.underruns = 0
        self.frames_played = 0

    def push(self, response_id: str, item_id: str, content_index: int, pcm: bytes) -> None:
        with self._lock:
            if response_id in self._dropped or not pcm:
                return
            key = (item_id, content_index)
            progress = self._progress.get(key)
            if progress is None:
                progress = _Progress(response_id, item_id, content_index)
                self._progress[key] = progress
            progress.received += len(pcm) // SAMPLE_BYTES
            self._chunks.append((progress, memoryview(pcm)))
            self._queued_frames += len(pcm) // SAMPLE_BYTES

    def pull(self, frames: int) -> bytes:
        """Exactly `frames` frames for the device; silence where there is nothing to play."""
        out = bytearray(frames * SAMPLE_BYTES)
        with self._lock:
            if not self._started:
                if self._queued_frames < self._prebuffer_frames or not self._chunks:
                    self._count_idle(frames)
                    return bytes(out)
                self._started = True
            self._idle_frames = 0
            filled = 0
            wanted = frames * SAMPLE_BYTES
            while filled < wanted and self._chunks:
                progress, chunk = self._chunks[0]
                take = min(len(chunk), wanted - filled)
                out[filled : filled + take] = chunk[:take]
                filled += take
                progress.handed += take // SAMPLE_BYTES
                self._current = progress
                if take == len(chunk):
                    self._chunks.popleft()
                else:
                    self._chunks[0] = (progress, chunk[take:])
            self._queued_frames -= filled // SAMPLE_BYTES
            self.frames_played += filled // SAMPLE_BYTES
            if filled < wanted:
                if filled or self._queued_frames == 0:
                    # Out of audio: wait for a new prebuffer rather than play stutter.
                    self._started = False
                if filled:
                    self.underruns += 1
        return bytes(out)

    def _count_idle(self, frames: int) -> None:
        self._idle_frames += frames
        if self._idle_frames >= self._finished_after and not self._chunks:
            self._current = None

    def interrupt(self) -> PlayedItem | None:
        """Silence now: drop everything queued and every response heard so far.

        Returns the item the user was hearing, or None when nothing was playing.
        """
        with self._lock:
            current = self._current
            self._dropped.update(p.response_id for p in self._progress.values())
            self._chunks.clear()
            self._queued_frames = 0
            self._started = False
            self._progress.clear()
            self._current = None
            if current is None:
                return None
            return PlayedItem(
                current.response_id,
                current.item_id,
                current.content_index,
                current.handed,
                current.received,
            )

    def drop_response(self, response_id: str) -> None:
        with self._lock:
            self._dropped.add(response_id)
            kept = [(p, c) for p, c in self._chunks if p.response_id != response_id]
            self._chunks = deque(kept)
            self._queued_frames = sum(len(c) for _, c in kept) // SAMPLE_BYTES

    @property
    def queued_ms(self) -> int:
        with self._lock:
            return frames_to_ms(self._queued_frames)
