"""The history file's costs: one event written (as the app writes each streamed piece), and
a search over many conversations, in English (full-text index) and Chinese (two-character
words, which scan); and the audio archive's: what an audio thread pays to hand it a chunk,
how fast its writer encodes, and the space a minute takes."""

from __future__ import annotations

import statistics
import tempfile
import time
from pathlib import Path

import numpy as np

from desktop.history.audio_archive import AudioArchive
from desktop.history.store import HistoryStore

PIECES_PER_ANSWER = 60
LINES = (
    ("user", "What is the weather like in Shanghai today?"),
    ("assistant", "It is sunny and warm, about twenty degrees, with a light breeze."),
    ("user", "上海今天天气怎么样？明天会下雨吗？"),
    ("assistant", "今天晴，大约二十度。明天多云，傍晚可能有小雨。"),
)


def write_cost_us(events: int = 20_000) -> tuple[float, float]:
    """(median, p95) µs per streamed piece: one transaction each, WAL, as in the app."""
    with tempfile.TemporaryDirectory() as folder:
        store = HistoryStore(Path(folder) / "history.sqlite3")
        talk = store.start_conversation("gpt-realtime", "https://api.xiexus.cn")
        costs = []
        for n in range(events):
            started = time.perf_counter()
            store.write_text(talk, f"a{n // PIECES_PER_ANSWER}", "assistant", "word ", append=True)
            costs.append((time.perf_counter() - started) * 1e6)
        store.close()
    costs.sort()
    return statistics.median(costs), costs[int(len(costs) * 0.95)]


def search_ms(conversations: int = 1000, turns_each: int = 12) -> dict[str, float]:
    """Median ms of a search over `conversations` kept conversations."""
    with tempfile.TemporaryDirectory() as folder:
        store = HistoryStore(Path(folder) / "history.sqlite3")
        for c in range(conversations):
            talk = store.start_conversation("gpt-realtime", "https://api.xiexus.cn")
            for t in range(turns_each):
                role, text = LINES[t % len(LINES)]
                line = f"{text} (#{c}.{t})"
                store.write_text(talk, f"i{t}", role, line, append=False, final=True)
        queries = {
            "English word (index)": "breeze",
            "Chinese phrase (index)": "可能有小雨",
            "Chinese word, 2 characters (scan)": "下雨",
            "no match (index)": "thunderstorm",
        }
        figures = {}
        for name, query in queries.items():
            times = []
            for _ in range(15):
                started = time.perf_counter()
                store.search(query)
                times.append((time.perf_counter() - started) * 1000)
            figures[name] = statistics.median(times)
        store.close()
    return figures


def voice_like(seconds: float) -> bytes:
    """Harmonics of a gliding pitch under a syllable-rate envelope, with breath noise:
    closer to speech than a tone for what FLAC can save."""
    rate = 24_000
    t = np.arange(int(rate * seconds)) / rate
    pitch = 140 + 30 * np.sin(2 * np.pi * 0.7 * t)
    phase = 2 * np.pi * np.cumsum(pitch) / rate
    voiced = sum(np.sin(k * phase) / k for k in range(1, 12))
    envelope = np.clip(np.sin(2 * np.pi * 4 * t), 0, None) ** 0.5
    noise = np.random.default_rng(1).normal(0, 0.05, t.size)
    return ((voiced * envelope + noise) * 6000).astype(np.int16).tobytes()


def archive_figures(seconds: float = 60.0) -> dict[str, float]:
    pcm = voice_like(seconds)
    chunk = 960  # 20 ms, as the microphone and most relays deliver it
    with tempfile.TemporaryDirectory() as folder:
        archive = AudioArchive(Path(folder) / "audio")
        costs = []
        started_all = time.perf_counter()
        for start in range(0, len(pcm), chunk):
            started = time.perf_counter()
            archive.append("s/a1", pcm[start : start + chunk])
            costs.append((time.perf_counter() - started) * 1e6)
        archive.finish("s/a1")
        archive.flush()
        written_s = time.perf_counter() - started_all
        size = archive.size_bytes()
        archive.close()
    costs.sort()
    return {
        "append_median_us": statistics.median(costs),
        "append_p95_us": costs[int(len(costs) * 0.95)],
        "times_real_time": seconds / written_s,
        "mb_per_minute": size / 1e6 * 60 / seconds,
        "raw_mb_per_minute": len(pcm) / 1e6 * 60 / seconds,
    }


def measure() -> list[str]:
    median, p95 = write_cost_us()
    rows = [f"history: one streamed piece written: median {median:.1f} µs, p95 {p95:.1f} µs"]
    for name, ms in search_ms().items():
        rows.append(f"history: search over 1,000 conversations, {name}: {ms:.2f} ms")
    audio = archive_figures()
    rows += [
        f"audio archive: a 20 ms chunk handed over by an audio thread: median"
        f" {audio['append_median_us']:.1f} µs, p95 {audio['append_p95_us']:.1f} µs",
        f"audio archive: a minute of audio encoded and written in"
        f" {60 / audio['times_real_time']:.2f} s ({audio['times_real_time']:.0f}× real time)",
        f"audio archive: {audio['mb_per_minute']:.2f} MB per minute as FLAC"
        f" ({audio['raw_mb_per_minute']:.2f} MB as raw PCM16)",
    ]
    return rows


if __name__ == "__main__":
    print("\n".join(measure()))
