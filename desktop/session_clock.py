"""The timers of a session: keep-alive ticks, the pause before a retry, and two watchdogs,
one for a session that never starts and one for an answer that stops half-way."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QObject, QTimer, Signal, SignalInstance

# Well inside the 90 s (new-api) and 120 s (one-hub) idle deadlines of relays.
KEEPALIVE_MS = 30_000
# A real server sends session.created at once; a relay that upgrades and then says nothing
# would otherwise leave the window at "Connecting…" forever.
SESSION_START_MS = 8_000
# Deltas of an answer arrive many times a second; this long without any while a response
# is in progress means the relay lost its upstream and kept our socket open.
ANSWER_STALL_MS = 10_000


@dataclass(frozen=True)
class Timings:
    """How long a session waits for things; tests shorten them."""

    keepalive_ms: int = KEEPALIVE_MS
    session_start_ms: int = SESSION_START_MS
    answer_stall_ms: int = ANSWER_STALL_MS


class SessionClock(QObject):
    idle_ticked = Signal()
    """Now and then, whatever happens: a chance to keep an idle session alive."""
    retry_due = Signal()
    session_overdue = Signal()
    """The socket opened, and no session began in time."""
    answer_stalled = Signal()
    """An answer in progress sent nothing for too long."""

    def __init__(self, timings: Timings, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._keepalive = self._timer(timings.keepalive_ms, self.idle_ticked, single=False)
        self._keepalive.start()
        self._retry = self._timer(0, self.retry_due)
        self._session_start = self._timer(timings.session_start_ms, self.session_overdue)
        self._answer_stall = self._timer(timings.answer_stall_ms, self.answer_stalled)

    def _timer(self, interval_ms: int, signal: SignalInstance, single: bool = True) -> QTimer:
        timer = QTimer(self)
        timer.setSingleShot(single)
        timer.setInterval(interval_ms)
        timer.timeout.connect(signal)
        return timer

    def retry_in(self, delay_s: float) -> None:
        self._retry.start(int(delay_s * 1000))

    def expect_session(self) -> None:
        self._session_start.start()

    def session_began(self) -> None:
        self._session_start.stop()

    def answer_progressed(self, answering: bool) -> None:
        """Something arrived: the stall watchdog restarts while an answer is in progress."""
        if answering:
            self._answer_stall.start()
        else:
            self._answer_stall.stop()

    def session_closed(self) -> None:
        self._session_start.stop()
        self._answer_stall.stop()

    def stop(self) -> None:
        for timer in (self._keepalive, self._retry, self._session_start, self._answer_stall):
            timer.stop()
