"""The window's action icons: line drawings in resources/actions, drawn in the text colour
of the palette in use, so they stay legible in light and dark themes and sharp at any
scale (each size is rendered from the SVG, at the screen's pixel ratio too)."""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QByteArray, Qt
from PySide6.QtGui import QGuiApplication, QIcon, QPainter, QPalette, QPixmap
from PySide6.QtSvg import QSvgRenderer

from desktop import resources

_SIZES = (16, 20, 24, 32)


def icon(name: str) -> QIcon:
    """An icon by file name (e.g. "copy") in the palette's current text colour."""
    colour = QGuiApplication.palette().color(QPalette.ColorRole.WindowText).name()
    return _drawn(name, colour)


@cache
def _drawn(name: str, colour: str) -> QIcon:
    svg = resources.action_icon_path(name).read_text(encoding="utf-8")
    renderer = QSvgRenderer(QByteArray(svg.replace("currentColor", colour).encode()))
    drawn = QIcon()
    for size in _SIZES:
        for ratio in (1, 2):
            pixmap = QPixmap(size * ratio, size * ratio)
            pixmap.fill(Qt.GlobalColor.transparent)
            painter = QPainter(pixmap)
            renderer.render(painter)
            painter.end()
            pixmap.setDevicePixelRatio(ratio)
            drawn.addPixmap(pixmap)
    return drawn
