"""The history file's costs: one event written (as the app writes each streamed piece), and
a search over many conversations, in English (full-text index) and Chinese (two-character
words, which scan)."""

from __future__ import annotations

import statistics
import tempfile
import time
from pathlib import Path

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


def measure() -> list[str]:
    median, p95 = write_cost_us()
    rows = [f"history: one streamed piece written: median {median:.1f} µs, p95 {p95:.1f} µs"]
    for name, ms in search_ms().items():
        rows.append(f"history: search over 1,000 conversations, {name}: {ms:.2f} ms")
    return rows


if __name__ == "__main__":
    print("\n".join(measure()))
