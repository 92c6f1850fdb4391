"""The conversation on screen as a list model: one row per turn or note.

A model rather than a widget per line: an hour of conversation is a list of small
records, a streamed delta changes one row, and screen readers get each turn as an item
whose name says who spoke.
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from datetime import datetime
from enum import Enum

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimer,
)

from desktop.history.store import Spent, add_spent
from desktop.realtime.heard import split_heard
from desktop.realtime.latency import TurnLatency
from desktop.realtime.session_events import Role, TranscriptInterrupted, TranscriptText
from desktop.ui import waterfall
from desktop.ui.formatting import spent_text

BUBBLE_ROLE = Qt.ItemDataRole.UserRole + 1
_Index = QModelIndex | QPersistentModelIndex
FRAME_MS = 16  # changes reach the views at most once a frame: deltas can come by thousands


class Kind(Enum):
    USER = "user"
    ASSISTANT = "assistant"
    NOTE = "note"  # not part of the conversation: seams, notices


@dataclass
class Bubble:
    kind: Kind
    text: str
    at: datetime = field(default_factory=lambda: datetime.now().astimezone())
    item_id: str = ""
    final: bool = False
    interrupted: bool = False
    unasked: bool = False
    typed: bool = False
    spent: Spent | None = None  # what the answer (or transcribing the user) used and cost
    heard_chars: int | None = None  # interrupted: how much of the text was heard, if known
    latency: TurnLatency | None = None  # an answer to a voice turn: where its time went
    revision: int = 0  # grows with every change, so a cached layout knows it is stale


class TranscriptModel(QAbstractListModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._bubbles: list[Bubble] = []
        self._rows: dict[str, int] = {}  # item id → row
        # Cut off before its first words arrived (the audio comes ahead of the transcript):
        # the line is marked when it appears.
        self._cut_early: dict[str, int | None] = {}  # item id → how much was heard
        self._spent_early: dict[str, Spent] = {}  # reported before the line appeared
        self._latency_early: dict[str, TurnLatency] = {}  # timed before the line appeared
        self._changed_rows: set[int] = set()
        self._frame = QTimer(self)
        self._frame.setSingleShot(True)
        self._frame.setInterval(FRAME_MS)
        self._frame.timeout.connect(self._on_frame_timeout)

    # ---- changes --------------------------------------------------------------------------

    def apply(self, change: TranscriptText | TranscriptInterrupted, at: datetime | None) -> None:
        row = self._rows.get(change.item_id)
        if isinstance(change, TranscriptInterrupted):
            if row is not None:
                self._bubbles[row].interrupted = True
                self._bubbles[row].heard_chars = change.heard_chars
                self._changed(row)
            else:
                self._cut_early[change.item_id] = change.heard_chars
            return
        if row is None:
            kind = Kind.USER if change.role is Role.USER else Kind.ASSISTANT
            bubble = Bubble(kind, "", item_id=change.item_id)
            if change.item_id in self._cut_early:
                bubble.heard_chars = self._cut_early.pop(change.item_id)
                bubble.interrupted = True
            bubble.spent = self._spent_early.pop(change.item_id, None)
            bubble.latency = self._latency_early.pop(change.item_id, None)
            if at is not None:
                bubble.at = at
            row = self._append(bubble)
            self._rows[change.item_id] = row
        bubble = self._bubbles[row]
        bubble.text = bubble.text + change.text if change.append else change.text
        bubble.final = bubble.final or change.final
        bubble.unasked = bubble.unasked or change.unasked
        bubble.typed = bubble.typed or change.typed
        self._changed(row)

    def show_spent(self, item_id: str, spent: Spent) -> None:
        """A response's usage and cost, on the answer it made (summed if it made it over
        several responses)."""
        row = self._rows.get(item_id)
        if row is None:
            self._spent_early[item_id] = add_spent(self._spent_early.get(item_id), spent)
            return
        bubble = self._bubbles[row]
        bubble.spent = add_spent(bubble.spent, spent)
        self._changed(row)

    def show_latency(self, item_id: str, latency: TurnLatency) -> None:
        """Where the time went before the answer was heard."""
        row = self._rows.get(item_id)
        if row is None:
            self._latency_early[item_id] = latency
            return
        self._bubbles[row].latency = latency
        self._changed(row)

    def add_note(self, text: str) -> None:
        self._append(Bubble(Kind.NOTE, text, final=True))

    def clear(self) -> None:
        self.beginResetModel()
        self._changed_rows.clear()
        self._bubbles.clear()
        self._rows.clear()
        self._cut_early.clear()
        self._spent_early.clear()
        self._latency_early.clear()
        self.endResetModel()

    def bubbles(self) -> list[Bubble]:
        return list(self._bubbles)

    def _append(self, bubble: Bubble) -> int:
        row = len(self._bubbles)
        self.beginInsertRows(QModelIndex(), row, row)
        self._bubbles.append(bubble)
        self.endInsertRows()
        return row

    def _changed(self, row: int) -> None:
        self._bubbles[row].revision += 1
        self._changed_rows.add(row)
        if not self._frame.isActive():
            self._frame.start()

    def _on_frame_timeout(self) -> None:
        rows, self._changed_rows = self._changed_rows, set()
        for row in sorted(rows):
            index = self.index(row)
            self.dataChanged.emit(index, index)

    # ---- what views read ------------------------------------------------------------------

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._bubbles)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._bubbles):
            return None
        bubble = self._bubbles[index.row()]
        if role == BUBBLE_ROLE:
            return bubble
        if role == Qt.ItemDataRole.DisplayRole:
            return self.shown_text(bubble)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return self.spoken_text(bubble)
        if role == Qt.ItemDataRole.ToolTipRole:
            return None if bubble.kind is Kind.NOTE else self.tooltip(bubble)
        if role == Qt.ItemDataRole.AccessibleDescriptionRole:
            return self.description(bubble)
        return None

    def spoken_text(self, bubble: Bubble) -> str:
        """What a screen reader says for the row: who, then what (and what became of it)."""
        body = self.shown_text(bubble)
        if bubble.kind is Kind.USER:
            who = self.tr("You")
        elif bubble.kind is Kind.ASSISTANT:
            # A relay that starts answers of its own: the user should know they did not ask.
            who = self.tr("Assistant (not asked for)") if bubble.unasked else self.tr("Assistant")
        else:
            return bubble.text
        spoken = f"{who}: {body}"
        if bubble.interrupted:
            spoken += " " + self.tr("(interrupted)")
        return spoken

    def unheard(self, bubble: Bubble) -> str:
        """The part of an interrupted answer the user never heard ("" if none or unknown)."""
        if not bubble.interrupted or bubble.heard_chars is None:
            return ""
        return split_heard(bubble.text, bubble.heard_chars)[1]

    def description(self, bubble: Bubble) -> str | None:
        """What a screen reader adds on request: what was not heard, what it cost."""
        parts = []
        if unheard := self.unheard(bubble).strip():
            parts.append(self.tr("Not heard: {0}").format(unheard))
        if bubble.spent is not None:
            parts.append(spent_text(bubble.spent))
        if bubble.latency is not None:
            parts.append(waterfall.spoken(bubble.latency))
        return " · ".join(parts) or None

    def shown_text(self, bubble: Bubble) -> str:
        """The words in the bubble (no name: alignment and colour say who)."""
        if bubble.text or bubble.kind is Kind.NOTE:
            return bubble.text
        if bubble.kind is Kind.USER and bubble.final:
            return self.tr("(not transcribed)")
        return "…"

    def time_text(self, bubble: Bubble) -> str:
        moment = bubble.at.strftime("%Y-%m-%d %H:%M:%S")
        if bubble.kind is Kind.USER:
            how = self.tr("typed") if bubble.typed else self.tr("spoken")
            moment = f"{moment} · {how}"
        if bubble.spent is not None:  # an answer's, or what transcribing a spoken turn cost
            return f"{moment}\n{spent_text(bubble.spent)}"
        return moment

    def tooltip(self, bubble: Bubble) -> str:
        """The time (and cost) of a turn; an answer to a voice turn draws its waterfall."""
        shown = self.time_text(bubble)
        if bubble.latency is None or not bubble.latency.bars():
            return shown
        lines = "<br>".join(html.escape(line) for line in shown.splitlines())
        return f"<p>{lines}</p>{waterfall.chart_html(bubble.latency)}"
