from __future__ import annotations

from pathlib import Path

import pytest

from desktop.config import SecretStore, Settings, SettingsStore
from desktop.diagnostics import log_folder
from desktop.history import store as history_store
from desktop.realtime.session_events import Link
from desktop.session_clock import Timings
from desktop.ui.about_dialog import AppFiles
from tests.support.app_under_test import AppUnderTest, open_app
from tests.support.fakes import FakePyAudio
from tests.support.relay_double import GOOD_KEY, RelayDouble, scripted_reply


class AppParts:
    """A window to build against the relay double, with a stored settings file."""

    def __init__(self, qtbot, relay, secrets, store) -> None:
        self._qtbot = qtbot
        self.pa = FakePyAudio()
        self.secrets = secrets
        self.store = store
        self.relay = relay
        self.app: AppUnderTest | None = None

    def build(
        self,
        model: str = "gpt-realtime",
        key: str | None = GOOD_KEY,
        connect=True,
        tray_available=False,
        close_to_tray="quit",  # qtbot closes the window after the test: never ask then
        **settings_options,
    ):
        if key:
            self.secrets.set(key)
        settings = Settings(
            base_url=self.relay.server.base_url,
            model=model,
            close_to_tray=close_to_tray,
            **settings_options,
        )
        self.store.save(settings)
        running = open_app(
            settings,
            self.secrets,
            lambda: self.pa,
            self._qtbot.waitUntil,
            save_settings=self.store.save,
            tray_available=tray_available,
            files=AppFiles(Path(self.store.path), log_folder(), history_store.default_path()),
        )
        self._qtbot.addWidget(running.window)
        self.app = AppUnderTest(running, self.secrets, self.pa, self.relay, self.store)
        if connect:
            self.controller.connect_session()
        return self.window

    @property
    def window(self):
        assert self.app is not None, "build() first"
        return self.app.window

    @property
    def controller(self):
        assert self.app is not None, "build() first"
        return self.app.controller

    def wait_ready(self) -> None:
        self._qtbot.waitUntil(lambda: self.controller.link is Link.READY, timeout=10000)


@pytest.fixture
def app_parts(qtbot, relay, memory_keyring, tmp_path):
    """A real window and controller, wired like the app, against the relay double."""
    parts = AppParts(
        qtbot, relay, SecretStore(memory_keyring), SettingsStore(tmp_path / "settings.ini")
    )
    yield parts
    if parts.app is not None:
        parts.app.stop()


@pytest.fixture
def kept(app_parts, tmp_path, monkeypatch):
    """Builds the app as it starts for a user, keeping its history (and audio, when asked)
    in a data folder of this test's own; the settings are `app_parts.build`'s."""
    from desktop.app import keep_conversations

    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))

    def build(**options):
        window = app_parts.build(**options)
        keep_conversations(app_parts.app.running)
        app_parts.wait_ready()
        return window

    return build


@pytest.fixture
def relay_window(qtbot, speech, memory_keyring):
    """A window against a relay double with the given behaviour, already connecting."""
    made: list[AppUnderTest] = []

    def _build(
        model="gpt-realtime",
        keepalive_ms=30_000,
        timings=None,
        settings_options=None,
        **relay_options,
    ) -> AppUnderTest:
        _, answer = speech
        relay = RelayDouble(
            scripted_reply(answer.tobytes(), "It is sunny, 晴天。", "上海今天天气怎么样？"),
            **relay_options,
        )
        relay.start()
        secrets = SecretStore(memory_keyring)
        secrets.set(GOOD_KEY)
        pa = FakePyAudio()
        settings = Settings(base_url=relay.server.base_url, model=model, **(settings_options or {}))
        running = open_app(
            settings,
            secrets,
            lambda: pa,
            qtbot.waitUntil,
            timings=timings or Timings(keepalive_ms=keepalive_ms),
        )
        qtbot.addWidget(running.window)
        app = AppUnderTest(running, secrets, pa, relay)
        made.append(app)
        app.controller.connect_session()
        return app

    yield _build
    for app in made:
        app.stop()
        app.relay.stop()
