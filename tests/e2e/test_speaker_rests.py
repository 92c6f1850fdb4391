"""The speaker through real PyAudio and PulseAudio's virtual speaker: it stops its stream
when nothing plays, starts again for the next answer, and a cut silences it at once."""

from __future__ import annotations

import time

import numpy as np
import pyaudio
import pytest

from desktop.api_facts import RATE
from desktop.audio.playback_buffer import PlaybackBuffer
from desktop.audio.speaker import REST_AFTER_MS, Speaker

LOUD = 300


def tone(seconds: float) -> bytes:
    t = np.arange(int(seconds * RATE)) / RATE
    return (np.sin(2 * np.pi * 440 * t) * 8000).astype(np.int16).tobytes()


def loud_between(monitor, start: float, end: float) -> bool:
    samples, times = monitor.recording()
    return bool(np.any((times > start) & (times < end) & (np.abs(samples) > LOUD)))


@pytest.fixture
def speaker():
    pa = pyaudio.PyAudio()
    buffer = PlaybackBuffer()
    speaker = Speaker(pa, buffer)
    speaker.open()
    yield speaker, buffer
    speaker.close()
    pa.terminate()


def test_the_speaker_rests_when_silent_and_plays_the_next_answer(qtbot, speaker, speaker_monitor):
    speaker, buffer = speaker
    stream = speaker._stream
    # Nothing to play: it stops.
    qtbot.waitUntil(lambda: not stream.is_active(), timeout=REST_AFTER_MS + 2000)
    assert not speaker.failed

    pushed = time.perf_counter()
    buffer.push("r1", "i1", 0, tone(0.5))
    speaker.wake()
    qtbot.waitUntil(lambda: loud_between(speaker_monitor, pushed, pushed + 1), timeout=3000)
    # And it rests again after it.
    qtbot.waitUntil(lambda: not stream.is_active(), timeout=REST_AFTER_MS + 3000)


def test_a_cut_silences_the_answer_and_the_next_one_plays(qtbot, speaker, speaker_monitor):
    speaker, buffer = speaker
    started = time.perf_counter()
    buffer.push("r1", "i1", 0, tone(3.0))
    speaker.wake()
    qtbot.waitUntil(lambda: loud_between(speaker_monitor, started, started + 2), timeout=3000)

    cut_at = time.perf_counter()
    assert speaker.cut()
    buffer.interrupt(fade=False)
    qtbot.waitUntil(lambda: speaker_monitor.recording()[1][-1] > cut_at + 1.0, timeout=5000)
    # What the device held is dropped: nothing of the rest of the answer is heard.
    assert not loud_between(speaker_monitor, cut_at + 0.1, cut_at + 1.0)

    again = time.perf_counter()
    buffer.push("r2", "i2", 0, tone(0.5))
    speaker.wake()
    qtbot.waitUntil(lambda: loud_between(speaker_monitor, again, again + 1), timeout=3000)
