"""Settings ▸ Prices: the price table costs are worked out from, what it is in, and a
budget per day or month. A relay bills in its own units or multiples of OpenAI's prices,
so table and currency are the user's to change; a table is checked line by line before it
is kept."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from desktop.realtime.budget import parse_budget
from desktop.realtime.pricing import DEFAULT_CURRENCY, DEFAULT_TABLE, PriceTable


@dataclass(frozen=True)
class CostSettings:
    """As Settings keeps them: empty where they are the defaults."""

    prices: str = ""
    currency: str = ""
    budget: str = ""
    budget_period: str = "month"


class PricesDialog(QDialog):
    def __init__(self, chosen: CostSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Prices and budget"))
        self.resize(560, 400)
        self.table_edit = QPlainTextEdit(chosen.prices or DEFAULT_TABLE.to_text())
        self.table_edit.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.table_edit.setAccessibleName(self.tr("Price table"))
        self.currency_edit = QLineEdit(chosen.currency or DEFAULT_CURRENCY)
        self.currency_edit.setMaxLength(16)
        self.budget_edit = QLineEdit(chosen.budget)
        self.budget_edit.setPlaceholderText(self.tr("None"))
        self.budget_edit.setAccessibleName(self.tr("Budget"))
        self.period_combo = QComboBox()
        self.period_combo.addItem(self.tr("a day"), "day")
        self.period_combo.addItem(self.tr("a month"), "month")
        self.period_combo.setCurrentIndex(max(0, self.period_combo.findData(chosen.budget_period)))
        budget_row = QHBoxLayout()
        budget_row.addWidget(self.budget_edit, 1)
        budget_row.addWidget(self.period_combo)
        explained = QLabel(
            self.tr(
                "One line a model, per million tokens: name = text input, cached input,"
                " output; audio input, cached input, output; image input, cached input"
                " (optional). Dated models take their family's price; a model not listed"
                " shows its tokens only. The defaults are OpenAI's list prices of late 2026."
            )
        )
        explained.setWordWrap(True)
        self.error_label = QLabel()
        self.error_label.setObjectName("pricesError")
        self.error_label.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok
            | QDialogButtonBox.StandardButton.Cancel
            | QDialogButtonBox.StandardButton.RestoreDefaults
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        restore = buttons.button(QDialogButtonBox.StandardButton.RestoreDefaults)
        restore.clicked.connect(self._on_restore_clicked)
        form = QFormLayout()
        form.addRow(self.tr("Currency"), self.currency_edit)
        form.addRow(self.tr("Budget"), budget_row)
        layout = QVBoxLayout(self)
        layout.addWidget(explained)
        layout.addWidget(self.table_edit, 1)
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addWidget(buttons)

    def chosen(self) -> CostSettings:
        """Raises ValueError (with the line's number) for a table line that cannot be read."""
        text = self.table_edit.toPlainText().strip()
        table = PriceTable.from_text(text) if text else DEFAULT_TABLE
        kept = "" if table.prices == DEFAULT_TABLE.prices else table.to_text()
        currency = self.currency_edit.text().strip()
        budget = parse_budget(self.budget_edit.text())
        return CostSettings(
            kept,
            "" if currency in ("", DEFAULT_CURRENCY) else currency,
            "" if budget is None else f"{budget:g}",
            self.period_combo.currentData() or "month",
        )

    def accept(self) -> None:
        if self.budget_edit.text().strip() and parse_budget(self.budget_edit.text()) is None:
            self.error_label.setText(self.tr("The budget is not an amount."))
            return
        try:
            self.chosen()
        except ValueError as exc:
            self.error_label.setText(self.tr("Line {0} cannot be read.").format(exc.args[0]))
            return
        super().accept()

    def _on_restore_clicked(self) -> None:
        self.table_edit.setPlainText(DEFAULT_TABLE.to_text())
        self.currency_edit.setText(DEFAULT_CURRENCY)
        self.error_label.clear()
