"""The only place a background thread emits a Qt signal.

Signals emitted from the socket thread are queued to receivers living on the GUI thread
(Qt's automatic connection sees the thread difference); payloads are immutable values.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from desktop.realtime.problems import Problem
from desktop.realtime.server_events import ServerEvent


class TransportBridge(QObject):
    """A TransportListener whose callbacks become signals."""

    opened = Signal()
    """The WebSocket upgrade succeeded."""
    event_received = Signal(object)
    """A ServerEvent (audio payload stripped)."""
    failed = Signal(object, bool)
    """(Problem, was_open): the handshake failed or the socket went away."""

    def on_opened(self) -> None:
        self.opened.emit()

    def on_event(self, event: ServerEvent) -> None:
        self.event_received.emit(event)

    def on_failed(self, problem: Problem, was_open: bool) -> None:
        self.failed.emit(problem, was_open)
