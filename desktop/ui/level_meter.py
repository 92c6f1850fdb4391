"""A small loudness bar that polls a number the audio callback overwrites."""

from __future__ import annotations

import math
from collections.abc import Callable

from PySide6.QtWidgets import QProgressBar, QWidget

FLOOR_DB = -60.0


def level_to_percent(rms: float) -> int:
    """RMS (0..1) on a -60..0 dBFS scale, as a percentage: how loud it sounds, not its amplitude."""
    if rms <= 0:
        return 0
    db = 20 * math.log10(rms)
    return max(0, min(100, round((db - FLOOR_DB) / -FLOOR_DB * 100)))


class LevelMeter(QProgressBar):
    def __init__(self, read_level: Callable[[], float], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._read_level = read_level
        self.setRange(0, 100)
        self.setTextVisible(False)
        self.setFixedHeight(6)

    def refresh(self) -> None:
        self.setValue(level_to_percent(self._read_level()))
