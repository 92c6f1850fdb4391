"""The tray icon: the conversation's state at a glance, and Talk, Show window, Quit."""

from __future__ import annotations

import enum

from PySide6.QtCore import QObject, QRectF, Qt, Signal
from PySide6.QtGui import QAction, QColor, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import QMenu, QSystemTrayIcon

from desktop import appinfo
from desktop.realtime.session_events import Link

_ICON_PX = 64


class TrayState(enum.Enum):
    IDLE = "idle"
    LISTENING = "listening"
    SPEAKING = "speaking"
    PROBLEM = "problem"


# Red while listening, as the Talk button is then (style.py).
_BADGES = {
    TrayState.LISTENING: QColor("#d93025"),
    TrayState.SPEAKING: QColor("#1a73e8"),
    TrayState.PROBLEM: QColor("#f29900"),
}


def badged_icon(base: QIcon, state: TrayState) -> QIcon:
    """The app icon with a coloured dot in its corner; plain when idle."""
    pixmap = base.pixmap(_ICON_PX, _ICON_PX)
    if pixmap.isNull():
        pixmap = QPixmap(_ICON_PX, _ICON_PX)
        pixmap.fill(QColor("#5f6368"))
    badge = _BADGES.get(state)
    if badge is not None:
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor("white"))
        size = _ICON_PX * 0.5
        corner = QRectF(_ICON_PX - size, _ICON_PX - size, size, size)
        painter.drawEllipse(corner)
        painter.setBrush(badge)
        painter.drawEllipse(corner.adjusted(4, 4, -4, -4))
        painter.end()
    return QIcon(pixmap)


def tray_state(talking: bool, link: Link, output_level: float) -> TrayState:
    if talking:
        return TrayState.LISTENING
    if link in (Link.LOST, Link.FAILED):
        return TrayState.PROBLEM
    return TrayState.SPEAKING if output_level > 0.001 else TrayState.IDLE


class TrayIcon(QSystemTrayIcon):
    talk_triggered = Signal()
    show_requested = Signal()
    about_requested = Signal()
    quit_requested = Signal()

    def __init__(self, base_icon: QIcon, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._icons = {state: badged_icon(base_icon, state) for state in TrayState}
        self.state: TrayState | None = None
        menu = QMenu()
        self.talk_action = QAction(menu)
        self.talk_action.triggered.connect(self.talk_triggered)
        show_action = QAction(self.tr("Show window"), menu)
        show_action.triggered.connect(self.show_requested)
        about_action = QAction(self.tr("About"), menu)
        about_action.triggered.connect(self.about_requested)
        quit_action = QAction(self.tr("Quit"), menu)
        quit_action.triggered.connect(self.quit_requested)
        menu.addAction(self.talk_action)
        menu.addAction(show_action)
        menu.addAction(about_action)
        menu.addSeparator()
        menu.addAction(quit_action)
        self._menu = menu  # the tray does not own its menu
        self.setContextMenu(menu)
        self.activated.connect(self._on_activated)
        self.show_state(TrayState.IDLE)

    def show_state(self, state: TrayState) -> None:
        if state is self.state:
            return
        self.state = state
        self.setIcon(self._icons[state])
        words = {
            TrayState.IDLE: self.tr("Ready"),
            TrayState.LISTENING: self.tr("Listening…"),
            TrayState.SPEAKING: self.tr("Speaking"),
            TrayState.PROBLEM: self.tr("Needs attention"),
        }[state]
        self.setToolTip(f"{appinfo.DISPLAY_NAME} — {words}")
        listening = state is TrayState.LISTENING
        self.talk_action.setText(self.tr("Send") if listening else self.tr("Talk"))

    def _on_activated(self, reason: QSystemTrayIcon.ActivationReason) -> None:
        if reason == QSystemTrayIcon.ActivationReason.Trigger:
            self.show_requested.emit()
