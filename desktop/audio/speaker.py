"""The speaker: an output stream that pulls the assistant's voice from a PlaybackBuffer.

It runs only while there is something to play. After REST_AFTER_MS of silence its callback
ends the stream (aborting it: what the device still holds is silence, and an abort does not
wait for it to play out), so a connected app that nobody talks to does not wake the CPU 50
times a second; audio pushed to the buffer, or a cue, starts it again in about a millisecond.

A barge-in aborts the stream: what the device still holds is dropped at once, instead of
playing out through its 40 ms buffer first.
"""

from __future__ import annotations

import contextlib
import threading
from typing import TYPE_CHECKING, Any

from desktop.api_facts import RATE, SAMPLE_BYTES
from desktop.audio.devices import PA_ABORT, PA_CONTINUE, CallbackStream, abort_stream
from desktop.audio.pcm import CHUNK_FRAMES, frames_to_ms
from desktop.audio.playback_buffer import PlaybackBuffer, PlayedItem
from desktop.audio.resampler import PcmResampler

if TYPE_CHECKING:
    import numpy as np

REST_AFTER_MS = 1500  # long enough that the pauses between sentences never stop it


class Speaker(CallbackStream):
    direction = "output"
    # 20 ms blocks: the device then holds two of them (40 ms), so the callback may be late by
    # a whole block (it shares the GIL with the socket and the window, and a busy desktop
    # delays its thread) before the speaker runs dry and clicks. With 10 ms blocks one late
    # wake-up was enough. A barge-in does not wait for those 40 ms: cut() drops them.
    block_frames = CHUNK_FRAMES

    def __init__(self, pa: Any, buffer: PlaybackBuffer, device_name: str = "") -> None:
        super().__init__(pa, device_name)
        self._buffer = buffer
        self._latency_frames = 0
        self._converted = bytearray()  # resampled audio not yet handed to the device
        self._cue: tuple[np.ndarray, int] | None = None  # (samples, position) being mixed in
        # The callback rests the stream after a silence, and so does cut(); wake() ends it.
        self._quiet_ms = 0.0  # silence handed to the device since audio last played
        self._starting = threading.Lock()  # wake() comes from the socket and GUI threads

    def play_cue(self, samples: np.ndarray) -> None:
        """Mix a short sound over whatever plays; the playback buffer's counts are untouched."""
        self._cue = (samples, 0)
        self.wake()

    def wake(self) -> None:
        """Start the stream again if it rests; cheap when it runs. Any thread."""
        if self._resting:
            with self._starting:
                self._restart()

    def _restart(self) -> None:
        stream = self._stream
        if stream is None or not self._resting:  # another thread was first
            return
        self._quiet_ms = 0.0  # a fresh start: the silence before it does not count
        self._resting = False  # if it cannot start, it is a failed stream the watch reports
        with contextlib.suppress(OSError):  # the device went away while it rested
            stream.stop_stream()  # it ended itself; PortAudio starts only a stopped stream
            stream.start_stream()

    def cut(self) -> bool:
        """Silence now: the stream is aborted, dropping what the device holds, and rests
        until the next wake(). False if it was not playing."""
        with self._starting:
            stream = self._stream
            if stream is None or self._resting:
                return False
            abort_stream(stream)
            self._resting = True
            self._last_block = b""
            return True

    @property
    def latency_ms(self) -> int:
        """What the device holds between being handed audio and playing it."""
        return frames_to_ms(self._latency_frames)

    def heard_ms(self, played: PlayedItem) -> int:
        """What the user heard of an item: handed to the device minus what was still in it."""
        frames = min(max(played.handed_frames - self._latency_frames, 0), played.received_frames)
        return frames_to_ms(frames)

    def _make_resampler(self, device_rate: int) -> PcmResampler | None:
        return PcmResampler(RATE, device_rate) if device_rate != RATE else None

    def _opened(self, stream: Any) -> None:
        self._latency_frames = int(stream.get_output_latency() * RATE)

    def _callback(self, _data: Any, frames: int, _time: Any, _status: int) -> tuple[bytes, int]:
        if self._resampler is None:
            out = self._pull(frames)
        else:
            wanted = frames * SAMPLE_BYTES
            while len(self._converted) < wanted:
                source_frames = frames * RATE // self.rate + 1
                self._converted += self._resampler.process(self._pull(source_frames))
            out = bytes(self._converted[:wanted])
            del self._converted[:wanted]
        self._last_block = out
        if self._cue is not None or not self._buffer.is_idle():
            self._quiet_ms = 0.0
            return out, PA_CONTINUE
        self._quiet_ms += frames * 1000 / self.rate
        if self._quiet_ms >= REST_AFTER_MS:
            # Resting is announced before the buffer is looked at again: audio pushed in
            # between is either seen here, or its wake() sees the flag and restarts.
            self._resting = True
            if self._buffer.is_idle():
                self._last_block = b""
                return out, PA_ABORT
            self._resting = False
        return out, PA_CONTINUE

    def _pull(self, frames: int) -> bytes:
        pcm = self._buffer.pull(frames)
        cue = self._cue
        if cue is None:
            return pcm
        samples, position = cue
        count = min(frames, len(samples) - position)
        import numpy as np  # loaded by then: the cue's samples are an array

        mixed = np.frombuffer(pcm, np.int16).astype(np.int32)
        mixed[:count] += samples[position : position + count]
        self._cue = (samples, position + count) if position + count < len(samples) else None
        return np.clip(mixed, -32768, 32767).astype(np.int16).tobytes()
