"""The kept conversations as the window uses them: listed and searched, opened to go on
with, started anew, renamed, deleted (and brought back until the app quits), and their
turns' audio, where the archive kept it.

It joins the history (the store and the recorder writing into it) to the controller: to
go on with a past conversation, the recorder writes into it again and the next session is
told its lines, as a renewed session is.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timezone

from PySide6.QtCore import QObject, Signal

from desktop.controller import ConversationController
from desktop.history.audio_archive import AudioArchive
from desktop.history.recorder import Recorder
from desktop.history.store import (
    Conversation,
    HistoryStore,
    HistoryUnavailable,
    PeriodSpent,
    Spent,
    add_spent,
)
from desktop.realtime.budget import BudgetState, Level, level, parse_budget, period_start
from desktop.realtime.history import History, Line
from desktop.realtime.pricing import DEFAULT_CURRENCY, Cost
from desktop.realtime.session_events import (
    Role,
    TranscriptChange,
    TranscriptText,
    UsageReported,
)


@dataclass(frozen=True)
class Listed:
    id: str
    title: str
    updated: str
    model: str
    found: str = ""  # for a search: the line that matched


class Conversations(QObject):
    changed = Signal()
    """The list changed: a conversation began, was named, renamed, deleted or restored."""
    opened = Signal(object)
    """The Conversation now in the window (its turns), or None for a new, empty one."""
    turn_spent = Signal(str, object)
    """(item_id, Spent): what a response that made this line used and cost."""
    spent_changed = Signal(object)
    """Spent so far by the conversation in the window, or None while nothing was."""
    budget_changed = Signal(object)
    """A BudgetState whose level is new: most of the budget is spent, or all of it."""

    def __init__(
        self,
        store: HistoryStore,
        recorder: Recorder,
        controller: ConversationController,
        archive: AudioArchive | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._store = store
        self.archive = archive
        self._recorder = recorder
        self._controller = controller
        self._listed_current: str | None = None
        self.spent: Spent | None = None
        self._budget_level = Level.UNDER
        # After the recorder (connected first), so a new conversation is in the store.
        controller.transcript_changed.connect(self._on_controller_transcript_changed)
        controller.usage_reported.connect(self._on_controller_usage_reported)

    @property
    def current_id(self) -> str | None:
        return self._recorder.conversation_id

    def listed(self, query: str = "") -> list[Listed]:
        try:
            if not query.strip():
                return [
                    Listed(c.id, c.title, c.updated, c.model) for c in self._store.conversations()
                ]
            seen: dict[str, Listed] = {}
            for match in self._store.search(query):  # the best match of each, in order
                seen.setdefault(
                    match.conversation_id,
                    Listed(
                        match.conversation_id, match.title, match.updated, match.model, match.text
                    ),
                )
            return list(seen.values())
        except HistoryUnavailable:
            return []

    def open(self, conversation_id: str) -> None:
        if conversation_id == self.current_id:
            return
        kept = self._store.conversation(conversation_id)
        if kept is None:
            return
        lines = tuple(
            Line(turn.item_id, turn.role, turn.text, turn.interrupted) for turn in kept.turns
        )
        self._recorder.continue_conversation(conversation_id)
        self._listed_current = conversation_id
        self._controller.open_conversation(History(lines))
        self.opened.emit(kept)
        self._show_spent(kept.totals)

    def start_new(self) -> None:
        self._recorder.new_conversation()
        self._listed_current = None
        self._controller.open_conversation(History())
        self.opened.emit(None)
        self._show_spent(None)

    def rename(self, conversation_id: str, title: str) -> None:
        if title.strip():
            self._store.rename(conversation_id, title)
            self.changed.emit()

    def delete(self, conversation_id: str) -> None:
        """Hidden at once; `restore()` brings it back until the app quits."""
        if conversation_id == self.current_id:
            self.start_new()
        self._store.delete(conversation_id)
        self.changed.emit()

    def restore(self, conversation_id: str) -> None:
        self._store.restore(conversation_id)
        self.changed.emit()

    def conversation(self, conversation_id: str) -> Conversation | None:
        return self._store.conversation(conversation_id)

    def spent_by(self, period: str) -> list[PeriodSpent]:
        """Per day or month: "day", "month"."""
        try:
            return self._store.spent_by(period)
        except HistoryUnavailable:
            return []

    def has_audio(self, item_id: str) -> bool:
        """The line in the window (by its item id) has a clip to replay."""
        key = self._recorder.key_of(item_id)
        return self.archive is not None and key is not None and self.archive.has(key)

    def replay(self, item_id: str) -> None:
        key = self._recorder.key_of(item_id)
        if self.archive is not None and key is not None:
            self._controller.replay(self.archive.read(key))

    def _show_spent(self, spent: Spent | None) -> None:
        self.spent = spent
        self.spent_changed.emit(spent)

    def _on_controller_usage_reported(self, report: UsageReported) -> None:
        model = report.priced_as(self._controller.settings.model)
        spent = Spent(report.usage, self._recorder.price(model, report.usage))
        if report.item_ids:
            self.turn_spent.emit(report.item_ids[0], spent)
        self._show_spent(add_spent(self.spent, spent))
        state = self.budget_state()
        new_level = state.level if state is not None else Level.UNDER
        if state is not None and new_level is not self._budget_level:
            self.budget_changed.emit(state)
        self._budget_level = new_level

    def budget_state(self, now: datetime | None = None) -> BudgetState | None:
        """How much of the budget (Settings) this day or month has spent; None: no budget."""
        settings = self._controller.settings
        amount = parse_budget(settings.budget)
        if amount is None:
            return None
        currency = settings.currency or DEFAULT_CURRENCY
        since = period_start(settings.budget_period, now or datetime.now().astimezone())
        moment = since.astimezone(timezone.utc).isoformat(timespec="seconds")
        try:
            spent = self._store.spent_since(moment, currency)
        except HistoryUnavailable:
            return None
        return BudgetState(
            level(spent, amount),
            Cost(spent, currency),
            Cost(amount, currency),
            settings.budget_period,
            since,
        )

    def _on_controller_transcript_changed(self, change: TranscriptChange) -> None:
        began = self.current_id != self._listed_current
        named = isinstance(change, TranscriptText) and change.role is Role.USER and change.final
        if began or named:
            self._listed_current = self.current_id
            self.changed.emit()
