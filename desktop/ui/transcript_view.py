"""The conversation as it streams: one frame per item in a single text document.

A document rather than a label per line: an hour of conversation costs a few hundred
kilobytes instead of tens of megabytes of widgets, and the whole transcript can be
selected and copied at once.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import (
    QColor,
    QTextCharFormat,
    QTextCursor,
    QTextFrame,
    QTextFrameFormat,
)
from PySide6.QtWidgets import QFrame, QTextBrowser, QWidget

from desktop.realtime.session_events import Role, TranscriptInterrupted, TranscriptText

_BUBBLE_INDENT = 56  # px: the user's lines lean right, the assistant's left
_USER_BACKGROUND = QColor("#e3eefc")
_ASSISTANT_BACKGROUND = QColor("#f1f1f3")
_NOTE_COLOUR = QColor("#6b6b70")


@dataclass
class _Entry:
    role: Role
    frame: QTextFrame
    text_so_far: str = ""
    final: bool = False
    interrupted: bool = False
    unasked: bool = False


class TranscriptView(QTextBrowser):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("transcript")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setOpenLinks(False)
        # Every streamed update would be kept for undo, which a read-only view never uses.
        self.document().setUndoRedoEnabled(False)
        self._entries: dict[str, _Entry] = {}
        self._notes: list[str] = []
        # New text grows the range; keep the newest line in view as it streams.
        self.verticalScrollBar().rangeChanged.connect(self._on_scrollbar_range_changed)

    def apply(self, change: TranscriptText | TranscriptInterrupted) -> None:
        entry = self._entries.get(change.item_id)
        if isinstance(change, TranscriptInterrupted):
            if entry is not None:
                entry.interrupted = True
                self._render(entry)
            return
        if entry is None:
            entry = _Entry(change.role, self._new_frame(_bubble(change.role)))
            self._entries[change.item_id] = entry
        entry.text_so_far = entry.text_so_far + change.text if change.append else change.text
        entry.final = entry.final or change.final
        entry.unasked = entry.unasked or change.unasked
        self._render(entry)

    def add_note(self, text: str) -> None:
        """A line that is not part of the conversation (seams, demo notices)."""
        frame = self._new_frame(_note_frame())
        look = QTextCharFormat()
        look.setForeground(_NOTE_COLOUR)
        look.setFontItalic(True)
        cursor = frame.firstCursorPosition()
        block = cursor.blockFormat()
        block.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        cursor.setBlockFormat(block)
        cursor.insertText(text, look)
        self._notes.append(text)

    def clear_conversation(self) -> None:
        """Empty, for a new conversation or before showing a kept one."""
        self.document().clear()
        self._entries.clear()
        self._notes.clear()

    def texts(self) -> list[str]:
        """What the transcript shows, in order (for tests and export)."""
        return [self._shown(entry) for entry in self._entries.values()]

    def notes(self) -> list[str]:
        """The lines between the conversation's (seams, notices), in order."""
        return list(self._notes)

    def _shown(self, entry: _Entry) -> str:
        if entry.role is Role.USER:
            who = self.tr("You")
            body = entry.text_so_far or (self.tr("(not transcribed)") if entry.final else "…")
        else:
            # A relay that starts answers of its own: the user should know they did not ask.
            who = self.tr("Assistant (not asked for)") if entry.unasked else self.tr("Assistant")
            body = entry.text_so_far or "…"
        if entry.interrupted:
            body += " " + self.tr("[interrupted]")
        return f"{who}: {body}"

    def _new_frame(self, look: QTextFrameFormat) -> QTextFrame:
        cursor = QTextCursor(self.document())
        cursor.movePosition(QTextCursor.MoveOperation.End)
        return cursor.insertFrame(look)

    def _render(self, entry: _Entry) -> None:
        cursor = entry.frame.firstCursorPosition()
        cursor.setPosition(entry.frame.lastPosition(), QTextCursor.MoveMode.KeepAnchor)
        cursor.insertText(self._shown(entry), QTextCharFormat())

    def _on_scrollbar_range_changed(self, _low: int, high: int) -> None:
        self.verticalScrollBar().setValue(high)


def _bubble(role: Role) -> QTextFrameFormat:
    look = QTextFrameFormat()
    look.setPadding(8)
    look.setTopMargin(4)
    look.setBottomMargin(4)
    look.setBorder(0)
    if role is Role.USER:
        look.setBackground(_USER_BACKGROUND)
        look.setLeftMargin(_BUBBLE_INDENT)
    else:
        look.setBackground(_ASSISTANT_BACKGROUND)
        look.setRightMargin(_BUBBLE_INDENT)
    return look


def _note_frame() -> QTextFrameFormat:
    look = QTextFrameFormat()
    look.setTopMargin(6)
    look.setBottomMargin(6)
    look.setBorder(0)
    return look
