"""How relays end sessions, through the real window and socket, with time scaled down."""

from __future__ import annotations

import functools
import socket
from dataclasses import replace

import pytest

from desktop.config import SecretStore, Settings
from desktop.realtime.session_events import Link
from desktop.realtime.transport import RealtimeTransport
from tests.qt.helpers import speak, transcript
from tests.support.app_under_test import open_app
from tests.support.fakes import FakePyAudio
from tests.support.keys import QtKeys
from tests.support.relay_double import GOOD_KEY, json_response


def test_keepalive_outlives_the_relays_idle_deadline(qtbot, relay_window):
    parts = relay_window(idle_timeout_s=0.6, keepalive_ms=200)
    qtbot.waitUntil(lambda: parts.controller.link is Link.READY, timeout=5000)
    qtbot.wait(2000)  # more than three idle deadlines, nobody speaking
    assert parts.controller.link is Link.READY
    clears = [e for e in parts.relay.received if e["type"] == "input_audio_buffer.clear"]
    assert len(clears) >= 5


def test_without_keepalive_the_relay_drops_an_idle_session(qtbot, relay_window):
    parts = relay_window(idle_timeout_s=0.6, keepalive_ms=60_000)
    qtbot.waitUntil(lambda: parts.controller.link is Link.READY, timeout=5000)
    qtbot.waitUntil(lambda: parts.controller.link is Link.LOST, timeout=5000)


def test_after_the_session_cap_the_next_turn_continues_in_a_new_session(
    qtbot, relay_window, speech
):
    question, _ = speech
    parts = relay_window(session_cap_s=1.5)
    qtbot.waitUntil(lambda: parts.controller.link is Link.READY, timeout=5000)
    speak(parts, question)
    qtbot.waitUntil(lambda: "晴天" in transcript(parts.window), timeout=10000)
    qtbot.waitUntil(lambda: "上海" in transcript(parts.window), timeout=10000)
    qtbot.waitUntil(lambda: parts.controller.link is Link.LOST, timeout=5000)
    assert "time limit" in parts.window.statusBar().currentMessage()
    assert not parts.window.banner.isVisible()  # nothing for the user to fix

    # Holding Space reconnects; the turn starts once the new session is up.
    QtKeys(parts.window).press()
    qtbot.waitUntil(lambda: parts.controller.talking, timeout=5000)
    speak(parts, question, press=False)

    qtbot.waitUntil(lambda: len(parts.relay.turns) == 2, timeout=10000)
    seeds = [
        e["item"]["content"][0]["text"]
        for e in parts.relay.received
        if e["type"] == "conversation.item.create"
    ]
    assert seeds == ["上海今天天气怎么样？", "It is sunny, 晴天。"]
    assert not parts.window.banner.isVisible()  # the new session took the seeds
    assert "2 lines of the conversation carried over" in "\n".join(parts.window.transcript.notes())


@pytest.mark.parametrize(
    ("code", "message", "advice"),
    [
        ("insufficient_user_quota", "用户额度不足", "balance or quota is used up"),
        (
            "do_request_failed",
            "dial failed to wss://upstream: bad handshake",
            "could not reach the model",
        ),
    ],
)
def test_an_error_then_a_dropped_socket_reads_as_advice(qtbot, relay_window, code, message, advice):
    parts = relay_window(after_upgrade_error=(code, message))
    qtbot.waitUntil(lambda: parts.window.banner.isVisible(), timeout=5000)
    text = parts.window.banner.text()
    assert advice in text and message in text and "20261121relay" in text


def test_a_relay_too_old_for_ga_models_says_so(qtbot, relay_window):
    parts = relay_window(beta_flag_for_ga=True)
    qtbot.waitUntil(lambda: "cannot serve this model" in parts.window.banner.text(), timeout=5000)
    parts.window.model_bar.combo.setCurrentText("gpt-4o-realtime-preview")
    parts.window.model_bar.combo.lineEdit().editingFinished.emit()
    qtbot.waitUntil(lambda: parts.controller.link is Link.READY, timeout=5000)


def test_holding_space_while_the_relay_is_down_retries_then_explains(qtbot, relay_window, speech):
    parts = relay_window()
    qtbot.waitUntil(lambda: parts.controller.link is Link.READY, timeout=5000)
    parts.relay.stop()  # the relay restarts: connections close, nothing listens
    qtbot.waitUntil(lambda: parts.controller.link is Link.LOST, timeout=5000)
    QtKeys(parts.window).press()
    qtbot.waitUntil(
        lambda: "Trying again" in parts.window.statusBar().currentMessage(), timeout=5000
    )
    qtbot.waitUntil(lambda: "Cannot reach the relay" in parts.window.banner.text(), timeout=15000)
    QtKeys(parts.window).release()


@pytest.mark.parametrize(
    ("status", "body", "advice"),
    [
        (
            403,
            {"message": "该令牌无权访问模型 gpt-realtime", "type": "new_api_error", "code": ""},
            "may not be allowed to use this model",
        ),
        (
            429,
            {
                "message": "您已达到请求数限制：1分钟内最多请求10次",
                "type": "new_api_error",
                "code": "",
            },
            "Too many requests",
        ),
        (
            503,
            {
                "message": "system_cpu_overloaded",
                "type": "new_api_error",
                "code": "system_cpu_overloaded",
            },
            "could not reach the model",
        ),
    ],
)
def test_refusals_read_as_advice(qtbot, relay_window, status, body, advice):
    parts = relay_window(refuse_with=lambda _request: json_response(status, body, "req403"))
    qtbot.waitUntil(lambda: parts.window.banner.isVisible(), timeout=5000)
    text = parts.window.banner.text()
    assert advice in text and body["message"] in text and f"HTTP {status}" in text


def test_a_relay_that_never_answers_the_handshake(qtbot, memory_keyring):
    silent = socket.socket()
    silent.bind(("127.0.0.1", 0))
    silent.listen()  # accepts TCP, never answers the upgrade
    secrets = SecretStore(memory_keyring)
    secrets.set(GOOD_KEY)
    running = open_app(
        Settings(base_url=f"http://127.0.0.1:{silent.getsockname()[1]}", model="gpt-realtime"),
        secrets,
        FakePyAudio,
        qtbot.waitUntil,
        transport_factory=functools.partial(RealtimeTransport, handshake_timeout_s=1.0),
        focus=False,
    )
    window, controller = running.window, running.controller
    qtbot.addWidget(window)
    try:
        controller.connect_session()
        qtbot.waitUntil(lambda: window.banner.isVisible(), timeout=5000)
        assert "did not answer within 1 s" in window.banner.text()
        assert controller.link is Link.FAILED
    finally:
        running.stop()
        silent.close()


def test_one_hub_ends_the_session_on_an_error(qtbot, relay_window):
    parts = relay_window(model="gpt-4o-realtime-preview", errors_end_session=True)
    qtbot.waitUntil(lambda: parts.controller.link is Link.READY, timeout=5000)
    parts.controller.apply_settings(replace(parts.controller.settings, voice="nova"))
    qtbot.waitUntil(lambda: "Invalid value: 'nova'" in parts.window.banner.text(), timeout=5000)
    qtbot.waitUntil(lambda: parts.controller.link is Link.LOST, timeout=5000)
    assert "Invalid value: 'nova'" in parts.window.banner.text()  # not replaced by "dropped"


def test_a_balance_that_runs_out_mid_session(qtbot, relay_window, speech):
    question, _ = speech
    parts = relay_window(max_responses=1)
    qtbot.waitUntil(lambda: parts.controller.link is Link.READY, timeout=5000)
    speak(parts, question)
    qtbot.waitUntil(lambda: "晴天" in transcript(parts.window), timeout=5000)
    qtbot.waitUntil(lambda: parts.controller.link is Link.LOST, timeout=5000)
    assert "connection was dropped" in parts.window.banner.text()
    assert "晴天" in transcript(parts.window)


def test_letting_go_while_a_dropped_session_reconnects_starts_no_turn(qtbot, relay_window, speech):
    question, _ = speech
    parts = relay_window()
    qtbot.waitUntil(lambda: parts.controller.link is Link.READY, timeout=5000)
    speak(parts, question[:4800], release=False)  # holding Space, speaking
    parts.relay.drop_connections()
    qtbot.waitUntil(lambda: parts.controller.link is not Link.READY, timeout=5000)
    speak(parts, question[:0], press=False)  # let go while the new session is on its way
    qtbot.waitUntil(lambda: parts.controller.link is Link.READY, timeout=5000)
    assert not parts.controller.talking, "the microphone opened with nobody holding the key"
