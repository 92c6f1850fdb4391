"""Hundreds of windows, sessions, reconnects and model lists in one process, with the
cyclic collector set to run very often, as the app runs it (on the GUI thread only).

Run by tests/qt/test_stress.py in a process of its own, so a crash is a failed test with
faulthandler's trace in its output rather than the end of the test run.
`python -m tests.support.stress_lifecycle --cycles 200`
"""

from __future__ import annotations

import argparse
import faulthandler
import functools
import gc
import sys
import time

from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtWidgets import QApplication

from desktop.app import assemble
from desktop.config import SecretStore, Settings
from desktop.gui_collector import GuiThreadCollector
from desktop.realtime.session_events import Link
from tests.support.fakes import FakePyAudio, MemoryKeyring
from tests.support.relay_double import GOOD_KEY, RelayDouble, scripted_reply


def run_events(ms: int) -> None:
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def wait_until(condition, timeout_s: float) -> bool:
    deadline = time.monotonic() + timeout_s
    while not condition():
        if time.monotonic() > deadline:
            return False
        run_events(2)
    return True


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cycles", type=int, default=200)
    args = parser.parse_args()
    faulthandler.enable(all_threads=True)
    gc.set_threshold(20, 2, 2)  # collect far more often than the default 700, 10, 10
    app = QApplication([])
    collector = GuiThreadCollector(interval_ms=5)
    relay = RelayDouble(scripted_reply(bytes(4800), "ok", "hi"))
    base_url = relay.start()
    secrets = SecretStore(MemoryKeyring())
    secrets.set(GOOD_KEY)
    ready = 0
    try:
        for cycle in range(args.cycles):
            pa = FakePyAudio()
            running = assemble(
                Settings(base_url=base_url, model="gpt-realtime", close_to_tray="quit"),
                secrets,
                functools.partial(lambda pa: pa, pa),
                tray_available=False,
            )
            window, controller = running.window, running.controller
            window.show()
            controller.connect_session()
            if cycle % 3 == 0:
                running.relay_checks.refresh_models()
            if wait_until(lambda c=controller: c.link is Link.READY, 5):
                ready += 1
            if cycle % 2 == 0:  # a reconnect: the session goes, a new one comes
                controller.connect_session()
                controller.apply_settings(Settings(base_url=base_url, model="gpt-realtime-mini"))
                wait_until(lambda c=controller: c.link is Link.READY, 5)
            window.close()
            window.deleteLater()
            del window, controller, running
            run_events(1)
    finally:
        relay.stop()
        collector.stop()
        app.processEvents()
    print(f"stress: {args.cycles} cycles, {ready} sessions ready, no crash", flush=True)
    return 0 if ready == args.cycles else 1


if __name__ == "__main__":
    sys.exit(main())
