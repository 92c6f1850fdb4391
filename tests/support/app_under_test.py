"""The app as the tests and benchmarks run it: wired by `desktop.app.assemble`, shown and
focused like a window a person just opened, with the parts a test looks at in one place."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from desktop.app import RunningApp, assemble, keep_no_settings
from desktop.config import SecretStore, Settings, SettingsStore
from desktop.controller import ConversationController
from desktop.realtime.transport import RealtimeTransport
from desktop.relay_link import TransportFactory
from desktop.session_clock import Timings
from desktop.ui.about_dialog import AppFiles
from desktop.ui.main_window import MainWindow

Wait = Callable[[Callable[[], bool]], None]
"""Runs the event loop until the condition holds (qtbot.waitUntil, the bench's wait)."""


@dataclass
class AppUnderTest:
    running: RunningApp
    secrets: SecretStore
    pa: Any = None  # the FakePyAudio, when the test feeds the microphone itself
    relay: Any = None  # the RelayDouble it talks to, when there is one
    store: SettingsStore | None = None

    @property
    def window(self) -> MainWindow:
        return self.running.window

    @property
    def controller(self) -> ConversationController:
        return self.running.controller

    def stop(self) -> None:
        self.running.stop()


def open_app(
    settings: Settings,
    secrets: SecretStore,
    audio_factory: Callable[[], object],
    wait: Wait,
    *,
    save_settings: Callable[[Settings], None] = keep_no_settings,
    transport_factory: TransportFactory = RealtimeTransport,
    timings: Timings = Timings(),  # noqa: B008 - frozen, so one shared default is safe
    tray_available: bool = False,
    focus: bool = True,
    files: AppFiles | None = None,
) -> RunningApp:
    """Assemble the app, show its window and (as on a desktop) give it the focus: Space
    talks only while the window has it."""
    running = assemble(
        settings,
        secrets,
        audio_factory,
        save_settings,
        transport_factory=transport_factory,
        timings=timings,
        tray_available=tray_available,
        files=files,
    )
    running.window.show()
    if focus:
        running.window.activateWindow()
        wait(running.window.isActiveWindow)
    return running
