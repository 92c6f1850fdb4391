"""The sidebar at work: it lists and searches the kept conversations, opens one in the
transcript to go on with it, starts a new one, and undoes a delete; kept audio plays again
from the transcript."""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QPushButton, QSplitter

from desktop.conversations import Conversations
from desktop.history.audio_archive import AudioArchive
from desktop.history.store import Conversation, Spent
from desktop.realtime.session_events import Role, TranscriptInterrupted, TranscriptText
from desktop.ui.conversation_list import ConversationList
from desktop.ui.formatting import local_time
from desktop.ui.menus import ExportDialog, export_action
from desktop.ui.transcript_view import TranscriptView
from desktop.ui.usage_view import UsageView

UNDO_MS = 10_000
SIDEBAR_WIDTH = 200


class HistoryPane(QObject):
    def __init__(
        self,
        window: QMainWindow,
        splitter: QSplitter,
        transcript: TranscriptView,
        conversations: Conversations,
    ) -> None:
        super().__init__(window)
        self._window = window
        self._transcript = transcript
        self._conversations = conversations
        self._deleted: str | None = None
        self.export_dialog: ExportDialog | None = None
        self.usage_view: UsageView | None = None  # made when first asked for
        self.sidebar = ConversationList()
        splitter.insertWidget(0, self.sidebar)
        splitter.setCollapsible(1, False)
        splitter.setStretchFactor(0, 0)  # the conversation takes what the window gains
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([SIDEBAR_WIDTH, max(window.width() - SIDEBAR_WIDTH, 360)])
        self.undo_button = QPushButton(self.tr("Undo"))
        self.undo_button.setObjectName("undoDelete")
        self.undo_button.hide()
        self.undo_button.clicked.connect(self.undo_delete)
        window.statusBar().addWidget(self.undo_button)
        self._undo_timer = QTimer(self)
        self._undo_timer.setSingleShot(True)
        self._undo_timer.setInterval(UNDO_MS)
        self._undo_timer.timeout.connect(self._on_undo_timer_timeout)
        self.actions = self._build_actions()
        self.sidebar.open_requested.connect(conversations.open)
        self.sidebar.new_requested.connect(conversations.start_new)
        self.sidebar.rename_requested.connect(conversations.rename)
        self.sidebar.delete_requested.connect(self.delete)
        self.sidebar.search_changed.connect(self._on_sidebar_search_changed)
        transcript.offer_replay(conversations.has_audio)
        transcript.replay_requested.connect(conversations.replay)
        conversations.turn_spent.connect(transcript.show_spent)
        conversations.changed.connect(self.refresh)
        conversations.opened.connect(self._on_conversations_opened)
        self.refresh()

    def _build_actions(self) -> dict[str, QAction]:
        made = {}
        for name, text, keys, slot in (
            ("new", self.tr("New conversation"), QKeySequence.StandardKey.New, self.start_new),
            ("find", self.tr("Find…"), QKeySequence.StandardKey.Find, self.find),
            ("undo", self.tr("Undo delete"), QKeySequence.StandardKey.Undo, self.undo_delete),
            ("sidebar", self.tr("Conversations"), QKeySequence(Qt.Key.Key_F9), self.toggle),
        ):
            action = QAction(text, self._window)
            action.setShortcut(QKeySequence(keys))
            action.triggered.connect(slot)
            self._window.addAction(action)
            made[name] = action
        made["usage"] = QAction(self.tr("Usage"), self._window)
        made["usage"].triggered.connect(self.show_usage)
        self._window.addAction(made["usage"])
        made["sidebar"].setCheckable(True)
        made["sidebar"].setChecked(True)
        made["export"] = export_action(self._window, self.export_current)
        self._window.addAction(made["export"])
        return made

    @property
    def archive(self) -> AudioArchive | None:
        return self._conversations.archive

    def export_current(self) -> None:
        """The conversation in the window, to a file the user chooses."""
        current = self._conversations.current_id
        kept = self._conversations.conversation(current) if current else None
        if kept is None or not kept.turns:
            self._window.statusBar().showMessage(self.tr("Nothing to export yet."), UNDO_MS)
            return
        self.export_dialog = ExportDialog(kept, self._window, self.archive)
        self.export_dialog.open()

    def show_usage(self) -> None:
        if self.usage_view is None:
            self.usage_view = UsageView(self._conversations.spent_by, self._window)
            view = self.usage_view
            self._conversations.turn_spent.connect(lambda *_: view.refresh())
        self.usage_view.show()
        self.usage_view.raise_()
        self.usage_view.refresh()

    def refresh(self) -> None:
        listed = self._conversations.listed(self.sidebar.search_field.text())
        self.sidebar.show_conversations(listed, self._conversations.current_id)

    def start_new(self) -> None:
        self._conversations.start_new()

    def find(self) -> None:
        self.sidebar.show()
        self.actions["sidebar"].setChecked(True)
        self.sidebar.focus_search()

    def toggle(self) -> None:
        self.sidebar.setVisible(not self.sidebar.isVisible())
        self.actions["sidebar"].setChecked(self.sidebar.isVisible())

    def delete(self, conversation_id: str) -> None:
        self._conversations.delete(conversation_id)
        self._deleted = conversation_id
        self._window.statusBar().showMessage(self.tr("Conversation deleted."), UNDO_MS)
        self.undo_button.show()
        self._undo_timer.start()

    def undo_delete(self) -> None:
        if self._deleted is None:
            return
        self._conversations.restore(self._deleted)
        self._deleted = None
        self._on_undo_timer_timeout()
        self._window.statusBar().clearMessage()

    def _on_undo_timer_timeout(self) -> None:
        self.undo_button.hide()
        self._deleted = None

    def _on_sidebar_search_changed(self, _text: str) -> None:
        self.refresh()

    def _on_conversations_opened(self, kept: Conversation | None) -> None:
        self._transcript.clear_conversation()
        if kept is not None:
            for turn in kept.turns:
                role = Role.USER if turn.role == Role.USER.value else Role.ASSISTANT
                shown = TranscriptText(
                    role, turn.item_id, turn.text, append=False, final=True, unasked=turn.unasked
                )
                self._transcript.apply(shown)
                if turn.interrupted:
                    self._transcript.apply(TranscriptInterrupted(turn.item_id, turn.heard_chars))
                if turn.usage is not None:
                    self._transcript.show_spent(turn.item_id, Spent(turn.usage, turn.cost))
                if turn.latency is not None:
                    self._transcript.show_latency(turn.item_id, turn.latency)
            self._transcript.add_note(
                self.tr("Kept from {0}. Hold Talk to go on with this conversation.").format(
                    local_time(kept.updated)
                )
            )
        self.refresh()
