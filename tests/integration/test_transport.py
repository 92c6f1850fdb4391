"""The real socket code against the relay double on 127.0.0.1."""

from __future__ import annotations

import contextlib
import queue
import socket
import threading

import pytest

from desktop.realtime import client_events as ce
from desktop.realtime import server_events as se
from desktop.realtime.problems import ProblemKind
from desktop.realtime.transport import RealtimeTransport
from desktop.realtime.urls import realtime_url
from tests.support.openai_schema import validate_client_event
from tests.support.relay_double import GOOD_KEY, RelayDouble, scripted_reply, text_response

GA_MODEL, BETA_MODEL = "gpt-realtime", "gpt-4o-realtime-preview"


class Collector:
    """A TransportListener that queues what the socket thread reports."""

    def __init__(self) -> None:
        self.items: queue.Queue = queue.Queue()
        self.audio = bytearray()
        self.audio_lock = threading.Lock()

    def on_opened(self) -> None:
        self.items.put(("opened", None))

    def on_event(self, event: se.ServerEvent) -> None:
        self.items.put(("event", event))

    def on_failed(self, problem, was_open: bool) -> None:
        self.items.put(("failed", (problem, was_open)))

    def on_audio(self, delta: se.AudioDelta) -> None:
        with self.audio_lock:
            self.audio += delta.pcm

    def next(self, kind: str, match=lambda _: True, timeout: float = 10.0):
        while True:
            got_kind, value = self.items.get(timeout=timeout)
            if got_kind == kind and match(value):
                return value


@pytest.fixture
def connect(relay):
    transports = []

    def _connect(model=GA_MODEL, key=GOOD_KEY, base_url=None):
        collector = Collector()
        url = realtime_url(base_url or relay.server.base_url, model or "x")
        if not model:  # the app never sends an empty model; check the relay's answer anyway
            url = url.removesuffix("model=x") + "model="
        transport = RealtimeTransport(url, key, collector, on_audio=collector.on_audio)
        transport.start()
        transports.append(transport)
        return transport, collector

    yield _connect
    for transport in transports:
        transport.close()


@pytest.mark.parametrize(
    ("model", "dialect"), [(GA_MODEL, se.Dialect.GA), (BETA_MODEL, se.Dialect.BETA)]
)
def test_a_spoken_turn_in_each_dialect(connect, relay, speech, model, dialect):
    question, answer = speech
    transport, got = connect(model)
    created = got.next("event", lambda e: isinstance(e, se.SessionCreated))
    assert created.dialect is dialect

    transport.send(ce.session_update(dialect, ce.SessionOptions("alloy", "Be brief.")))
    got.next("event", lambda e: isinstance(e, se.SessionUpdated))
    transport.send(ce.input_audio_clear())
    pcm = question.tobytes()
    for start in range(0, len(pcm), 960):
        assert transport.send_audio(pcm[start : start + 960])
    transport.send(ce.input_audio_commit())
    transport.send(ce.response_create())
    done = got.next("event", lambda e: isinstance(e, se.ResponseDone))

    assert done.status == "completed"
    assert relay.turns == [pcm]  # the relay got every sample, in order
    with got.audio_lock:
        assert bytes(got.audio) == answer.tobytes()  # and we got every sample of the answer
    for event in relay.received:  # everything we sent is valid in that dialect
        validate_client_event(dialect, event)
    handshake = relay.handshakes[-1]
    assert handshake.headers["Authorization"] == f"Bearer {GOOD_KEY}"
    assert "Sec-WebSocket-Protocol" not in handshake.headers
    assert "Content-Type" not in handshake.headers
    assert GOOD_KEY not in handshake.path


def test_events_reach_the_listener_without_their_audio(connect):
    transport, got = connect()
    got.next("event", lambda e: isinstance(e, se.SessionCreated))
    transport.send_audio(bytes(4800))
    transport.send(ce.input_audio_commit())
    transport.send(ce.response_create())
    delta = got.next("event", lambda e: isinstance(e, se.AudioDelta))
    assert delta.pcm == b"" and delta.frames > 0


def test_an_error_event_after_the_upgrade_leaves_the_session_open(connect):
    transport, got = connect()
    got.next("event", lambda e: isinstance(e, se.SessionCreated))
    transport.send(ce.input_audio_commit())  # nothing appended: the server refuses
    error = got.next("event", lambda e: isinstance(e, se.ServerError))
    assert error.code == "input_audio_buffer_commit_empty"
    transport.send(ce.input_audio_clear())
    got.next("event", lambda e: isinstance(e, se.InputCleared))
    assert transport.alive


@pytest.mark.parametrize(
    ("kwargs", "kind", "status", "words"),
    [
        ({"key": "sk-wrong"}, ProblemKind.BAD_KEY, 401, "无效的令牌"),
        ({"model": "gpt-nonexistent"}, ProblemKind.UNKNOWN_MODEL, 503, "无可用渠道"),
        ({"model": ""}, ProblemKind.BAD_REQUEST, 400, "未指定模型名称"),
    ],
)
def test_refused_handshakes_say_why(connect, kwargs, kind, status, words):
    _, got = connect(**kwargs)
    problem, was_open = got.next("failed")
    assert (problem.kind, problem.status, was_open) == (kind, status, False)
    assert words in problem.message
    assert problem.request_id


def test_the_relay_docs_400_shape_for_an_unknown_model(speech):
    relay = RelayDouble(scripted_reply(b"", "", ""), unknown_model="400")
    relay.start()
    got = Collector()
    transport = RealtimeTransport(realtime_url(relay.server.base_url, "gpt-x"), GOOD_KEY, got)
    transport.start()
    problem, _ = got.next("failed")
    transport.close()
    relay.stop()
    assert problem.kind is ProblemKind.UNKNOWN_MODEL and problem.status == 400
    assert "does not exist" in problem.message


def test_a_plain_text_refusal_is_shown_as_is(speech):
    relay = RelayDouble(
        scripted_reply(b"", "", ""), refuse_with=lambda _req: text_response(400, "Bad Request")
    )
    relay.start()
    got = Collector()
    transport = RealtimeTransport(realtime_url(relay.server.base_url, GA_MODEL), GOOD_KEY, got)
    transport.start()
    problem, _ = got.next("failed")
    transport.close()
    relay.stop()
    assert (problem.kind, problem.status, problem.message) == (
        ProblemKind.BAD_REQUEST,
        400,
        "Bad Request",
    )


def test_a_wrong_path_reads_as_a_wrong_address(connect, relay):
    _transport, got = connect(base_url=relay.server.base_url + "/wrong")
    problem, _ = got.next("failed")
    assert problem.kind is ProblemKind.WRONG_ADDRESS and problem.status == 404


def test_nothing_listening_reads_as_unreachable(connect):
    with socket_on_free_port() as port:
        pass  # closed again: nothing listens there now
    _transport, got = connect(base_url=f"http://127.0.0.1:{port}")
    problem, was_open = got.next("failed")
    assert problem.kind is ProblemKind.UNREACHABLE and not was_open


def test_a_dropped_socket_is_reported_once_as_dropped(connect, relay):
    transport, got = connect()
    got.next("event", lambda e: isinstance(e, se.SessionCreated))
    relay.drop_connections()
    problem, was_open = got.next("failed")
    assert problem.kind is ProblemKind.DROPPED and was_open
    assert not transport.send(ce.input_audio_clear())
    with pytest.raises(queue.Empty):
        got.next("failed", timeout=0.5)


@contextlib.contextmanager
def socket_on_free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    try:
        yield s.getsockname()[1]
    finally:
        s.close()
