"""A long conversation, simulated faster than real time, with the relay dropping the
socket now and then: what the process holds after the first minute must not grow.

Run alone with `scripts/bench --soak-only --conversation-minutes 60`.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

import psutil
from PySide6.QtCore import QEvent

from bench.plumbing import App, Relay, native_thread_name, rss_mb, run_events, wait_until
from bench.simulated_audio import FastPyAudio
from desktop.api_facts import RATE
from desktop.realtime.session_events import Link

TURN_S = 20.0  # 10 s of question, 10 s of answer
DROP_EVERY = 15  # answers; the relay drops TCP after each 15th (about every 5 minutes)


@dataclass(frozen=True)
class Resources:
    rss_mb: float
    threads: int  # native threads of this process, Python's and PortAudio's alike
    fds: int

    @staticmethod
    def now() -> Resources:
        process = psutil.Process()
        return Resources(rss_mb(), process.num_threads(), process.num_fds())


@dataclass(frozen=True)
class SoakResult:
    minutes: float
    turns: int
    reconnects: int
    after_one_minute: Resources
    at_end: Resources

    @property
    def rss_growth_mb(self) -> float:
        return self.at_end.rss_mb - self.after_one_minute.rss_mb

    @property
    def thread_growth(self) -> int:
        return self.at_end.threads - self.after_one_minute.threads

    @property
    def fd_growth(self) -> int:
        return self.at_end.fds - self.after_one_minute.fds

    def summary(self) -> str:
        one, end = self.after_one_minute, self.at_end
        return (
            f"soak: {self.minutes:g} simulated minutes, {self.turns} turns, "
            f"{self.reconnects} reconnects; after 1 min / at the end: "
            f"RSS {one.rss_mb:.1f} / {end.rss_mb:.1f} MB, threads {one.threads} / {end.threads}, "
            f"open fds {one.fds} / {end.fds}"
        )


def soak(minutes: float, speed: float = 20.0) -> SoakResult:
    relay = Relay(answer_seconds=10.0, drop_every=DROP_EVERY)
    app = App(relay, lambda: FastPyAudio(speed))
    controller = app.controller
    after_one_minute = None
    reconnects = 0
    count = int(minutes * 60 / TURN_S)
    try:
        for turn in range(count):
            if controller.link is not Link.READY:
                reconnects += 1  # the press below opens a new session and talks in it
            app.space(QEvent.Type.KeyPress)
            wait_until(lambda: controller.talking, 10, "the turn to start")
            run_events(int(10_000 / speed))
            app.space(QEvent.Type.KeyRelease)
            played = controller.playback.frames_played
            wait_until(
                functools.partial(
                    lambda before: controller.playback.frames_played >= before + 10 * RATE, played
                ),
                30,
                f"the simulated answer of turn {turn + 1} ({controller.link.value})",
            )
            if (turn + 1) * TURN_S >= 60 and after_one_minute is None:
                after_one_minute = _settled()
        if controller.link is not Link.READY:  # compare like with like: a session open
            controller.connect_session()
            wait_until(lambda: controller.link is Link.READY, 10, "the last session")
        at_end = _settled()
    finally:
        app.close()
        relay.close()
    return SoakResult(minutes, count, reconnects, after_one_minute or at_end, at_end)


def _settled() -> Resources:
    # A dropped session's socket thread ends a moment after the drop, and Qt's global thread
    # pool (image scaling) lets its idle threads go after 30 s: count once both have.
    run_events(500)
    wait_until(lambda: "Thread (pooled)" not in _native_thread_names(), 45, "Qt's pool to idle")
    return Resources.now()


def _native_thread_names() -> list[str]:
    return [native_thread_name(t.id) for t in psutil.Process().threads()]
