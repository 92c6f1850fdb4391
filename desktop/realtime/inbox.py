"""Server events on their way from the socket thread to the GUI thread.

A queued signal per event has no bound: a relay that sends faster than the window can show
(a million one-letter deltas) would pile events up in Qt's queue without limit. Here a
streamed delta joins the one before it when the GUI has not taken it yet, so a burst costs
one entry, and when the GUI falls far behind the socket thread waits, which slows the
relay down through TCP instead of growing memory.
"""

from __future__ import annotations

import threading
from collections import deque
from dataclasses import replace

from desktop.realtime.server_events import (
    AssistantTranscriptDelta,
    MalformedFrame,
    OtherEvent,
    ServerEvent,
    UserTranscript,
)

MAX_WAITING = 10_000  # events the GUI has not taken yet before the socket thread waits
_WAIT_SLICE_S = 0.2


def merged(last: ServerEvent, new: ServerEvent) -> ServerEvent | None:
    """One event that stands for `last` followed by `new`, or None if they must stay two."""
    if isinstance(last, MalformedFrame) and isinstance(new, MalformedFrame):
        return replace(last, count=last.count + new.count)  # the first one says what it was
    if type(last) is not type(new) or last.type != new.type:
        return None
    if isinstance(last, AssistantTranscriptDelta) and isinstance(new, AssistantTranscriptDelta):
        if (last.response_id, last.item_id) == (new.response_id, new.item_id):
            return replace(last, delta=last.delta + new.delta)
    elif isinstance(last, UserTranscript) and isinstance(new, UserTranscript):
        if last.item_id == new.item_id and not last.final and not new.final:
            return replace(last, text=last.text + new.text)
    elif isinstance(last, OtherEvent):
        return last  # nothing reads these but their arrival
    return None


class EventInbox:
    """Thread-safe: the socket thread puts, the GUI thread takes everything at once."""

    def __init__(self, max_waiting: int = MAX_WAITING) -> None:
        self._events: deque[ServerEvent] = deque()
        self._max_waiting = max_waiting
        self._closed = False
        self._changed = threading.Condition()

    def put(self, event: ServerEvent) -> bool:
        """Add an event; True when the inbox was empty, so the GUI thread must be woken."""
        with self._changed:
            while len(self._events) >= self._max_waiting and not self._closed:
                self._changed.wait(_WAIT_SLICE_S)
            if self._closed:
                return False
            if self._events and (joined := merged(self._events[-1], event)) is not None:
                self._events[-1] = joined
                return False
            self._events.append(event)
            return len(self._events) == 1

    def take_all(self) -> list[ServerEvent]:
        with self._changed:
            events = list(self._events)
            self._events.clear()
            self._changed.notify_all()
            return events

    def close(self) -> None:
        """The GUI no longer wants events: a waiting socket thread goes on at once."""
        with self._changed:
            self._closed = True
            self._events.clear()
            self._changed.notify_all()
