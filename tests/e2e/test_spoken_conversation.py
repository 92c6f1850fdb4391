"""A whole conversation through real parts: PyAudio on PulseAudio's virtual microphone and
speaker, the window on a real X server, the key in a real Secret Service, and the relay
double on 127.0.0.1. Prints the latencies a user would feel."""

from __future__ import annotations

import time

import keyring
import numpy as np
import pytest

from desktop.api_facts import RATE
from desktop.config import SecretStore
from tests.e2e.helpers import (
    ANSWER_TEXT,
    LOUD,
    speak_into_microphone,
    wait_until_played_out,
    write_wav,
)
from tests.support.keys import QtKeys
from tests.support.speech import best_alignment


def test_the_key_is_kept_in_the_real_secret_service():
    backend = keyring.get_keyring()
    modules = [type(b).__module__ for b in getattr(backend, "backends", [backend])]
    assert "keyring.backends.SecretService" in modules, modules
    secrets = SecretStore()
    assert secrets.available
    secrets.set("sk-e2e-按住说话")
    assert SecretStore().get() == "sk-e2e-按住说话"  # a fresh client reads it back
    secrets.delete()
    assert SecretStore().get() is None


@pytest.mark.parametrize("model", ["gpt-realtime", "gpt-4o-realtime-preview"])
def test_speech_in_reaches_the_relay_and_the_answer_comes_out_of_the_speaker(
    qtbot, tmp_path, speech, speaker_monitor, conversation, model
):
    question, answer = speech
    relay, controller, window = conversation(model)
    wav = write_wav(tmp_path / "question.wav", question)

    released_at = speak_into_microphone(qtbot, relay, wav, question)

    qtbot.waitUntil(lambda: len(relay.turns) == 1, timeout=5000)
    commit_at = relay.received_at[
        next(i for i, e in enumerate(relay.received) if e["type"] == "input_audio_buffer.commit")
    ]
    _, corr_in = best_alignment(question, np.frombuffer(relay.turns[0], np.int16))
    assert corr_in >= 0.9, f"what the relay heard differs from what was spoken: {corr_in:.3f}"

    answer_s = len(answer) / RATE
    wait_until_played_out(
        qtbot,
        controller,
        speaker_monitor,
        len(answer),
        not_before=relay.first_audio_sent_at[0] + answer_s + 0.3,
    )
    samples, times = speaker_monitor.recording()
    lag, corr_out = best_alignment(answer, samples)
    assert corr_out >= 0.9, f"the speaker did not play the answer intact: {corr_out:.3f}"
    qtbot.waitUntil(lambda: "about twenty degrees." in "\n".join(window.transcript.texts()))

    first_sample_at = times[lag + int(np.argmax(np.abs(answer) > LOUD))] - (
        int(np.argmax(np.abs(answer) > LOUD)) / RATE
    )
    print(
        f"\n[{model}] mic→relay corr {corr_in:.4f}, relay→speaker corr {corr_out:.4f}; "
        f"Space released → commit on the wire: {(commit_at - released_at) * 1000:.1f} ms; "
        f"first audio delta sent → first sample at the speaker: "
        f"{(first_sample_at - relay.first_audio_sent_at[0]) * 1000:.1f} ms"
    )


def test_pressing_during_the_answer_silences_the_speaker(
    qtbot, tmp_path, speech, speaker_monitor, conversation
):
    question, answer = speech
    relay, controller, window = conversation("gpt-realtime", pace=1.0)
    wav = write_wav(tmp_path / "question.wav", question)
    speak_into_microphone(qtbot, relay, wav, question)

    # Let the user hear about a second of the answer, then press Space again.
    qtbot.waitUntil(lambda: len(relay.first_audio_sent_at) == 1, timeout=10000)
    qtbot.waitUntil(lambda: controller.playback.frames_played >= RATE, timeout=10000)
    pressed_at = time.perf_counter()
    QtKeys().press()
    qtbot.waitUntil(lambda: speaker_monitor.recording()[1][-1] > pressed_at + 0.6, timeout=5000)
    QtKeys().release()

    samples, times = speaker_monitor.recording()
    loud_after = times[(np.abs(samples) > LOUD) & (times > pressed_at)]
    silent_after_ms = ((loud_after.max() - pressed_at) * 1000) if len(loud_after) else 0.0
    assert silent_after_ms < 300, (
        f"the answer kept playing {silent_after_ms:.0f} ms after the press"
    )

    sent = [e["type"] for e in relay.received]
    assert "response.cancel" in sent
    truncate = next(e for e in relay.received if e["type"] == "conversation.item.truncate")
    lag, _ = best_alignment(answer[: RATE // 2], samples)
    heard_ms = (times[np.abs(samples) > LOUD].max() - times[lag]) * 1000
    assert abs(truncate["audio_end_ms"] - heard_ms) < 150, (truncate["audio_end_ms"], heard_ms)
    qtbot.waitUntil(lambda: "(interrupted)" in "\n".join(window.transcript.texts()))
    # What the transcript calls heard is what the speaker played, to within one word: the
    # relay double says its words evenly over the answer's audio. (Paced as it is here,
    # little arrives that was not played: the rest of the answer never comes.)
    (bubble,) = [b for b in window.transcript.bubbles() if b.interrupted]
    unheard = window.transcript.model_.unheard(bubble)
    heard_words = len(bubble.text[: len(bubble.text) - len(unheard)].split())
    words = ANSWER_TEXT.split()
    expected = heard_ms / (len(answer) * 1000 / RATE) * len(words)
    assert abs(heard_words - round(expected)) <= 1, (heard_words, expected, bubble.text)
    print(
        f"\nSpace pressed during playback → silence at the speaker: {silent_after_ms:.1f} ms; "
        f"truncated at {truncate['audio_end_ms']} ms, heard {heard_ms:.0f} ms"
    )
