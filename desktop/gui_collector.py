"""Cyclic garbage collection on the GUI thread only.

Python's cyclic collector runs on whichever thread happens to allocate. When it frees a
reference cycle holding a Qt object on the socket or audio thread, Qt is touched from the
wrong thread and the process dies. So automatic collection is switched off and a timer on
the GUI thread collects, generation by generation, with the interpreter's own thresholds.

The timer backs off while nothing is due: an idle app allocates almost nothing, and a
wake-up every half second would be most of what it costs the CPU at rest.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer

COLLECT_EVERY_MS = 500
# At rest the timer waits up to this long; the first collection due brings it back.
COLLECT_AT_MOST_EVERY_MS = 8_000


def collect_like_the_interpreter(thresholds: tuple[int, int, int]) -> bool:
    """What automatic collection would do now, on the calling thread; False if nothing was due."""
    young, middle, old = gc.get_count()
    if young < thresholds[0]:
        return False
    generation = 0
    if middle >= thresholds[1]:
        generation = 2 if old >= thresholds[2] else 1
    gc.collect(generation)
    return True


class GuiThreadCollector(QObject):
    """Owns garbage collection while it lives; `stop()` gives it back to the interpreter."""

    def __init__(self, interval_ms: int = COLLECT_EVERY_MS, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._interval_ms = interval_ms
        self._thresholds = gc.get_threshold()
        self._was_enabled = gc.isenabled()
        gc.disable()
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self._on_timer_timeout)
        self._timer.start()

    def _on_timer_timeout(self) -> None:
        if collect_like_the_interpreter(self._thresholds):
            interval = self._interval_ms
        else:
            interval = min(self._timer.interval() * 2, COLLECT_AT_MOST_EVERY_MS)
        if interval != self._timer.interval():
            self._timer.setInterval(interval)

    @property
    def interval_ms(self) -> int:
        return self._timer.interval()

    def stop(self) -> None:
        self._timer.stop()
        gc.collect()
        if self._was_enabled:
            gc.enable()
