"""Finding devices by name and opening PortAudio streams in the app's format.

A device that refuses 24 kHz is opened at its own rate; the stream then resamples
(soxr), so everything past this layer sees 24 kHz mono PCM16 only.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from desktop.api_facts import CHANNELS, RATE, SAMPLE_BYTES
from desktop.audio.pcm import CHUNK_FRAMES, rms_level
from desktop.audio.resampler import PcmResampler

# pyaudio.paContinue and paAbort; the PyAudio instance is injected, the module is not.
PA_CONTINUE = 0
PA_ABORT = 2


class AudioUnavailable(RuntimeError):
    """No usable microphone or speaker; the message names which and why."""


@dataclass(frozen=True)
class DeviceInfo:
    index: int
    name: str
    inputs: int
    outputs: int
    default_rate: int


def list_devices(pa: Any) -> list[DeviceInfo]:
    devices = []
    for index in range(pa.get_device_count()):
        info = pa.get_device_info_by_index(index)
        devices.append(
            DeviceInfo(
                index,
                str(info["name"]),
                int(info["maxInputChannels"]),
                int(info["maxOutputChannels"]),
                int(info["defaultSampleRate"]),
            )
        )
    return devices


def find_device(pa: Any, name: str, direction: str) -> DeviceInfo | None:
    """The device called `name` that can record (or play); None means the system default."""
    if not name:
        return None
    for device in list_devices(pa):
        channels = device.inputs if direction == "input" else device.outputs
        if device.name == name and channels > 0:
            return device
    return None


def _default_rate(pa: Any, device: DeviceInfo | None, direction: str) -> int:
    if device is not None:
        return device.default_rate
    try:
        info = (
            pa.get_default_input_device_info()
            if direction == "input"
            else pa.get_default_output_device_info()
        )
    except OSError:
        return RATE
    return int(info["defaultSampleRate"])


def open_stream(
    pa: Any,
    *,
    direction: str,
    callback: Callable[..., tuple[bytes | None, int]],
    device: DeviceInfo | None = None,
    block_frames: int = CHUNK_FRAMES,
) -> tuple[Any, int]:
    """(stream, the device's rate); tries 24 kHz first, then the device's own rate."""
    is_input = direction == "input"
    index = device.index if device is not None else None

    def attempt(rate: int) -> Any:
        return pa.open(
            format=pa.get_format_from_width(SAMPLE_BYTES),
            channels=CHANNELS,
            rate=rate,
            input=is_input,
            output=not is_input,
            input_device_index=index if is_input else None,
            output_device_index=None if is_input else index,
            frames_per_buffer=block_frames * rate // RATE,
            stream_callback=callback,
        )

    try:
        return attempt(RATE), RATE
    except (OSError, ValueError) as exc:
        error: Exception = exc
    native = _default_rate(pa, device, direction)
    if native != RATE:
        try:
            return attempt(native), native
        except (OSError, ValueError) as exc:
            error = exc
    raise AudioUnavailable(str(error)) from error  # PortAudio's words; the window says which


def abort_stream(stream: Any) -> None:
    """Stops `stream` at once, dropping what the device still holds. PyAudio's Stream has
    only stop_stream(), which plays that out first; its C module has Pa_AbortStream."""
    native = getattr(stream, "_stream", None)
    if native is None:  # a stand-in of the tests' or the benchmark's
        stream.stop_stream()
        return
    from pyaudio import _portaudio  # type: ignore[attr-defined] # loaded with PyAudio already

    _portaudio.abort_stream(native)


class CallbackStream:
    """One PortAudio stream in callback mode, chosen by device name, resampled if needed."""

    direction = "output"
    block_frames = CHUNK_FRAMES

    def __init__(self, pa: Any, device_name: str = "") -> None:
        self._pa = pa
        self._device_name = device_name
        self._stream: Any = None
        self._resting = False  # open, but stopped until it is needed again
        self.rate = RATE
        # The last block, for the window's meter: the callback only keeps it, and its
        # loudness is worked out when the meter asks (a few times a second, if shown).
        self._last_block = b""
        self.using_default = True  # the named device is gone: the system default plays
        self._resampler: PcmResampler | None = None

    @property
    def level(self) -> float:
        """RMS of the last block, 0..1."""
        return rms_level(self._last_block)

    @property
    def is_open(self) -> bool:
        return self._stream is not None

    @property
    def resting(self) -> bool:
        return self._stream is not None and self._resting

    @property
    def running(self) -> bool:
        return self._stream is not None and not self._resting

    @property
    def failed(self) -> bool:
        """Opened once, but PortAudio stopped it (device unplugged or failed)."""
        return self._stream is not None and not self._resting and not self._stream.is_active()

    def open(self) -> None:
        if self._stream is not None:
            return
        device = find_device(self._pa, self._device_name, self.direction)
        self.using_default = device is None
        stream, self.rate = open_stream(
            self._pa,
            direction=self.direction,
            callback=self._callback,
            device=device,
            block_frames=self.block_frames,
        )
        self._resampler = self._make_resampler(self.rate)
        self._stream = stream
        self._resting = False
        self._opened(stream)

    def close(self) -> None:
        self._last_block = b""
        stream, self._stream = self._stream, None
        if stream is not None:
            # A stream whose device vanished may fail to stop; it is closed all the same.
            with contextlib.suppress(OSError):
                stream.stop_stream()
            stream.close()

    def _make_resampler(self, device_rate: int) -> PcmResampler | None:
        raise NotImplementedError

    def _opened(self, stream: Any) -> None:
        """Read what the device reports once it is open."""

    def _callback(self, data: Any, frames: int, time_info: Any, status: int) -> tuple[Any, int]:
        raise NotImplementedError
