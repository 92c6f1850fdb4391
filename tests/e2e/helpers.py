"""Real-device helpers shared by the end-to-end tests."""

from __future__ import annotations

import base64
import subprocess
import time
import wave

import pyaudio
import pytest

from desktop.api_facts import RATE
from desktop.config import SecretStore, Settings
from desktop.realtime.session_events import Link
from tests.support.app_under_test import AppUnderTest, open_app
from tests.support.keys import QtKeys
from tests.support.relay_double import GOOD_KEY, RelayDouble, scripted_reply

ANSWER_TEXT = "It is sunny and warm, about twenty degrees."
USER_TEXT = "上海今天天气怎么样？"
LOUD = 300  # above the noise floor of silence, far below speech


def write_wav(path, samples):
    with wave.open(str(path), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(RATE)
        w.writeframes(samples.tobytes())
    return path


def appended_bytes(relay):
    """Microphone audio the relay (a RelayDouble or the demo's server) has received."""
    return sum(
        len(base64.b64decode(e["audio"]))
        for e in list(relay.record.received)
        if e["type"] == "input_audio_buffer.append"
    )


@pytest.fixture
def conversation(qtbot, speech):  # re-exported by conftest.py
    """Start a real window + devices against a relay double; yields a builder."""
    made: list[AppUnderTest] = []

    def build(model, pace=0.0, answer_text=ANSWER_TEXT, settings_options=None, **relay_options):
        _, answer = speech
        relay = RelayDouble(
            scripted_reply(answer.tobytes(), answer_text, USER_TEXT), pace=pace, **relay_options
        )
        base_url = relay.start()
        secrets = SecretStore()  # the real Secret Service of scripts/test
        secrets.set(GOOD_KEY)
        running = open_app(
            Settings(base_url=base_url, model=model, **(settings_options or {})),
            secrets,
            pyaudio.PyAudio,
            qtbot.waitUntil,
        )
        qtbot.addWidget(running.window)
        made.append(AppUnderTest(running, secrets, relay=relay))
        running.controller.connect_session()
        qtbot.waitUntil(lambda: running.controller.link is Link.READY, timeout=10000)
        build.running = running  # type: ignore[attr-defined]
        return relay, running.controller, running.window

    yield build
    for app in made:
        app.stop()
        app.relay.stop()
        app.secrets.delete()


def wait_until_played_out(qtbot, controller, speaker_monitor, frames, not_before=0.0):
    """All `frames` of the answer handed to the device, then the speaker's recording past
    that moment (and `not_before`) by more than the device holds: a wait counted from when
    the relay began to send would miss the end on a loaded machine."""
    qtbot.waitUntil(
        lambda: controller.playback.frames_played >= frames and controller.playback.queued_ms == 0,
        timeout=int(frames * 1000 / RATE) + 10000,
    )
    handed_at = time.perf_counter()
    qtbot.waitUntil(
        lambda: speaker_monitor.recording()[1][-1] > max(not_before, handed_at + 0.5),
        timeout=5000,
    )


def speak_into_microphone(qtbot, relay, wav, samples):
    """Hold Space, play `wav` into the virtual microphone, release; returns release time."""
    keys = QtKeys()
    keys.press()
    player = subprocess.Popen(["paplay", "-d", "micsink", str(wav)])
    qtbot.waitUntil(lambda: player.poll() is not None, timeout=20000)
    # Release once the whole utterance (and 100 ms more) has reached the relay.
    qtbot.waitUntil(lambda: appended_bytes(relay) >= samples.nbytes + 4800, timeout=5000)
    released_at = time.perf_counter()
    keys.release()
    return released_at
