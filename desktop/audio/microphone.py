"""The microphone: an always-open input stream whose chunks flow only while talking.

Keeping the stream open means a press starts sending at once, with no device start-up
delay to swallow the first syllable.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from desktop.audio.devices import PA_CONTINUE, open_stream
from desktop.audio.pcm import frames_to_ms


class Microphone:
    def __init__(
        self, pa: Any, on_chunk: Callable[[bytes], object], device_index: int | None = None
    ) -> None:
        self._pa = pa
        self._on_chunk = on_chunk
        self._device_index = device_index
        self._stream: Any = None
        self._streaming = threading.Event()
        self._captured_frames = 0

    def open(self) -> None:
        if self._stream is None:
            self._stream = open_stream(
                self._pa,
                direction="input",
                callback=self._callback,
                device_index=self._device_index,
            )

    @property
    def is_open(self) -> bool:
        return self._stream is not None

    def start_turn(self) -> None:
        self._captured_frames = 0
        self._streaming.set()

    def end_turn(self) -> int:
        """Stop sending; returns how many milliseconds this turn captured."""
        self._streaming.clear()
        return frames_to_ms(self._captured_frames)

    def close(self) -> None:
        self._streaming.clear()
        stream, self._stream = self._stream, None
        if stream is not None:
            stream.stop_stream()
            stream.close()

    def _callback(self, data: bytes, frames: int, _time: Any, _status: int) -> tuple[None, int]:
        if self._streaming.is_set():
            self._captured_frames += frames
            self._on_chunk(data)
        return None, PA_CONTINUE
