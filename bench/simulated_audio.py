"""A PyAudio stand-in whose streams run N times faster than real time.

Only for simulating a long conversation quickly (memory growth): the microphone delivers
silence and the speaker drains the playback buffer, each on its own thread like PortAudio.
"""

from __future__ import annotations

import threading
from typing import Any

BLOCK_S = 0.02


class _Stream:
    def __init__(self, kwargs: dict[str, Any], speed: float) -> None:
        self._callback = kwargs["stream_callback"]
        self._input = bool(kwargs.get("input"))
        # N times the audio per block rather than N times the blocks: fewer thread wake-ups.
        self._frames = int(kwargs["frames_per_buffer"] * speed)
        self._stop = threading.Event()
        self.start_stream()

    def start_stream(self) -> None:
        self._stop.clear()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        silence = bytes(self._frames * 2)
        while not self._stop.wait(BLOCK_S):
            _, flag = self._callback(silence if self._input else None, self._frames, {}, 0)
            if flag:  # paAbort: the stream ends itself, as PortAudio's would
                self._stop.set()

    def get_output_latency(self) -> float:
        return BLOCK_S

    def is_active(self) -> bool:
        return not self._stop.is_set()

    def stop_stream(self) -> None:
        self._stop.set()
        self._thread.join()

    def close(self) -> None:
        self._stop.set()


class FastPyAudio:
    def __init__(self, speed: float) -> None:
        self._speed = speed

    def get_format_from_width(self, _width: int) -> int:
        return 8

    def get_device_count(self) -> int:
        return 0

    def open(self, **kwargs: Any) -> _Stream:
        return _Stream(kwargs, self._speed)

    def terminate(self) -> None:
        pass
