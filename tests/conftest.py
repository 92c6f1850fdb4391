"""Shared fixtures. Tests never touch the user's keyring, settings, microphone or speakers."""

from __future__ import annotations

import gc
import logging
import os
import threading
import time
import traceback
import weakref
from pathlib import Path

import pytest

# Headless Qt when run outside scripts/test (which provides a private X server).
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from tests.support.fakes import MemoryKeyring

# As in the app (desktop.gui_collector): cycles are collected on the main thread only, so a
# socket or relay thread never finalises a Qt object.
gc.disable()


@pytest.fixture
def memory_keyring() -> MemoryKeyring:
    return MemoryKeyring()


_ROOT = Path(__file__).resolve().parents[1]
_started_at: weakref.WeakKeyDictionary[threading.Thread, str] = weakref.WeakKeyDictionary()
_thread_start = threading.Thread.start


def _recording_start(self: threading.Thread) -> None:
    # Where each thread was started, so a leak names the code that owns it.
    ours = [
        f"{Path(frame.filename).relative_to(_ROOT)}:{frame.lineno}"
        for frame in traceback.extract_stack()[:-1]
        if Path(frame.filename).is_relative_to(_ROOT / "desktop")
        or Path(frame.filename).is_relative_to(_ROOT / "tests")
    ]
    _started_at[self] = ours[-1] if ours else "outside the app and tests"
    _thread_start(self)


threading.Thread.start = _recording_start  # type: ignore[method-assign]


def _new_threads(before: set[threading.Thread]) -> list[threading.Thread]:
    # Native threads (PortAudio's) that called into Python show up as dummy threads that
    # never end; they are not the app's to join.
    return [
        t
        for t in threading.enumerate()
        if t not in before and t.is_alive() and not isinstance(t, threading._DummyThread)
    ]


@pytest.fixture(autouse=True)
def no_thread_outlives_its_test():
    """Every thread has an owner, a stop and a join: a test that leaves any thread running
    that was not running before it fails, and says where that thread was started."""
    before = set(threading.enumerate())
    yield
    gc.collect()
    deadline = time.monotonic() + 3
    for thread in _new_threads(before):  # a thread that is ending gets a moment to end
        thread.join(max(0.0, deadline - time.monotonic()))
    leaked = _new_threads(before)
    if leaked:
        names = ", ".join(f"{t.name} (started at {_started_at.get(t, '?')})" for t in leaked)
        pytest.fail(f"threads left running: {names}")


@pytest.fixture(scope="session")
def speech(tmp_path_factory):
    """(question, answer): real spoken audio, 24 kHz mono int16, as numpy arrays."""
    from tests.support.speech import make_speech

    folder = tmp_path_factory.mktemp("speech")
    _, question = make_speech(folder, "What is the weather like in Shanghai today?", "question")
    _, answer = make_speech(folder, "It is sunny and warm, about twenty degrees.", "answer")
    return question, answer


@pytest.fixture
def relay(speech):
    """A relay double answering every turn with the spoken answer."""
    from tests.support.relay_double import RelayDouble, scripted_reply

    _, answer = speech
    double = RelayDouble(
        scripted_reply(
            answer.tobytes(), "It is sunny and warm, about twenty degrees.", "上海今天天气怎么样？"
        )
    )
    double.start()
    yield double
    double.stop()


_records = None


def pytest_sessionstart(session) -> None:
    global _records
    from tests.support.canary import RecordKeeper

    _records = RecordKeeper()
    logging.getLogger().addHandler(_records)
    logging.getLogger("desktop").setLevel(logging.DEBUG)


_widget_leaks: list[str] = []


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item):
    # After the test body, before its fixtures close the windows: what the user would see.
    try:
        return (yield)
    finally:
        from tests.support.canary import widgets_showing_the_canary

        _widget_leaks.extend(f"{item.nodeid}: {leak}" for leak in widgets_showing_the_canary())


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    from tests.support.relay_double import GOOD_KEY

    if report.failed and GOOD_KEY in str(report.longrepr):
        _widget_leaks.append(f"{item.nodeid}: the exception text of the failure holds it")
    return report


def pytest_sessionfinish(session, exitstatus) -> None:
    from tests.support.canary import files_holding_the_canary, scratch_folders

    folders = scratch_folders()
    basetemp = getattr(session.config, "_tmp_path_factory", None)
    if basetemp is not None:
        folders.append(basetemp.getbasetemp())
    leaks = (_records.leaks if _records else []) + _widget_leaks + files_holding_the_canary(folders)
    session.config._canary_report = (leaks, folders)
    if leaks:
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


def pytest_terminal_summary(terminalreporter) -> None:
    leaks, folders = getattr(terminalreporter.config, "_canary_report", ([], []))
    terminalreporter.section("canary key")
    if leaks:
        for leak in leaks:
            terminalreporter.write_line(f"LEAKED: {leak}", red=True)
    else:
        terminalreporter.write_line(
            f"the tests' key appears in no log record, no widget's text, no exception text "
            f"and no file under {len(folders)} scratch folders"
        )
    from tests.support.matrix_report import table

    lines = table()
    if lines:
        terminalreporter.section("relay matrix")
        for line in lines:
            terminalreporter.write_line(line)
