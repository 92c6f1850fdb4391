"""How instant the conversation feels, measured through real parts.

The app (real window, real PyAudio on PulseAudio's virtual devices) talks to the relay
double in another process; a monitor records the virtual speaker with a timestamp per
sample. Run it with `scripts/bench`; it prints a table of p50/p95 against the targets.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import statistics
import subprocess
import tempfile
import time
import wave
from pathlib import Path
from typing import Any

import numpy as np
import pyaudio
from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtWidgets import QApplication

from bench.history import measure as history_costs
from bench.inspector import measure as inspector_costs
from bench.plumbing import (
    App,
    Relay,
    cpu_breakdown,
    cpu_seconds,
    p,
    run_events,
    speak,
    thread_cpu,
    wait_until,
)
from bench.relay_server import answer_audio
from bench.soak import soak
from bench.startup import measure as startup_times
from bench.targets import Sizes
from bench.targets import measure as against_targets
from desktop.api_facts import RATE
from desktop.gui_collector import GuiThreadCollector
from tests.support.busy_cores import busy_cores
from tests.support.speaker_monitor import SpeakerMonitor
from tests.support.speech import make_speech
from tests.support.x_keyboard import XKeyboard

LOUD = 300
QUESTION = "What is the weather like in Shanghai today?"


# ---- measurements -----------------------------------------------------------------------


def turns(question: Path, question_len: int, count: int) -> dict[str, list[float]]:
    """Release → commit, first delta → first sample, press during playback → silence."""
    relay = Relay(answer_seconds=4.0, pace=4.0)
    app = App(relay)
    monitor = SpeakerMonitor(pyaudio)
    commit, first_sample, handed, silence = [], [], [], []
    # The answer starts with a little silence; its first loud sample is this far in.
    answer_onset = int(np.argmax(np.abs(answer_audio(4.0)) > LOUD)) / RATE
    try:
        for turn in range(count + 1):
            pressed_at = time.perf_counter()
            released_at = speak(app, relay, question, question_len)
            if turn > 0:  # this press interrupted the previous answer
                samples, times = monitor.recording()
                window = (times > pressed_at) & (times < pressed_at + 0.5)
                loud = times[window & (np.abs(samples) > LOUD)]
                silence.append((loud.max() - pressed_at) * 1000 if len(loud) else 0.0)
            if turn == count:
                break
            committed_at = relay.wait_for("input_audio_buffer.commit", turn + 1, 5)[turn]["t"]
            commit.append((committed_at - released_at) * 1000)
            sent_at = relay.wait_for("first_audio_sent", turn + 1, 10)[turn]["t"]
            heard_at = _wait_loud_after(monitor, sent_at) - answer_onset
            first_sample.append((heard_at - sent_at) * 1000)
            started_at = app.controller.playback.started_at
            assert started_at is not None, "the answer was heard, so playback started"
            handed.append((started_at - sent_at) * 1000)
            # Listen for about a second, then the next turn's press interrupts.
            run_events(max(0, int((sent_at + 1.2 - time.perf_counter()) * 1000)))
        speaker = app.controller.audio.speaker
        latency_ms = speaker.latency_ms if speaker is not None else float("nan")
        own = app.controller.latency_summary()  # what the app itself measured, turn by turn
    finally:
        monitor.close()
        app.close()
        relay.close()
    return {
        "commit": commit,
        "first_handed": handed,
        "first_sample": first_sample,
        "silence": silence,
        "device_latency_ms": [latency_ms],
        **{f"own_{name}": [spread.p50, spread.p95] for name, spread in own.items()},
    }


def x_server_holds(count: int, busy: bool) -> tuple[list[float], int]:
    """Holds of Space typed through the X server (XTest, another process), long enough for
    autorepeat: release → commit, and how many holds came out as more than one turn."""
    relay = Relay(answer_seconds=1.0, pace=4.0)
    app = App(relay)
    keyboard = XKeyboard()
    rng = np.random.default_rng(11)
    commit: list[float] = []
    try:
        with busy_cores() if busy else contextlib.nullcontext():
            for hold in range(count):
                keyboard.press("space")
                run_events(int(rng.uniform(900, 1600)))
                released_at = time.perf_counter()
                keyboard.release("space", wait=False)
                relay.wait_for("input_audio_buffer.commit", hold + 1, 5)
                keyboard.wait_done()
                sent = relay.events("input_audio_buffer.commit")
                commit.append((sent[-1]["t"] - released_at) * 1000)
                run_events(300)
        splits = len(relay.events("input_audio_buffer.commit")) - count
    finally:
        keyboard.close()
        app.close()
        relay.close()
    return commit, splits


def _loud_after(monitor: SpeakerMonitor, since: float) -> float | None:
    samples, times = monitor.recording()
    loud = np.nonzero((times > since) & (np.abs(samples) > LOUD))[0]
    return float(times[loud[0]]) if len(loud) else None


def _wait_loud_after(monitor: SpeakerMonitor, since: float) -> float:
    """When the speaker first played something loud after `since`."""
    wait_until(lambda: _loud_after(monitor, since) is not None, 5, "sound")
    heard = _loud_after(monitor, since)
    assert heard is not None
    return heard


def long_answer(question: Path, question_len: int, minutes: float) -> dict[str, Any]:
    """Underruns over a long answer with jittery delivery, and CPU while listening/talking."""
    relay = Relay(answer_seconds=minutes * 60, pace=1.05, jitter=0.06)
    app = App(relay)
    try:
        speak(app, relay, question, question_len)
        relay.wait_for("first_audio_sent", 1, 10)
        buffer = app.controller.playback
        wait_until(lambda: buffer.frames_played > RATE, 10, "playback")
        cpu0, wall0, under0 = cpu_seconds(), time.perf_counter(), buffer.underruns
        threads0 = thread_cpu()
        total = int(minutes * 60 * RATE)
        wait_until(
            lambda: buffer.frames_played >= total and buffer.queued_ms == 0,
            minutes * 60 + 60,
            "the long answer to finish",
        )
        wall = time.perf_counter() - wall0
        listening_cpu = (cpu_seconds() - cpu0) / wall * 100
        listening_threads = cpu_breakdown(threads0, thread_cpu(), wall)
        underruns = buffer.underruns - under0
        # Talking: hold Space for 20 s while the microphone streams to the relay.
        long_question = question.with_name("long.wav")
        subprocess.run(
            ["sox", str(question)] * 1 + [str(question)] * 7 + [str(long_question)], check=True
        )
        app.space(QEvent.Type.KeyPress)
        player = subprocess.Popen(["paplay", "-d", "micsink", str(long_question)])
        cpu0, wall0 = cpu_seconds(), time.perf_counter()
        wait_until(lambda: player.poll() is not None, 120, "the long question", poll_ms=250)
        talking_cpu = (cpu_seconds() - cpu0) / (time.perf_counter() - wall0) * 100
        app.space(QEvent.Type.KeyRelease)
    finally:
        app.close()
        relay.close()
    return {
        "underruns_per_minute": underruns / minutes,
        "listening_cpu": listening_cpu,
        "listening_threads": listening_threads,
        "talking_cpu": talking_cpu,
    }


def gui_stalls(question: Path, question_len: int) -> float:
    """The longest pause of the GUI thread while a 60 s answer arrives in 6 s."""
    relay = Relay(answer_seconds=60, pace=10.0)
    app = App(relay)
    ticks: list[float] = []
    timer = QTimer()
    timer.setTimerType(Qt.TimerType.PreciseTimer)
    timer.setInterval(1)
    timer.timeout.connect(lambda: ticks.append(time.perf_counter()))
    try:
        speak(app, relay, question, question_len)
        relay.wait_for("first_audio_sent", 1, 10)
        timer.start()
        start = time.perf_counter()
        wait_until(lambda: app.controller.playback.queued_ms > 50_000, 20, "the fast answer")
        wait_until(lambda: time.perf_counter() > start + 7, 10, "the stream to end")
        timer.stop()
    finally:
        app.close()
        relay.close()
    gaps = np.diff(ticks) * 1000
    return float(gaps.max() - 1) if len(gaps) else float("nan")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "--quick",
        action="store_true",
        help="only the table against the targets, with fewer turns and short answers (< 3 min)",
    )
    parser.add_argument("--turns", type=int, default=20)
    parser.add_argument("--answer-minutes", type=float, default=5.0)
    parser.add_argument("--conversation-minutes", type=float, default=60.0)
    parser.add_argument(
        "--holds-only", action="store_true", help="only the holds of Space through the X server"
    )
    parser.add_argument(
        "--turns-only",
        action="store_true",
        help="only the spoken turns: measured at the virtual speaker, and by the app itself",
    )
    parser.add_argument(
        "--inspector-only",
        action="store_true",
        help="only the event inspector's cost: CPU during an answer with it closed, then open",
    )
    parser.add_argument(
        "--soak-only", action="store_true", help="only the long conversation with reconnects"
    )
    parser.add_argument(
        "--history-only",
        action="store_true",
        help="only the history file: the cost of one event, and search over 1,000 conversations",
    )
    parser.add_argument(
        "--startup-only",
        action="store_true",
        help="only launch → visible window, for the bundle and the venv install, warm and cold",
    )
    args = parser.parse_args()
    if args.quick:
        print("\n".join(against_targets(Sizes.of(True, args.turns, args.answer_minutes))))
        return
    if args.startup_only:
        print("\n".join(startup_times()))
        return
    if args.history_only:
        print("\n".join(history_costs()))
        return

    QApplication([])
    # As the app does: cycles holding Qt objects are freed on the GUI thread only.
    GuiThreadCollector()
    if args.soak_only:
        print(f"a {args.conversation_minutes:g}-minute conversation with reconnects, simulated…")
        print(soak(args.conversation_minutes).summary())
        return
    folder = Path(tempfile.mkdtemp())
    question, samples = make_speech(folder, QUESTION, "question")
    with wave.open(str(question)) as w:
        assert w.getframerate() == RATE

    if args.inspector_only:
        print("\n".join(inspector_costs(question, len(samples))))
        return
    if args.turns_only:
        print(f"{args.turns} turns…", flush=True)
        _print_own_figures(turns(question, len(samples), args.turns))
        return
    targets = against_targets(Sizes.of(False, args.turns, args.answer_minutes))
    print(f"{args.turns} holds of Space through the X server, idle, then busy…", flush=True)
    x_idle, splits_idle = x_server_holds(args.turns, busy=False)
    x_busy, splits_busy = x_server_holds(args.turns, busy=True)
    if args.holds_only:
        print(f"\nkey released (XTest) → commit, idle: p50 {p(x_idle, 50):.1f} ms, ", end="")
        print(f"p95 {p(x_idle, 95):.1f} ms; busy: p50 {p(x_busy, 50):.1f} ms, ", end="")
        print(f"p95 {p(x_busy, 95):.1f} ms; holds split: {splits_idle + splits_busy}")
        return
    print(f"{args.turns} turns…", flush=True)
    t = turns(question, len(samples), args.turns)
    print(f"a {args.answer_minutes:g}-minute answer…", flush=True)
    long = long_answer(question, len(samples), args.answer_minutes)
    print("an answer at 10x real time…", flush=True)
    stall = gui_stalls(question, len(samples))
    print(f"a {args.conversation_minutes:g}-minute conversation with reconnects, simulated…")
    soaked = soak(args.conversation_minutes)
    print("launch → visible window, bundle and venv install…", flush=True)
    startup = startup_times()
    print("an answer with the event inspector closed, then open…", flush=True)
    inspector = inspector_costs(question, len(samples))

    def row(name: str, p50: float, p95: float | None, target: str) -> None:
        p95_text = f"{p95:8.1f}" if p95 is not None else " " * 8
        print(f"{name:72} {p50:8.1f} {p95_text}  {target}")

    print(f"\n{'measure':72} {'p50':>8} {'p95':>8}  target")
    row("key released → commit on the wire (ms)", p(t["commit"], 50), p(t["commit"], 95), "≤ 5")
    row("  … released in the X server (XTest), idle (ms)", p(x_idle, 50), p(x_idle, 95), "≤ 5")
    row(
        f"  … the same with {os.cpu_count()} busy processes (ms)",
        p(x_busy, 50),
        p(x_busy, 95),
        "(reported)",
    )
    row(
        f"holds split into more than one turn (of {args.turns} idle + {args.turns} busy)",
        splits_idle + splits_busy,
        None,
        "0",
    )
    row(
        "first delta sent → first sample handed to the speaker device (ms)",
        p(t["first_handed"], 50),
        p(t["first_handed"], 95),
        "≤ 60",
    )
    row(
        "  … → first sample heard at the virtual speaker, device buffer included (ms)",
        p(t["first_sample"], 50),
        p(t["first_sample"], 95),
        f"(device reports {t['device_latency_ms'][0]} ms)",
    )
    row(
        "key pressed during playback → silence at the speaker (ms)",
        p(t["silence"], 50),
        p(t["silence"], 95),
        "≤ 30",
    )
    row(
        f"underruns per minute, {args.answer_minutes:g}-minute answer with jitter",
        long["underruns_per_minute"],
        None,
        "0",
    )
    row("app CPU while listening (% of one core)", long["listening_cpu"], None, "≤ 5")
    row("app CPU while talking (% of one core)", long["talking_cpu"], None, "≤ 5")
    row("longest GUI-thread stall, deltas at 10x real time (ms)", stall, None, "≤ 16")
    row(
        f"RSS after {args.conversation_minutes:g} min − after 1 min of conversation (MB)",
        soaked.rss_growth_mb,
        None,
        f"≤ 10 (RSS at the end: {soaked.at_end.rss_mb:.0f} MB)",
    )
    row("  threads at the end − after 1 min", soaked.thread_growth, None, "0")
    row("  open file descriptors at the end − after 1 min", soaked.fd_growth, None, "0")
    print("\nthe app in a process of its own, against the targets:" + "\n".join(targets))
    print("\nlaunch → visible window:\n" + "\n".join(startup))
    print("\n" + "\n".join(history_costs()))
    print("\n" + "\n".join(inspector))
    print(f"\n{soaked.summary()}")
    print(f"\nCPU while listening, by thread: {long['listening_threads']}")
    print(f"{len(t['commit'])} turns; mean release → commit {statistics.fmean(t['commit']):.2f} ms")


def _print_own_figures(t: dict[str, list[float]]) -> None:
    """The app's own waterfall figures beside what the virtual speaker recorded."""
    print(f"\n{'measure':64} {'p50':>8} {'p95':>8}")
    for name, label, outside in (
        ("release_to_commit", "key released → commit sent", "commit"),
        ("created_to_first_delta", "server: response created → first delta", None),
        ("commit_to_first_delta", "commit sent → first delta received", None),
        ("first_delta_to_first_sound", "first delta → first sound", "first_sample"),
        ("release_to_first_sound", "key released → answer heard", None),
    ):
        own = t.get(f"own_{name}")
        if own:
            print(f"{'app: ' + label + ' (ms)':64} {own[0]:8.1f} {own[1]:8.1f}")
        if outside:
            seen = t[outside]
            where = "  … measured at the " + ("relay" if outside == "commit" else "speaker")
            print(f"{where + ' (ms)':64} {p(seen, 50):8.1f} {p(seen, 95):8.1f}")
    handed = t["first_handed"]
    print(f"{'first delta sent → first sample handed to the device (ms)':64} ", end="")
    print(f"{p(handed, 50):8.1f} {p(handed, 95):8.1f}")
    print(f"the speaker device reports {t['device_latency_ms'][0]} ms of output latency")


if __name__ == "__main__":
    main()
