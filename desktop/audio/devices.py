"""Opening PortAudio streams in the app's format, with failures the user can read."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from desktop.audio.pcm import CHANNELS, CHUNK_FRAMES, RATE, SAMPLE_BYTES

PA_CONTINUE = 0  # pyaudio.paContinue; the PyAudio instance is injected, the module is not


class AudioUnavailable(RuntimeError):
    """No usable microphone or speaker; the message names which and why."""


def open_stream(
    pa: Any,
    *,
    direction: str,
    callback: Callable[..., tuple[bytes | None, int]],
    device_index: int | None = None,
    frames_per_buffer: int = CHUNK_FRAMES,
) -> Any:
    is_input = direction == "input"
    try:
        return pa.open(
            format=pa.get_format_from_width(SAMPLE_BYTES),
            channels=CHANNELS,
            rate=RATE,
            input=is_input,
            output=not is_input,
            input_device_index=device_index if is_input else None,
            output_device_index=None if is_input else device_index,
            frames_per_buffer=frames_per_buffer,
            stream_callback=callback,
        )
    except (OSError, ValueError) as exc:
        what = "microphone" if is_input else "speaker"
        raise AudioUnavailable(f"No usable {what}: {exc}") from exc


class CallbackStream:
    """One PortAudio stream in callback mode: opened once, closed once."""

    direction = "output"

    def __init__(self, pa: Any, device_index: int | None = None) -> None:
        self._pa = pa
        self._device_index = device_index
        self._stream: Any = None

    @property
    def is_open(self) -> bool:
        return self._stream is not None

    def open(self) -> None:
        if self._stream is None:
            self._stream = open_stream(
                self._pa,
                direction=self.direction,
                callback=self._callback,
                device_index=self._device_index,
            )
            self._opened(self._stream)

    def close(self) -> None:
        stream, self._stream = self._stream, None
        if stream is not None:
            stream.stop_stream()
            stream.close()

    def _opened(self, stream: Any) -> None:
        """Read what the device reports once it is open."""

    def _callback(self, data: Any, frames: int, time_info: Any, status: int) -> tuple[Any, int]:
        raise NotImplementedError
