"""`--demo`: no key, no network; what the microphone hears comes back out of the speaker."""

from __future__ import annotations

import numpy as np
import pyaudio

from desktop.app import parse_args, start
from desktop.config import SecretStore, SettingsStore
from desktop.realtime.session_events import Link
from tests.e2e.helpers import speak_into_microphone, write_wav
from tests.support.fakes import MemoryKeyring
from tests.support.speech import best_alignment


def test_demo_plays_your_own_voice_back_without_a_key(
    qtbot, tmp_path, speech, speaker_monitor, memory_keyring: MemoryKeyring
):
    question, _ = speech
    store = SettingsStore(tmp_path / "settings.ini")
    running = start(parse_args(["--demo"]), store, SecretStore(memory_keyring), pyaudio.PyAudio)
    try:
        window, controller, demo = running.window, running.controller, running.demo
        assert demo is not None
        qtbot.addWidget(window)
        qtbot.waitExposed(window)
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow)
        qtbot.waitUntil(lambda: controller.link is Link.READY, timeout=10000)
        assert memory_keyring.passwords == {}  # no key was needed or stored

        speak_into_microphone(qtbot, demo, write_wav(tmp_path / "q.wav", question), question)

        qtbot.waitUntil(
            lambda: "what your microphone heard" in "\n".join(window.transcript.texts())
        )
        qtbot.waitUntil(lambda: controller.playback.frames_played >= len(question), timeout=15000)
        seconds = len(question) / 24000
        qtbot.waitUntil(
            lambda: (
                speaker_monitor.recording()[1][-1]
                > demo.record.first_audio_sent_at[0] + seconds + 0.3
            ),
            timeout=5000,
        )
        samples, _ = speaker_monitor.recording()
        heard = np.frombuffer(demo.record.turns[0], np.int16)
        _, corr_in = best_alignment(question, heard)
        assert corr_in >= 0.9, f"the demo did not hear the microphone intact: {corr_in:.3f}"
        _, corr_out = best_alignment(heard, samples)
        assert corr_out >= 0.9, f"the demo did not play the voice back intact: {corr_out:.3f}"
        assert "127.0.0.1" not in store.load().base_url  # the user's settings are untouched
    finally:
        running.window.close()
        running.stop()
