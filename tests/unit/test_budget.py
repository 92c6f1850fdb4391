"""Budget thresholds: under, most of it at 80 %, all of it at 100 %; the day and month a
budget counts from; what Settings may hold."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from desktop.realtime.budget import Level, level, parse_budget, period_start


@pytest.mark.parametrize(
    ("spent", "expected"),
    [(0.0, Level.UNDER), (0.79, Level.UNDER), (0.8, Level.NEAR), (0.999, Level.NEAR),
     (1.0, Level.REACHED), (7.5, Level.REACHED)],
)  # fmt: skip
def test_thresholds(spent, expected):
    assert level(spent, 1.0) is expected


def test_no_budget_is_never_reached():
    assert level(100.0, 0.0) is Level.UNDER


def test_a_budget_counts_from_the_start_of_the_local_day_or_month():
    shanghai = timezone(timedelta(hours=8))
    now = datetime(2026, 12, 2, 0, 30, tzinfo=shanghai)  # still 1 December in UTC
    assert period_start("day", now) == datetime(2026, 12, 2, tzinfo=shanghai)
    assert period_start("month", now) == datetime(2026, 12, 1, tzinfo=shanghai)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("5", 5.0),
        (" 2.50 ", 2.5),
        ("2,5", 2.5),
        ("", None),
        ("0", None),
        ("-1", None),
        ("lots", None),
    ],
)
def test_what_settings_may_hold(text, expected):
    assert parse_budget(text) == expected
