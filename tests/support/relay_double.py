"""A relay on 127.0.0.1 that behaves like a new-api style gateway in front of OpenAI.

Before the upgrade it checks the path, the key, the Content-Type and the model, and
refuses like the relay does (JSON in Chinese with a request id, or plain text). After it,
the loopback Realtime server answers in the dialect the model implies (`*-realtime-preview`
→ beta, otherwise GA), and the double can drop the TCP connection the way relays do.
"""

from __future__ import annotations

import contextlib
import http
import itertools
import json
import socket
import ssl
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qs, urlsplit

from websockets.datastructures import Headers
from websockets.exceptions import ConnectionClosed
from websockets.http11 import Request, Response
from websockets.sync.server import ServerConnection

from desktop import api_facts
from desktop.loopback import Behaviour, FrameRewrite, LoopbackRealtimeServer, Reply, ReplyFunction

GOOD_KEY = "sk-test-good-key-0123456789"
MODELS = api_facts.MODELS
_request_ids = itertools.count(1)


def _speaks_ga(model: str) -> bool:
    return "-realtime-preview" not in model


def json_response(status: int, error: dict[str, object], request_id: str | None = None) -> Response:
    body = json.dumps({"error": error}, ensure_ascii=False).encode()
    headers = [("Content-Type", "application/json"), ("Content-Length", str(len(body)))]
    if request_id:
        headers.append(("X-Oneapi-Request-Id", request_id))
    return Response(status, http.HTTPStatus(status).phrase, Headers(headers), body)


def text_response(status: int, text: str) -> Response:
    body = text.encode()
    headers = Headers([("Content-Type", "text/plain"), ("Content-Length", str(len(body)))])
    return Response(status, http.HTTPStatus(status).phrase, headers, body)


@dataclass
class RelayDouble:
    reply: ReplyFunction
    keys: tuple[str, ...] = (GOOD_KEY,)
    models: tuple[str, ...] = MODELS
    unknown_model: str = "503"  # "503": new-api's model_not_found; "400": the relay docs' shape
    refuse_with: Callable[[Request], Response | None] | None = None
    pace: float = 0.0
    jitter_s: float = 0.0
    idle_timeout_s: float | None = None
    session_cap_s: float | None = None
    # After the upgrade: one error frame, then TCP is dropped (no quota, upstream down).
    after_upgrade_error: tuple[str, str] | None = None
    # A relay older than the GA fix sends the beta flag upstream for GA models.
    beta_flag_for_ga: bool = False
    serves_models: bool = True
    # Old new-api: any Sec-WebSocket-Protocol without a key replaced the Authorization header.
    old_auth: bool = False
    errors_end_session: bool = False
    max_responses: int | None = None
    stall_after_chunks: int | None = None
    thinks_s: float = 0.0
    answers_on_commit: bool = False
    greets: bool = False
    tls: ssl.SSLContext | None = None  # serve https:// and wss:// with this certificate
    # After the upgrade: nothing at all (no session.created), or a close frame at once.
    silent_after_upgrade: bool = False
    close_before_session: tuple[int, str] | None = None
    # Every frame the server sends passes through this: what it returns is sent instead
    # (malformed frames mixed in, a flood, a frame of absurd size).
    rewrite: FrameRewrite | None = None
    handshakes: list[Request] = field(default_factory=list)

    def __post_init__(self) -> None:
        behaviour = Behaviour(
            self.reply,
            ga=_speaks_ga,
            pace=self.pace,
            jitter_s=self.jitter_s,
            idle_timeout_s=self.idle_timeout_s,
            session_cap_s=self.session_cap_s,
            errors_end_session=self.errors_end_session,
            max_responses=self.max_responses,
            stall_after_chunks=self.stall_after_chunks,
            thinks_s=self.thinks_s,
            answers_on_commit=self.answers_on_commit,
            greets=self.greets,
            rewrite=self.rewrite,
        )
        self.server = LoopbackRealtimeServer(
            behaviour,
            check_request=self._check,
            on_connection=self._fails_after_upgrade,
            tls=self.tls,
        )
        self.record = self.server.record

    def start(self) -> str:
        return self.server.start()

    def stop(self) -> None:
        self.server.stop()

    def drop_connections(self) -> None:
        """Close TCP with no close frame, as a relay does when either leg ends."""
        self.server.drop_connections()

    # What the server recorded.
    @property
    def received(self) -> list[dict[str, Any]]:
        return self.record.received

    @property
    def received_at(self) -> list[float]:
        return self.record.received_at

    @property
    def turns(self) -> list[bytes]:
        return self.record.turns

    @property
    def first_audio_sent_at(self) -> list[float]:
        return self.record.first_audio_sent_at

    def _models(self, request: Request) -> Response:
        key = request.headers.get("Authorization", "").removeprefix("Bearer ").strip()
        if key not in self.keys:
            return json_response(
                401, {"message": "无效的令牌", "type": "new_api_error", "code": ""}
            )
        listed = [*self.models, "gpt-4o-mini", "whisper-1", "text-embedding-3-small"]
        body = json.dumps(
            {
                "object": "list",
                "data": [{"id": m, "object": "model", "owned_by": "relay"} for m in listed],
            }
        ).encode()
        headers = Headers(
            [("Content-Type", "application/json"), ("Content-Length", str(len(body)))]
        )
        return Response(200, "OK", headers, body)

    def _fails_after_upgrade(self, ws: ServerConnection) -> bool:
        if self.silent_after_upgrade:
            with contextlib.suppress(ConnectionClosed):
                for _frame in ws:  # read and ignore until the client gives up
                    pass
            return True
        if self.close_before_session is not None:
            ws.close(*self.close_before_session)
            return True
        assert ws.request is not None  # the handshake has been read
        model = parse_qs(urlsplit(ws.request.path).query).get("model", [""])[0]
        if self.after_upgrade_error is not None:
            code, message = self.after_upgrade_error
            error = {
                "message": f"{message} (request id: 20261121relay)",
                "type": "new_api_error",
                "param": "",
                "code": code,
            }
            ws.send(
                json.dumps(
                    {"event_id": "evt_20261121relay", "type": "error", "error": error},
                    ensure_ascii=False,
                )
            )
        elif self.beta_flag_for_ga and "-realtime-preview" not in model:
            error = {
                "type": "invalid_request_error",
                "code": "beta_api_shape_disabled",
                "message": "The Realtime Beta API is no longer supported. Please use "
                "/v1/realtime for the GA API.",
            }
            ws.send(json.dumps({"type": "error", "event_id": "event_1", "error": error}))
        else:
            return False
        ws.socket.shutdown(socket.SHUT_RDWR)
        ws.socket.close()
        return True

    def _check(self, _conn: ServerConnection, request: Request) -> Response | None:
        self.handshakes.append(request)
        request_id = f"20261121{next(_request_ids):08d}rtd"
        parts = urlsplit(request.path)
        if parts.path == "/v1/models" and self.serves_models:
            return self._models(request)
        if parts.path != "/v1/realtime":
            return json_response(
                404,
                {
                    "message": f"Invalid URL (GET {parts.path})",
                    "type": "invalid_request_error",
                    "param": "",
                    "code": "",
                },
            )
        if self.refuse_with is not None and (refused := self.refuse_with(request)):
            return refused
        auth = request.headers.get("Authorization", "")
        protocols = request.headers.get("Sec-WebSocket-Protocol")
        if self.old_auth and protocols and "openai-insecure-api-key." not in protocols:
            auth = protocols  # the whole header became the key
        key = auth.removeprefix("Bearer ").strip()
        if key not in self.keys:
            return json_response(
                401,
                {
                    "message": f"无效的令牌 (request id: {request_id})",
                    "type": "new_api_error",
                    "code": "",
                },
                request_id,
            )
        if "Content-Type" in request.headers:
            return json_response(
                400, {"message": "无效的请求", "type": "new_api_error", "code": ""}
            )
        model = parse_qs(parts.query).get("model", [""])[0]
        if not model:
            return json_response(
                400,
                {
                    "message": f"未指定模型名称，模型名称不能为空 (request id: {request_id})",
                    "type": "new_api_error",
                    "code": "",
                },
                request_id,
            )
        if model not in self.models:
            if self.unknown_model == "400":
                return json_response(
                    400,
                    {
                        "message": f"The model `{model}` does not exist.",
                        "type": "invalid_request_error",
                        "param": "model",
                        "code": "model_not_found",
                    },
                )
            return json_response(
                503,
                {
                    "message": f"分组 default 下模型 {model} 无可用渠道 (request id: {request_id})",
                    "type": "new_api_error",
                    "code": "model_not_found",
                },
                request_id,
            )
        return None


def _broken_frames_like(event: dict) -> list[str | bytes]:
    ids = {k: event[k] for k in ("response_id", "item_id", "output_index", "content_index")}
    return [
        "{not json",
        b"\xff\xfe not utf-8",
        json.dumps({**event, "delta": "@@not base64@@"}),
        json.dumps({**event, "delta": "AA=="}),  # one byte: half a sample
        json.dumps({**event, "delta": 12345}),
        json.dumps({"type": "response.output_audio_transcript.delta", **ids, "delta": None}),
        json.dumps({"type": "response.future_feature", "x": [1, {"y": 2}]}),
        "[" * 5000 + "]" * 5000,
        json.dumps({"event_id": "no type"}),
    ]


def mix_in_broken_frames(_ws: ServerConnection, message: str) -> Iterable[str | bytes]:
    """A `rewrite` for a flaky relay: broken frames after every audio delta, and the
    transcript's own events in binary frames, as some relays send them."""
    event = json.loads(message)
    if event["type"] in ("response.output_audio.delta", "response.audio.delta"):
        yield message
        yield from _broken_frames_like(event)
    elif event["type"].endswith("transcript.delta"):
        yield message.encode()
    else:
        yield message


def send_raw_text(ws: ServerConnection, text: str, times: int, batch: int = 2000) -> None:
    """The same text frame `times` times, written in batches: a flood at the speed of the
    socket rather than of one send call per frame."""
    payload = text.encode()
    size = len(payload)
    if size < 126:
        header = bytes([0x81, size])
    elif size < 1 << 16:
        header = bytes([0x81, 126]) + size.to_bytes(2, "big")
    else:
        header = bytes([0x81, 127]) + size.to_bytes(8, "big")
    frames = (header + payload) * batch
    for start in range(0, times, batch):
        chunk = frames if times - start >= batch else (header + payload) * (times - start)
        with ws.protocol_mutex:  # the lock websockets' own sends take
            ws.socket.sendall(chunk)


def scripted_reply(audio: bytes, transcript: str, user_transcript: str) -> ReplyFunction:
    return lambda _heard: Reply(audio, transcript, user_transcript)
