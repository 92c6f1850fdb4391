"""The conversation as it streams: one block per item, updated in place."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QLabel, QScrollArea, QVBoxLayout, QWidget

from desktop.realtime.session import Role, TranscriptInterrupted, TranscriptText


class _Entry(QLabel):
    def __init__(self, role: Role, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.role = role
        self.text_so_far = ""
        self.final = False
        self.interrupted = False
        self.unasked = False
        self.setWordWrap(True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.setObjectName("userEntry" if role is Role.USER else "assistantEntry")
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setMargin(8)

    def render(self) -> None:
        if self.role is Role.USER:
            who = self.tr("You")
            body = self.text_so_far or (self.tr("(not transcribed)") if self.final else "…")
        else:
            # A relay that starts answers of its own: the user should know they did not ask.
            who = self.tr("Assistant (not asked for)") if self.unasked else self.tr("Assistant")
            body = self.text_so_far or "…"
        if self.interrupted:
            body += " " + self.tr("[interrupted]")
        self.setText(f"{who}: {body}")


class TranscriptView(QScrollArea):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self._content = QWidget()
        self._layout = QVBoxLayout(self._content)
        self._layout.addStretch(1)
        self.setWidget(self._content)
        self._entries: dict[str, _Entry] = {}
        # New text grows the range; keep the newest line in view as it streams.
        self.verticalScrollBar().rangeChanged.connect(self._on_scrollbar_range_changed)

    def apply(self, change: TranscriptText | TranscriptInterrupted) -> None:
        if isinstance(change, TranscriptInterrupted):
            entry = self._entries.get(change.item_id)
            if entry is not None:
                entry.interrupted = True
                entry.render()
            return
        entry = self._entries.get(change.item_id)
        if entry is None:
            entry = _Entry(change.role, self._content)
            self._entries[change.item_id] = entry
            self._layout.insertWidget(self._layout.count() - 1, entry)
        entry.text_so_far = entry.text_so_far + change.text if change.append else change.text
        entry.final = entry.final or change.final
        entry.unasked = entry.unasked or change.unasked
        entry.render()

    def add_note(self, text: str) -> None:
        """A line that is not part of the conversation (seams, demo notices)."""
        note = QLabel(text, self._content)
        note.setObjectName("note")
        note.setWordWrap(True)
        note.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._layout.insertWidget(self._layout.count() - 1, note)

    def texts(self) -> list[str]:
        """What the transcript shows, in order (for tests and export)."""
        return [e.text() for e in self._entries.values()]

    def _on_scrollbar_range_changed(self, _low: int, high: int) -> None:
        self.verticalScrollBar().setValue(high)
