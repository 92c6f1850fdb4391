"""A strip above the transcript that says what went wrong and offers the next step."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget


class ProblemBanner(QFrame):
    reconnect_requested = Signal()
    settings_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("problemBanner")
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.label.setObjectName("problemText")
        self.reconnect_button = QPushButton(self.tr("Reconnect"))
        self.settings_button = QPushButton(self.tr("Settings…"))
        close_button = QPushButton(self.tr("Dismiss"))
        self.reconnect_button.clicked.connect(self.reconnect_requested)
        self.settings_button.clicked.connect(self.settings_requested)
        close_button.clicked.connect(self.hide)
        layout = QHBoxLayout(self)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.reconnect_button)
        layout.addWidget(self.settings_button)
        layout.addWidget(close_button)
        self.hide()

    def show_problem(self, text: str, *, can_reconnect: bool, needs_settings: bool) -> None:
        self.label.setText(text)
        self.reconnect_button.setVisible(can_reconnect)
        self.settings_button.setVisible(needs_settings)
        self.show()

    def text(self) -> str:
        return self.label.text() if self.isVisible() else ""
