from __future__ import annotations

import pytest

from desktop.config import SecretStore, Settings, SettingsStore
from desktop.controller import ConversationController
from desktop.realtime.session_events import Link
from desktop.ui.main_window import MainWindow
from tests.fakes import FakePyAudio
from tests.relay_double import GOOD_KEY, RelayDouble, scripted_reply


@pytest.fixture
def app_parts(qtbot, relay, memory_keyring, tmp_path):
    """A real window and controller, wired like the app, against the relay double."""

    class Parts:
        def __init__(self) -> None:
            self.pa = FakePyAudio()
            self.secrets = SecretStore(memory_keyring)
            self.store = SettingsStore(tmp_path / "settings.ini")
            self.relay = relay

        def build(
            self,
            model: str = "gpt-realtime",
            key: str | None = GOOD_KEY,
            connect=True,
            tray_available=False,
            close_to_tray="quit",  # qtbot closes the window after the test: never ask then
        ):
            if key:
                self.secrets.set(key)
            settings = Settings(
                base_url=relay.server.base_url, model=model, close_to_tray=close_to_tray
            )
            self.store.save(settings)
            self.controller = ConversationController(settings, self.secrets, lambda: self.pa)
            self.window = MainWindow(
                self.controller, self.secrets, self.store.save, tray_available=tray_available
            )
            qtbot.addWidget(self.window)
            self.window.show()
            qtbot.waitExposed(self.window)
            # Space talks only while the window has focus, as on a desktop.
            self.window.activateWindow()
            qtbot.waitUntil(self.window.isActiveWindow)
            if connect:
                self.controller.connect_session()
            return self.window

        def wait_ready(self) -> None:
            qtbot.waitUntil(lambda: self.controller.link is Link.READY, timeout=10000)

    parts = Parts()
    yield parts
    if hasattr(parts, "controller"):
        parts.controller.shutdown()


@pytest.fixture
def relay_window(qtbot, speech, memory_keyring):
    """A window against a relay double with the given behaviour."""
    made = []

    def _build(
        model="gpt-realtime",
        keepalive_ms=30_000,
        controller_options=None,
        settings_options=None,
        **relay_options,
    ):
        _, answer = speech
        relay = RelayDouble(
            scripted_reply(answer.tobytes(), "It is sunny, 晴天。", "上海今天天气怎么样？"),
            **relay_options,
        )
        relay.start()
        secrets = SecretStore(memory_keyring)
        secrets.set(GOOD_KEY)
        pa = FakePyAudio()
        controller = ConversationController(
            Settings(base_url=relay.server.base_url, model=model, **(settings_options or {})),
            secrets,
            lambda: pa,
            keepalive_ms=keepalive_ms,
            **(controller_options or {}),
        )
        window = MainWindow(controller, secrets, lambda _s: None)
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow)
        made.append((controller, relay))
        parts = type(
            "Parts", (), {"pa": pa, "window": window, "relay": relay, "controller": controller}
        )()
        controller.connect_session()
        return parts

    yield _build
    for controller, relay in made:
        controller.shutdown()
        relay.stop()
