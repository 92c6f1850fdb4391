"""What the benchmarks share: the relay double in a process of its own, the real window
and controller wired as the app wires them, and this process's resources."""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np
import psutil
import pyaudio
from PySide6.QtCore import QEvent, QEventLoop, QTimer

from desktop.config import SecretStore, Settings
from desktop.realtime.session_events import Link
from tests.support.app_under_test import open_app
from tests.support.fakes import MemoryKeyring
from tests.support.keys import QtKeys
from tests.support.relay_double import GOOD_KEY


def run_events(ms: int) -> None:
    """Run the Qt event loop for `ms`. (QTest.qWait would keep the GIL all along and
    starve the socket and audio threads, which is not what the app does.)"""
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def wait_until(condition: Callable[[], bool], timeout: float, what: str, poll_ms: int = 5) -> None:
    deadline = time.perf_counter() + timeout
    while not condition():
        if time.perf_counter() > deadline:
            raise TimeoutError(f"gave up waiting for {what}")
        run_events(poll_ms)


class Relay:
    """The relay double in a subprocess, and the log of what it received."""

    def __init__(
        self,
        answer_seconds: float,
        pace: float = 0.0,
        jitter: float = 0.0,
        drop_every: int = 0,
        tone: bool = False,
    ) -> None:
        self.log_path = Path(tempfile.mkstemp(suffix=".jsonl")[1])
        self._process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "bench.relay_server",
                "--answer-seconds",
                str(answer_seconds),
                "--pace",
                str(pace),
                "--jitter",
                str(jitter),
                "--log",
                str(self.log_path),
                "--drop-every",
                str(drop_every),
                *(["--tone"] if tone else []),
            ],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        assert self._process.stdout is not None and self._process.stdin is not None
        self._stdin = self._process.stdin
        self.base_url = self._process.stdout.readline().strip()
        self._entries: list[dict] = []
        self._read = 0

    def events(self, kind: str | None = None) -> list[dict]:
        # Read only what is new: parsing the whole log on every poll would stall the GUI
        # thread the bench measures.
        with self.log_path.open("rb") as log:
            log.seek(self._read)
            data = log.read()
        complete = data[: data.rfind(b"\n") + 1]
        self._read += len(complete)
        self._entries += [json.loads(line) for line in complete.splitlines() if line]
        return [e for e in self._entries if kind is None or e["type"] == kind]

    def wait_for(
        self, kind: str, count: int, timeout: float, wait: Callable[..., None] | None = None
    ) -> list[dict]:
        """The events of `kind`, once there are at least `count` of them. `wait` is how to
        wait (the Qt event loop unless told otherwise)."""
        (wait or wait_until)(lambda: len(self.events(kind)) >= count, timeout, f"{count} × {kind}")
        return self.events(kind)

    def appended_bytes(self) -> int:
        return sum(e["bytes"] for e in self.events("input_audio_buffer.append"))

    def close(self) -> None:
        self._stdin.close()
        self._process.wait(10)
        self.log_path.unlink()


class App:
    """The real window and controller, wired as the app wires them."""

    def __init__(self, relay: Relay, audio_factory: Callable[[], object] = pyaudio.PyAudio) -> None:
        settings = Settings(base_url=relay.base_url, model="gpt-realtime")
        secrets = SecretStore(MemoryKeyring())
        self.running = open_app(
            settings,
            secrets,
            audio_factory,
            lambda condition: wait_until(condition, 5, "the window to be active"),
        )
        self.window, self.controller = self.running.window, self.running.controller
        self.keys = QtKeys(self.window)
        self.controller.use_key_for_this_run(GOOD_KEY)
        self.controller.connect_session()
        wait_until(lambda: self.controller.link is Link.READY, 10, "the session")

    def space(self, kind: QEvent.Type) -> float:
        at = time.perf_counter()
        if kind is QEvent.Type.KeyPress:
            self.keys.press()
        else:
            self.keys.release()
        return at

    def close(self) -> None:
        self.window.close()


def speak(app: App, relay: Relay, wav: Path, samples: int) -> float:
    """Hold Space while the virtual microphone plays `wav`; returns the release time."""
    before = relay.appended_bytes()
    app.space(QEvent.Type.KeyPress)
    player = subprocess.Popen(["paplay", "-d", "micsink", str(wav)])
    wait_until(lambda: player.poll() is not None, 60, "the question to be spoken")
    wait_until(lambda: relay.appended_bytes() - before >= samples * 2 + 4800, 5, "the audio")
    return app.space(QEvent.Type.KeyRelease)


_SELF = psutil.Process()


def cpu_seconds() -> float:
    times = _SELF.cpu_times()
    return float(times.user + times.system)


def native_thread_name(tid: int) -> str:
    """The kernel's name of a thread (psutil lists threads, not their names)."""
    try:
        return Path(f"/proc/self/task/{tid}/comm").read_text().strip()
    except OSError:  # it just ended
        return ""


def thread_cpu() -> dict[str, float]:
    """CPU seconds per thread of this process, named as Python or the kernel knows them."""
    names = {t.native_id: t.name for t in threading.enumerate()}
    return {
        names.get(t.id) or f"{native_thread_name(t.id)} (native thread {t.id})": (
            t.user_time + t.system_time
        )
        for t in _SELF.threads()
    }


def cpu_breakdown(before: dict[str, float], after: dict[str, float], wall: float) -> str:
    shares = {k: (v - before.get(k, 0.0)) / wall * 100 for k, v in after.items()}
    top = sorted(((v, k) for k, v in shares.items() if v >= 0.2), reverse=True)
    return ", ".join(f"{k} {v:.1f}%" for v, k in top)


def rss_mb() -> float:
    return float(_SELF.memory_info().rss) / (1024 * 1024)


def p(values: list[float], q: float) -> float:
    return float(np.percentile(values, q)) if values else float("nan")
