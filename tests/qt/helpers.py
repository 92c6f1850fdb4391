"""Driving the real window the way a person does, with a fake microphone to speak into."""

from __future__ import annotations

from desktop.audio.pcm import CHUNK_FRAMES
from tests.support.keys import QtKeys


def speak(parts, audio, *, press=True, release=True):
    """Hold Space, let the fake microphone deliver `audio`, release."""
    keys = QtKeys(parts.window)
    if press:
        keys.press()
    mic = parts.pa.input_stream()
    pcm = audio.tobytes()
    step = CHUNK_FRAMES * 2
    for start in range(0, len(pcm), step):
        mic.feed(pcm[start : start + step].ljust(step, b"\0"))
    if release:
        keys.release()


def transcript(window):
    return "\n".join(window.transcript.texts())
