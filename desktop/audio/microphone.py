"""The microphone: an always-open input stream whose chunks flow only while talking.

Keeping the stream open means a press starts sending at once, with no device start-up
delay to swallow the first syllable.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from desktop.audio.devices import PA_CONTINUE, CallbackStream
from desktop.audio.pcm import frames_to_ms


class Microphone(CallbackStream):
    direction = "input"

    def __init__(
        self, pa: Any, on_chunk: Callable[[bytes], object], device_index: int | None = None
    ) -> None:
        super().__init__(pa, device_index)
        self._on_chunk = on_chunk
        self._streaming = threading.Event()
        self._captured_frames = 0

    def start_turn(self) -> None:
        self._captured_frames = 0
        self._streaming.set()

    def end_turn(self) -> int:
        """Stop sending; returns how many milliseconds this turn captured."""
        self._streaming.clear()
        return frames_to_ms(self._captured_frames)

    def close(self) -> None:
        self._streaming.clear()
        super().close()

    def _callback(self, data: bytes, frames: int, _time: Any, _status: int) -> tuple[None, int]:
        if self._streaming.is_set():
            self._captured_frames += frames
            self._on_chunk(data)
        return None, PA_CONTINUE
