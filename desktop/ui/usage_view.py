"""View ▸ Usage: what the conversations used and cost, per day and per month (the user's
own calendar), from the history. Read when shown and when an answer reports its usage
while it is shown, never in between."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QLabel,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.history.store import PeriodSpent
from desktop.ui.formatting import cost_text, tokens_text

PERIODS = ("day", "month")


class UsageView(QDialog):
    def __init__(
        self, spent_by: Callable[[str], list[PeriodSpent]], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Usage"))
        self.resize(460, 420)
        self._spent_by = spent_by
        self.tables: dict[str, QTreeWidget] = {}
        tabs = QTabWidget()
        for period, title in zip(PERIODS, (self.tr("By day"), self.tr("By month")), strict=True):
            table = QTreeWidget()
            table.setRootIsDecorated(False)
            table.setHeaderLabels([self.tr("Period"), self.tr("Tokens"), self.tr("Cost")])
            table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
            table.setAccessibleName(self.tr("Usage {0}").format(title.lower()))
            self.tables[period] = table
            tabs.addTab(table, title)
        self.note = QLabel(
            self.tr(
                "Each answer, and each transcription of what you said, is priced when it is"
                " reported, from the price table in Settings."
                " Deleted conversations count: they were billed all the same."
            )
        )
        self.note.setObjectName("headerDetail")
        self.note.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(tabs)
        layout.addWidget(self.note)

    def refresh(self) -> None:
        if not self.isVisible():
            return
        for period, table in self.tables.items():
            table.clear()
            for spent in self._spent_by(period):
                table.addTopLevelItem(QTreeWidgetItem([spent.period, *self._figures(spent)]))
            for column in range(3):
                table.resizeColumnToContents(column)

    def _figures(self, spent: PeriodSpent) -> list[str]:
        tokens = tokens_text(spent.usage.total)
        cost = cost_text(spent.cost) if spent.cost is not None else "—"
        if spent.unpriced:
            cost += " " + self.tr("(+{0} without a price)").format(spent.unpriced)
        return [tokens, cost]

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.refresh()
