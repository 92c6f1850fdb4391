"""A second launch brings the running window forward instead of starting a second app."""

from __future__ import annotations

import socket
import uuid
from pathlib import Path

from PySide6.QtCore import QDir

from desktop.single_instance import SingleInstance


def _name() -> str:
    return f"realtime-desktop-test-{uuid.uuid4().hex[:8]}"  # never the user's own app


def test_the_first_launch_runs_and_the_second_asks_it_to_show(qtbot):
    name = _name()
    first = SingleInstance(name)
    assert first.claim()
    try:
        with qtbot.waitSignal(first.show_requested, timeout=3000):
            assert not SingleInstance(name).claim()
    finally:
        first.release()


def test_a_socket_left_by_a_crashed_app_does_not_stop_the_next_one(qtbot):
    name = _name()
    path = Path(QDir.tempPath()) / name  # where QLocalServer puts it on Linux and macOS
    stale = socket.socket(socket.AF_UNIX)
    stale.bind(str(path))
    stale.close()  # what a killed process leaves: the file, and nobody listening on it
    assert path.exists()
    again = SingleInstance(name)
    try:
        assert again.claim()
        with qtbot.waitSignal(again.show_requested, timeout=3000):
            assert not SingleInstance(name).claim()
    finally:
        again.release()


def test_after_the_app_quits_the_next_launch_runs(qtbot):
    name = _name()
    first = SingleInstance(name)
    assert first.claim()
    first.release()
    second = SingleInstance(name)
    assert second.claim()
    second.release()
