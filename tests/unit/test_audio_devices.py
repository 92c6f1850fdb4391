"""Microphone and Speaker against a fake PyAudio (the e2e tests use real PulseAudio)."""

import pytest

from desktop.audio.devices import AudioUnavailable
from desktop.audio.microphone import Microphone
from desktop.audio.pcm import CHUNK_FRAMES, RATE
from desktop.audio.playback_buffer import PlaybackBuffer, PlayedItem
from desktop.audio.speaker import Speaker
from tests.fakes import FakePyAudio

CHUNK = b"\x01\x00" * CHUNK_FRAMES


def test_microphone_sends_only_while_a_turn_is_held():
    pa, sent = FakePyAudio(), []
    mic = Microphone(pa, sent.append)
    mic.open()
    stream = pa.input_stream()
    assert stream.kwargs["rate"] == RATE and stream.kwargs["channels"] == 1
    stream.feed(CHUNK)
    mic.start_turn()
    for _ in range(5):
        stream.feed(CHUNK)
    assert mic.end_turn() == 100
    stream.feed(CHUNK)
    assert sent == [CHUNK] * 5


def test_missing_microphone_is_a_clear_error():
    mic = Microphone(FakePyAudio(fail_input=True), lambda _: None)
    with pytest.raises(AudioUnavailable, match="microphone"):
        mic.open()
    assert not mic.is_open


def test_speaker_plays_the_buffer_and_closes():
    pa, buf = FakePyAudio(), PlaybackBuffer(prebuffer_ms=0)
    speaker = Speaker(pa, buf)
    speaker.open()
    buf.push("r", "i", 0, CHUNK)
    data, flag = pa.output_stream().feed(bytes(len(CHUNK)))
    assert data == CHUNK and flag == 0
    speaker.close()
    assert pa.output_stream().closed


def test_heard_time_subtracts_what_is_still_in_the_device():
    speaker = Speaker(FakePyAudio(), PlaybackBuffer())
    speaker.open()  # the fake reports 40 ms of output latency
    played = PlayedItem("r", "i", 0, handed_frames=RATE, received_frames=2 * RATE)
    assert speaker.heard_ms(played) == 960
    early = PlayedItem("r", "i", 0, handed_frames=480, received_frames=RATE)
    assert speaker.heard_ms(early) == 0
