"""Check connection: what works with this relay, key and model, in plain facts.

Runs on a worker thread (it blocks): lists the relay's models, opens a session, reads the
dialect from `session.created`, asks for input transcription and sees whether the server
keeps it, then closes. Nothing is spoken and no answer is requested, so nothing is billed.
"""

from __future__ import annotations

import queue
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from desktop.appinfo import DEFAULT_VOICE
from desktop.realtime import client_events as ce
from desktop.realtime import server_events as se
from desktop.realtime.endpoint import Endpoint, endpoint_for
from desktop.realtime.problems import (
    InvalidSetting,
    Problem,
    ProblemKind,
    Reason,
    error_event_problem,
)
from desktop.realtime.relay_api import RelayError, list_models, realtime_models
from desktop.realtime.transport import RealtimeTransport

WAIT_S = 20.0


@dataclass(frozen=True)
class ProbeReport:
    reachable: bool = False
    key_accepted: bool | None = None  # None: not known
    realtime_models: tuple[str, ...] | None = None  # None: the relay offers no model list
    model_accepted: bool = False
    dialect: se.Dialect | None = None
    handshake_ms: int | None = None
    transcription: bool | None = None
    problems: tuple[Problem, ...] = ()


@dataclass(frozen=True)
class _Session:
    dialect: se.Dialect | None = None
    handshake_ms: int | None = None
    transcription: bool | None = None
    problem: Problem | None = None


class _Listener:
    """A TransportListener that queues what the socket thread reports."""

    def __init__(self) -> None:
        self.items: queue.Queue[se.ServerEvent | Problem | None] = queue.Queue()

    def on_opened(self) -> None:
        self.items.put(None)

    def on_event(self, event: se.ServerEvent) -> None:
        self.items.put(event)

    def on_failed(self, problem: Problem, was_open: bool) -> None:
        self.items.put(problem)

    def wait_for(self, kinds: tuple[type, ...], deadline: float) -> se.ServerEvent | Problem:
        while (remaining := deadline - time.monotonic()) > 0:
            try:
                value = self.items.get(timeout=remaining)
            except queue.Empty:
                break
            if isinstance(value, Problem) or (value is not None and isinstance(value, kinds)):
                return value
        return Problem(
            ProblemKind.UNREACHABLE, reason=Reason.NO_ANSWER_WITHIN, values=(f"{WAIT_S:g}",)
        )


def probe(
    base_url: str,
    api_key: str,
    model: str,
    proxy_setting: str = "",
    transport_factory: Callable[..., RealtimeTransport] = RealtimeTransport,
    ca_bundle: str = "",
) -> ProbeReport:
    try:
        target = endpoint_for(base_url, model, proxy_setting, ca_bundle)
    except InvalidSetting as exc:
        return ProbeReport(problems=(exc.problem(),))
    problems: list[Problem] = []
    models: tuple[str, ...] | None = None
    try:
        models = tuple(
            realtime_models(list_models(base_url, api_key, proxy_setting, ca_bundle=ca_bundle))
        )
    except RelayError as exc:
        if exc.problem.status != 404:  # some relays serve no model list; that is fine
            problems.append(exc.problem)
    session = _open_session(target, api_key, transport_factory)
    if session.problem is not None:
        problems.append(session.problem)
    answered = any(p.status is not None for p in problems)
    bad_key = any(p.kind is ProblemKind.BAD_KEY for p in problems)
    worked = models is not None or session.dialect is not None
    return ProbeReport(
        reachable=worked or answered,
        key_accepted=True if worked else (False if bad_key else None),
        realtime_models=models,
        model_accepted=session.dialect is not None,
        dialect=session.dialect,
        handshake_ms=session.handshake_ms,
        transcription=session.transcription,
        problems=tuple(problems),
    )


def _open_session(
    target: Endpoint, api_key: str, transport_factory: Callable[..., RealtimeTransport]
) -> _Session:
    listener = _Listener()
    started = time.monotonic()
    deadline = started + WAIT_S
    transport = transport_factory(target.url, api_key, listener, proxy=target.proxy, tls=target.tls)
    transport.start()
    try:
        created = listener.wait_for((se.SessionCreated, se.ServerError), deadline)
        if not isinstance(created, se.SessionCreated):
            return _Session(problem=_explain(created))
        handshake_ms = int((time.monotonic() - started) * 1000)
        transport.send(ce.session_update(created.dialect, ce.SessionOptions(DEFAULT_VOICE, "")))
        reply = listener.wait_for((se.SessionUpdated, se.ServerError), deadline)
        transcription = isinstance(reply, se.SessionUpdated) and bool(
            _transcription_of(reply.session)
        )
        return _Session(created.dialect, handshake_ms, transcription)
    finally:
        transport.close()


def _explain(result: se.ServerEvent | Problem) -> Problem:
    if isinstance(result, se.ServerError):  # relays send one error frame, then close
        return error_event_problem(result.message, result.code)
    return result if isinstance(result, Problem) else Problem(ProblemKind.SERVER_ERROR)


def _transcription_of(session: dict[str, Any]) -> Any:
    audio = session.get("audio")
    if isinstance(audio, dict):
        return (audio.get("input") or {}).get("transcription")
    return session.get("input_audio_transcription")
