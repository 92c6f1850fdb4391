"""Every relay profile against every scenario, through the real window and socket.

Time is scaled by 1/100: a 90 s idle deadline takes 0.9 s, a 60-minute session cap 2 s.
The run prints the matrix (see tests/support/matrix_report.py).
"""

from __future__ import annotations

import pytest

from desktop.audio.pcm import CHUNK_FRAMES, ms_to_frames
from desktop.audio.playback_buffer import FADE_MS
from desktop.realtime.session_events import Link
from tests.qt.helpers import speak, transcript
from tests.support.keys import QtKeys
from tests.support.matrix_report import RESULTS
from tests.support.relay_double import mix_in_broken_frames

GA, BETA = "gpt-realtime", "gpt-4o-realtime-preview"
SCALE = 0.01
CAP_S = 2.0

PROFILES: dict[str, tuple[str, dict]] = {
    # name: (model, relay options)
    "new-api, GA upstream": (GA, {"idle_timeout_s": 90 * SCALE}),
    "new-api, beta upstream": (BETA, {"idle_timeout_s": 90 * SCALE}),
    "old new-api": (BETA, {"old_auth": True, "beta_flag_for_ga": True}),
    "one-hub": (
        BETA,
        {"idle_timeout_s": 120 * SCALE, "errors_end_session": True, "beta_flag_for_ga": True},
    ),
    "api.openai.com": (GA, {}),
    # Broken frames after every audio delta, transcript deltas in binary frames.
    "flaky relay": (GA, {"rewrite": mix_in_broken_frames}),
    # Sends response.create itself after each commit: the client's own is refused.
    "answers on commit": (BETA, {"answers_on_commit": True}),
}
SCENARIOS = ["connect", "turn", "barge-in", "idle", "session cap", "drop"]


def connect(parts, qtbot):
    qtbot.waitUntil(lambda: parts.controller.link is Link.READY, timeout=5000)


def turn(parts, qtbot, question, n=1):
    speak(parts, question)
    qtbot.waitUntil(lambda: len(parts.relay.turns) == n, timeout=5000)
    qtbot.waitUntil(lambda: transcript(parts.window).count("晴天") == n, timeout=5000)
    qtbot.waitUntil(lambda: "上海" in transcript(parts.window), timeout=5000)
    # The answer is complete on the wire (it plays on): a press now cancels nothing, which
    # matters with one-hub, where the refusal of a needless cancel ends the session.
    qtbot.waitUntil(lambda: not parts.controller.answering, timeout=5000)
    assert "not asked for" not in transcript(parts.window)
    shown = parts.window.banner.text()
    assert not shown or "could not read" in shown


def barge_in(parts, qtbot, question):
    turn(parts, qtbot, question)
    speaker = parts.pa.output_stream()
    for _ in range(50):
        speaker.pull(CHUNK_FRAMES)  # half a second of the answer is heard
    QtKeys(parts.window).press()
    after_fade = speaker.pull(CHUNK_FRAMES)[ms_to_frames(FADE_MS) * 2 :]
    assert after_fade == bytes(len(after_fade))  # silent within one device block
    qtbot.waitUntil(
        lambda: any(e["type"] == "conversation.item.truncate" for e in parts.relay.received)
    )
    QtKeys(parts.window).release()
    assert "(interrupted)" in transcript(parts.window)
    shown = parts.window.banner.text()
    assert not shown or "could not read" in shown  # no error; a flaky relay's notice at most


def idle(parts, qtbot, _question):
    deadline = parts.relay.idle_timeout_s or 1.0
    qtbot.wait(int(deadline * 2500))
    assert parts.controller.link is Link.READY


def session_cap(parts, qtbot, question):
    turn(parts, qtbot, question)
    qtbot.waitUntil(lambda: parts.controller.link is Link.LOST, timeout=int(CAP_S * 3000))
    QtKeys(parts.window).press()
    qtbot.waitUntil(lambda: parts.controller.talking, timeout=5000)
    speak(parts, question, press=False)
    qtbot.waitUntil(lambda: len(parts.relay.turns) == 2, timeout=5000)
    assert any(e["type"] == "conversation.item.create" for e in parts.relay.received)


def drop(parts, qtbot, question):
    turn(parts, qtbot, question)
    before = transcript(parts.window)
    parts.relay.drop_connections()
    qtbot.waitUntil(lambda: parts.controller.link is Link.LOST, timeout=5000)
    assert transcript(parts.window) == before
    QtKeys(parts.window).press()
    qtbot.waitUntil(lambda: parts.controller.talking, timeout=5000)
    speak(parts, question, press=False)
    qtbot.waitUntil(lambda: len(parts.relay.turns) == 2, timeout=5000)


RUN = {
    "connect": lambda p, q, s: None,
    "turn": turn,
    "barge-in": barge_in,
    "idle": idle,
    "session cap": session_cap,
    "drop": drop,
}


@pytest.mark.parametrize("scenario", SCENARIOS)
@pytest.mark.parametrize("profile", list(PROFILES))
def test_relay_matrix(qtbot, relay_window, speech, profile, scenario):
    question, _ = speech
    model, options = PROFILES[profile]
    cap = {"session_cap_s": CAP_S} if scenario == "session cap" else {}
    RESULTS[(profile, scenario)] = "FAIL"
    parts = relay_window(model=model, keepalive_ms=200, **options, **cap)
    connect(parts, qtbot)
    RUN[scenario](parts, qtbot, question)
    RESULTS[(profile, scenario)] = "ok"
