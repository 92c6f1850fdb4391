"""Meters show loudness as people hear it."""

from desktop.ui.level_meter import level_to_percent


def test_level_scale_is_in_decibels():
    assert level_to_percent(0.0) == 0
    assert level_to_percent(1.0) == 100
    assert level_to_percent(0.001) == 0  # -60 dBFS: the floor
    assert level_to_percent(0.0316) == 50  # -30 dBFS: halfway
