"""Microphone, Speaker and AudioIO against a fake PyAudio (tests/e2e uses real PulseAudio)."""

import numpy as np
import pytest

from desktop.api_facts import RATE
from desktop.audio.audio_io import INPUT, OUTPUT, AudioIO, DeviceFailed, DeviceRestored
from desktop.audio.devices import PA_ABORT, PA_CONTINUE, AudioUnavailable
from desktop.audio.microphone import Microphone
from desktop.audio.pcm import CHUNK_FRAMES
from desktop.audio.playback_buffer import PlaybackBuffer, PlayedItem
from desktop.audio.speaker import REST_AFTER_MS, Speaker
from tests.support.fakes import FakePyAudio

CHUNK = b"\x01\x00" * CHUNK_FRAMES


def sine(rate, seconds, hz=440.0):
    t = np.arange(int(rate * seconds)) / rate
    return (np.sin(2 * np.pi * hz * t) * 12000).astype(np.int16)


def test_microphone_sends_only_while_a_turn_is_held():
    pa, sent = FakePyAudio(), list[bytes]()
    mic = Microphone(pa, sent.append, preroll_ms=0)
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


def test_preroll_sends_the_moment_before_the_press_first():
    pa, sent = FakePyAudio(), list[bytes]()
    mic = Microphone(pa, sent.append, preroll_ms=300)
    mic.open()
    stream = pa.input_stream()
    before = [bytes([i, 0]) * CHUNK_FRAMES for i in range(40)]  # 800 ms before the press
    for chunk in before:
        stream.feed(chunk)
    mic.start_turn()
    stream.feed(CHUNK)
    held_ms = mic.end_turn()
    assert sent[0] == b"".join(before[-15:])  # the last 300 ms, oldest first
    assert sent[1:] == [CHUNK]
    assert held_ms == 20  # a short tap stays short: pre-roll is not held time


def test_a_device_that_refuses_24khz_is_resampled_both_ways():
    pa, sent = FakePyAudio(rates=(48000,)), list[bytes]()
    mic = Microphone(pa, sent.append, preroll_ms=0)
    mic.open()
    assert mic.rate == 48000 and pa.input_stream().kwargs["rate"] == 48000
    mic.start_turn()
    tone48 = sine(48000, 1.0)
    for start in range(0, len(tone48), 960):
        pa.input_stream().feed(tone48[start : start + 960].tobytes())
    got = np.frombuffer(b"".join(sent), np.int16)
    assert RATE - 1200 < len(got) <= RATE  # one second at 24 kHz, less the filter's delay
    expected = sine(RATE, 1.0)[: len(got)]
    lag = int(
        np.argmax(np.correlate(got[:4800].astype(float), expected[:2400].astype(float), "valid"))
    )
    segment = got[lag : lag + 12000].astype(float)
    corr = np.dot(segment, expected[:12000]) / (
        np.linalg.norm(segment) * np.linalg.norm(expected[:12000])
    )
    assert corr > 0.99

    buffer = PlaybackBuffer(prebuffer_ms=0)
    speaker = Speaker(pa, buffer)
    speaker.open()
    buffer.push("r", "i", 0, sine(RATE, 0.5).tobytes())
    out = b"".join(pa.output_stream().pull(960) for _ in range(25))
    assert len(out) == 25 * 960 * 2  # exactly what the 48 kHz device asked for
    assert np.abs(np.frombuffer(out, np.int16)).max() > 10000


def test_missing_microphone_is_a_clear_error():
    mic = Microphone(FakePyAudio(fail_input=True), lambda _: None)
    with pytest.raises(AudioUnavailable, match="Invalid input device"):  # PortAudio's words
        mic.open()
    assert not mic.is_open


def test_devices_are_chosen_by_name_and_fall_back_to_the_default():
    pa = FakePyAudio()
    mic = Microphone(pa, lambda _: None, device_name="USB Headset")
    mic.open()
    assert pa.input_stream().kwargs["input_device_index"] == 1 and not mic.using_default
    gone = Microphone(pa, lambda _: None, device_name="Unplugged Mic")
    gone.open()
    assert pa.input_stream().kwargs["input_device_index"] is None and gone.using_default


def test_speaker_plays_the_buffer_and_closes():
    pa, buf = FakePyAudio(), PlaybackBuffer(prebuffer_ms=0)
    speaker = Speaker(pa, buf)
    speaker.open()
    buf.push("r", "i", 0, CHUNK)
    assert pa.output_stream().pull(CHUNK_FRAMES) == CHUNK
    assert speaker.level > 0
    speaker.close()
    assert pa.output_stream().closed


def test_heard_time_subtracts_what_is_still_in_the_device():
    speaker = Speaker(FakePyAudio(), PlaybackBuffer())
    speaker.open()  # the fake reports 40 ms of output latency
    played = PlayedItem("r", "i", 0, handed_frames=RATE, received_frames=2 * RATE)
    assert speaker.heard_ms(played) == 960
    early = PlayedItem("r", "i", 0, handed_frames=480, received_frames=RATE)
    assert speaker.heard_ms(early) == 0


def test_a_device_lost_mid_stream_is_reported_and_reopened_when_back():
    instances, unplugged = [], {"microphone": False}

    def factory():
        instances.append(FakePyAudio(fail_input=unplugged["microphone"]))
        return instances[-1]

    io = AudioIO(factory, lambda _: None, PlaybackBuffer())
    assert io.open() == []
    assert io.check() == []
    instances[-1].input_stream().active = False  # PortAudio stopped it: unplugged

    assert io.check() == [DeviceFailed(INPUT, stopped=True)]
    assert instances[0].terminated and not io.microphone_ready

    unplugged["microphone"] = True  # still unplugged on the next look
    assert io.check() == []
    unplugged["microphone"] = False
    assert io.check() == [DeviceRestored(INPUT)]  # plugged back in: a fresh PortAudio sees it
    assert io.microphone_ready and len(instances) == 3
    assert io.check() == []


def test_switching_devices_reopens_with_the_new_names():
    pa = FakePyAudio()
    io = AudioIO(lambda: pa, lambda _: None, PlaybackBuffer())
    io.open()
    assert io.use_devices("USB Headset", "USB Headset") == []
    assert pa.input_stream().kwargs["input_device_index"] == 1
    assert pa.output_stream().kwargs["output_device_index"] == 1
    assert [d.name for d in io.devices() if d.outputs] == ["USB Headset", "Speakers"]
    assert OUTPUT == "output"


def test_listing_devices_opens_no_stream():
    pa = FakePyAudio()
    io = AudioIO(lambda: pa, lambda _: None, PlaybackBuffer())
    assert [d.name for d in io.devices() if d.inputs] == ["Built-in Microphone", "USB Headset"]
    assert pa.streams == []  # opening Settings must not switch the microphone on


def _callback_flag(stream, frames=CHUNK_FRAMES):
    return stream.callback(None, frames, {}, 0)[1]


def test_the_speaker_rests_after_a_silence_and_wakes_for_audio():
    pa, buffer = FakePyAudio(), PlaybackBuffer(prebuffer_ms=0)
    speaker = Speaker(pa, buffer)
    speaker.open()
    stream = pa.output_stream()
    blocks = REST_AFTER_MS // 20
    flags = [_callback_flag(stream) for _ in range(blocks)]
    assert flags[:-1] == [PA_CONTINUE] * (blocks - 1)  # the pauses inside an answer: it runs
    assert flags[-1] == PA_ABORT  # then it ends the stream: no wake-ups while idle
    stream.stop_stream()  # what PortAudio does once the callback completed
    assert not speaker.failed  # resting is not a lost device

    speaker.wake()  # woken ahead of an answer: it runs a while before resting again
    assert stream.active
    assert _callback_flag(stream) == PA_CONTINUE
    buffer.push("r1", "i1", 0, CHUNK * 2)
    speaker.wake()
    data, flag = stream.callback(None, CHUNK_FRAMES, {}, 0)
    assert data == CHUNK and flag == PA_CONTINUE


def test_a_cut_aborts_the_stream_until_the_next_wake():
    pa, buffer = FakePyAudio(), PlaybackBuffer(prebuffer_ms=0)
    speaker = Speaker(pa, buffer)
    speaker.open()
    stream = pa.output_stream()
    buffer.push("r1", "i1", 0, sine(RATE, 1.0).tobytes())
    stream.pull(CHUNK_FRAMES)
    assert speaker.level > 0

    assert speaker.cut()
    assert not stream.active and not speaker.failed
    assert speaker.level == 0  # the meter falls with the sound
    assert not speaker.cut()  # nothing left to cut
    buffer.interrupt(fade=False)
    buffer.push("r2", "i2", 0, CHUNK)
    speaker.wake()
    assert stream.active and stream.pull(CHUNK_FRAMES) == CHUNK


def test_a_resting_microphone_stops_and_the_next_turn_starts_it():
    pa, sent = FakePyAudio(), list[bytes]()
    mic = Microphone(pa, sent.append, preroll_ms=300)
    mic.open()
    stream = pa.input_stream()
    stream.feed(CHUNK)  # kept as pre-roll
    mic.rest()
    assert not stream.active and mic.resting and not mic.failed
    mic.start_turn()
    assert stream.active and not mic.resting
    stream.feed(CHUNK)
    assert sent == [CHUNK]  # the pre-roll from before the rest is not sent as if it were now
    mic.rest()  # not during a turn
    assert stream.active
    mic.end_turn()


def test_streams_at_rest_need_no_watching_until_one_runs_again():
    pa = FakePyAudio()
    io = AudioIO(lambda: pa, lambda _: None, PlaybackBuffer(prebuffer_ms=0))
    assert io.at_rest  # nothing open yet
    io.open()
    assert not io.at_rest
    io.microphone.rest()
    assert not io.at_rest  # the speaker still runs
    io.speaker.cut()
    assert io.at_rest
    io.speaker.wake()
    assert not io.at_rest


@pytest.mark.parametrize("direction", [INPUT, OUTPUT])
def test_a_device_gone_while_its_stream_rested_is_reported_when_it_is_next_needed(direction):
    pa = FakePyAudio()
    io = AudioIO(lambda: pa, lambda _: None, PlaybackBuffer(prebuffer_ms=0))
    io.open()
    microphone, speaker = io.microphone, io.speaker
    assert microphone is not None and speaker is not None
    microphone.rest()
    speaker.cut()
    stream = pa.input_stream() if direction == INPUT else pa.output_stream()
    stream.gone = True
    if direction == INPUT:  # neither raises
        microphone.start_turn()
    else:
        speaker.wake()
    assert not io.at_rest
    assert io.check() == [DeviceFailed(direction, stopped=True)]
