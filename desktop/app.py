"""Composition root: command line, QApplication, translations, wiring; `main(argv)`."""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QLibraryInfo, QLocale, QSize, QTranslator
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from desktop import __version__, appinfo, desktop_entry, windows_console
from desktop.bridge import FailureBridge
from desktop.config import SecretStore, Settings, SettingsStore
from desktop.controller import ConversationController
from desktop.conversations import Conversations
from desktop.diagnostics import Diagnostics, log_folder
from desktop.gui_collector import GuiThreadCollector
from desktop.history import audio_archive
from desktop.history.audio_archive import AudioArchive
from desktop.history.recorder import Recorder
from desktop.history.store import HistoryStore, HistoryUnavailable, default_path
from desktop.realtime.pricing import table_for
from desktop.realtime.session_events import Link
from desktop.realtime.transport import RealtimeTransport
from desktop.relay_checks import RelayChecks
from desktop.relay_link import TransportFactory
from desktop.resources import ICON_SIZES, icon_path, icon_png, translations_dir
from desktop.session_clock import Timings
from desktop.single_instance import SingleInstance
from desktop.ui import messages
from desktop.ui.about_dialog import AppFiles
from desktop.ui.main_window import MainWindow

if TYPE_CHECKING:  # loaded for --demo alone: a conversation has no use for its server
    from desktop.loopback import LoopbackRealtimeServer

DEMO_KEY = "demo-key-for-the-loopback-server"


def parse_args(argv: Sequence[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="realtime-desktop",
        description="Hold Space, speak, let go, and hear the answer.",
    )
    parser.add_argument("--base-url", help="relay or API base URL, e.g. https://api.openai.com")
    parser.add_argument("--model", help="Realtime model name, e.g. gpt-realtime")
    parser.add_argument(
        "--demo",
        action="store_true",
        help="offline check of microphone and speakers: your words are played back",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    menu = parser.add_mutually_exclusive_group()
    menu.add_argument(
        "--install-desktop-entry",
        action="store_true",
        help="add Realtime Desktop and its icon to your applications menu, then exit",
    )
    menu.add_argument(
        "--uninstall-desktop-entry",
        action="store_true",
        help="remove what --install-desktop-entry added, then exit",
    )
    return parser.parse_args(list(argv))


def install_translators(app: QApplication, locale: QLocale) -> None:
    """Qt's own strings and the app's, in the user's language where a translation exists."""
    qt = QTranslator(app)
    if qt.load(locale, "qtbase", "_", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(qt)
    own = QTranslator(app)
    if own.load(locale, "desktop", "_", str(translations_dir())):
        app.installTranslator(own)


def app_icon() -> QIcon:
    """The rendered sizes first: they need no SVG plugin, which a trimmed bundle may lack."""
    icon = QIcon()
    for size in ICON_SIZES:
        icon.addFile(str(icon_png(size)), QSize(size, size))
    icon.addFile(str(icon_path()))
    return icon


def _audio_factory() -> object:
    import pyaudio  # imported late: PortAudio probes devices when it loads

    return pyaudio.PyAudio()


def _saver(store: SettingsStore, keep_base_url: bool) -> Callable[[Settings], None]:
    if not keep_base_url:
        return store.save
    # The demo's loopback address must not replace the user's saved base URL.
    return lambda settings: store.save(replace(settings, base_url=store.load().base_url))


def keep_no_settings(_settings: Settings) -> None:
    """For a run whose settings changes are not to be saved (tests, benchmarks)."""


@dataclass
class RunningApp:
    window: MainWindow
    controller: ConversationController
    relay_checks: RelayChecks
    demo: LoopbackRealtimeServer | None = None
    recorder: Recorder | None = None  # keeps the history, when it can be kept

    def stop(self) -> None:
        self.window.push_to_talk.stop()
        self.controller.shutdown()
        self.relay_checks.join()
        if self.demo is not None:
            self.demo.stop()
        if self.recorder is not None:
            self.recorder.close()


def assemble(
    settings: Settings,
    secrets: SecretStore,
    audio_factory: Callable[[], object] = _audio_factory,
    save_settings: Callable[[Settings], None] = keep_no_settings,
    *,
    transport_factory: TransportFactory = RealtimeTransport,
    timings: Timings = Timings(),  # noqa: B008 - frozen, so one shared default is safe
    tray_available: bool | None = None,
    files: AppFiles | None = None,
) -> RunningApp:
    """The controller, the relay checks and the window, wired together (not yet shown).

    The one wiring of the app: the real run, the tests and the benchmarks all use it."""
    controller = ConversationController(
        settings, secrets, audio_factory, transport_factory, timings
    )
    relay_checks = RelayChecks(controller.key_in_use, lambda: controller.settings, controller)
    window = MainWindow(
        controller,
        relay_checks,
        secrets,
        save_settings,
        tray_available=tray_available,
        files=files,
    )
    return RunningApp(window, controller, relay_checks)


def announce_when_ready(controller: ConversationController) -> None:
    """`--demo` is a check someone may start from a terminal (or a script): it says there
    when it is listening."""

    def on_link_changed(link: Link) -> None:
        if link is Link.READY:
            controller.link_changed.disconnect(on_link_changed)
            if sys.stdout is not None:  # a Windows GUI bundle has no console
                print(messages.demo_ready_text(), flush=True)  # noqa: T201

    controller.link_changed.connect(on_link_changed)


def keep_conversations(running: RunningApp) -> None:
    """Every line of the conversation goes to the history file as it is shown, and the
    kept conversations appear in the window's sidebar. Without a usable history file the
    conversation goes on, unkept, with a note that says so."""
    controller, window = running.controller, running.window
    try:
        store = HistoryStore(default_path())
    except HistoryUnavailable as exc:
        logging.getLogger(__name__).warning("history is not being kept: %s", exc)
        window.transcript.add_note(messages.history_unavailable_text())
        return
    archive = AudioArchive(audio_archive.default_folder())
    controller.keep_audio_in(archive)
    recorder = Recorder(
        store,
        lambda: (controller.settings.model, controller.settings.base_url),
        lambda _exc: window.transcript.add_note(messages.history_unavailable_text()),
        archive,
        lambda model, usage: table_for(
            controller.settings.prices, controller.settings.currency
        ).cost(model, usage),
    )
    recorder.session_began(controller.session_tag)  # a session may be open already
    # Held by the running app: a signal does not keep a plain object's method alive.
    running.recorder = recorder
    controller.transcript_changed.connect(recorder.apply)
    controller.usage_reported.connect(recorder.record_usage)
    controller.turn_timed.connect(recorder.record_latency)
    controller.link_changed.connect(
        lambda link: recorder.session_began(controller.session_tag) if link is Link.READY else None
    )
    window.use_conversations(Conversations(store, recorder, controller, archive, window))


def start(
    args: argparse.Namespace,
    store: SettingsStore | None = None,
    secrets: SecretStore | None = None,
    audio_factory: Callable[[], object] = _audio_factory,
) -> RunningApp:
    """Build and show the window; tests pass their own store, keyring and devices."""
    store = store or SettingsStore()
    secrets = secrets or SecretStore()
    settings = store.load().with_overrides(base_url=args.base_url, model=args.model)
    demo = None
    if args.demo:
        from desktop.loopback import LoopbackRealtimeServer

        demo = LoopbackRealtimeServer()
        settings = replace(settings, base_url=demo.start())
    running = assemble(
        settings,
        secrets,
        audio_factory,
        _saver(store, keep_base_url=demo is not None),
        files=AppFiles(Path(store.path), log_folder(), default_path()),
    )
    running.demo = demo
    window, controller = running.window, running.controller
    if demo is None:  # the demo is a check of the devices, not a conversation to keep
        keep_conversations(running)
    else:
        controller.use_key_for_this_run(DEMO_KEY)
        window.show_demo_note()
        announce_when_ready(controller)
    window.quit_requested.connect(QApplication.quit)
    window.show()
    window.enable_global_shortcut()
    if controller.has_key():
        window.start_conversation()
    else:
        window.show_missing_key()
    return running


def _change_desktop_entry(install: bool) -> int:
    """No window and no display needed: files under the XDG data folder, listed."""
    changed = desktop_entry.install() if install else desktop_entry.uninstall()
    for path in changed:
        print(path)  # noqa: T201 - the command's output
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    windows_console.borrow_parent_console()
    arguments = list(sys.argv[1:] if argv is None else argv)
    if arguments[:1] == ["export"]:  # no window, no display: a conversation to stdout
        from desktop.history import command as export_command

        return export_command.main(arguments[1:])
    args = parse_args(arguments)
    if args.install_desktop_entry or args.uninstall_desktop_entry:
        return _change_desktop_entry(install=args.install_desktop_entry)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    diagnostics = Diagnostics()
    for handler in logging.getLogger().handlers:  # the terminal's log is redacted too
        handler.addFilter(diagnostics.redactor)
        handler.setLevel(logging.WARNING)  # the terminal gets warnings; the log file more
    # websocket-client logs every dropped socket as an error; the window already says so.
    logging.getLogger("websocket").setLevel(logging.CRITICAL)
    running_app = QApplication.instance()
    app = running_app if isinstance(running_app, QApplication) else QApplication([sys.argv[0]])
    app.setApplicationName(appinfo.APP_NAME)
    app.setOrganizationName(appinfo.ORG_NAME)
    app.setApplicationDisplayName(appinfo.DISPLAY_NAME)
    app.setDesktopFileName(appinfo.APP_ID)
    app.setWindowIcon(app_icon())
    instance = SingleInstance(parent=app)
    if not instance.claim():
        return 0  # the running app shows its window instead
    install_translators(app, QLocale.system())
    collector = GuiThreadCollector(parent=app)
    failures = FailureBridge()  # no Qt parent: any thread may emit while the app runs
    diagnostics.start(failures.failed.emit)
    running = start(args)
    diagnostics.remember_secret(running.controller.key_in_use())
    # A key entered later in Settings is blanked from the moment a session could use it.
    running.controller.link_changed.connect(
        lambda _link: diagnostics.remember_secret(running.controller.key_in_use())
    )
    failures.failed.connect(
        lambda kind: running.window.show_failure_notice(kind, diagnostics.log_file)
    )
    if diagnostics.previous_crash is not None:
        running.window.show_crash_notice(diagnostics.previous_crash)
    instance.show_requested.connect(running.window.bring_back)
    code = app.exec()
    instance.release()
    running.stop()
    collector.stop()
    diagnostics.stop()
    return code
