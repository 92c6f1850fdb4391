import threading

from desktop.audio.pcm import ms_to_frames
from desktop.audio.playback_buffer import PlaybackBuffer


def pcm(ms, value=1000):
    return value.to_bytes(2, "little", signed=True) * ms_to_frames(ms)


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
    assert buf.underruns == 1


def test_interrupt_silences_and_reports_what_was_handed_to_the_device():
    buf = PlaybackBuffer(prebuffer_ms=0)
    buf.push("r1", "item", 0, pcm(1000))
    for _ in range(10):
        buf.pull(480)  # 200 ms handed to the device
    played = buf.interrupt()
    assert played.item_id == "item" and played.response_id == "r1"
    assert played.handed_frames == ms_to_frames(200)
    assert played.received_frames == ms_to_frames(1000)
    assert buf.pull(480) == bytes(960)


def test_late_deltas_of_an_interrupted_response_never_play():
    buf = PlaybackBuffer(prebuffer_ms=0)
    buf.push("r1", "item", 0, pcm(100))
    buf.pull(480)
    buf.interrupt()
    buf.push("r1", "item", 0, pcm(500))  # arrives after the press
    assert buf.queued_ms == 0
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


def test_push_and_pull_from_two_threads_lose_nothing():
    buf = PlaybackBuffer(prebuffer_ms=0)
    total = ms_to_frames(2000)
    pulled = []

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
