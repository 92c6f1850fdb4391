"""What the app costs the computer, against its targets, in one run: the app in a process of
its own (bench/app_process.py), measured from outside.

`scripts/bench --quick` takes under three minutes; `scripts/bench` runs the same with more
turns and longer answers, then the in-process measurements.
"""

from __future__ import annotations

import statistics
import subprocess
import tempfile
import time
import wave
from dataclasses import dataclass
from pathlib import Path

from bench.app_process import Listening, launch_times, listen, open_monitor, turns
from bench.plumbing import p
from desktop.api_facts import RATE
from desktop.controller import MICROPHONE_REST_MS
from tests.support.speech import make_speech
from tests.support.x_keyboard import XKeyboard

QUESTION = "What is the weather like in Shanghai today?"
JITTER_MS = (0, 30, 60, 120)


@dataclass(frozen=True)
class Sizes:
    turns: int
    answer_s: float  # each jittered answer
    talk_repeats: int  # the long question: the question this many times over
    launches: int

    @staticmethod
    def of(quick: bool, turns: int, answer_minutes: float) -> Sizes:
        if quick:
            return Sizes(turns=6, answer_s=10.0, talk_repeats=3, launches=3)
        return Sizes(turns=turns, answer_s=answer_minutes * 60, talk_repeats=8, launches=5)


def reference_ms() -> float:
    """How long this machine takes for a fixed piece of Python, best of five. Machines of the
    same kind differ, and one machine's speed drifts with its neighbours' load: CPU figures
    compare only between runs whose reference is alike."""
    runs = []
    for _ in range(5):
        started = time.perf_counter()
        sum(i * i for i in range(300_000))
        runs.append((time.perf_counter() - started) * 1000)
    return min(runs)


def _speech(folder: Path, repeats: int) -> tuple[Path, int, Path, int]:
    question, samples = make_speech(folder, QUESTION, "question")
    long_question = folder / "long.wav"
    subprocess.run(["sox", *[str(question)] * repeats, str(long_question)], check=True)
    with wave.open(str(long_question)) as w:
        assert w.getframerate() == RATE
        long_samples = w.getnframes()
    return question, len(samples), long_question, long_samples


def measure(sizes: Sizes) -> list[str]:
    reference_before = reference_ms()
    folder = Path(tempfile.mkdtemp())
    question, samples, long_question, long_samples = _speech(folder, sizes.talk_repeats)
    print(f"launching the app {sizes.launches + 1} times…", flush=True)
    mapped, ready = launch_times(sizes.launches)
    monitor = open_monitor()
    keyboard = XKeyboard()
    try:
        print(f"{sizes.turns} spoken turns, each interrupting the answer before…", flush=True)
        spoken = turns(question, samples, sizes.turns, monitor)
        heard: list[Listening] = []
        for jitter in JITTER_MS:
            print(f"a {sizes.answer_s:g} s answer at real time, jitter ±{jitter} ms…", flush=True)
            talk = (long_question, long_samples) if not heard else None
            heard.append(listen(question, samples, sizes.answer_s, jitter, monitor, keyboard, talk))
    finally:
        keyboard.close()
        monitor.close()
    first = heard[0]
    assert first.idle is not None and first.talking is not None and first.rested is not None
    rows: list[tuple[str, str, str]] = [
        ("app CPU while an answer plays (% of one core)", f"{first.usage.cpu_percent:.1f}", "≤ 3"),
        ("app CPU while the user talks", f"{first.talking.cpu_percent:.1f}", "≤ 3"),
        (
            f"app CPU connected and idle, over 4 s, {MICROPHONE_REST_MS // 1000} s after a turn",
            f"{first.rested.cpu_percent:.2f}",
            "≤ 0.5",
        ),
        ("  wake-ups per second, idle", f"{first.rested.wakeups_per_s:.0f}", "(reported)"),
        (
            "  … just connected, the microphone open for the pre-roll",
            f"{first.idle.cpu_percent:.2f}",
            f"(wake-ups {first.idle.wakeups_per_s:.0f}/s)",
        ),
        ("  wake-ups per second, answer playing", f"{first.usage.wakeups_per_s:.0f}", "(reported)"),
    ]
    for listened in heard:
        settled = f"{listened.prebuffer_ms} ms" if listened.prebuffer_ms is not None else "?"
        rows.append(
            (
                f"underruns per minute after the first second, jitter ±{listened.jitter_ms} ms "
                f"(prebuffer settled at {settled})",
                f"{listened.underruns_per_minute:.1f}",
                "0",
            )
        )
    rows += [
        (
            "key pressed during playback → silence at the speaker, p95 (ms)",
            f"{p(spoken.silence_ms, 95):.1f}",
            "≤ 15",
        ),
        (
            "first delta sent → first sample heard, p95 (ms)",
            f"{p(spoken.first_sample_ms, 95):.1f}",
            "≤ 30",
        ),
        (
            "key released (XTest) → commit on the wire, p95 (ms)",
            f"{p(spoken.commit_ms, 95):.1f}",
            "≤ 5",
        ),
        (
            "launch → window mapped, warm, median (s)",
            f"{statistics.median(mapped):.2f}",
            "≤ 0.6",
        ),
        (
            "launch → session ready to talk, warm, median (s)",
            f"{statistics.median(ready):.2f}",
            "(reported)",
        ),
        ("RSS at the end (MB)", f"{first.rss_mb:.0f}", "≤ 120"),
    ]
    lines = [f"\n{'measure':92} {'value':>8}  target"]
    lines += [f"{name:92} {value:>8}  {target}" for name, value, target in rows]
    lines += [
        "",
        f"p50: silence {p(spoken.silence_ms, 50):.1f} ms, first sample "
        f"{p(spoken.first_sample_ms, 50):.1f} ms, commit {p(spoken.commit_ms, 50):.1f} ms "
        f"({sizes.turns} turns); launch → window {min(mapped):.2f}–{max(mapped):.2f} s "
        f"({sizes.launches} runs)",
        "CPU by thread (% of one core):",
        f"  answer playing: {first.usage.by_thread}",
        f"  talking:        {first.talking.by_thread}",
        f"  idle:           {first.rested.by_thread}",
        f"  just connected: {first.idle.by_thread}",
        f"machine: the reference Python loop took {reference_before:.1f} ms before the run and "
        f"{reference_ms():.1f} ms after (more is slower; CPU figures scale with it)",
    ]
    return lines
