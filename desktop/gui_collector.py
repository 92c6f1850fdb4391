"""Cyclic garbage collection on the GUI thread only.

Python's cyclic collector runs on whichever thread happens to allocate. When it frees a
reference cycle holding a Qt object on the socket or audio thread, Qt is touched from the
wrong thread and the process dies. So automatic collection is switched off and a timer on
the GUI thread collects, generation by generation, with the interpreter's own thresholds.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer

COLLECT_EVERY_MS = 500


def collect_like_the_interpreter(thresholds: tuple[int, int, int]) -> None:
    """What automatic collection would do now, on the calling thread."""
    young, middle, old = gc.get_count()
    if young < thresholds[0]:
        return
    generation = 0
    if middle >= thresholds[1]:
        generation = 2 if old >= thresholds[2] else 1
    gc.collect(generation)


class GuiThreadCollector(QObject):
    """Owns garbage collection while it lives; `stop()` gives it back to the interpreter."""

    def __init__(self, interval_ms: int = COLLECT_EVERY_MS, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._thresholds = gc.get_threshold()
        self._was_enabled = gc.isenabled()
        gc.disable()
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self._on_timer_timeout)
        self._timer.start()

    def _on_timer_timeout(self) -> None:
        collect_like_the_interpreter(self._thresholds)

    def stop(self) -> None:
        self._timer.stop()
        gc.collect()
        if self._was_enabled:
            gc.enable()
