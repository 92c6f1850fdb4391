"""The speaker: an output stream that pulls the assistant's voice from a PlaybackBuffer."""

from __future__ import annotations

from typing import Any

from desktop.audio.devices import PA_CONTINUE, CallbackStream
from desktop.audio.pcm import RATE, frames_to_ms
from desktop.audio.playback_buffer import PlaybackBuffer, PlayedItem


class Speaker(CallbackStream):
    direction = "output"

    def __init__(self, pa: Any, buffer: PlaybackBuffer, device_index: int | None = None) -> None:
        super().__init__(pa, device_index)
        self._buffer = buffer
        self._latency_frames = 0

    def heard_ms(self, played: PlayedItem) -> int:
        """What the user heard of an item: handed to the device minus what was still in it."""
        frames = min(max(played.handed_frames - self._latency_frames, 0), played.received_frames)
        return frames_to_ms(frames)

    def _opened(self, stream: Any) -> None:
        self._latency_frames = int(stream.get_output_latency() * RATE)

    def _callback(self, _data: Any, frames: int, _time: Any, _status: int) -> tuple[bytes, int]:
        return self._buffer.pull(frames), PA_CONTINUE
