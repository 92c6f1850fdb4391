"""Typing beside talking: a message box (Enter sends), and "answer in text" for quiet places.

Inside the box Space types a space (push-to-talk leaves text fields alone); Esc leaves the
box, so that Space talks again. The Talk button and the global shortcut work throughout.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLineEdit, QPushButton, QWidget


class MessageBox(QLineEdit):
    left = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.left.emit()
            return
        super().keyPressEvent(event)


class Composer(QWidget):
    sent = Signal(str, bool)
    """The text typed, and whether the answer should come in text only."""
    left = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.message_box = MessageBox()
        self.message_box.setObjectName("messageBox")
        self.message_box.setPlaceholderText(self.tr("Type a message (Enter sends)"))
        self.message_box.setAccessibleName(self.tr("Message"))
        self.message_box.returnPressed.connect(self._send)
        self.message_box.left.connect(self.left)
        self.send_button = QPushButton(self.tr("Send"))
        self.send_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Space must not click it
        self.send_button.clicked.connect(self._send)
        self.text_only = QCheckBox(self.tr("Answer in text"))
        self.text_only.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.text_only.setToolTip(self.tr("For quiet places: the answer is written, not spoken"))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.message_box, 1)
        layout.addWidget(self.send_button)
        layout.addWidget(self.text_only)

    def focus(self) -> None:
        self.message_box.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def _send(self) -> None:
        text = self.message_box.text().strip()
        if text:
            self.message_box.clear()  # first: a message that cannot go yet is put back
            self.sent.emit(text, self.text_only.isChecked())

    def put_back(self, text: str) -> None:
        self.message_box.setText(text)
