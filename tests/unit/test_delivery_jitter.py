"""How late the answer's audio comes, and the prebuffer that follows it."""

import numpy as np

from desktop.audio.delivery_jitter import DeliveryJitter
from desktop.audio.pcm import ms_to_frames
from desktop.audio.playback_buffer import MIN_PREBUFFER_MS, PlaybackBuffer


def test_audio_on_time_or_early_is_not_late():
    jitter = DeliveryJitter()
    for n in range(50):  # at real time, exactly
        jitter.arrived(10 + n * 0.1, 0.1)
    assert jitter.lateness_ms() == 0
    jitter.answer_began()
    for n in range(50):  # a relay that sends faster than real time
        jitter.arrived(20 + n * 0.05, 0.1)
    assert jitter.lateness_ms() == 0
    assert jitter.delta_ms() == 100


def test_a_late_delta_counts_from_the_earliest_one_of_its_answer():
    jitter = DeliveryJitter()
    arrivals = [0.0, 0.1, 0.2, 0.38, 0.4, 0.45]  # the fourth 80 ms late; the rest on time or early
    for at in arrivals:
        jitter.arrived(at, 0.1)
    assert jitter.lateness_ms() == 80
    jitter.answer_began()  # a new answer's clock starts anew; what was seen stays
    jitter.arrived(100.0, 0.1)
    assert jitter.lateness_ms() == 80


def test_lateness_is_forgotten_once_out_of_the_window():
    jitter = DeliveryJitter(window=10)
    jitter.arrived(0.0, 0.1)
    jitter.arrived(0.25, 0.1)  # 150 ms late
    for n in range(2, 12):
        jitter.arrived(0.25 + (n - 1) * 0.1, 0.1)  # on time from then on
    assert jitter.lateness_ms() == 150  # the rest kept to the late one's pace: as late
    jitter.answer_began()
    for n in range(10):
        jitter.arrived(50 + n * 0.1, 0.1)
    assert jitter.lateness_ms() == 0


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def deliver(buf, clock, seconds, jitter_ms, seed=1, response="r1"):
    """100 ms deltas at real time, each up to `jitter_ms` early or late, as a network delivers
    them (in order); the prebuffer after each delta."""
    rng = np.random.default_rng(seed)
    prebuffers = []
    last = 0.0
    start = clock.now
    for n in range(int(seconds * 10)):
        last = max(last, start + n * 0.1 + rng.uniform(-jitter_ms, jitter_ms) / 1000)
        clock.now = last
        buf.push(response, "item", 0, bytes(ms_to_frames(100) * 2))
        buf.pull(ms_to_frames(100))  # the speaker keeps up, so nothing piles up
        prebuffers.append(buf.stats().prebuffer_ms)
    return prebuffers


def test_the_prebuffer_covers_measured_jitter_before_any_underrun():
    clock = Clock()
    buf = PlaybackBuffer(clock=clock)
    steady = deliver(buf, clock, 5, jitter_ms=0)
    assert max(steady) == MIN_PREBUFFER_MS  # an answer on time starts as fast as ever

    clock.now += 10
    shaky = deliver(buf, clock, 5, jitter_ms=60, response="r2")
    late = buf.stats().lateness_ms
    assert 60 <= late <= 120
    assert shaky[-1] >= late + 100  # the lateness seen, and one delta, before a new start
    assert shaky[-1] <= 300


def test_the_prebuffer_shrinks_back_once_the_network_calms():
    clock = Clock()
    buf = PlaybackBuffer(clock=clock)
    deliver(buf, clock, 3, jitter_ms=100)
    assert buf.stats().prebuffer_ms > 150
    clock.now += 10
    calm = deliver(buf, clock, 40, jitter_ms=0, response="r2")
    assert calm[0] > 150  # not at once: the network may be shaky again
    assert calm[-1] == MIN_PREBUFFER_MS
