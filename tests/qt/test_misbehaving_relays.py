"""Relays that misbehave as real ones have been seen to; the window says what happened."""

from __future__ import annotations

import json

from desktop.realtime.session_events import Link
from desktop.session_clock import Timings
from tests.qt.helpers import speak, transcript
from tests.support.relay_double import text_response


def test_an_upgrade_without_a_session_gives_up_with_a_clear_message(qtbot, relay_window):
    parts = relay_window(silent_after_upgrade=True, timings=Timings(session_start_ms=800))
    qtbot.waitUntil(lambda: parts.controller.link is Link.FAILED, timeout=5000)
    assert "never started a session" in parts.window.banner.text()
    assert parts.window.model_bar.link_label.text() != "Connecting…"


def test_a_close_before_the_session_is_a_refusal_retried_once(qtbot, relay_window, speech):
    question, _ = speech
    parts = relay_window(close_before_session=(1011, "Internal server error"))
    qtbot.waitUntil(lambda: parts.controller.link is Link.FAILED, timeout=5000)
    text = parts.window.banner.text()
    assert "closed the connection before the session began" in text
    assert "1011" in text and "Internal server error" in text
    before = len(parts.relay.handshakes)
    # Holding the key asks for a session: one attempt, one retry, no more.
    speak(parts, question[:4800], release=False)
    qtbot.waitUntil(lambda: len(parts.relay.handshakes) == before + 2, timeout=5000)
    qtbot.wait(3000)
    assert len(parts.relay.handshakes) == before + 2
    assert parts.controller.link is Link.FAILED
    speak(parts, question[:0], press=False)


def test_a_403_with_an_empty_body_says_the_relay_refused_and_offers_settings(qtbot, relay_window):
    parts = relay_window(refuse_with=lambda _request: text_response(403, ""))
    qtbot.waitUntil(lambda: parts.window.banner.isVisible(), timeout=5000)
    assert "relay refused the connection" in parts.window.banner.text()
    assert parts.window.banner.settings_button.isVisible()


def test_an_answer_that_stalls_mid_way_says_so_and_offers_reconnect(qtbot, relay_window, speech):
    question, _ = speech
    # The words come with the audio that says them: "It is sunny," by the 25th piece.
    parts = relay_window(stall_after_chunks=25, timings=Timings(answer_stall_ms=700))
    qtbot.waitUntil(lambda: parts.controller.link is Link.READY, timeout=5000)
    speak(parts, question)
    qtbot.waitUntil(lambda: "answer stalled" in parts.window.banner.text(), timeout=5000)
    assert parts.controller.link is Link.LOST
    assert parts.window.banner.reconnect_button.isVisible()
    assert "It is sunny" in transcript(parts.window)  # what arrived stays on screen
    parts.window.banner.reconnect_button.click()
    qtbot.waitUntil(lambda: parts.controller.link is Link.READY, timeout=5000)


def test_json_in_binary_frames_is_read_like_text():
    from desktop.realtime.server_events import SessionCreated, parse_server_event

    frame = json.dumps(
        {"type": "session.created", "event_id": "e1", "session": {"type": "realtime", "audio": {}}}
    ).encode()
    assert isinstance(parse_server_event(frame), SessionCreated)


def test_an_answer_the_relay_starts_unasked_is_played_transcribed_and_marked(
    qtbot, relay_window, speech
):
    question, answer = speech
    parts = relay_window(greets=True)
    qtbot.waitUntil(lambda: "not asked for" in transcript(parts.window), timeout=5000)
    qtbot.waitUntil(lambda: "晴天" in transcript(parts.window), timeout=5000)
    played = parts.pa.output_stream().pull(len(answer))
    assert any(played), "the unasked answer was not played"
    assert not parts.window.banner.isVisible()
    speak(parts, question)  # the user's own turn afterwards is not marked
    qtbot.waitUntil(lambda: transcript(parts.window).count("晴天") == 2, timeout=5000)
    assert transcript(parts.window).split("\n")[-1].startswith("Assistant: ")


def test_a_relay_that_answers_on_commit_gets_one_answer_and_no_banner(
    qtbot, relay_window, speech, caplog
):
    question, _ = speech
    parts = relay_window(answers_on_commit=True)
    qtbot.waitUntil(lambda: parts.controller.link is Link.READY, timeout=5000)
    speak(parts, question)
    qtbot.waitUntil(lambda: "晴天" in transcript(parts.window), timeout=5000)
    qtbot.waitUntil(
        lambda: any(e["type"] == "response.create" for e in parts.relay.received), timeout=5000
    )
    # Our own response.create is refused; the log says so, the window does not.
    qtbot.waitUntil(lambda: "conversation_already_has_active_response" in caplog.text)
    assert transcript(parts.window).count("晴天") == 1
    assert "not asked for" not in transcript(parts.window)
    assert not parts.window.banner.isVisible()
