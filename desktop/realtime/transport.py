"""One WebSocket session on a background thread (websocket-client).

The socket thread parses frames and hands them on; it makes no decisions. Audio deltas
go straight to `on_audio` (the playback buffer), everything else, audio stripped, to
the listener, which posts it to the GUI thread.
"""

from __future__ import annotations

import contextlib
import logging
import socket
import ssl
import threading
import time
from collections.abc import Callable
from dataclasses import replace
from typing import Any, Protocol

import websocket

from desktop.realtime.client_events import input_audio_append, to_wire
from desktop.realtime.event_log import EventLog
from desktop.realtime.frame_limits import MessageTooLarge, limit_message_size
from desktop.realtime.problems import Problem, ProblemKind, Reason, handshake_problem
from desktop.realtime.proxy import Proxy
from desktop.realtime.server_events import (
    AudioDelta,
    ResponseCreated,
    ServerEvent,
    SessionCreated,
    parse_server_event,
)
from desktop.realtime.tls import tls_context, untrusted_certificate

log = logging.getLogger(__name__)

HANDSHAKE_TIMEOUT_S = 20.0


class TransportListener(Protocol):
    def on_opened(self) -> None: ...
    def on_event(self, event: ServerEvent) -> None: ...
    def on_failed(self, problem: Problem, was_open: bool) -> None: ...


class RealtimeTransport:
    """Connects once; `close()` ends the session and joins the thread."""

    def __init__(
        self,
        url: str,
        api_key: str,
        listener: TransportListener,
        on_audio: Callable[[AudioDelta], None] | None = None,
        proxy: Proxy | None = None,
        handshake_timeout_s: float = HANDSHAKE_TIMEOUT_S,
        tls: ssl.SSLContext | None = None,
        event_log: EventLog | None = None,
    ) -> None:
        self._url = url
        self._event_log = event_log
        self._proxy = proxy
        self._tls = tls or tls_context()
        self._handshake_timeout_s = handshake_timeout_s
        self._listener = listener
        self._on_audio = on_audio
        self._opened = False
        self._session_began = False  # session.created seen: a close after it is a drop
        self._closing = False
        self._reported = False
        self._app = websocket.WebSocketApp(
            url,
            # The one auth mechanism: no subprotocol, no Content-Type, no key in the URL.
            header={"Authorization": f"Bearer {api_key}"},
            on_open=self._handle_open,
            on_message=self._handle_message,
            on_error=self._handle_error,
            on_close=self._handle_close,
        )
        self._thread = threading.Thread(target=self._run, name="realtime-socket", daemon=True)

    @property
    def url(self) -> str:
        return self._url

    def start(self) -> None:
        self._thread.start()

    def send(self, event: dict[str, Any]) -> bool:
        """Thread-safe; False when the socket is not open (the event is dropped)."""
        text = to_wire(event)
        sent = self._send_text(text)
        if sent and self._event_log is not None:
            self._event_log.sent(event, text)
        return sent

    def send_audio(self, pcm: bytes) -> bool:
        """Called from the audio input callback: encode and send, never wait on the GUI."""
        text = to_wire(input_audio_append(pcm))
        sent = self._send_text(text)
        if sent and self._event_log is not None:
            self._event_log.sent_audio(len(text), len(pcm))
        return sent

    def close(self, timeout: float = 3.0) -> None:
        self._closing = True
        self._app.keep_running = False
        self._shut_down_socket()
        if self._thread.is_alive() and self._thread is not threading.current_thread():
            self._thread.join(timeout)

    def _shut_down_socket(self) -> None:
        # The socket thread may close and clear these at any moment: read them once.
        ws = self._app.sock
        raw = ws.sock if ws is not None else None
        if ws is None or raw is None:
            return
        with contextlib.suppress(OSError, AttributeError, websocket.WebSocketException):
            ws.send_close()
        # Closing the file descriptor does not wake the socket thread's select();
        # shutting the connection down does, at once.
        with contextlib.suppress(OSError):
            raw.shutdown(socket.SHUT_RDWR)

    @property
    def alive(self) -> bool:
        return self._thread.is_alive()

    # ---- socket thread ------------------------------------------------------------------

    def _run(self) -> None:
        # WebSocketApp takes its socket timeout from the library default; without one a
        # relay that never answers the upgrade would hang this thread forever.
        websocket.setdefaulttimeout(self._handshake_timeout_s)
        try:
            self._serve()
        except Exception as exc:  # the window must learn that this thread is ending
            log.exception("the socket thread failed")
            if self._closing:
                return
            kind = ProblemKind.DROPPED if self._opened else ProblemKind.UNREACHABLE
            self._report(Problem(kind, _describe(exc)))

    def _serve(self) -> None:
        self._app.run_forever(
            ping_interval=20,
            ping_timeout=10,
            # cert_reqs too: without it websocket-client would relax a context it made itself.
            sslopt={"context": self._tls, "cert_reqs": ssl.CERT_REQUIRED},
            # The pure-Python UTF-8 check costs more than the rest of a frame's handling;
            # a frame that is not valid text fails to parse as JSON anyway.
            skip_utf8_validation=True,
            **_proxy_options(self._proxy),
        )

    def _send_text(self, text: str) -> bool:
        sock = self._app.sock
        if not self._opened or self._closing or sock is None or not sock.connected:
            return False
        try:
            sock.send(text)
        except (OSError, websocket.WebSocketException) as exc:
            log.debug("send failed: %s", exc.__class__.__name__)
            return False
        return True

    def _handle_open(self, _app: websocket.WebSocketApp) -> None:
        if self._closing:  # close() came while the handshake was under way
            self._shut_down_socket()
            return
        if self._app.sock is not None:
            limit_message_size(self._app.sock)
        self._opened = True
        self._listener.on_opened()

    def _handle_message(self, _app: websocket.WebSocketApp, frame: str | bytes) -> None:
        if self._closing:
            return  # the owner has let go of this session; its listener may be gone
        arrived = time.perf_counter()  # before parsing: the turn's figures start here
        try:
            event = parse_server_event(frame)
            if self._event_log is not None:
                self._event_log.received(frame, event)
            self._deliver(event, arrived)
        except Exception:
            # A frame this code cannot handle is a bug here, not a reason to end the
            # session: websocket-client would report it as an error of the socket.
            log.exception("could not handle a server frame")

    def _deliver(self, event: ServerEvent, arrived: float) -> None:
        if isinstance(event, SessionCreated):
            self._session_began = True
        if isinstance(event, AudioDelta):
            if self._on_audio is not None:
                self._on_audio(event)
            # The GUI thread needs the ids and the moment, not the bytes.
            event = replace(event, pcm=b"", received_at=arrived)
        elif isinstance(event, ResponseCreated):
            event = replace(event, received_at=arrived)
        self._listener.on_event(event)

    def _handle_error(self, _app: websocket.WebSocketApp, error: Exception) -> None:
        if self._closing:
            return
        if isinstance(error, websocket.WebSocketBadStatusException):
            problem = handshake_problem(error.status_code, error.resp_body, error.resp_headers)
        elif (reason := untrusted_certificate(error)) is not None:
            problem = Problem(ProblemKind.UNTRUSTED_CERTIFICATE, reason)
        elif self._opened and not self._session_began:
            self._report(Problem(ProblemKind.REFUSED, _describe(error)), was_open=False)
            return
        elif isinstance(error, MessageTooLarge):
            sizes = (str(error.size_mb), str(error.limit_mb))
            problem = Problem(ProblemKind.DROPPED, reason=Reason.MESSAGE_TOO_LARGE, values=sizes)
        elif self._opened:
            problem = Problem(ProblemKind.DROPPED, _describe(error))
        elif isinstance(error, (websocket.WebSocketTimeoutException, TimeoutError)):
            wait = f"{self._handshake_timeout_s:g}"
            problem = Problem(
                ProblemKind.UNREACHABLE, reason=Reason.NO_ANSWER_WITHIN, values=(wait,)
            )
        else:
            problem = Problem(ProblemKind.UNREACHABLE, _describe(error))
        self._report(problem)

    def _handle_close(self, _app: websocket.WebSocketApp, code: Any, reason: Any) -> None:
        if self._closing:
            return
        # Relays drop TCP without a close frame, so the code says little; report the drop.
        detail = f"{code} {reason or ''}".strip() if code else ""
        if self._opened and not self._session_began:
            # Closed before the session began (1011 "Internal server error" and the like):
            # the relay refused this session, nothing was lost.
            self._report(Problem(ProblemKind.REFUSED, detail), was_open=False)
            return
        kind = ProblemKind.DROPPED if self._opened else ProblemKind.UNREACHABLE
        self._report(Problem(kind, detail))

    def _report(self, problem: Problem, was_open: bool | None = None) -> None:
        if self._reported:
            return
        self._reported = True
        self._listener.on_failed(problem, self._opened if was_open is None else was_open)


def _proxy_options(proxy: Proxy | None) -> dict[str, Any]:
    if proxy is None:
        # proxy_for() already read the environment; websocket-client must not read it again.
        return {"http_no_proxy": ["*"]}
    auth = (proxy.username, proxy.password or "") if proxy.username else None
    return {
        "http_proxy_host": proxy.host,
        "http_proxy_port": proxy.port,
        "proxy_type": proxy.kind,
        "http_proxy_auth": auth,
        # A list that matches no host, so NO_PROXY cannot override a chosen proxy.
        "http_no_proxy": ["no-proxy.invalid"],
    }


def _describe(error: Exception) -> str:
    text = str(error).strip()
    return f"{error.__class__.__name__}: {text}" if text else error.__class__.__name__
