"""Stand-ins for one layer's collaborators in unit tests (the e2e tests use the real ones)."""

from __future__ import annotations

import threading
from typing import Any

from keyring.backend import KeyringBackend


class MemoryKeyring(KeyringBackend):
    priority = 1  # type: ignore[assignment]

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

    def get_output_latency(self) -> float:
        return 0.04

    def stop_stream(self) -> None:
        self.active = False

    def close(self) -> None:
        self.closed = True

    def feed(self, data: bytes) -> Any:
        """Drive the callback as PortAudio's thread would."""
        return self.callback(data, len(data) // 2, {}, 0)


class FakePyAudio:
    """Records opened streams; `fail_input`/`fail_output` simulate a missing device."""

    def __init__(self, fail_input: bool = False, fail_output: bool = False) -> None:
        self.fail_input = fail_input
        self.fail_output = fail_output
        self.streams: list[FakeStream] = []
        self.terminated = False
        self.lock = threading.Lock()

    def get_format_from_width(self, width: int) -> int:
        assert width == 2
        return 8  # paInt16

    def open(self, **kwargs: Any) -> FakeStream:
        if kwargs.get("input") and self.fail_input:
            raise OSError(-9996, "Invalid input device (no default output device)")
        if kwargs.get("output") and self.fail_output:
            raise OSError(-9996, "Invalid output device")
        stream = FakeStream(kwargs)
        self.streams.append(stream)
        return stream

    def terminate(self) -> None:
        self.terminated = True

    def input_stream(self) -> FakeStream:
        return next(s for s in self.streams if s.kwargs.get("input"))

    def output_stream(self) -> FakeStream:
        return next(s for s in self.streams if s.kwargs.get("output"))
