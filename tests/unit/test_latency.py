"""Where a voice turn's time went, from the moments the threads stamp."""

import itertools

import pytest

from desktop.realtime.latency import (
    Bar,
    Stage,
    TurnLatency,
    TurnStopwatch,
    summarize,
)
from desktop.realtime.server_events import AudioDelta, ResponseCreated, ResponseDone


def created(response_id, at):
    return ResponseCreated("response.created", response_id, received_at=at)


def audio(response_id, at, item_id="item_a"):
    return AudioDelta("response.output_audio.delta", response_id, item_id, 0, b"", 2400, at)


def committed_turn(released=10.0, commit=10.0012):
    watch = TurnStopwatch()
    watch.released(released)
    watch.commit_sent(commit)
    return watch


def test_a_turn_from_release_to_the_first_sound_heard():
    watch = committed_turn()
    assert watch.received(created("resp_1", 10.101)) is None
    assert watch.received(audio("resp_1", 10.301)) is None
    assert watch.received(audio("resp_1", 10.4)) is None  # only the first delta counts
    timed = watch.first_sound("resp_1", 10.3105)
    assert timed is not None
    assert (timed.response_id, timed.item_id) == ("resp_1", "item_a")
    figures = timed.latency.exported()
    assert figures == {
        "release_to_commit": 1.2,
        "commit_to_first_delta": 299.8,
        "created_to_first_delta": 200.0,
        "first_delta_to_first_sound": 9.5,
    }
    assert timed.latency.release_to_first_sound == pytest.approx(310.5)
    assert watch.first_sound("resp_1", 11.0) is None  # told once


def test_an_answer_heard_before_its_events_were_read_is_timed_when_they_are():
    watch = committed_turn()
    # The speaker played the first delta while the GUI thread had not yet read it.
    assert watch.first_sound("resp_1", 10.305) is None
    assert watch.received(created("resp_1", 10.101)) is None
    timed = watch.received(audio("resp_1", 10.301))
    assert timed is not None and timed.item_id == "item_a"
    assert timed.latency.exported()["first_delta_to_first_sound"] == 4.0


def test_the_waterfall_places_each_stage_where_the_one_before_ended():
    latency = TurnLatency(1.2, 299.8, 200.0, 9.5)
    bars = latency.bars()
    assert [bar.stage for bar in bars] == [
        Stage.COMMIT,
        Stage.TO_SERVER,
        Stage.SERVER,
        Stage.PLAYBACK,
    ]
    assert bars[0] == Bar(Stage.COMMIT, 0.0, 1.2)
    for before, after in itertools.pairwise(bars):
        assert after.start_ms == pytest.approx(before.end_ms)
    assert bars[-1].end_ms == pytest.approx(310.5)


def test_a_server_part_that_cannot_be_placed_is_drawn_as_one_wait():
    # A relay whose response.created came after its first delta (clocks do not go back;
    # relays do reorder): the figures are kept, the waterfall does not invent an order.
    bars = TurnLatency(1.0, 100.0, 150.0, 10.0).bars()
    assert [bar.stage for bar in bars] == [Stage.COMMIT, Stage.TO_FIRST_DELTA, Stage.PLAYBACK]


def test_the_answer_of_an_earlier_turn_is_not_taken_for_this_one():
    watch = TurnStopwatch()
    watch.released(5.0)
    assert watch.received(created("resp_old", 4.0)) is None  # came before the commit
    watch.commit_sent(5.001)
    watch.received(audio("resp_old", 5.002))  # the old answer still streaming
    watch.received(created("resp_new", 5.1))
    watch.received(audio("resp_new", 5.3, "item_new"))
    assert watch.first_sound("resp_old", 5.31) is None
    timed = watch.first_sound("resp_new", 5.32)
    assert timed is not None and timed.item_id == "item_new"
    assert timed.latency.commit_to_first_delta == pytest.approx(299.0)


def test_a_press_too_short_to_commit_is_never_timed():
    watch = TurnStopwatch()
    watch.released(1.0)  # nothing was committed
    assert watch.received(created("resp_1", 1.1)) is None
    assert watch.received(audio("resp_1", 1.2)) is None
    assert watch.first_sound("resp_1", 1.3) is None
    assert watch.stopped() is None


def test_an_answer_in_text_is_timed_when_it_is_done():
    watch = committed_turn()
    watch.received(created("resp_1", 10.1))
    done = ResponseDone("response.done", "resp_1", "completed", item_ids=("item_t",))
    timed = watch.received(done)
    assert timed is not None and (timed.response_id, timed.item_id) == ("resp_1", "item_t")
    assert timed.latency.exported() == TurnLatency(1.2, None, None, None).exported()
    assert [bar.stage for bar in timed.latency.bars()] == [Stage.COMMIT]


def test_an_answer_stopped_before_it_was_heard_keeps_what_was_measured():
    watch = committed_turn()
    watch.received(created("resp_1", 10.1))
    watch.received(audio("resp_1", 10.2))
    timed = watch.stopped()  # the next press came first
    assert timed is not None
    assert timed.latency.first_delta_to_first_sound is None
    assert timed.latency.release_to_first_sound is None
    assert timed.latency.created_to_first_delta == pytest.approx(100.0)
    assert watch.stopped() is None


def test_a_session_that_ends_forgets_the_answer_it_owed():
    watch = committed_turn()
    watch.received(created("resp_1", 10.1))
    watch.forget()
    assert watch.received(audio("resp_1", 10.2)) is None
    assert watch.stopped() is None


def test_p50_and_p95_over_the_recent_turns():
    turns = [TurnLatency(1.0, float(ms), 100.0, 10.0) for ms in range(101, 201)]
    turns.append(TurnLatency(2.0, None, None, None))  # stopped early: counts where it got
    summary = summarize(turns)
    assert summary["release_to_commit"].turns == 101
    assert summary["commit_to_first_delta"].turns == 100
    assert summary["commit_to_first_delta"].p50 == pytest.approx(150.5)
    assert summary["commit_to_first_delta"].p95 == pytest.approx(195.05)
    assert summary["release_to_first_sound"].p50 == pytest.approx(161.5)
    one = summarize([TurnLatency(1.0, 2.0, 1.5, 3.0)])
    assert one["first_delta_to_first_sound"].p95 == 3.0
    assert summarize([]) == {}
