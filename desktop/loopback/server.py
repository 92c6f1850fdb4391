"""A Realtime endpoint on 127.0.0.1 that answers each spoken turn with `reply(audio)`.

`--demo` uses it to play the user's own voice back, so microphone and speakers can be
checked with no key and no network. It speaks either dialect and follows the protocol
closely enough (cancel, truncate, the 100 ms commit minimum, relay limits) to stand in
for a relay in tests and benchmarks.
"""

from __future__ import annotations

import contextlib
import random
import socket
import ssl
import threading
from collections.abc import Callable
from typing import Any
from urllib.parse import parse_qs, urlsplit

from websockets.exceptions import ConnectionClosed
from websockets.http11 import Request, Response
from websockets.sync.server import Server, ServerConnection, serve

from desktop.loopback.conversation import Conversation
from desktop.loopback.wire import MAX_FRAME, ReplyFunction, echo_reply

RequestCheck = Callable[[ServerConnection, Request], Response | None]


class LoopbackRealtimeServer:
    """Serves `/v1/realtime` on 127.0.0.1 in a background thread; `stop()` joins it."""

    def __init__(
        self,
        reply: ReplyFunction = echo_reply,
        *,
        ga: Callable[[str], bool] = lambda model: True,
        check_request: RequestCheck | None = None,
        chunk_ms: int = 100,
        pace: float = 0.0,
        jitter_s: float = 0.0,
        seed: int = 0,
        idle_timeout_s: float | None = None,
        session_cap_s: float | None = None,
        errors_end_session: bool = False,
        max_responses: int | None = None,
        stall_after_chunks: int | None = None,
        answers_on_commit: bool = False,
        greets: bool = False,
        tls: ssl.SSLContext | None = None,
    ) -> None:
        self.reply = reply
        self.ga = ga
        self.chunk_ms = chunk_ms
        self.pace = pace  # 0: as fast as the socket allows; 1.0: real time
        self.jitter_s = jitter_s  # each chunk comes up to this much early or late
        # Relay limits: no data frame for this long ends the session (pings do not count);
        # a session lasts at most this long (server: 60 min GA, 30 min beta).
        self.idle_timeout_s = idle_timeout_s
        self.session_cap_s = session_cap_s
        # one-hub ends the session on any upstream error; a relay whose balance runs out
        # drops the socket after the response that used it up.
        self.errors_end_session = errors_end_session
        self.max_responses = max_responses
        # A relay that lost its upstream mid-answer: after this many audio chunks nothing
        # more comes, while the socket stays open.
        self.stall_after_chunks = stall_after_chunks
        # Relays that start answers themselves: after every commit (so the client's own
        # response.create is refused), or once the session is configured, unasked.
        self.answers_on_commit = answers_on_commit
        self.greets = greets
        self.tls = tls  # a server context: https:// and wss://
        self.responses_done = 0
        self._random = random.Random(seed)
        # What clients sent, and when (perf_counter): tests and benchmarks read these.
        self.received: list[dict[str, Any]] = []
        self.received_at: list[float] = []
        self.first_audio_sent_at: list[float] = []
        self.turns: list[bytes] = []
        self._check_request = check_request
        self._server: Server | None = None
        self._open: set[ServerConnection] = set()
        self._open_lock = threading.Lock()
        self._thread: threading.Thread | None = None

    def delay_after(self, chunk_s: float) -> float:
        """The pause after sending a chunk of `chunk_s` seconds: paced, with jitter."""
        wobble = self._random.uniform(-self.jitter_s, self.jitter_s) if self.jitter_s else 0.0
        return max(0.0, chunk_s / self.pace + wobble)

    @property
    def base_url(self) -> str:
        assert self._server is not None, "start() first"
        scheme = "https" if self.tls is not None else "http"
        return f"{scheme}://127.0.0.1:{self._server.socket.getsockname()[1]}"

    def start(self) -> str:
        self._server = serve(
            self._handle,
            "127.0.0.1",
            0,
            process_request=self._check_request,
            max_size=MAX_FRAME,
            compression=None,
            ssl=self.tls,
        )
        self._thread = threading.Thread(
            target=self._server.serve_forever, name="loopback-relay", daemon=True
        )
        self._thread.start()
        return self.base_url

    def stop(self) -> None:
        # A client that stopped reading leaves a send blocked, holding the connection's lock,
        # and websockets' shutdown would wait on that lock forever: cut the sockets first.
        with self._open_lock:
            still_open = list(self._open)
        for ws in still_open:
            with contextlib.suppress(OSError):
                ws.socket.shutdown(socket.SHUT_RDWR)
        if self._server is not None:
            self._server.shutdown()
        if self._thread is not None:
            self._thread.join(5)

    def _handle(self, ws: ServerConnection) -> None:
        assert ws.request is not None
        model = parse_qs(urlsplit(ws.request.path).query).get("model", ["gpt-realtime"])[0]
        with self._open_lock:
            self._open.add(ws)
        try:
            with contextlib.suppress(ConnectionClosed):
                Conversation(ws, self, self.ga(model)).run(model)
        finally:
            with self._open_lock:
                self._open.discard(ws)
