"""The only place background threads emit Qt signals.

Signals emitted from the socket thread are queued to receivers living on the GUI thread
(Qt's automatic connection sees the thread difference); payloads are immutable values.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

from PySide6.QtCore import QObject, Signal

from desktop.input.shortcut import ShortcutCallbacks
from desktop.realtime.inbox import EventInbox
from desktop.realtime.problems import Problem
from desktop.realtime.server_events import ServerEvent


class TransportBridge(QObject):
    """A TransportListener whose callbacks become signals; events wait in an inbox."""

    opened = Signal()
    """The WebSocket upgrade succeeded."""
    events_arrived = Signal()
    """The inbox was empty and now holds events: `take_events()`."""
    failed = Signal(object, bool)
    """(Problem, was_open): the handshake failed or the socket went away."""

    def __init__(self) -> None:
        super().__init__()
        self._inbox = EventInbox()

    def take_events(self) -> list[ServerEvent]:
        """GUI thread: the events that arrived (audio payload stripped), in order."""
        return self._inbox.take_all()

    def close(self) -> None:
        """GUI thread: no more events are wanted; the socket thread never waits on them."""
        self._inbox.close()

    def on_opened(self) -> None:
        self.opened.emit()

    def on_event(self, event: ServerEvent) -> None:
        if self._inbox.put(event):
            self.events_arrived.emit()

    def on_failed(self, problem: Problem, was_open: bool) -> None:
        self.failed.emit(problem, was_open)


class BackgroundTask(QObject):
    """One blocking call (an HTTP request, a connection check) on a thread of its own; the
    result comes back to the GUI thread as a signal."""

    finished = Signal(object)
    """The call's return value."""

    def __init__(self, work: Callable[[], object], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._work = work
        self._thread = threading.Thread(target=self._run, name="relay-task", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def join(self, timeout: float) -> None:
        if self._thread.is_alive():
            self._thread.join(timeout)

    def _run(self) -> None:
        self.finished.emit(self._work())


class ShortcutBridge(QObject):
    """The global shortcut's listener thread → the GUI thread."""

    pressed = Signal(int)
    """timestamp_ms"""
    released = Signal(int, object)
    """(timestamp_ms, still_down: bool | None)"""
    lost = Signal(object)
    """Unavailable"""

    def callbacks(self) -> ShortcutCallbacks:
        return ShortcutCallbacks(self.pressed.emit, self.released.emit, self.lost.emit)


class FailureBridge(QObject):
    """An exception that escaped somewhere (any thread) → a notice on the GUI thread."""

    failed = Signal(str)
    """The exception's class name."""


class PlaybackBridge(QObject):
    """The audio output thread → the GUI thread: an answer's first sample was played."""

    response_started = Signal(str, float)
    """(response_id, perf_counter seconds when the device asked for its first sample)"""
