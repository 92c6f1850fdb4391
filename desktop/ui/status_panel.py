"""The right end of the status bar: a way to the log once something went wrong."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QWidget


class StatusPanel(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.open_log_button = QPushButton(self.tr("Open log"))
        self.open_log_button.setFlat(True)
        self.open_log_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.open_log_button.hide()
        self.open_log_button.clicked.connect(self._on_open_log_button_clicked)
        self._log_to_open: Path | None = None
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.open_log_button)

    def offer_log(self, path: Path) -> None:
        self._log_to_open = path
        self.open_log_button.show()

    def _on_open_log_button_clicked(self) -> None:
        if self._log_to_open is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self._log_to_open)))
