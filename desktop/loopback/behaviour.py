"""How a loopback relay behaves (frozen), and what it saw (a record that fills up).

The server and each connection's conversation read the first and write the second; neither
reaches back into the server, so tests describe a relay as data and read what it recorded.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from websockets.sync.server import ServerConnection

from desktop.loopback.wire import ReplyFunction, echo_reply

FrameRewrite = Callable[[ServerConnection, str], Iterable[str | bytes]]
"""What goes on the wire in place of one outgoing event (a relay that mangles frames)."""


def _always_ga(_model: str) -> bool:
    return True


@dataclass(frozen=True)
class Behaviour:
    reply: ReplyFunction = echo_reply
    ga: Callable[[str], bool] = _always_ga  # which dialect a model speaks
    chunk_ms: int = 100  # audio per delta
    pace: float = 0.0  # 0: as fast as the socket allows; 1.0: real time
    jitter_s: float = 0.0  # each chunk comes up to this much early or late (audio: vs its clock)
    seed: int = 0  # of the jitter
    # Relay limits: no data frame for this long ends the session (pings do not count);
    # a session lasts at most this long (server: 60 min GA, 30 min beta).
    idle_timeout_s: float | None = None
    session_cap_s: float | None = None
    # one-hub ends the session on any upstream error; a relay whose balance runs out drops
    # the socket after the response that used it up.
    errors_end_session: bool = False
    max_responses: int | None = None
    # A relay that lost its upstream mid-answer: after this many audio chunks nothing more
    # comes, while the socket stays open.
    stall_after_chunks: int | None = None
    # The model's own time to its first words: between response.created and the first delta.
    thinks_s: float = 0.0
    # Relays that start answers themselves: after every commit (so the client's own
    # response.create is refused), or once the session is configured, unasked.
    answers_on_commit: bool = False
    greets: bool = False
    rewrite: FrameRewrite | None = None


class Record:
    """What clients sent, and when (perf_counter); tests and benchmarks read it."""

    def __init__(self) -> None:
        self.received: list[dict[str, Any]] = []
        self.received_at: list[float] = []
        self.first_audio_sent_at: list[float] = []
        self.turns: list[bytes] = []
        self.usage_sent: list[dict[str, Any]] = []  # each response.done's usage, in order
        self.transcription_usage_sent: list[dict[str, Any]] = []  # each transcription's
        self._responses_done = 0
        self._lock = threading.Lock()  # responses end on streamer threads

    @property
    def responses_done(self) -> int:
        return self._responses_done

    def response_done(self) -> int:
        """Counts one more finished response; returns how many there have been."""
        with self._lock:
            self._responses_done += 1
            return self._responses_done
