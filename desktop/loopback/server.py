"""A Realtime endpoint on 127.0.0.1 that answers each spoken turn with `behaviour.reply`.

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
from urllib.parse import parse_qs, urlsplit

from websockets.exceptions import ConnectionClosed
from websockets.http11 import Request, Response
from websockets.sync.server import Server, ServerConnection, serve

from desktop.loopback.behaviour import Behaviour, Record
from desktop.loopback.conversation import Conversation
from desktop.loopback.wire import MAX_FRAME

RequestCheck = Callable[[ServerConnection, Request], Response | None]
"""Looks at the handshake; a Response refuses the upgrade with it."""
ConnectionHook = Callable[[ServerConnection], bool]
"""Sees each upgraded connection first; True: it served the connection itself."""


class LoopbackRealtimeServer:
    """Serves `/v1/realtime` on 127.0.0.1 in a background thread; `stop()` joins it."""

    def __init__(
        self,
        behaviour: Behaviour | None = None,
        *,
        record: Record | None = None,
        check_request: RequestCheck | None = None,
        on_connection: ConnectionHook | None = None,
        tls: ssl.SSLContext | None = None,  # a server context: https:// and wss://
    ) -> None:
        self.behaviour = behaviour or Behaviour()
        self.record = record or Record()
        self.tls = tls
        self._check_request = check_request
        self._on_connection = on_connection
        self._pacing = random.Random(self.behaviour.seed)
        self._server: Server | None = None
        self._open: set[ServerConnection] = set()
        self._open_lock = threading.Lock()
        self._thread: threading.Thread | None = None

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

    def drop_connections(self) -> None:
        """End every open connection's TCP with no close frame, as relays do."""
        with self._open_lock:
            still_open = list(self._open)
        for ws in still_open:
            with contextlib.suppress(OSError):  # already closed
                ws.socket.shutdown(socket.SHUT_RDWR)

    def stop(self) -> None:
        # A client that stopped reading leaves a send blocked, holding the connection's lock,
        # and websockets' shutdown would wait on that lock forever: cut the sockets first.
        self.drop_connections()
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
                if self._on_connection is not None and self._on_connection(ws):
                    return
                ga = self.behaviour.ga(model)
                Conversation(ws, self.behaviour, self.record, self._pacing, ga).run(model)
        finally:
            with self._open_lock:
                self._open.discard(ws)
