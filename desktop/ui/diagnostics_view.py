"""View ▸ Diagnostics: how the playback buffer is doing, for whoever wants to know why a
word stuttered, and where the last voice turns' time went (p50 and p95). The figures are
refreshed only while this window is shown."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QFormLayout, QLabel, QTreeWidget, QTreeWidgetItem, QWidget

from desktop.audio.playback_buffer import PlaybackStats
from desktop.realtime.latency import RECENT_TURNS, Spread
from desktop.ui.messages import QT_TRANSLATE_NOOP
from desktop.ui.waterfall import ms_text

# The figures of the JSON export, and what the user waited in all, in the order they happen.
LATENCY_ROWS = (
    ("release_to_commit", QT_TRANSLATE_NOOP("DiagnosticsView", "Key released → commit sent")),
    (
        "created_to_first_delta",
        QT_TRANSLATE_NOOP("DiagnosticsView", "Server: response created → first audio"),
    ),
    (
        "commit_to_first_delta",
        QT_TRANSLATE_NOOP("DiagnosticsView", "Commit sent → first audio received"),
    ),
    (
        "first_delta_to_first_sound",
        QT_TRANSLATE_NOOP("DiagnosticsView", "First audio → first sound"),
    ),
    (
        "release_to_first_sound",
        QT_TRANSLATE_NOOP("DiagnosticsView", "Key released → answer heard"),
    ),
)


class DiagnosticsView(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Diagnostics"))
        self.buffer_label = QLabel()
        self.buffer_label.setObjectName("bufferStats")
        self.latency_table = QTreeWidget()
        self.latency_table.setObjectName("latencyTable")
        self.latency_table.setRootIsDecorated(False)
        self.latency_table.setHeaderLabels([self.tr("Stage"), "p50", "p95", self.tr("Turns")])
        self.latency_table.setAccessibleName(self.tr("Where the time went"))
        self.latency_label = QLabel()
        form = QFormLayout(self)
        form.addRow(self.tr("Playback buffer"), self.buffer_label)
        form.addRow(self.latency_label)
        form.addRow(self.latency_table)
        self._shown_latency: dict[str, Spread] | None = None
        self.resize(520, 300)

    def show_buffer(self, stats: PlaybackStats) -> None:
        if stats.underruns == 1:
            template = self.tr("{0} ms queued (prebuffer {1} ms) · 1 underrun")
        else:
            template = self.tr("{0} ms queued (prebuffer {1} ms) · {2} underruns")
        text = template.format(stats.queued_ms, stats.prebuffer_ms, stats.underruns)
        if text != self.buffer_label.text():  # no relayout for unchanged figures
            self.buffer_label.setText(text)

    def show_latency(self, summary: dict[str, Spread]) -> None:
        if summary == self._shown_latency:
            return
        self._shown_latency = summary
        self.latency_label.setText(
            self.tr("Where the time went, over the last {0} voice turns").format(RECENT_TURNS)
            if summary
            else self.tr("No voice turn yet: hold Talk, speak, let go.")
        )
        self.latency_table.clear()
        for name, label in LATENCY_ROWS:
            spread = summary.get(name)
            if spread is None:
                continue
            row = QTreeWidgetItem(
                [self.tr(label), ms_text(spread.p50), ms_text(spread.p95), str(spread.turns)]
            )
            self.latency_table.addTopLevelItem(row)
        for column in range(4):
            self.latency_table.resizeColumnToContents(column)
