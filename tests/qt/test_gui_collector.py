"""Reference cycles holding Qt objects are freed on the GUI thread, never on another."""

from __future__ import annotations

import gc
import threading
import weakref

from PySide6.QtCore import QObject

from desktop.gui_collector import GuiThreadCollector, collect_like_the_interpreter


class _Cycle:
    def __init__(self, finalised_on: list[str]) -> None:
        self.me = self
        self.qt = QObject()
        self._finalised_on = finalised_on

    def __del__(self) -> None:
        self._finalised_on.append(threading.current_thread().name)


def test_a_cycle_dropped_on_a_worker_thread_is_freed_on_the_gui_thread(qtbot):
    collector = GuiThreadCollector(interval_ms=10)
    try:
        assert not gc.isenabled()
        finalised_on: list[str] = []
        made: list = []
        kept: list = []

        def worker() -> None:
            cycle = _Cycle(finalised_on)
            made.append(weakref.ref(cycle))
            del cycle
            # Enough live allocations that automatic collection would have run here.
            kept.extend([] for _ in range(20_000))

        thread = threading.Thread(target=worker, name="allocating-worker")
        thread.start()
        thread.join()
        assert finalised_on == []  # nothing collected on the worker
        qtbot.waitUntil(lambda: made[0]() is None, timeout=3000)
        assert finalised_on == [threading.main_thread().name]
    finally:
        collector.stop()


def test_collection_follows_the_interpreters_thresholds():
    gc.collect()
    dropped = []
    for _ in range(5):
        cycle = _Cycle([])
        dropped.append(weakref.ref(cycle))
        del cycle
    collect_like_the_interpreter((10_000, 10, 10))  # below the threshold: nothing happens
    assert all(ref() is not None for ref in dropped)
    collect_like_the_interpreter((1, 10, 10))
    assert all(ref() is None for ref in dropped)


def test_the_collector_wakes_rarely_while_nothing_is_due_and_promptly_once_it_is(qtbot):
    gc.collect()
    collector = GuiThreadCollector(interval_ms=10)
    try:
        qtbot.waitUntil(lambda: collector.interval_ms >= 160, timeout=3000)
        kept: list[list[int]] = [[] for _ in range(20_000)]  # enough that a collection is due
        qtbot.waitUntil(lambda: collector.interval_ms == 10, timeout=3000)
        assert kept
    finally:
        collector.stop()
