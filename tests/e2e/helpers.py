"""Real-device helpers shared by the end-to-end tests."""

from __future__ import annotations

import base64
import subprocess
import time
import wave

import pyaudio
import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication

from desktop.config import SecretStore, Settings
from desktop.controller import ConversationController
from desktop.realtime.session_events import Link
from desktop.ui.main_window import MainWindow
from tests.relay_double import GOOD_KEY, RelayDouble, scripted_reply

RATE = 24000
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


def space(kind):
    target = QApplication.focusWidget() or QApplication.activeWindow()
    QApplication.sendEvent(
        target, QKeyEvent(kind, Qt.Key.Key_Space, Qt.KeyboardModifier.NoModifier, " ")
    )


def appended_bytes(relay):
    return sum(
        len(base64.b64decode(e["audio"]))
        for e in list(relay.received)
        if e["type"] == "input_audio_buffer.append"
    )


@pytest.fixture
def conversation(qtbot, speech):  # re-exported by conftest.py
    """Start a real window + devices against a relay double; yields a builder."""
    parts = {}

    def build(model, pace=0.0, answer_text=ANSWER_TEXT, **relay_options):
        _, answer = speech
        relay = RelayDouble(
            scripted_reply(answer.tobytes(), answer_text, USER_TEXT), pace=pace, **relay_options
        )
        base_url = relay.start()
        secrets = SecretStore()  # the real Secret Service of scripts/test
        secrets.set(GOOD_KEY)
        controller = ConversationController(
            Settings(base_url=base_url, model=model), secrets, pyaudio.PyAudio
        )
        window = MainWindow(controller, secrets, lambda _settings: None)
        qtbot.addWidget(window)
        parts.update(relay=relay, controller=controller, secrets=secrets, window=window)
        window.show()
        qtbot.waitExposed(window)
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow)
        controller.connect_session()
        qtbot.waitUntil(lambda: controller.link is Link.READY, timeout=10000)
        return relay, controller, window

    yield build
    if parts:
        parts["window"].push_to_talk.stop()
        parts["controller"].shutdown()
        parts["relay"].stop()
        parts["secrets"].delete()


def speak_into_microphone(qtbot, relay, wav, samples):
    """Hold Space, play `wav` into the virtual microphone, release; returns release time."""
    space(QEvent.Type.KeyPress)
    player = subprocess.Popen(["paplay", "-d", "micsink", str(wav)])
    qtbot.waitUntil(lambda: player.poll() is not None, timeout=20000)
    # Release once the whole utterance (and 100 ms more) has reached the relay.
    qtbot.waitUntil(lambda: appended_bytes(relay) >= samples.nbytes + 4800, timeout=5000)
    released_at = time.perf_counter()
    space(QEvent.Type.KeyRelease)
    return released_at
