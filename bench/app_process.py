"""The app as a user runs it, measured from outside its process.

`python -m desktop` runs on the private X server and keyring and talks to the relay double,
which runs in a process of its own. The talk shortcut is typed through the X server (XTest,
from another process), the virtual microphone plays the question, and the virtual speaker
is recorded with a time per sample. CPU, threads and wake-ups are read from /proc, so
nothing the benchmark itself does is counted as the app's.
"""

from __future__ import annotations

import re
import select
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import psutil
import pyaudio
from Xlib import X, display

from bench.plumbing import Relay
from bench.relay_server import answer_audio
from bench.startup import window_title
from desktop import appinfo
from desktop.api_facts import RATE
from desktop.audio.speaker import REST_AFTER_MS
from desktop.config import SecretStore
from desktop.controller import MICROPHONE_REST_MS
from tests.support.launched_app import ENGLISH, end_process, private_environment
from tests.support.relay_double import GOOD_KEY
from tests.support.speaker_monitor import SpeakerMonitor
from tests.support.x_keyboard import XKeyboard

SHORTCUT = ("ctrl", "alt", "space")  # the global shortcut: it reaches the app wherever focus is
LOUD = 300
GAP_SAMPLES = 24  # 1 ms below LOUD inside the steady tone: playback stopped, not a zero crossing


def wait(condition: Callable[[], bool], timeout: float, what: str, poll_s: float = 0.01) -> None:
    deadline = time.perf_counter() + timeout
    while not condition():
        if time.perf_counter() > deadline:
            raise TimeoutError(f"gave up waiting for {what}")
        time.sleep(poll_s)


# ---- the process, read from /proc -----------------------------------------------------------


@dataclass(frozen=True)
class Snapshot:
    at: float
    cpu: dict[int, float]  # thread id → CPU seconds
    switches: dict[int, int]  # thread id → context switches: each a wake-up or a preemption


@dataclass(frozen=True)
class Usage:
    cpu_percent: float  # of one core
    wakeups_per_s: float
    by_thread: str

    def __str__(self) -> str:
        return f"{self.cpu_percent:.1f} % ({self.by_thread})"


class ProcessMeter:
    """CPU and wake-ups of another process, per thread, named as the app names them."""

    def __init__(self, pid: int) -> None:
        self._process = psutil.Process(pid)
        self._names: dict[int, str] = {}

    def learn_thread_names(self) -> None:
        """Python's names of the threads (py-spy reads them from the process's memory)."""
        py_spy = Path(sys.executable).with_name("py-spy")
        dump = subprocess.run(
            [py_spy, "dump", "--nonblocking", "--pid", str(self._process.pid)],
            capture_output=True,
            text=True,
            timeout=30,
        ).stdout
        for tid, name in re.findall(r'^Thread (\d+) \([^)]*\): "([^"]*)"', dump, re.M):
            self._names[int(tid)] = name

    def snapshot(self) -> Snapshot:
        """CPU per thread from schedstat: nanoseconds on a CPU, where /proc's stat counts in
        10 ms ticks, too coarse for a process that is meant to be nearly idle."""
        cpu, switches = {}, {}
        for task in Path(f"/proc/{self._process.pid}/task").iterdir():
            try:
                on_cpu_ns = int((task / "schedstat").read_text().split()[0])
                status = (task / "status").read_text()
            except (OSError, ValueError, IndexError):
                continue  # it just ended
            cpu[int(task.name)] = on_cpu_ns / 1e9
            switches[int(task.name)] = sum(
                int(n) for n in re.findall(r"ctxt_switches:\s+(\d+)", status)
            )
        return Snapshot(time.perf_counter(), cpu, switches)

    def between(self, before: Snapshot, after: Snapshot) -> Usage:
        wall = after.at - before.at
        shares = {
            tid: (seconds - before.cpu.get(tid, 0.0)) / wall * 100
            for tid, seconds in after.cpu.items()
        }
        top = sorted(((share, tid) for tid, share in shares.items() if share >= 0.1), reverse=True)
        by_thread = ", ".join(f"{self._name(tid)} {share:.1f}%" for share, tid in top)
        # Counted per thread: one that ended between the two (a stream that went to rest)
        # takes its count with it, and a new one counts from its start.
        switches = sum(n - before.switches.get(tid, 0) for tid, n in after.switches.items())
        return Usage(sum(shares.values()), switches / wall, by_thread or "-")

    def rss_mb(self) -> float:
        return float(self._process.memory_info().rss) / (1024 * 1024)

    def _name(self, tid: int) -> str:
        if tid in self._names:
            return self._names[tid]
        try:
            comm = Path(f"/proc/{self._process.pid}/task/{tid}/comm").read_text().strip()
        except OSError:
            comm = "?"
        return f"{comm} (native)"


# ---- the app, launched ----------------------------------------------------------------------


class WindowWatch:
    """When the X server maps a window titled as the app's main window."""

    def __init__(self) -> None:
        self.mapped_at: float | None = None
        self._screen = display.Display()
        self._screen.screen().root.change_attributes(event_mask=X.SubstructureNotifyMask)
        self._screen.sync()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._watch, daemon=True)
        self._thread.start()

    def _watch(self) -> None:
        while not self._stop.is_set() and self.mapped_at is None:
            if not self._screen.pending_events():
                select.select([self._screen.fileno()], [], [], 0.05)
                continue
            event = self._screen.next_event()
            if event.type == X.MapNotify and window_title(event.window) == appinfo.DISPLAY_NAME:
                self.mapped_at = time.perf_counter()

    def close(self) -> None:
        self._stop.set()
        self._thread.join(5)
        self._screen.close()


@dataclass
class LaunchedApp:
    """One run of `python -m desktop` against `relay`, with folders of its own."""

    relay: Relay
    folder: Path = field(default_factory=lambda: Path(tempfile.mkdtemp()))

    def __post_init__(self) -> None:
        SecretStore().set(GOOD_KEY)  # the private Secret Service of scripts/bench
        sessions = len(self.relay.events("session.update"))  # earlier launches' own
        watch = WindowWatch()
        started = time.perf_counter()
        command = [sys.executable, "-m", "desktop", "--model", "gpt-realtime"]
        self.process = subprocess.Popen(
            [*command, "--base-url", self.relay.base_url],
            env=private_environment(self.folder, ENGLISH),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            ready = self.relay.wait_for("session.update", sessions + 1, 30, wait)[sessions]["t"]
            wait(lambda: watch.mapped_at is not None, 30, "the window")
        finally:
            watch.close()
        assert watch.mapped_at is not None
        self.to_window_s = watch.mapped_at - started
        self.to_ready_s = ready - started
        self.meter = ProcessMeter(self.process.pid)

    def log_text(self) -> str:
        logs = list((self.folder / "state").rglob("realtime-desktop.log"))
        return logs[0].read_text(encoding="utf-8", errors="replace") if logs else ""

    def stop(self) -> None:
        end_process(self.process)


def launch_times(runs: int) -> tuple[list[float], list[float]]:
    """(launch → window mapped, launch → session ready), warm: one run first, not counted."""
    relay = Relay(answer_seconds=1.0)
    mapped, ready = [], []
    try:
        for run in range(runs + 1):
            app = LaunchedApp(relay)
            app.stop()
            if run:
                mapped.append(app.to_window_s)
                ready.append(app.to_ready_s)
    finally:
        relay.close()
    return mapped, ready


# ---- a conversation with it -------------------------------------------------------------------


def appended(relay: Relay) -> int:
    return sum(e["bytes"] for e in relay.events("input_audio_buffer.append"))


def wait_for_audio(relay: Relay, total_bytes: int) -> None:
    wait(lambda: appended(relay) >= total_bytes, 10, "the question on the wire")


def say(relay: Relay, keyboard: XKeyboard, wav: Path, samples: int) -> float:
    """Hold the shortcut while the virtual microphone plays `wav`; the release time."""
    before = appended(relay)
    keyboard.press(*SHORTCUT)
    subprocess.run(["paplay", "-d", "micsink", str(wav)], check=True, timeout=120)
    wait_for_audio(relay, before + samples * 2)
    released = time.perf_counter()
    keyboard.release(*SHORTCUT)
    return released


def loud_after(monitor: SpeakerMonitor, since: float, timeout: float = 10.0) -> float:
    found: list[float] = []

    def heard() -> bool:
        samples, times = monitor.recording()
        loud = np.nonzero((times > since) & (np.abs(samples) > LOUD))[0]
        if len(loud):
            found.append(float(times[loud[0]]))
        return bool(found)

    wait(heard, timeout, "sound at the speaker", poll_s=0.02)
    return found[0]


def gaps(samples: np.ndarray) -> int:
    """Stops inside a steady tone: runs of at least GAP_SAMPLES quiet samples."""
    quiet = np.abs(samples.astype(np.int32)) <= LOUD
    edges = np.diff(np.concatenate(([0], quiet.astype(np.int8), [0])))
    starts, ends = np.nonzero(edges == 1)[0], np.nonzero(edges == -1)[0]
    return int(np.sum(ends - starts >= GAP_SAMPLES))


@dataclass(frozen=True)
class Listening:
    jitter_ms: int
    usage: Usage  # while the answer plays, from its second second to its end
    underruns_per_minute: float  # after the first second
    prebuffer_ms: int | None  # what the app's playback settled at, as its log says
    idle: Usage | None = None  # just connected: the microphone open for the pre-roll
    talking: Usage | None = None
    rested: Usage | None = None  # quiet long enough for the microphone to rest too
    rss_mb: float = 0.0


def listen(
    question: Path,
    question_len: int,
    answer_s: float,
    jitter_ms: int,
    monitor: SpeakerMonitor,
    keyboard: XKeyboard,
    talk: tuple[Path, int] | None = None,
) -> Listening:
    """One app: idle for a while, then (if `talk`) a long question, then a question whose
    answer is a steady tone of `answer_s` delivered at real time with ±`jitter_ms`."""
    relay = Relay(answer_seconds=answer_s, pace=1.0, jitter=jitter_ms / 1000, tone=True)
    app = LaunchedApp(relay)
    idle = talking = rested = None
    try:
        time.sleep(3)  # settled: the first window drawn, the session up, nothing playing
        app.meter.learn_thread_names()
        if talk is not None:
            before = app.meter.snapshot()
            time.sleep(4)
            idle = app.meter.between(before, app.meter.snapshot())
            before = app.meter.snapshot()
            say(relay, keyboard, *talk)
            talking = app.meter.between(before, app.meter.snapshot())
            relay.wait_for("first_audio_sent", 1, 10, wait)
            wait(lambda: len(relay.events("input_audio_buffer.commit")) >= 1, 5, "commit")
            time.sleep(answer_s + 1)  # its answer plays out
            turn = 2
        else:
            turn = 1
        released = say(relay, keyboard, question, question_len)
        sent = relay.wait_for("first_audio_sent", turn, 10, wait)[-1]["t"]
        began = loud_after(monitor, sent)
        time.sleep(1)
        before = app.meter.snapshot()
        time.sleep(max(answer_s - 1.5, 1))
        usage = app.meter.between(before, app.meter.snapshot())
        time.sleep(1.5)
        samples, times = monitor.recording()
        played = samples[(times > began + 1) & (times < began + answer_s - 0.05)]
        rss = app.meter.rss_mb()
        if talk is not None:
            # At rest: the microphone's quiet time over, and the speaker's after the answer.
            quiet = max(
                released + MICROPHONE_REST_MS / 1000, began + answer_s + REST_AFTER_MS / 1000
            )
            time.sleep(max(0.0, quiet + 1 - time.perf_counter()))
            before = app.meter.snapshot()
            time.sleep(4)
            rested = app.meter.between(before, app.meter.snapshot())
    finally:
        app.stop()
        relay.close()
    settled = re.findall(r"answer received: prebuffer (\d+) ms", app.log_text())
    minutes = max(answer_s - 1.05, 0.1) / 60
    return Listening(
        jitter_ms,
        usage,
        gaps(played) / minutes,
        int(settled[-1]) if settled else None,
        idle,
        talking,
        rested,
        rss,
    )


@dataclass(frozen=True)
class Turns:
    commit_ms: list[float]  # key released (XTest) → commit on the wire
    first_sample_ms: list[float]  # first audio delta sent → first sample heard
    silence_ms: list[float]  # key pressed during playback → silence at the speaker


def turns(question: Path, question_len: int, count: int, monitor: SpeakerMonitor) -> Turns:
    """`count` turns, each interrupting the answer before it about a second in."""
    relay = Relay(answer_seconds=4.0, pace=4.0)
    app = LaunchedApp(relay)
    keyboard = XKeyboard()
    onset = int(np.argmax(np.abs(answer_audio(4.0)) > LOUD)) / RATE
    result = Turns([], [], [])
    try:
        time.sleep(2)
        for turn in range(count + 1):
            before = appended(relay)
            pressed = time.perf_counter()
            keyboard.press(*SHORTCUT)  # during the previous answer, from the second turn on
            player = subprocess.Popen(["paplay", "-d", "micsink", str(question)])
            if turn:
                time.sleep(0.4)
                samples, times = monitor.recording()
                window = (times > pressed) & (times < pressed + 0.4)
                loud = times[window & (np.abs(samples) > LOUD)]
                result.silence_ms.append((loud.max() - pressed) * 1000 if len(loud) else 0.0)
            player.wait(60)
            if turn == count:
                keyboard.release(*SHORTCUT)
                break
            wait_for_audio(relay, before + question_len * 2)
            released = time.perf_counter()
            keyboard.release(*SHORTCUT)
            commits = relay.wait_for("input_audio_buffer.commit", turn + 1, 5, wait)
            result.commit_ms.append((commits[-1]["t"] - released) * 1000)
            sent = relay.wait_for("first_audio_sent", turn + 1, 10, wait)[-1]["t"]
            heard = loud_after(monitor, sent) - onset
            result.first_sample_ms.append((heard - sent) * 1000)
            time.sleep(max(0.0, sent + 1.2 - time.perf_counter()))
    finally:
        keyboard.close()
        app.stop()
        relay.close()
    return result


def open_monitor() -> SpeakerMonitor:
    return SpeakerMonitor(pyaudio)
