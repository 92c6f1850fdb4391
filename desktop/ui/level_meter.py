"""A small loudness bar that polls a number the audio callback overwrites."""

from __future__ import annotations

import math
from collections.abc import Callable

from PySide6.QtCore import QObject, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

from desktop.ui import theme

FLOOR_DB = -60.0
METER_MS = 50  # 20 times a second: smooth enough for a bar, far below the screen's rate
QUIET_MS = 1000  # silence on every meter for this long stops the polling


def level_to_percent(rms: float) -> int:
    """RMS (0..1) on a -60..0 dBFS scale, as a percentage: how loud it sounds, not its amplitude."""
    if rms <= 0:
        return 0
    db = 20 * math.log10(rms)
    return max(0, min(100, round((db - FLOOR_DB) / -FLOOR_DB * 100)))


class LevelMeter(QWidget):
    """Painted with two rectangles: it repaints many times a second while audio flows,
    so it avoids the cost of a styled progress bar."""

    def __init__(self, read_level: Callable[[], float], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._read_level = read_level
        self._percent = 0
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        # It paints every pixel of itself: Qt need not paint the window beneath it first.
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)

    def sizeHint(self) -> QSize:
        return QSize(120, 6)

    def value(self) -> int:
        return self._percent

    def silent(self) -> bool:
        """Nothing to show: the level last read is below the scale's floor."""
        return self._percent == 0

    def refresh(self, repaint: bool = True) -> None:
        percent = level_to_percent(self._read_level())
        if percent != self._percent:  # an unchanged bar costs no repaint
            self._percent = percent
            if repaint:
                self.update()

    def paintEvent(self, _event: QPaintEvent) -> None:
        colours = theme.current()
        painter = QPainter(self)
        painter.fillRect(self.rect(), colours.meter_track)
        filled = self.rect()
        filled.setWidth(self.width() * self._percent // 100)
        painter.fillRect(filled, colours.meter_fill)
        painter.end()


class MeterPolling(QObject):
    """Polls the meters while sound may flow, and stops once they have shown silence for a
    while: a connected app that nobody talks to should not wake up 20 times a second.
    `wake()` starts it again (a turn, an answer's words, a replay). Hidden or minimised, the
    window's meters are not refreshed, but `ticked` still goes out (the tray shows the state).
    """

    ticked = Signal()

    def __init__(
        self,
        meters: tuple[LevelMeter, ...],
        window: QWidget,
        interval_ms: int = METER_MS,
        quiet_ms: int = QUIET_MS,
    ) -> None:
        super().__init__(window)
        self._meters = meters
        self._window = window
        self._quiet_ticks_allowed = max(1, quiet_ms // interval_ms)
        self._quiet_ticks = 0
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self._on_timer_timeout)

    @property
    def active(self) -> bool:
        return self._timer.isActive()

    def wake(self) -> None:
        self._quiet_ticks = 0
        if not self._timer.isActive():
            self._timer.start()

    def _on_timer_timeout(self) -> None:
        shown = self._window.isVisible() and not self._window.isMinimized()
        for meter in self._meters:
            meter.refresh(repaint=shown)
        silent = all(meter.silent() for meter in self._meters)
        self._quiet_ticks = self._quiet_ticks + 1 if silent else 0
        if self._quiet_ticks >= self._quiet_ticks_allowed:
            for meter in self._meters:
                meter.update()  # shown at rest, also if it was hidden meanwhile
            self._timer.stop()
        self.ticked.emit()
