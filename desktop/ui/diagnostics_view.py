"""View ▸ Diagnostics: how the playback buffer is doing, for whoever wants to know why a
word stuttered. The figures are refreshed only while this window is shown."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QFormLayout, QLabel, QWidget

from desktop.audio.playback_buffer import PlaybackStats


class DiagnosticsView(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Diagnostics"))
        self.buffer_label = QLabel()
        self.buffer_label.setObjectName("bufferStats")
        form = QFormLayout(self)
        form.addRow(self.tr("Playback buffer"), self.buffer_label)

    def show_buffer(self, stats: PlaybackStats) -> None:
        if stats.underruns == 1:
            template = self.tr("{0} ms queued (prebuffer {1} ms) · 1 underrun")
        else:
            template = self.tr("{0} ms queued (prebuffer {1} ms) · {2} underruns")
        text = template.format(stats.queued_ms, stats.prebuffer_ms, stats.underruns)
        if text != self.buffer_label.text():  # no relayout for unchanged figures
            self.buffer_label.setText(text)
