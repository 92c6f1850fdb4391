"""Stand-ins for one layer's collaborators in unit tests (the e2e tests use the real ones)."""

from __future__ import annotations

import threading
from typing import Any, ClassVar

from keyring.backend import KeyringBackend

from desktop.api_facts import RATE


class MemoryKeyring(KeyringBackend):
    priority = 1

    def __init__(self) -> None:
        super().__init__()
        self.passwords: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.passwords.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.passwords[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.passwords.pop((service, username), None)


class FakeStream:
    def __init__(self, kwargs: dict[str, Any]) -> None:
        self.kwargs = kwargs
        self.callback = kwargs["stream_callback"]
        self.active = True
        self.closed = False
        self.gone = False  # the device went away: the stream cannot start again

    def get_output_latency(self) -> float:
        return 0.04

    def is_active(self) -> bool:
        return self.active

    def stop_stream(self) -> None:
        self.active = False

    def start_stream(self) -> None:
        if self.gone:
            raise OSError(-9999, "Unanticipated host error")
        self.active = True

    def close(self) -> None:
        self.closed = True

    def feed(self, data: bytes) -> Any:
        """Drive the callback as PortAudio's thread would."""
        return self.callback(data, len(data) // 2, {}, 0)

    def pull(self, frames: int) -> bytes:
        """What an output callback hands the device for `frames` frames."""
        data, _flag = self.callback(None, frames, {}, 0)
        return data


class FakePyAudio:
    """Devices and streams as PortAudio reports them, without sound.

    `fail_input`/`fail_output` simulate a missing device; `rates` lists the sample rates
    the devices accept (a device that refuses 24 kHz forces resampling).
    """

    DEVICES: ClassVar[list[dict[str, Any]]] = [
        {"name": "Built-in Microphone", "maxInputChannels": 1, "maxOutputChannels": 0},
        {"name": "USB Headset", "maxInputChannels": 1, "maxOutputChannels": 2},
        {"name": "Speakers", "maxInputChannels": 0, "maxOutputChannels": 2},
    ]

    def __init__(
        self, fail_input: bool = False, fail_output: bool = False, rates=(RATE, 48000)
    ) -> None:
        self.fail_input = fail_input
        self.fail_output = fail_output
        self.rates = rates
        self.streams: list[FakeStream] = []
        self.terminated = False
        self.lock = threading.Lock()

    def get_format_from_width(self, width: int) -> int:
        assert width == 2
        return 8  # paInt16

    def get_device_count(self) -> int:
        return len(self.DEVICES)

    def get_device_info_by_index(self, index: int) -> dict[str, Any]:
        return {"index": index, "defaultSampleRate": 48000.0, **self.DEVICES[index]}

    def get_default_input_device_info(self) -> dict[str, Any]:
        return self.get_device_info_by_index(0)

    def get_default_output_device_info(self) -> dict[str, Any]:
        return self.get_device_info_by_index(2)

    def open(self, **kwargs: Any) -> FakeStream:
        if kwargs.get("input") and self.fail_input:
            raise OSError(-9996, "Invalid input device (no default output device)")
        if kwargs.get("output") and self.fail_output:
            raise OSError(-9996, "Invalid output device")
        if kwargs["rate"] not in self.rates:
            raise OSError(-9997, "Invalid sample rate")
        stream = FakeStream(kwargs)
        self.streams.append(stream)
        return stream

    def terminate(self) -> None:
        self.terminated = True

    def input_stream(self) -> FakeStream:
        return [s for s in self.streams if s.kwargs.get("input")][-1]

    def output_stream(self) -> FakeStream:
        return [s for s in self.streams if s.kwargs.get("output")][-1]
