"""The audio archive in Settings: whether each turn's audio is kept, the space the kept
audio takes, and a button that clears it (after asking)."""

from __future__ import annotations

from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QMessageBox, QPushButton, QWidget

from desktop.history.audio_archive import AudioArchive

_SIZE_FORMAT = QLocale.DataSizeFormat.DataSizeTraditionalFormat  # "KB", "MB": what people read


class AudioArchiveRow(QWidget):
    def __init__(
        self, keep: bool, archive: AudioArchive | None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._archive = archive
        self.question: QMessageBox | None = None
        self.keep_check = QCheckBox(self.tr("Keep each turn's audio, to play again and export"))
        self.keep_check.setChecked(keep)
        self.keep_check.setEnabled(archive is not None)  # no history: nothing to keep it with
        self.usage_label = QLabel()
        self.usage_label.setObjectName("audioUsage")
        self.clear_button = QPushButton(self.tr("Clear…"))
        self.clear_button.setAccessibleName(self.tr("Clear the kept audio"))
        self.clear_button.clicked.connect(self._on_clear_button_clicked)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.keep_check, 1)
        layout.addWidget(self.usage_label)
        layout.addWidget(self.clear_button)
        self.show_usage()

    def keep(self) -> bool:
        return self.keep_check.isChecked()

    def show_usage(self) -> None:
        size = self._archive.size_bytes() if self._archive is not None else 0
        self.usage_label.setText(
            self.tr("{0} kept").format(QLocale().formattedDataSize(size, 1, _SIZE_FORMAT))
            if size
            else ""
        )
        self.clear_button.setEnabled(size > 0)

    def _on_clear_button_clicked(self) -> None:
        self.question = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("Clear the kept audio?"),
            self.tr("Every kept turn's audio is deleted. The conversations' text stays."),
            QMessageBox.StandardButton.Cancel,
            self,
        )
        self.clear_confirm = self.question.addButton(
            self.tr("Clear"), QMessageBox.ButtonRole.DestructiveRole
        )
        self.clear_confirm.clicked.connect(self._clear)
        self.question.open()

    def _clear(self) -> None:
        if self._archive is not None:
            self._archive.clear()
        self.show_usage()
