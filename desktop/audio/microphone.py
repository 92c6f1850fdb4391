"""The microphone: an always-open input stream whose chunks flow only while talking.

Keeping the stream open means a press starts sending at once, and lets the last
moments before the press (the pre-roll) be kept: a first syllable spoken a little
early is sent ahead of the rest instead of being lost. Once the conversation has been
quiet a while, `rest()` stops it (no wake-ups, and the system's "microphone in use" sign
goes off); the next press starts it again, in about a millisecond, without a pre-roll.
"""

from __future__ import annotations

import contextlib
import threading
from collections import deque
from collections.abc import Callable
from typing import Any

from desktop.api_facts import RATE, SAMPLE_BYTES
from desktop.audio.devices import PA_CONTINUE, CallbackStream, abort_stream
from desktop.audio.pcm import CHUNK_FRAMES, frames_to_ms, ms_to_frames
from desktop.audio.resampler import PcmResampler

PREROLL_MS = 300


class Microphone(CallbackStream):
    direction = "input"
    # 40 ms: each block is one message to the relay (base64, JSON, a masked frame, a send),
    # so twice the block halves that work while the user talks. What it costs: a release
    # drops up to 40 ms of audio not yet captured instead of 20, the pause after a word.
    block_frames = 2 * CHUNK_FRAMES

    def __init__(
        self,
        pa: Any,
        on_chunk: Callable[[bytes], object],
        device_name: str = "",
        preroll_ms: int = PREROLL_MS,
    ) -> None:
        super().__init__(pa, device_name)
        self._on_chunk = on_chunk
        self._streaming = threading.Event()
        self._captured_frames = 0
        # Touched by the callback thread only, except that start_turn asks for a flush.
        self._preroll: deque[bytes] = deque()
        self._preroll_bytes = 0
        self._preroll_limit = ms_to_frames(preroll_ms) * SAMPLE_BYTES
        self._flush_preroll = False

    def start_turn(self) -> None:
        self._wake()
        self._captured_frames = 0
        self._flush_preroll = True
        self._streaming.set()

    def end_turn(self) -> int:
        """Stop sending; returns how long the key was held, in ms (pre-roll not counted)."""
        self._streaming.clear()
        return frames_to_ms(self._captured_frames)

    def rest(self) -> None:
        """Stop capturing until the next turn. Not during one."""
        if self._stream is None or self._resting or self._streaming.is_set():
            return
        abort_stream(self._stream)
        self._resting = True
        self._last_block = b""
        self._preroll.clear()  # the callback is stopped: nobody else touches it now
        self._preroll_bytes = 0

    def _wake(self) -> None:
        if self._resting and self._stream is not None:
            self._resting = False  # if it cannot start, it is a failed stream the watch reports
            with contextlib.suppress(OSError):  # the device went away while it rested
                self._stream.stop_stream()  # PortAudio starts only a stopped stream
                self._stream.start_stream()

    def close(self) -> None:
        self._streaming.clear()
        super().close()

    def _make_resampler(self, device_rate: int) -> PcmResampler | None:
        return PcmResampler(device_rate, RATE) if device_rate != RATE else None

    def _callback(self, data: bytes, frames: int, _time: Any, _status: int) -> tuple[None, int]:
        if self._resampler is not None:
            data = self._resampler.process(data)
        self._last_block = data
        if not self._streaming.is_set():
            self._remember(data)
            return None, PA_CONTINUE
        if self._flush_preroll:
            self._flush_preroll = False
            if self._preroll:
                self._on_chunk(b"".join(self._preroll))
                self._preroll.clear()
                self._preroll_bytes = 0
        self._captured_frames += len(data) // SAMPLE_BYTES
        self._on_chunk(data)
        return None, PA_CONTINUE

    def _remember(self, data: bytes) -> None:
        self._preroll.append(data)
        self._preroll_bytes += len(data)
        while self._preroll and self._preroll_bytes - len(self._preroll[0]) >= self._preroll_limit:
            self._preroll_bytes -= len(self._preroll.popleft())
