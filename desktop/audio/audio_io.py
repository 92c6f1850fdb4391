"""PyAudio with its microphone and speaker: opened together, watched, reopened.

PortAudio learns about plugged-in devices only when it is initialised again, so after a
device fails everything is closed and PyAudio itself is recreated on the next attempt.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from desktop.audio.devices import AudioUnavailable, DeviceInfo, list_devices
from desktop.audio.microphone import Microphone
from desktop.audio.playback_buffer import PlaybackBuffer
from desktop.audio.speaker import Speaker

INPUT, OUTPUT = "input", "output"


@dataclass(frozen=True)
class DeviceFailed:
    direction: str  # INPUT or OUTPUT
    message: str = ""  # PortAudio's words, when it had any
    stopped: bool = False  # it was working, then stopped (unplugged, or its server went)


@dataclass(frozen=True)
class DeviceRestored:
    direction: str


class AudioIO:
    def __init__(
        self,
        pa_factory: Callable[[], Any],
        on_chunk: Callable[[bytes], object],
        buffer: PlaybackBuffer,
        input_name: str = "",
        output_name: str = "",
    ) -> None:
        self._pa_factory = pa_factory
        self._on_chunk = on_chunk
        self._buffer = buffer
        self._names = {INPUT: input_name, OUTPUT: output_name}
        self._pa: Any = None
        self.microphone: Microphone | None = None
        self.speaker: Speaker | None = None
        self._failed: set[str] = set()  # directions that failed and have not come back

    def open(self) -> list[DeviceFailed]:
        """Opens whatever is not open yet; says which device could not be opened."""
        problems: list[DeviceFailed] = []
        try:
            self._ensure_portaudio()
        except OSError as exc:
            return [DeviceFailed(INPUT, str(exc)), DeviceFailed(OUTPUT, str(exc))]
        if self.speaker is None:
            self.speaker = Speaker(self._pa, self._buffer, self._names[OUTPUT])
        if self.microphone is None:
            self.microphone = Microphone(self._pa, self._on_chunk, self._names[INPUT])
        for direction, stream in ((OUTPUT, self.speaker), (INPUT, self.microphone)):
            if stream.is_open:
                continue
            try:
                stream.open()
            except AudioUnavailable as exc:
                problems.append(DeviceFailed(direction, str(exc)))
        return problems

    @property
    def microphone_ready(self) -> bool:
        return self.microphone is not None and self.microphone.is_open

    @property
    def at_rest(self) -> bool:
        """Nothing to watch: no stream runs, and none failed that might come back."""
        streams = (self.microphone, self.speaker)
        return not self._failed and not any(s is not None and s.running for s in streams)

    def check(self) -> list[DeviceFailed | DeviceRestored]:
        """Called now and then: reports devices that stopped, and reopens them when back."""
        stopped = [
            direction
            for direction, stream in ((INPUT, self.microphone), (OUTPUT, self.speaker))
            if stream is not None and stream.failed
        ]
        if stopped:
            self._failed.update(stopped)
            self.close()
            return [DeviceFailed(d, stopped=True) for d in stopped]
        if not self._failed:
            return []
        still_failing = {p.direction for p in self.open()}
        restored = self._failed - still_failing
        self._failed &= still_failing
        if still_failing:
            self.close()  # try again from a fresh PortAudio next time
        return [DeviceRestored(d) for d in sorted(restored)]

    def devices(self) -> list[DeviceInfo]:
        """The devices PortAudio sees; listing them opens no stream."""
        try:
            return list_devices(self._ensure_portaudio())
        except OSError:
            return []

    def _ensure_portaudio(self) -> Any:
        if self._pa is None:
            self._pa = self._pa_factory()
        return self._pa

    def use_devices(self, input_name: str, output_name: str) -> list[DeviceFailed]:
        """Switch devices by name; an empty or vanished name means the system default."""
        if self._names == {INPUT: input_name, OUTPUT: output_name}:
            return []
        self._names = {INPUT: input_name, OUTPUT: output_name}
        was_open = self._pa is not None
        self.close()
        return self.open() if was_open else []

    def close_microphone(self) -> None:
        if self.microphone is not None:
            self.microphone.close()

    def close(self) -> None:
        for stream in (self.microphone, self.speaker):
            if stream is not None:
                stream.close()
        self.microphone = self.speaker = None
        if self._pa is not None:
            self._pa.terminate()
            self._pa = None
