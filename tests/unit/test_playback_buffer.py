import threading

import numpy as np

from desktop.audio.pcm import ms_to_frames
from desktop.audio.playback_buffer import (
    FADE_MS,
    GROW_MS,
    MAX_PREBUFFER_MS,
    MAX_QUEUED_MS,
    MIN_PREBUFFER_MS,
    SHRINK_MS,
    STEADY_MS,
    PlaybackBuffer,
)


def pcm(ms, value=1000):
    return value.to_bytes(2, "little", signed=True) * ms_to_frames(ms)


def drain(buf, ms):
    return b"".join(buf.pull(240) for _ in range(ms // 10))


def test_nothing_plays_until_the_prebuffer_is_full():
    buf = PlaybackBuffer(prebuffer_ms=60)
    buf.push("r", "i", 0, pcm(40))
    assert buf.pull(480) == bytes(960)  # silence, audio still queued
    buf.push("r", "i", 0, pcm(40))
    assert buf.pull(480) == pcm(20)


def test_pull_always_returns_exactly_the_frames_asked_for_zero_filled():
    buf = PlaybackBuffer(prebuffer_ms=0)
    buf.push("r", "i", 0, pcm(30))
    first, second = buf.pull(480), buf.pull(480)
    assert len(first) == len(second) == 960
    assert second == pcm(10) + bytes(480)


def test_the_end_of_an_answer_is_not_an_underrun_but_a_gap_mid_answer_is():
    buf = PlaybackBuffer(prebuffer_ms=MIN_PREBUFFER_MS)
    buf.push("r", "i", 0, pcm(60))
    drain(buf, 100)
    assert buf.underruns == 0  # ran out, but maybe the answer ended
    buf.push("r", "i", 0, pcm(60))  # it had not: the network fell behind
    assert buf.underruns == 1
    assert buf.stats().prebuffer_ms == MIN_PREBUFFER_MS + GROW_MS


def test_the_prebuffer_grows_after_underruns_and_shrinks_when_steady():
    buf = PlaybackBuffer()
    for _ in range(20):  # a very jittery network: bursts, then long gaps
        buf.push("r", "i", 0, pcm(MAX_PREBUFFER_MS + 20))
        drain(buf, MAX_PREBUFFER_MS + 100)
    assert buf.stats().prebuffer_ms == MAX_PREBUFFER_MS  # capped
    buf.push("r", "i", 0, pcm(STEADY_MS + 1000))
    drain(buf, STEADY_MS + 600)
    assert buf.stats().prebuffer_ms == MAX_PREBUFFER_MS - SHRINK_MS


def test_interrupt_fades_out_within_10_ms_then_is_silent():
    buf = PlaybackBuffer(prebuffer_ms=0)
    buf.push("r1", "item", 0, pcm(1000, 20000))
    for _ in range(10):
        buf.pull(480)  # 200 ms handed to the device
    played = buf.interrupt()
    assert played is not None
    assert FADE_MS <= 10
    assert played.item_id == "item" and played.response_id == "r1"
    assert played.handed_frames == ms_to_frames(200 + FADE_MS)  # the fade is heard too
    assert played.received_frames == ms_to_frames(1000)
    after = np.frombuffer(buf.pull(480), np.int16)
    fade = after[: ms_to_frames(FADE_MS)]
    assert fade[0] == 20000 and np.all(np.diff(fade) <= 0)  # a ramp down, no jump
    assert not after[ms_to_frames(FADE_MS) :].any()
    assert buf.pull(480) == bytes(960)


def test_barge_in_leaves_no_audio_of_the_cancelled_answer():
    buf = PlaybackBuffer(prebuffer_ms=0)
    buf.push("r1", "item", 0, pcm(100))
    buf.pull(480)
    buf.interrupt()
    drain(buf, 20)  # the fade
    buf.push("r1", "item", 0, pcm(500))  # arrives after the press
    assert buf.queued_ms == 0
    assert drain(buf, 100) == bytes(ms_to_frames(100) * 2)
    buf.push("r2", "next", 0, pcm(100))  # the next answer plays
    assert buf.pull(480) == pcm(20)


def test_drop_response_removes_only_that_responses_audio():
    buf = PlaybackBuffer(prebuffer_ms=0)
    buf.push("r1", "a", 0, pcm(100, 1))
    buf.push("r2", "b", 0, pcm(100, 2))
    buf.drop_response("r1")
    assert buf.queued_ms == 100
    assert buf.pull(480) == pcm(20, 2)


def test_an_answer_that_finished_long_ago_is_not_interrupted():
    buf = PlaybackBuffer(prebuffer_ms=0)
    buf.push("r", "i", 0, pcm(40))
    for _ in range(30):  # 40 ms of audio, then 560 ms of silence
        buf.pull(480)
    assert buf.interrupt() is None


def test_a_long_conversation_keeps_no_state_per_answer():
    buf = PlaybackBuffer(prebuffer_ms=0)
    for turn in range(500):
        buf.push(f"r{turn}", f"item{turn}", 0, pcm(40))
        drain(buf, 40)
    assert len(buf._progress) == 1


def test_push_and_pull_from_two_threads_lose_nothing():
    buf = PlaybackBuffer(prebuffer_ms=0)
    total = ms_to_frames(2000)
    pulled: list[int] = []

    def producer():
        for _ in range(100):
            buf.push("r", "i", 0, pcm(20))

    thread = threading.Thread(target=producer)
    thread.start()
    while sum(pulled) < total:
        chunk = buf.pull(240)
        pulled.append(sum(1 for j in range(0, len(chunk), 2) if chunk[j : j + 2] != b"\0\0"))
    thread.join()
    assert sum(pulled) == total


def test_a_delta_with_an_odd_byte_count_does_not_shift_later_samples():
    buf = PlaybackBuffer(prebuffer_ms=0)
    voice = np.arange(-2400, 2400, 2, dtype=np.int16)  # 100 ms of distinct samples
    first, rest = voice[:480].tobytes(), voice[480:].tobytes()
    buf.push("r", "i", 0, first + b"\x7f")  # a broken delta: one stray byte
    buf.push("r", "i", 0, rest)
    played = np.frombuffer(b"".join(buf.pull(480) for _ in range(5)), np.int16)
    assert np.array_equal(played, voice)
    assert (item := buf.interrupt()) is not None
    assert item.received_frames == len(voice)  # truncation counts whole samples


def test_audio_beyond_ten_minutes_ahead_is_refused_not_queued():
    buf = PlaybackBuffer(prebuffer_ms=0)
    minute = pcm(60_000)
    for _ in range(MAX_QUEUED_MS // 60_000 + 5):
        buf.push("r", "i", 0, minute)
    assert buf.queued_ms == MAX_QUEUED_MS
    assert buf.overflowed_frames == ms_to_frames(5 * 60_000)
    drain(buf, 60_000)
    buf.push("r", "i", 0, minute)  # once played down, audio is taken again
    assert buf.queued_ms == MAX_QUEUED_MS


def test_a_flood_of_items_keeps_a_bounded_record_and_the_playing_one():
    buf = PlaybackBuffer(prebuffer_ms=0)
    buf.push("r", "playing", 0, pcm(100))
    buf.pull(240)
    for n in range(100_000):
        buf.push("r", f"item{n}", 0, b"\1\0")
    assert len(buf._progress) <= 256
    assert (played := buf.interrupt()) is not None and played.item_id == "playing"


def test_a_new_session_may_reuse_the_ids_of_dropped_answers():
    buf = PlaybackBuffer(prebuffer_ms=0)
    buf.push("resp_1", "item_1", 0, pcm(40))
    buf.pull(240)
    buf.interrupt()
    buf.push("resp_1", "item_9", 0, pcm(40))
    assert buf.queued_ms == 0  # a late delta of the cancelled answer
    buf.forget_dropped()
    buf.push("resp_1", "item_9", 0, pcm(40))
    assert buf.queued_ms == 40
