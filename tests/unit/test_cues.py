"""The turn sounds are assets; a broken install loses its sound, not the conversation."""

from __future__ import annotations

import wave

import numpy as np

from desktop.api_facts import RATE
from desktop.audio import cues
from desktop.resources import sound_path


def test_the_turn_sounds_rise_to_listen_and_fall_when_sent():
    started, ended = cues.load(sound_path("turn-started")), cues.load(sound_path("turn-ended"))
    assert len(started) == len(ended) == RATE * 110 // 1000

    def pitch(samples):
        spectrum = np.abs(np.fft.rfft(samples.astype(float)))
        return np.argmax(spectrum) * RATE / len(samples)

    half = len(started) // 2
    assert pitch(started[:half]) < pitch(started[half:])
    assert pitch(ended[:half]) > pitch(ended[half:])
    # Soft edges (no click) and soft overall (about a fifth of full scale).
    assert abs(int(started[0])) < 200 and abs(int(started[-1])) < 200
    assert np.abs(started).max() < 0.25 * 32767


def test_a_missing_or_wrong_sound_is_silence_and_a_warning(tmp_path, caplog):
    assert len(cues.load(tmp_path / "gone.wav")) == 0
    stereo = tmp_path / "stereo.wav"
    with wave.open(str(stereo), "wb") as out:
        out.setnchannels(2)
        out.setsampwidth(2)
        out.setframerate(44100)
        out.writeframes(b"\0" * 400)
    assert len(cues.load(stereo)) == 0
    (tmp_path / "junk.wav").write_bytes(b"not a wave file")
    assert len(cues.load(tmp_path / "junk.wav")) == 0
    assert len([r for r in caplog.records if r.levelname == "WARNING"]) == 3
