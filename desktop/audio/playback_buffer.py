"""Assistant audio between the socket thread (push) and the output callback (pull).

Chunks carry the response and item they belong to, so the buffer can count what was
handed to the device per item (for truncation) and drop audio of cancelled responses,
including deltas that arrive after the cancel.

The prebuffer adapts: it starts small for low latency and follows how late the deltas
arrive against the audio's own clock (DeliveryJitter), so a jittery network gets its
cushion before the first gap, not after. Each underrun still adds to a floor beneath that,
which shrinks again while playback is steady.
"""

from __future__ import annotations

import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass

from desktop.api_facts import RATE, SAMPLE_BYTES
from desktop.audio.delivery_jitter import DeliveryJitter
from desktop.audio.pcm import frames_to_ms, ms_to_frames

MIN_PREBUFFER_MS = 40
MAX_PREBUFFER_MS = 500
# Lateness the device's own blocks absorb; above it, the prebuffer covers the lateness seen
# (with a margin for the tail not seen yet) plus one delta, as it fills a delta at a time.
JITTER_FLOOR_MS = 10
JITTER_MARGIN = 1.25
GROW_MS = 40  # per underrun
SHRINK_MS = 10  # per STEADY_MS of audio played without an underrun
STEADY_MS = 20_000
FADE_MS = 8  # barge-in fades out instead of cutting mid-waveform (no click)
# After this much silence the last item counts as finished: pressing talk then is a new
# turn, not an interruption, and nothing needs truncating.
FINISHED_AFTER_MS = 300
_REMEMBERED_DROPS = 64
# Far more than any answer holds; a relay that sends hours at once must not fill memory.
MAX_QUEUED_MS = 10 * 60_000
_TRACKED_ITEMS = 256


@dataclass(frozen=True)
class PlayedItem:
    """What the device was given of one assistant item."""

    response_id: str
    item_id: str
    content_index: int
    handed_frames: int
    received_frames: int


@dataclass(frozen=True)
class PlaybackStats:
    queued_ms: int
    prebuffer_ms: int
    underruns: int
    lateness_ms: int = 0  # the latest an answer's audio came, against its own clock


@dataclass
class _Progress:
    response_id: str
    item_id: str
    content_index: int
    handed: int = 0
    received: int = 0


class PlaybackBuffer:
    def __init__(
        self,
        prebuffer_ms: int = MIN_PREBUFFER_MS,
        adaptive: bool = True,
        on_response_started: Callable[[str, float], None] | None = None,
        clock: Callable[[], float] = time.perf_counter,
    ) -> None:
        """`on_response_started(response_id, at)` is called on the output thread when a
        response's first sample is handed to the device; `at` is when the device asked for
        the block, plus the sample's place in it (perf_counter seconds): the device's
        output latency comes on top."""
        self._lock = threading.Lock()
        self._on_response_started = on_response_started
        self._announced = ""  # the last response whose start was told
        self._chunks: deque[tuple[_Progress, memoryview]] = deque()
        self._queued_frames = 0
        self._clock = clock
        self._jitter = DeliveryJitter()
        self._pushed_response = ""
        self._least_frames = ms_to_frames(prebuffer_ms)
        self._floor_frames = self._least_frames  # raised by underruns, lowered when steady
        self._prebuffer_frames = self._least_frames
        self._adaptive = adaptive
        self._started = False  # False until the prebuffer is full, again after a drain
        self._dropped: deque[str] = deque(maxlen=_REMEMBERED_DROPS)
        self._progress: dict[tuple[str, int], _Progress] = {}
        self._current: _Progress | None = None
        self._starved: _Progress | None = None  # ran dry mid-item; an underrun if it resumes
        self._steady_frames = 0
        self._idle_frames = 0
        self._fade = b""
        self.underruns = 0
        self.overflowed_frames = 0  # audio refused because MAX_QUEUED_MS was queued already
        self.frames_played = 0
        self.started_at = 0.0  # perf_counter when audio last began to flow to the device

    # ---- socket thread ----------------------------------------------------------------

    def push(self, response_id: str, item_id: str, content_index: int, pcm: bytes) -> None:
        # Whole samples only: one odd byte would shift every later sample into noise. A
        # delta with an odd length is broken, so its stray byte is dropped, not carried on.
        pcm = pcm[: len(pcm) - len(pcm) % SAMPLE_BYTES]
        with self._lock:
            if response_id in self._dropped or not pcm:
                return
            frames = len(pcm) // SAMPLE_BYTES
            if self._queued_frames + frames > ms_to_frames(MAX_QUEUED_MS):
                self.overflowed_frames += frames
                return
            self._measure_delivery(response_id, frames)
            key = (item_id, content_index)
            progress = self._progress.get(key)
            if progress is None:
                progress = self._track(key, _Progress(response_id, item_id, content_index))
            if progress is self._starved:
                self._count_underrun()
            self._starved = None  # resumed, or another item began: the gap is over
            progress.received += frames
            self._chunks.append((progress, memoryview(pcm)))
            self._queued_frames += frames

    def _measure_delivery(self, response_id: str, frames: int) -> None:
        if response_id != self._pushed_response:
            self._pushed_response = response_id
            self._jitter.answer_began()
        self._jitter.arrived(self._clock(), frames / RATE)
        self._settle_prebuffer()

    def _settle_prebuffer(self) -> None:
        if not self._adaptive:
            return
        wanted = self._floor_frames
        lateness_ms = self._jitter.lateness_ms()
        if lateness_ms > JITTER_FLOOR_MS:
            cushion_ms = lateness_ms * JITTER_MARGIN + self._jitter.delta_ms()
            wanted = max(wanted, ms_to_frames(cushion_ms))
        self._prebuffer_frames = min(wanted, ms_to_frames(MAX_PREBUFFER_MS))

    def _track(self, key: tuple[str, int], progress: _Progress) -> _Progress:
        if len(self._progress) >= _TRACKED_ITEMS:
            # Only the item playing can be truncated; the oldest others are forgotten.
            oldest = next(k for k, p in self._progress.items() if p is not self._current)
            del self._progress[oldest]
        self._progress[key] = progress
        return progress

    # ---- output callback ----------------------------------------------------------------

    def pull(self, frames: int) -> bytes:
        """Exactly `frames` frames for the device; silence where there is nothing to play."""
        out = bytearray(frames * SAMPLE_BYTES)
        pulled_at = time.perf_counter()
        started: tuple[str, int] | None = None  # (response id, byte offset in this block)
        with self._lock:
            filled = self._take_fade(out)
            if not self._started:
                if self._queued_frames < self._prebuffer_frames or not self._chunks:
                    self._count_idle(frames)
                    return bytes(out)
                self._started = True
                self.started_at = time.perf_counter()
            self._idle_frames = 0
            wanted = frames * SAMPLE_BYTES
            while filled < wanted and self._chunks:
                progress, chunk = self._chunks[0]
                take = min(len(chunk), wanted - filled)
                out[filled : filled + take] = chunk[:take]
                filled += take
                progress.handed += take // SAMPLE_BYTES
                self._set_current(progress)
                if progress.response_id != self._announced:
                    self._announced = progress.response_id
                    started = (progress.response_id, filled - take)
                if take == len(chunk):
                    self._chunks.popleft()
                else:
                    self._chunks[0] = (progress, chunk[take:])
            played = filled // SAMPLE_BYTES
            self._queued_frames -= played
            self.frames_played += played
            self._note_steady(played)
            if filled < wanted:
                # Out of audio: wait for a new prebuffer rather than play stutter.
                self._started = False
                self._starved = self._current
        if started is not None and self._on_response_started is not None:
            response_id, offset = started
            self._on_response_started(response_id, pulled_at + offset / SAMPLE_BYTES / RATE)
        return bytes(out)

    def _set_current(self, progress: _Progress) -> None:
        previous = self._current
        if previous is not None and progress.response_id != previous.response_id:
            # A new answer: earlier answers can no longer be interrupted or truncated.
            self._progress = {
                k: p for k, p in self._progress.items() if p.response_id == progress.response_id
            }
        self._current = progress

    def _take_fade(self, out: bytearray) -> int:
        """Writes what is left of a barge-in fade to the start of `out`; returns its size."""
        fade, self._fade = self._fade[: len(out)], self._fade[len(out) :]
        out[: len(fade)] = fade
        return len(fade)

    def _count_idle(self, frames: int) -> None:
        self._idle_frames += frames
        if ms_to_frames(FINISHED_AFTER_MS) <= self._idle_frames and not self._chunks:
            self._current = None

    def _count_underrun(self) -> None:
        self.underruns += 1
        self._steady_frames = 0
        self._floor_frames = min(
            self._prebuffer_frames + ms_to_frames(GROW_MS), ms_to_frames(MAX_PREBUFFER_MS)
        )
        self._settle_prebuffer()

    def _note_steady(self, frames: int) -> None:
        self._steady_frames += frames
        if self._steady_frames >= ms_to_frames(STEADY_MS):
            self._steady_frames = 0
            self._floor_frames = max(
                self._floor_frames - ms_to_frames(SHRINK_MS), self._least_frames
            )
            self._settle_prebuffer()

    def is_idle(self) -> bool:
        """Nothing plays and nothing waits to: the device is handed silence."""
        return not (self._started or self._chunks or self._fade)

    # ---- GUI thread ---------------------------------------------------------------------

    def interrupt(self, fade: bool = True) -> PlayedItem | None:
        """Silence now: drop everything queued and every response heard so far, after a
        fade of a few ms (`fade=False`: the speaker dropped what it held, so there is
        nothing to fade from). Returns the item the user was hearing, or None."""
        with self._lock:
            current = self._current
            if fade and self._started and self._chunks:
                self._fade = self._fade_out(ms_to_frames(FADE_MS), current)
            self._dropped.extend(p.response_id for p in self._progress.values())
            self._chunks.clear()
            self._queued_frames = 0
            self._started = False
            self._progress.clear()
            self._current = self._starved = None
            if current is None:
                return None
            return PlayedItem(
                current.response_id,
                current.item_id,
                current.content_index,
                current.handed,
                current.received,
            )

    def _fade_out(self, frames: int, current: _Progress | None) -> bytes:
        head = bytearray()
        for _, chunk in self._chunks:
            head += chunk[: frames * SAMPLE_BYTES - len(head)]
            if len(head) >= frames * SAMPLE_BYTES:
                break
        import numpy as np  # not at import time: the window comes up first

        samples = np.frombuffer(bytes(head), np.int16).astype(np.float32)
        ramp = np.linspace(1.0, 0.0, num=len(samples), endpoint=False, dtype=np.float32)
        if current is not None:
            current.handed += len(samples)  # the fade is played, so it is heard
        return (samples * ramp).astype(np.int16).tobytes()

    def forget_dropped(self) -> None:
        """A new session began: its response ids may repeat the old session's."""
        with self._lock:
            self._dropped.clear()

    def drop_response(self, response_id: str) -> None:
        with self._lock:
            self._dropped.append(response_id)
            kept = [(p, c) for p, c in self._chunks if p.response_id != response_id]
            self._chunks = deque(kept)
            self._queued_frames = sum(len(c) for _, c in kept) // SAMPLE_BYTES

    def stats(self) -> PlaybackStats:
        with self._lock:
            return PlaybackStats(
                frames_to_ms(self._queued_frames),
                frames_to_ms(self._prebuffer_frames),
                self.underruns,
                self._jitter.lateness_ms(),
            )

    @property
    def queued_ms(self) -> int:
        return self.stats().queued_ms
