"""One hold is one turn: press/release sequences with timestamps, as X11 delivers them."""

from __future__ import annotations

from desktop.input.hold import HoldTracker


def run(tracker, events):
    """events: ("press", t, autorepeat) or ("release", t, autorepeat, still_down) → turn edges."""
    edges = []
    for event in events:
        if event[0] == "press" and tracker.press(event[1], event[2]):
            edges.append(("start", event[1]))
        elif event[0] == "release" and tracker.release(event[1], event[2], event[3]):
            edges.append(("end", event[1]))
    return edges


def repeat_pairs(first, count, interval=40, flagged=False, still_down=None):
    events = []
    for n in range(count):
        t = first + n * interval
        events += [("release", t, flagged, still_down), ("press", t, flagged)]
    return events


def test_a_press_marked_as_a_repeat_after_focus_came_back_is_a_new_hold():
    # Qt on X11 keeps its repeat flag when focus left mid-repeat; the next press is real.
    tracker = HoldTracker()
    assert run(tracker, [("press", 100, False), ("release", 760, True, None)]) == [("start", 100)]
    assert tracker.end(key_events_follow=False)
    assert run(tracker, [("press", 5000, True)]) == [("start", 5000)]


def test_repeats_flagged_by_the_toolkit_are_ignored():
    events = [
        ("press", 100, False),
        *repeat_pairs(760, 30, flagged=True),
        ("release", 2000, False, False),
    ]
    assert run(HoldTracker(), events) == [("start", 100), ("end", 2000)]


def test_unflagged_repeats_while_the_key_is_down_keep_the_hold():
    # A busy machine: Qt read each release before its press arrived, so nothing is flagged.
    events = [
        ("press", 100, False),
        *repeat_pairs(760, 30, still_down=True),
        ("release", 2000, False, False),
    ]
    assert run(HoldTracker(), events) == [("start", 100), ("end", 2000)]


def test_a_repeat_release_acted_on_late_does_not_start_a_second_turn():
    # The repeat release was handled after the key really went up: the hold ends there, and
    # its press (same timestamp) must not start a new turn, nor the real release end one.
    events = [
        ("press", 100, False),
        *repeat_pairs(760, 5, still_down=True),
        ("release", 960, False, False),
        ("press", 960, False),
        ("release", 975, False, False),
    ]
    assert run(HoldTracker(), events) == [("start", 100), ("end", 960)]


def test_without_a_key_state_a_same_timestamp_press_is_still_a_repeat():
    events = [("press", 100, False), ("release", 760, False, None), ("press", 760, False)]
    assert run(HoldTracker(), events) == [("start", 100), ("end", 760)]


def test_a_real_release_and_press_in_quick_succession_are_two_turns():
    events = [
        ("press", 100, False),
        ("release", 900, False, False),
        ("press", 905, False),
        ("release", 1500, False, False),
    ]
    assert run(HoldTracker(), events) == [
        ("start", 100),
        ("end", 900),
        ("start", 905),
        ("end", 1500),
    ]


def test_events_without_timestamps_are_taken_as_they_come():
    events = [("press", None, False), ("release", None, False, None), ("press", None, False)]
    assert run(HoldTracker(), events) == [("start", None), ("end", None), ("start", None)]


def test_the_hold_limit_ignores_the_rest_of_that_hold():
    tracker = HoldTracker()
    assert tracker.press(100, False)
    assert tracker.end(key_events_follow=True)
    assert not tracker.end(key_events_follow=True)
    rest = [
        *repeat_pairs(760, 3, still_down=True),
        ("press", 900, True),
        ("release", 950, False, False),
    ]
    assert run(tracker, rest) == []
    assert run(tracker, [("press", 2000, False)]) == [("start", 2000)]
