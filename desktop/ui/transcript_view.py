"""The conversation as it streams: bubbles in a list view over a TranscriptModel.

Who spoke is shown by side and colour and told to screen readers by each row's name; a
row's time is its tooltip. Ctrl+C (or a bubble's copy button) copies; Ctrl+A selects all;
a turn whose audio was kept plays again from its bubble's button or the context menu.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QAction, QContextMenuEvent, QGuiApplication, QKeyEvent, QKeySequence
from PySide6.QtWidgets import QAbstractItemView, QFrame, QListView, QMenu, QWidget

from desktop.history.store import Spent
from desktop.realtime.latency import TurnLatency
from desktop.realtime.session_events import TranscriptInterrupted, TranscriptText
from desktop.ui.bubble_delegate import BubbleDelegate
from desktop.ui.transcript_model import Bubble, Kind, TranscriptModel


class TranscriptView(QListView):
    replay_requested = Signal(str)
    """item_id: play this turn's kept audio again."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("transcript")
        self.setAccessibleName(self.tr("Conversation"))
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.model_ = TranscriptModel(self)
        self.setModel(self.model_)
        self.delegate = BubbleDelegate(self)
        self.delegate.copy_requested.connect(self._on_delegate_copy_requested)
        self.delegate.replay_requested.connect(self._on_delegate_replay_requested)
        self.setItemDelegate(self.delegate)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setMouseTracking(True)  # the copy button shows on the bubble under the mouse
        self.setWordWrap(True)
        self._follow_newest = True
        # New text grows the range; keep the newest line in view as it streams, unless the
        # user scrolled up to read.
        self.verticalScrollBar().rangeChanged.connect(self._on_scrollbar_range_changed)
        self.verticalScrollBar().valueChanged.connect(self._on_scrollbar_value_changed)
        copy = QAction(self.tr("Copy"), self)
        copy.setShortcut(QKeySequence.StandardKey.Copy)
        copy.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        copy.triggered.connect(self.copy_selected)
        self.addAction(copy)
        self._copy_action = copy

    def offer_replay(self, has_audio: Callable[[str], bool]) -> None:
        """Turns for which `has_audio(item_id)` get a play button."""
        self.delegate.has_audio = has_audio

    def apply(
        self, change: TranscriptText | TranscriptInterrupted, at: datetime | None = None
    ) -> None:
        self.model_.apply(change, at)

    def show_spent(self, item_id: str, spent: Spent) -> None:
        """What the answer used and cost: on hover, and in its accessible description."""
        self.model_.show_spent(item_id, spent)

    def show_latency(self, item_id: str, latency: TurnLatency) -> None:
        """Where a voice turn's time went: drawn on hover, said in the description."""
        self.model_.show_latency(item_id, latency)

    def add_note(self, text: str) -> None:
        """A line that is not part of the conversation (seams, demo notices)."""
        self.model_.add_note(text)

    def clear_conversation(self) -> None:
        """Empty, for a new conversation or before showing a kept one."""
        self.model_.clear()
        self.delegate.forget_layouts()
        self._follow_newest = True

    def bubbles(self) -> list[Bubble]:
        return [b for b in self.model_.bubbles() if b.kind is not Kind.NOTE]

    def texts(self) -> list[str]:
        """Each turn as a screen reader names it ("You: …", "Assistant: …"), in order."""
        return [self.model_.spoken_text(b) for b in self.bubbles()]

    def notes(self) -> list[str]:
        """The lines between the conversation's (seams, notices), in order."""
        return [b.text for b in self.model_.bubbles() if b.kind is Kind.NOTE]

    def copy_selected(self) -> None:
        rows = sorted(index.row() for index in self.selectionModel().selectedIndexes())
        self._copy_rows(rows)

    def _copy_rows(self, rows: list[int]) -> None:
        bubbles = self.model_.bubbles()
        chosen = [bubbles[row] for row in rows]
        if len(chosen) == 1:
            text = self.model_.shown_text(chosen[0])
        else:  # several turns: who said what, as in a chat export
            text = "\n\n".join(self.model_.spoken_text(b) for b in chosen)
        if text:
            QGuiApplication.clipboard().setText(text)

    def _on_delegate_copy_requested(self, row: int) -> None:
        self._copy_rows([row])

    def _on_delegate_replay_requested(self, row: int) -> None:
        self.replay_requested.emit(self.model_.bubbles()[row].item_id)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # The item view would copy the current row's text alone, without who said it.
        if event.matches(QKeySequence.StandardKey.Copy):
            self.copy_selected()
            return
        super().keyPressEvent(event)

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        # From the keyboard (the Menu key, Shift+F10) the menu is for the current turn.
        keyboard = event.reason() == QContextMenuEvent.Reason.Keyboard
        index = self.currentIndex() if keyboard else self.indexAt(event.pos())
        if index.isValid() and not self.selectionModel().isSelected(index):
            self.setCurrentIndex(index)
        menu = QMenu(self)
        menu.addAction(self._copy_action)
        bubble = self.model_.bubbles()[index.row()] if index.isValid() else None
        if bubble is not None and self.delegate.replayable(bubble):
            play = menu.addAction(self.tr("Play again"))
            play.triggered.connect(lambda: self.replay_requested.emit(bubble.item_id))
        select_all = menu.addAction(self.tr("Select all"))
        select_all.triggered.connect(self.selectAll)
        where = event.globalPos()
        if keyboard and index.isValid():
            where = self.viewport().mapToGlobal(self.visualRect(index).center())
        menu.exec(where)

    def dataChanged(
        self,
        top_left: QModelIndex | QPersistentModelIndex,
        bottom_right: QModelIndex | QPersistentModelIndex,
        roles: Sequence[int] = (),
    ) -> None:
        # QListView lays every row out again on any change, which costs a Python call per
        # bubble. Most new words of a streaming answer only fill its last line: then the
        # item view's own handling (a repaint of the row, and what screen readers are
        # told) is enough, and the rows are laid out only when a bubble's height changes.
        rows = range(top_left.row(), bottom_right.row() + 1)
        model = self.model()
        if any(self.delegate.height_changed(model.index(row, 0)) for row in rows):
            super().dataChanged(top_left, bottom_right, roles)
            self.scheduleDelayedItemsLayout()  # its row grows (the view caches row sizes)
        else:
            QAbstractItemView.dataChanged(self, top_left, bottom_right, roles)

    def _on_scrollbar_value_changed(self, value: int) -> None:
        self._follow_newest = value >= self.verticalScrollBar().maximum() - 4

    def _on_scrollbar_range_changed(self, _low: int, high: int) -> None:
        if self._follow_newest:
            self.verticalScrollBar().setValue(high)
