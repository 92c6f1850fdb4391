"""The speaker: an output stream that pulls the assistant's voice from a PlaybackBuffer."""

from __future__ import annotations

from typing import Any

from desktop.audio.devices import PA_CONTINUE, open_stream
from desktop.audio.pcm import RATE, frames_to_ms
from desktop.audio.playback_buffer import PlaybackBuffer, PlayedItem


class Speaker:
    def __init__(self, pa: Any, buffer: PlaybackBuffer, device_index: int | None = None) -> None:
        self._pa = pa
        self._buffer = buffer
        self._device_index = device_index
        self._stream: Any = None
        self._latency_frames = 0

    def open(self) -> None:
        if self._stream is None:
            self._stream = open_stream(
                self._pa,
                direction="output",
                callback=self._callback,
                device_index=self._device_index,
            )
            self._latency_frames = int(self._stream.get_output_latency() * RATE)

    @property
    def is_open(self) -> bool:
        return self._stream is not None

    def heard_ms(self, played: PlayedItem) -> int:
        """What the user heard of an item: handed to the device minus what was still in it."""
        frames = min(max(played.handed_frames - self._latency_frames, 0), played.received_frames)
        return frames_to_ms(frames)

    def close(self) -> None:
        stream, self._stream = self._stream, None
        if stream is not None:
            stream.stop_stream()
            stream.close()

    def _callback(self, _data: Any, frames: int, _time: Any, _status: int) -> tuple[bytes, int]:
        return self._buffer.pull(frames), PA_CONTINUE
