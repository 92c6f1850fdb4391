"""The window: model picker, connection state, transcript, problems, and the Talk button."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent, QGuiApplication
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QPushButton,
    QSplitter,
    QSystemTrayIcon,
    QVBoxLayout,
    QWidget,
)

from desktop import appinfo
from desktop.config import SecretStore, Settings, SettingsStore
from desktop.controller import ConversationController
from desktop.conversations import Conversations
from desktop.diagnostics import log_folder
from desktop.history import store as history_store
from desktop.input.key_state import key_state_for
from desktop.input.shortcut import Unavailable
from desktop.push_to_talk import PushToTalk
from desktop.realtime.latency import TurnTimed
from desktop.realtime.problems import Problem, ProblemKind
from desktop.realtime.session_events import Hint, Link
from desktop.relay_checks import RelayChecks
from desktop.ui import messages, theme
from desktop.ui.about_dialog import AboutDialog, AppFiles
from desktop.ui.budget_guard import BudgetGuard
from desktop.ui.close_question import ask_keep_running_in_tray
from desktop.ui.composer import Composer
from desktop.ui.diagnostics_view import DiagnosticsView
from desktop.ui.event_inspector import EventInspector
from desktop.ui.history_pane import HistoryPane
from desktop.ui.level_meter import LevelMeter, MeterPolling
from desktop.ui.menus import fill_menu_bar, window_actions
from desktop.ui.model_bar import ModelBar
from desktop.ui.model_choice import ModelChoice
from desktop.ui.problem_banner import ProblemBanner
from desktop.ui.settings_dialog import SettingsDialog
from desktop.ui.status_panel import StatusPanel
from desktop.ui.style import set_style_property
from desktop.ui.talk_keys import TalkKeys
from desktop.ui.transcript_view import TranscriptView
from desktop.ui.tray import TrayIcon, tray_state

_SETTINGS_PROBLEMS = {
    ProblemKind.BAD_KEY,
    ProblemKind.NOT_ALLOWED,
    ProblemKind.REFUSED,
    ProblemKind.NO_SESSION,
    ProblemKind.MISSING_KEY,
    ProblemKind.WRONG_ADDRESS,
    ProblemKind.UNKNOWN_MODEL,
    ProblemKind.INVALID_SETTINGS,
    ProblemKind.UNTRUSTED_CERTIFICATE,
}
HINT_MS = 5000
NOTICE_MS = 15000
STATS_EVERY_TICKS = 5  # four times a second: numbers people read, not watch


class MainWindow(QMainWindow):
    quit_requested = Signal()

    def __init__(
        self,
        controller: ConversationController,
        relay_checks: RelayChecks,
        secrets: SecretStore,
        save_settings: Callable[[Settings], None],
        push_to_talk: PushToTalk | None = None,
        tray_available: bool | None = None,
        files: AppFiles | None = None,
    ) -> None:
        super().__init__()
        self._controller = controller
        self._relay_checks = relay_checks
        self._files = files
        self.about_dialog: AboutDialog | None = None
        self._secrets = secrets
        self._save_settings = save_settings
        platform_name = QGuiApplication.platformName()
        self.push_to_talk = push_to_talk or PushToTalk(
            controller.press_talk,
            controller.release_talk,
            key_state_for(platform_name),
            platform_name,
            parent=self,
        )
        self.push_to_talk.hold_limit_reached.connect(self._on_push_to_talk_hold_limit_reached)
        self.push_to_talk.shortcut_lost.connect(self._on_push_to_talk_shortcut_lost)
        self._global_shortcut_enabled = False
        self.setWindowTitle(appinfo.DISPLAY_NAME)
        self.resize(660, 640)  # wide enough for the header in every language
        self.model_bar = self._build_model_bar()
        self.banner = ProblemBanner()
        self.banner.reconnect_requested.connect(controller.connect_session)
        self.banner.settings_requested.connect(self.open_settings)
        self.transcript = TranscriptView()
        self.composer = Composer()
        self.composer.sent.connect(self._on_composer_sent)
        self.composer.left.connect(self._on_composer_left)
        self.talk_button = self._build_talk_button()
        self._show_talking(False)
        self.input_meter = LevelMeter(controller.input_level)
        self.input_meter.setToolTip(self.tr("Microphone level"))
        self.output_meter = LevelMeter(controller.output_level)
        self.output_meter.setToolTip(self.tr("Speaker level"))
        self._central = self._build_layout()
        self.history_pane: HistoryPane | None = None
        self.use_appearance(controller.settings.appearance)
        QGuiApplication.styleHints().colorSchemeChanged.connect(
            self._on_system_color_scheme_changed
        )
        # The conversation column, and the kept conversations beside it once there are any.
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setChildrenCollapsible(True)
        self.splitter.addWidget(self._central)
        self.setCentralWidget(self.splitter)
        self.status_panel = StatusPanel()
        self.diagnostics: DiagnosticsView | None = None  # made when first asked for
        self.events: EventInspector | None = None  # the same
        self.statusBar().addPermanentWidget(self.status_panel)
        # Meters poll while sound may flow: the audio callbacks never signal the GUI.
        self._meter_ticks = 0
        self.meters = MeterPolling((self.input_meter, self.output_meter), self)
        self.meters.ticked.connect(self._on_meters_ticked)
        self._listen_to(controller)
        self._quitting = False
        self._tray_available = (
            QSystemTrayIcon.isSystemTrayAvailable() if tray_available is None else tray_available
        )
        self.tray = self._build_tray()
        self._talk_keys = TalkKeys(self, self.push_to_talk)
        self.menu_actions = window_actions(
            self,
            open_settings=self.open_settings,
            show_about=self.show_about,
            quit_app=self.quit,
            type_message=self.composer.focus,
            show_diagnostics=self.show_diagnostics,
            show_events=self.show_events,
        )
        fill_menu_bar(self.menuBar(), self.menu_actions)

    def _build_model_bar(self) -> ModelBar:
        settings = self._controller.settings
        bar = ModelBar(settings.model, settings.voice, settings.model_list())
        bar.show_link(self._controller.link)
        bar.model_chosen.connect(self._on_model_bar_model_chosen)
        bar.settings_requested.connect(self.open_settings)
        self._model_choice = ModelChoice(
            self._controller, self._relay_checks, bar, self._apply, self
        )
        return bar

    def _build_talk_button(self) -> QPushButton:
        button = QPushButton()
        button.setObjectName("talkButton")
        button.setMinimumHeight(64)
        # Space is handled by the window; a focused button would also click on Space.
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        button.pressed.connect(self.push_to_talk.button_pressed)
        button.released.connect(self.push_to_talk.button_released)
        return button

    def _build_layout(self) -> QWidget:
        meters = QHBoxLayout()
        meters.addWidget(QLabel(self.tr("Mic")))
        meters.addWidget(self.input_meter, 1)
        meters.addWidget(QLabel(self.tr("Speaker")))
        meters.addWidget(self.output_meter, 1)
        central = QWidget()
        central.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        layout = QVBoxLayout(central)
        layout.addWidget(self.model_bar)
        layout.addWidget(self.banner)
        layout.addWidget(self.transcript, 1)
        layout.addWidget(self.composer)
        layout.addLayout(meters)
        layout.addWidget(self.talk_button)
        return central

    def _listen_to(self, controller: ConversationController) -> None:
        controller.link_changed.connect(self._on_controller_link_changed)
        controller.transcript_changed.connect(self.transcript.apply)
        # Sound may flow: a turn, an answer coming in, a replay or a cue.
        controller.transcript_changed.connect(self._on_controller_sound_may_flow)
        controller.talking_changed.connect(self._on_controller_sound_may_flow)
        controller.sound_queued.connect(self._on_controller_sound_may_flow)
        controller.problem_raised.connect(self._on_controller_problem_raised)
        controller.hint_shown.connect(self._on_controller_hint_shown)
        controller.talking_changed.connect(self._on_controller_talking_changed)
        controller.session_renewed.connect(self._on_controller_session_renewed)
        controller.turn_timed.connect(self._on_controller_turn_timed)

    def _build_tray(self) -> TrayIcon:
        tray = TrayIcon(QApplication.windowIcon(), self)
        tray.talk_triggered.connect(self.push_to_talk.toggle)
        tray.show_requested.connect(self.bring_back)
        tray.about_requested.connect(self.show_about)
        tray.quit_requested.connect(self.quit)
        if self._tray_available:
            tray.show()
        return tray

    # ---- controller → window --------------------------------------------------------------

    def _on_controller_link_changed(self, link: Link) -> None:
        self.model_bar.show_link(link)
        self._show_tray_state()
        if link in (Link.READY, Link.CONNECTING):
            self.banner.hide()

    def _on_controller_problem_raised(self, problem: Problem) -> None:
        link = self._controller.link
        self.banner.show_problem(
            messages.problem_text(problem),
            can_reconnect=link in (Link.LOST, Link.FAILED)
            and problem.kind is not ProblemKind.MISSING_KEY,
            needs_settings=problem.kind in _SETTINGS_PROBLEMS,
        )

    def use_conversations(self, conversations: Conversations) -> None:
        """The kept conversations in a sidebar: search, open to go on, new, rename, delete."""
        self.resize(max(self.width(), 780), self.height())
        self.history_pane = HistoryPane(self, self.splitter, self.transcript, conversations)
        conversations.spent_changed.connect(self.model_bar.show_spent)
        self.budget_guard = BudgetGuard(self, conversations, self._controller)
        self.menu_actions |= self.history_pane.actions
        fill_menu_bar(self.menuBar(), self.menu_actions)

    def show_demo_note(self) -> None:
        self.transcript.add_note(
            self.tr("Demo: hold Space, say something, let go — you should hear yourself.")
        )

    def show_missing_key(self) -> None:
        self._on_controller_problem_raised(Problem(ProblemKind.MISSING_KEY))

    def _on_controller_sound_may_flow(self, *_: object) -> None:
        self.meters.wake()

    def _on_meters_ticked(self) -> None:
        self._meter_ticks += 1
        if self._meter_ticks % STATS_EVERY_TICKS == 0 or not self.meters.active:
            if self.diagnostics is not None and self.diagnostics.isVisible():
                self.diagnostics.show_buffer(self._controller.playback_stats())
                self.meters.wake()  # its figures are read while it is open
            self._show_tray_state()

    def _on_controller_turn_timed(self, timed: TurnTimed) -> None:
        if timed.item_id is not None:
            self.transcript.show_latency(timed.item_id, timed.latency)
        if self.diagnostics is not None and self.diagnostics.isVisible():
            self.diagnostics.show_latency(self._controller.latency_summary())

    def _on_controller_session_renewed(self, lines_carried: int) -> None:
        self.transcript.add_note(messages.renewal_note(lines_carried))

    def _on_controller_hint_shown(self, hint: Hint) -> None:
        self.statusBar().showMessage(messages.hint_text(hint), HINT_MS)

    def show_failure_notice(self, kind: str, log_file: Path) -> None:
        """Something failed inside the app; it goes on, and says where the details are."""
        self.statusBar().showMessage(messages.failure_text(kind), NOTICE_MS)
        self.status_panel.offer_log(log_file)

    def show_crash_notice(self, crash_log: Path) -> None:
        self.transcript.add_note(messages.crashed_last_time_text())
        self.status_panel.offer_log(crash_log)

    def _on_push_to_talk_hold_limit_reached(self) -> None:
        self.statusBar().showMessage(messages.hold_limit_text(), HINT_MS)

    def _on_controller_talking_changed(self, talking: bool) -> None:
        self._show_talking(talking)
        self._show_tray_state()
        if self._controller.settings.turn_sounds and (not self.isVisible() or self.isMinimized()):
            self._controller.play_turn_cue(started=talking)

    def _show_tray_state(self) -> None:
        controller = self._controller
        self.tray.show_state(
            tray_state(controller.talking, controller.link, controller.output_level())
        )

    def _show_talking(self, talking: bool) -> None:
        self.talk_button.setText(
            self.tr("Listening… release to send") if talking else self.tr("Hold to talk (Space)")
        )
        set_style_property(self.talk_button, "talking", talking)

    # ---- user → settings ------------------------------------------------------------------

    def use_appearance(self, appearance: str) -> None:
        """Light, dark, or the system's scheme; the icons are redrawn in the new colours."""
        self.setStyleSheet(theme.stylesheet(theme.apply_appearance(appearance)))
        self.model_bar.use_icons()
        if self.history_pane is not None:
            self.history_pane.sidebar.use_icons()
        self.transcript.viewport().update()

    def _on_system_color_scheme_changed(self, _scheme: Qt.ColorScheme) -> None:
        if self._controller.settings.appearance == "system":
            self.use_appearance("system")

    def start_conversation(self) -> None:
        """Connect (on first use, with a model the relay offers)."""
        self._model_choice.start_conversation()

    def _on_composer_sent(self, text: str, text_only: bool) -> None:
        if not self._controller.send_text(text, text_only):
            self.composer.put_back(text)  # it waits, unsent, for the user's answer

    def _on_composer_left(self) -> None:
        self._central.setFocus()  # so Space talks again

    def _on_model_bar_model_chosen(self, _model: str) -> None:
        self._central.setFocus()  # so Space talks again instead of typing

    def open_settings(self) -> None:
        inputs, outputs = self._controller.device_names()
        dialog = SettingsDialog(
            self._controller.settings,
            self._secrets,
            inputs,
            outputs,
            self._relay_checks,
            self,
            shortcut_problem=self.push_to_talk.shortcut_problem,
            audio_archive=self.history_pane.archive if self.history_pane else None,
        )
        dialog.about_requested.connect(self.show_about)
        if dialog.exec() != SettingsDialog.DialogCode.Accepted:
            return
        if dialog.key_for_this_run():
            self._controller.use_key_for_this_run(dialog.key_for_this_run())
        self.model_bar.set_model(dialog.settings().model)
        self._apply(dialog.settings(), reconnect=True)

    def show_diagnostics(self) -> None:
        if self.diagnostics is None:
            self.diagnostics = DiagnosticsView(self)
        self.diagnostics.show_buffer(self._controller.playback_stats())
        self.diagnostics.show_latency(self._controller.latency_summary())
        self.diagnostics.show()
        self.meters.wake()
        self.diagnostics.raise_()

    def show_events(self) -> None:
        """The event inspector; it records from now on, while it is open."""
        if self.events is None:
            self.events = EventInspector(self._controller.event_log, self)
        self.events.show()
        self.events.raise_()

    def show_about(self) -> None:
        files = self._files or AppFiles(
            Path(SettingsStore().path), log_folder(), history_store.default_path()
        )
        self.about_dialog = AboutDialog(files, self)
        self.about_dialog.open()

    def enable_global_shortcut(self) -> None:
        """Listen for the shortcut from Settings while other apps have focus."""
        self._global_shortcut_enabled = True
        self._use_global_shortcut(self._controller.settings.global_shortcut)

    def _use_global_shortcut(self, shortcut: str) -> None:
        problem = self.push_to_talk.use_shortcut(shortcut)
        if problem is not None:
            self.statusBar().showMessage(messages.shortcut_problem_text(problem, shortcut))

    def _on_push_to_talk_shortcut_lost(self, problem: Unavailable) -> None:
        shortcut = self._controller.settings.global_shortcut
        self.statusBar().showMessage(messages.shortcut_problem_text(problem, shortcut))

    def _apply(self, settings: Settings, reconnect: bool = False) -> None:
        self._save_settings(settings)
        before = self._controller.settings
        shortcut_changed = settings.global_shortcut != before.global_shortcut
        self._controller.apply_settings(settings)
        if settings.appearance != before.appearance:
            self.use_appearance(settings.appearance)
        self.model_bar.show_voice(settings.voice)
        if self._global_shortcut_enabled and shortcut_changed:
            self._use_global_shortcut(settings.global_shortcut)
        if reconnect and self._controller.link in (Link.OFFLINE, Link.FAILED, Link.LOST):
            self.start_conversation()

    # ---- window, tray and quitting --------------------------------------------------------

    def bring_back(self) -> None:
        self.showNormal()
        self.raise_()
        self.activateWindow()

    def quit(self) -> None:
        """Close for good, tray or not (the app quits when quit_requested is emitted)."""
        self._quitting = True
        self.close()
        self.quit_requested.emit()

    def _keeps_running_in_tray(self) -> bool:
        """Asked once, the first time the window is closed; the answer is remembered."""
        choice = self._controller.settings.close_to_tray
        if not choice:
            choice = "tray" if ask_keep_running_in_tray(self) else "quit"
            self._apply(replace(self._controller.settings, close_to_tray=choice))
        return choice == "tray"

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self._quitting and self._tray_available and self._keeps_running_in_tray():
            event.ignore()
            self.hide()
            return
        self.tray.hide()
        self._talk_keys.remove()
        self.push_to_talk.stop()
        self._controller.shutdown()
        self._relay_checks.join()
        super().closeEvent(event)
