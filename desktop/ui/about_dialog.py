"""About: which version this is, under which licence, and where it keeps its files."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop import __version__, appinfo


@dataclass(frozen=True)
class AppFiles:
    """Where this run keeps what it writes."""

    settings_file: Path
    log_folder: Path
    history_file: Path


class AboutDialog(QDialog):
    def __init__(self, files: AppFiles, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("About {0}").format(appinfo.DISPLAY_NAME))
        title = QLabel(f"<b>{appinfo.DISPLAY_NAME}</b> {__version__}")
        title.setObjectName("aboutTitle")
        summary = QLabel(self.tr("Spoken conversations with OpenAI Realtime models."))
        licence = QLabel(self.tr("Free software under the MIT licence."))
        form = QFormLayout()
        self.settings_row = self._folder_row(files.settings_file.parent, files.settings_file)
        self.log_row = self._folder_row(files.log_folder)
        self.history_row = self._folder_row(files.history_file.parent, files.history_file)
        form.addRow(self.tr("Settings"), self.settings_row)
        form.addRow(self.tr("Logs"), self.log_row)
        form.addRow(self.tr("Conversations"), self.history_row)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for label in (title, summary, licence):
            layout.addWidget(label)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def _folder_row(self, folder: Path, shown: Path | None = None) -> QWidget:
        row = QWidget()
        path = QLabel(str(shown or folder))
        path.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        path.setObjectName("folderPath")
        open_button = QPushButton(self.tr("Open"))
        open_button.setEnabled(folder.is_dir())
        open_button.clicked.connect(
            lambda: QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))
        )
        layout = QHBoxLayout(row)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(path, 1)
        layout.addWidget(open_button)
        return row
