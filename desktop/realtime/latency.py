"""Where a voice turn's time went: key released → commit sent → first audio delta
received → first sample heard, and the server's own part of it (response.created → first
audio delta).

Moments are `time.perf_counter()` seconds stamped where they happen: the socket thread
stamps what arrives and the audio thread what it hands to the device, so a busy GUI
thread is never counted against the relay.
"""

from __future__ import annotations

import statistics
from collections.abc import Iterable
from dataclasses import dataclass, fields
from enum import Enum

from desktop.realtime.server_events import AudioDelta, ResponseCreated, ResponseDone, ServerEvent

RECENT_TURNS = 50  # what the p50/p95 of Diagnostics are taken over


@dataclass(frozen=True)
class TurnLatency:
    """Milliseconds; None where the turn never got that far (an answer stopped before it
    was heard, a relay that sent no audio). Names as in the JSON export."""

    release_to_commit: float | None = None
    commit_to_first_delta: float | None = None
    created_to_first_delta: float | None = None
    first_delta_to_first_sound: float | None = None

    @property
    def release_to_first_sound(self) -> float | None:
        """What the user waited, from letting go to hearing the answer."""
        parts = (self.release_to_commit, self.commit_to_first_delta)
        if None in parts or self.first_delta_to_first_sound is None:
            return None
        return sum(p for p in parts if p is not None) + self.first_delta_to_first_sound

    def exported(self) -> dict[str, float | None]:
        return {f.name: _rounded(getattr(self, f.name)) for f in fields(self)}

    def bars(self) -> list[Bar]:
        """The waterfall: each stage from where it begins, in ms after the key was let go."""
        if self.release_to_commit is None:
            return []
        committed = self.release_to_commit
        shown = [Bar(Stage.COMMIT, 0.0, committed)]
        if self.commit_to_first_delta is None:
            return shown
        first_delta = committed + self.commit_to_first_delta
        server = self.created_to_first_delta
        if server is not None and 0 <= server <= self.commit_to_first_delta:
            shown.append(Bar(Stage.TO_SERVER, committed, first_delta - server))
            shown.append(Bar(Stage.SERVER, first_delta - server, first_delta))
        else:
            shown.append(Bar(Stage.TO_FIRST_DELTA, committed, first_delta))
        if self.first_delta_to_first_sound is not None:
            sound = first_delta + self.first_delta_to_first_sound
            shown.append(Bar(Stage.PLAYBACK, first_delta, sound))
        return shown


class Stage(Enum):
    COMMIT = "commit"  # key released → the commit is on the wire
    TO_SERVER = "to_server"  # commit sent → response.created received
    SERVER = "server"  # response.created → first audio delta received
    TO_FIRST_DELTA = "to_first_delta"  # commit → first delta, when created is not known
    PLAYBACK = "playback"  # first delta → its first sample out of the speaker


@dataclass(frozen=True)
class Bar:
    stage: Stage
    start_ms: float
    end_ms: float


@dataclass(frozen=True)
class TurnTimed:
    """A turn's figures, for the answer that it got (`item_id`: the answer's line)."""

    response_id: str
    item_id: str | None
    latency: TurnLatency


@dataclass
class _Moments:
    released: float
    committed: float
    response_id: str | None = None
    created: float | None = None
    first_delta: float | None = None
    item_id: str | None = None

    def timed(self, first_sound: float | None = None) -> TurnTimed:
        assert self.response_id is not None
        return TurnTimed(
            self.response_id,
            self.item_id,
            TurnLatency(
                _ms(self.released, self.committed),
                _ms(self.committed, self.first_delta),
                _ms(self.created, self.first_delta),
                _ms(self.first_delta, first_sound),
            ),
        )


class TurnStopwatch:
    """Follows one voice turn at a time: the response that follows its commit is its
    answer. A press too short to commit never starts one; a typed turn is not timed."""

    def __init__(self) -> None:
        self._released: float | None = None
        self._turn: _Moments | None = None
        # The speaker can play an answer's first sample before the GUI thread has read the
        # events that announced it: (response id, when) is kept until they are read.
        self._early_sound: tuple[str, float] | None = None

    def released(self, at: float) -> None:
        self._released = at

    def commit_sent(self, at: float) -> None:
        if self._released is not None:
            self._turn = _Moments(self._released, at)
            self._released = None

    def received(self, event: ServerEvent) -> TurnTimed | None:
        """Returns the figures of a turn whose answer came with no audio (in text)."""
        turn = self._turn
        if turn is None:
            return None
        if isinstance(event, ResponseCreated) and turn.response_id is None:
            turn.response_id, turn.created = event.response_id, event.received_at
        elif turn.response_id is None or getattr(event, "response_id", None) != turn.response_id:
            return None
        elif isinstance(event, AudioDelta) and turn.first_delta is None:
            turn.first_delta, turn.item_id = event.received_at, event.item_id
            early, self._early_sound = self._early_sound, None
            if early is not None and early[0] == turn.response_id:
                return self._finish(early[1])
        elif isinstance(event, ResponseDone) and turn.first_delta is None:
            turn.item_id = event.item_ids[0] if event.item_ids else None
            return self._finish()
        return None

    def first_sound(self, response_id: str, at: float) -> TurnTimed | None:
        """The answer's first sample left the speaker at `at`: the turn is complete."""
        turn = self._turn
        if turn is None:
            return None
        if turn.response_id != response_id or turn.first_delta is None:
            self._early_sound = (response_id, at)  # its events are still on their way
            return None
        return self._finish(at)

    def forget(self) -> None:
        """The session ended: an answer still to come will never come."""
        self._released = self._turn = None
        self._early_sound = None

    def stopped(self) -> TurnTimed | None:
        """A new turn began: what is known of the last one, if it got an answer that was
        never heard."""
        self._released = None
        self._early_sound = None
        if self._turn is None or self._turn.response_id is None:
            self._turn = None
            return None
        return self._finish()

    def _finish(self, first_sound: float | None = None) -> TurnTimed:
        assert self._turn is not None
        timed, self._turn = self._turn.timed(first_sound), None
        return timed


@dataclass(frozen=True)
class Spread:
    p50: float
    p95: float
    turns: int


def summarize(latencies: Iterable[TurnLatency]) -> dict[str, Spread]:
    """p50 and p95 of each figure over the turns that have it, plus release → first sound."""
    rows = list(latencies)
    columns: dict[str, list[float]] = {f.name: [] for f in fields(TurnLatency)}
    columns["release_to_first_sound"] = []
    for row in rows:
        for name, values in columns.items():
            value = getattr(row, name)
            if value is not None:
                values.append(value)
    return {name: _spread(values) for name, values in columns.items() if values}


def _spread(values: list[float]) -> Spread:
    if len(values) == 1:
        return Spread(values[0], values[0], 1)
    cuts = statistics.quantiles(values, n=100, method="inclusive")
    return Spread(statistics.median(values), cuts[94], len(values))


def _ms(start: float | None, end: float | None) -> float | None:
    return None if start is None or end is None else (end - start) * 1000


def _rounded(value: float | None) -> float | None:
    return None if value is None else round(value, 1)
