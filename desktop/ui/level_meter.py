"""A small loudness bar that polls a number the audio callback overwrites."""

from __future__ import annotations

import math
from collections.abc import Callable

from PySide6.QtCore import QSize
from PySide6.QtGui import QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

from desktop.ui import theme

FLOOR_DB = -60.0


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

    def sizeHint(self) -> QSize:
        return QSize(120, 6)

    def value(self) -> int:
        return self._percent

    def refresh(self) -> None:
        percent = level_to_percent(self._read_level())
        if percent != self._percent:  # an unchanged bar costs no repaint
            self._percent = percent
            self.update()

    def paintEvent(self, _event: QPaintEvent) -> None:
        colours = theme.current()
        painter = QPainter(self)
        painter.fillRect(self.rect(), colours.meter_track)
        filled = self.rect()
        filled.setWidth(self.width() * self._percent // 100)
        painter.fillRect(filled, colours.meter_fill)
        painter.end()
