"""Settings ▸ Prices: the price table costs are worked out from, and what it is in. A relay
bills in its own units or multiples of OpenAI's prices, so both are the user's to change;
a table is checked line by line before it is kept."""

from __future__ import annotations

from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from desktop.realtime.pricing import DEFAULT_CURRENCY, DEFAULT_TABLE, PriceTable


class PricesDialog(QDialog):
    def __init__(self, prices: str, currency: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Prices"))
        self.resize(560, 360)
        self.table_edit = QPlainTextEdit(prices or DEFAULT_TABLE.to_text())
        self.table_edit.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.table_edit.setAccessibleName(self.tr("Price table"))
        self.currency_edit = QLineEdit(currency or DEFAULT_CURRENCY)
        self.currency_edit.setMaxLength(16)
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
        layout = QVBoxLayout(self)
        layout.addWidget(explained)
        layout.addWidget(self.table_edit, 1)
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addWidget(buttons)

    def chosen(self) -> tuple[str, str]:
        """(table, currency) as Settings keeps them: empty where they are the defaults."""
        text = self.table_edit.toPlainText().strip()
        table = PriceTable.from_text(text) if text else DEFAULT_TABLE
        kept = "" if table.prices == DEFAULT_TABLE.prices else table.to_text()
        currency = self.currency_edit.text().strip()
        return kept, "" if currency in ("", DEFAULT_CURRENCY) else currency

    def accept(self) -> None:
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
