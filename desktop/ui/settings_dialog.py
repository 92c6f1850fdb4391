"""Key, base URL, model, voice and instructions. The key goes to the keyring only."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QKeySequenceEdit,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop import api_facts, appinfo
from desktop.config import SecretStore, SecretStoreUnavailable, Settings
from desktop.history.audio_archive import AudioArchive
from desktop.input.shortcut import Unavailable
from desktop.realtime.pricing import DEFAULT_CURRENCY
from desktop.realtime.probe import ProbeReport
from desktop.relay_checks import RelayChecks
from desktop.ui import messages
from desktop.ui.audio_archive_row import AudioArchiveRow
from desktop.ui.prices_dialog import CostSettings, PricesDialog


class SettingsDialog(QDialog):
    about_requested = Signal()

    def __init__(
        self,
        settings: Settings,
        secrets: SecretStore,
        microphones: Sequence[str] = (),
        speakers: Sequence[str] = (),
        relay: RelayChecks | None = None,
        parent: QWidget | None = None,
        shortcut_problem: Unavailable | None = None,
        audio_archive: AudioArchive | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Settings"))
        self._settings = settings
        self._secrets = secrets
        self._key_for_this_run: str | None = None

        self.key_edit = QLineEdit()
        self.key_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.key_edit.setObjectName("keyEdit")
        reveal = self.key_edit.addAction(
            self.style().standardIcon(self.style().StandardPixmap.SP_FileDialogContentsView),
            QLineEdit.ActionPosition.TrailingPosition,
        )
        reveal.setToolTip(self.tr("Show or hide the key"))
        reveal.triggered.connect(self._on_reveal_triggered)
        self.key_status = QLabel()
        self.key_status.setWordWrap(True)
        self.base_url_edit = QLineEdit(settings.base_url)
        self.model_combo = QComboBox()
        self.model_combo.setEditable(True)
        self.model_combo.addItems(api_facts.MODELS)
        self.model_combo.setCurrentText(settings.model)
        self.voice_combo = QComboBox()
        self.voice_combo.setEditable(True)
        self.voice_combo.addItems(api_facts.VOICES)
        self.voice_combo.setCurrentText(settings.voice)
        self.proxy_edit = QLineEdit(settings.proxy)
        self.proxy_edit.setPlaceholderText(self.tr("System settings, e.g. http://127.0.0.1:7890"))
        self.ca_bundle_edit = QLineEdit(settings.ca_bundle)
        self.ca_bundle_edit.setPlaceholderText(self.tr("System certificates"))
        self.ca_bundle_edit.setToolTip(
            self.tr("A PEM file of your network's certificate authority, trusted in addition")
        )
        choose_ca = QPushButton(self.tr("Choose…"))
        choose_ca.clicked.connect(self._on_choose_ca_clicked)
        ca_row = QHBoxLayout()
        ca_row.addWidget(self.ca_bundle_edit, 1)
        ca_row.addWidget(choose_ca)
        self.input_combo = self._device_combo(microphones, settings.input_device)
        self.output_combo = self._device_combo(speakers, settings.output_device)
        self.instructions_edit = QPlainTextEdit(settings.instructions)
        self.instructions_edit.setPlaceholderText(
            self.tr("Optional: how the assistant should speak, e.g. “Answer in Chinese.”")
        )

        self.shortcut_check = QCheckBox(self.tr("Talk from any app while holding"))
        self.shortcut_check.setChecked(bool(settings.global_shortcut))
        self.shortcut_edit = QKeySequenceEdit(
            QKeySequence(settings.global_shortcut or appinfo.DEFAULT_GLOBAL_SHORTCUT)
        )
        self.shortcut_edit.setMaximumSequenceLength(1)
        self.shortcut_edit.setEnabled(self.shortcut_check.isChecked())
        self.shortcut_check.toggled.connect(self.shortcut_edit.setEnabled)
        self.shortcut_status = QLabel()
        self.shortcut_status.setObjectName("shortcutStatus")
        self.shortcut_status.setWordWrap(True)
        if shortcut_problem is not None and settings.global_shortcut:
            self.shortcut_status.setText(
                messages.shortcut_problem_text(shortcut_problem, settings.global_shortcut)
            )
        self.sounds_check = QCheckBox(self.tr("Play a short sound when a turn starts and ends"))
        self.sounds_check.setToolTip(self.tr("Only while the window is hidden"))
        self.sounds_check.setChecked(settings.turn_sounds)
        self.appearance_combo = QComboBox()
        for value, label in (
            ("system", self.tr("Follow the system")),
            ("light", self.tr("Light")),
            ("dark", self.tr("Dark")),
        ):
            self.appearance_combo.addItem(label, value)
        chosen = self.appearance_combo.findData(settings.appearance)
        self.appearance_combo.setCurrentIndex(max(0, chosen))
        self.archive_row = AudioArchiveRow(settings.keep_audio, audio_archive)
        self._costs = CostSettings(
            settings.prices, settings.currency, settings.budget, settings.budget_period
        )
        self.prices_dialog: PricesDialog | None = None
        self.prices_label = QLabel()
        self.prices_label.setObjectName("pricesSummary")
        self._show_prices()
        prices_button = QPushButton(self.tr("Edit…"))
        prices_button.setAccessibleName(self.tr("Edit the price table and the budget"))
        prices_button.clicked.connect(self._on_prices_button_clicked)
        prices_row = QHBoxLayout()
        prices_row.addWidget(self.prices_label, 1)
        prices_row.addWidget(prices_button)
        shortcut_row = QHBoxLayout()
        shortcut_row.addWidget(self.shortcut_check)
        shortcut_row.addWidget(self.shortcut_edit, 1)

        form = QFormLayout()
        form.addRow(self.tr("API key"), self.key_edit)
        form.addRow("", self.key_status)
        form.addRow(self.tr("Base URL"), self.base_url_edit)
        form.addRow(self.tr("Proxy"), self.proxy_edit)
        form.addRow(self.tr("CA bundle"), ca_row)
        form.addRow(self.tr("Model"), self.model_combo)
        form.addRow(self.tr("Voice"), self.voice_combo)
        form.addRow(self.tr("Instructions"), self.instructions_edit)
        form.addRow(self.tr("Microphone"), self.input_combo)
        form.addRow(self.tr("Speaker"), self.output_combo)
        form.addRow(self.tr("Shortcut"), shortcut_row)
        form.addRow("", self.shortcut_status)
        form.addRow("", self.sounds_check)
        form.addRow(self.tr("Appearance"), self.appearance_combo)
        form.addRow(self.tr("Audio"), self.archive_row)
        form.addRow(self.tr("Prices"), prices_row)
        self.check_button = QPushButton(self.tr("Check connection"))
        self.check_button.setEnabled(relay is not None)
        self.check_button.clicked.connect(self._on_check_button_clicked)
        self.check_result = QLabel()
        self.check_result.setObjectName("checkResult")
        self.check_result.setWordWrap(True)
        self.check_result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._relay = relay
        if relay is not None:
            relay.connection_checked.connect(self._on_relay_connection_checked)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.about_button = buttons.addButton(
            self.tr("About…"), QDialogButtonBox.ButtonRole.HelpRole
        )
        self.about_button.clicked.connect(self.about_requested)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.check_button)
        layout.addWidget(self.check_result)
        layout.addWidget(buttons)
        self._show_key_status()

    def _device_combo(self, names: Sequence[str], chosen: str) -> QComboBox:
        combo = QComboBox()
        combo.addItem(self.tr("System default"), "")
        for name in names:
            combo.addItem(name, name)
        if chosen and chosen not in names:
            # Remembered by name: a device that is unplugged now comes back selected.
            combo.addItem(self.tr("{0} (not connected)").format(chosen), chosen)
        combo.setCurrentIndex(max(combo.findData(chosen), 0))
        return combo

    def _show_key_status(self) -> None:
        if not self._secrets.available:
            self.key_status.setText(
                self.tr(
                    "No system keyring was found, so the key cannot be saved. "
                    "A key entered here is used until you quit."
                )
            )
            return
        try:
            stored = self._secrets.get()
        except SecretStoreUnavailable as exc:
            self.key_status.setText(self.tr("The keyring is not usable: {0}").format(exc))
            return
        if stored:
            self.key_edit.setPlaceholderText(self.tr("Saved in the system keyring"))
            self.key_status.setText(self.tr("Leave empty to keep the saved key."))
        else:
            self.key_status.setText(self.tr("The key is kept in the system keyring, nowhere else."))

    def _on_reveal_triggered(self) -> None:
        hidden = self.key_edit.echoMode() == QLineEdit.EchoMode.Password
        self.key_edit.setEchoMode(
            QLineEdit.EchoMode.Normal if hidden else QLineEdit.EchoMode.Password
        )

    def _on_choose_ca_clicked(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("Certificate authority"),
            self.ca_bundle_edit.text(),
            self.tr("Certificates (*.pem *.crt *.cer);;All files (*)"),
        )
        if path:
            self.ca_bundle_edit.setText(path)

    def _on_check_button_clicked(self) -> None:
        if self._relay is None:
            return
        self.check_button.setEnabled(False)
        self.check_result.setText(self.tr("Checking…"))
        self._relay.check_connection(self.settings(), self.key_edit.text().strip() or None)

    def _on_relay_connection_checked(self, report: ProbeReport) -> None:
        self.check_button.setEnabled(True)
        self.check_result.setText(messages.probe_text(report, self.settings().model))

    def accept(self) -> None:
        key = self.key_edit.text().strip()
        if key:
            try:
                self._secrets.set(key)
            except SecretStoreUnavailable:
                self._key_for_this_run = key
        self.key_edit.clear()  # the widget must not keep the key longer than needed
        super().accept()

    def settings(self) -> Settings:
        return replace(
            self._settings,
            base_url=self.base_url_edit.text().strip() or appinfo.DEFAULT_BASE_URL,
            model=self.model_combo.currentText().strip() or appinfo.DEFAULT_MODEL,
            voice=self.voice_combo.currentText().strip() or appinfo.DEFAULT_VOICE,
            instructions=self.instructions_edit.toPlainText().strip(),
            proxy=self.proxy_edit.text().strip(),
            ca_bundle=self.ca_bundle_edit.text().strip(),
            input_device=self.input_combo.currentData() or "",
            output_device=self.output_combo.currentData() or "",
            global_shortcut=self._chosen_shortcut(),
            turn_sounds=self.sounds_check.isChecked(),
            appearance=self.appearance_combo.currentData() or "system",
            keep_audio=self.archive_row.keep(),
            prices=self._costs.prices,
            currency=self._costs.currency,
            budget=self._costs.budget,
            budget_period=self._costs.budget_period,
        )

    def _show_prices(self) -> None:
        costs = self._costs
        which = self.tr("Your own table") if costs.prices else self.tr("OpenAI's list prices")
        shown = f"{which} · {costs.currency or DEFAULT_CURRENCY}"
        if costs.budget:
            per = self.tr("a day") if costs.budget_period == "day" else self.tr("a month")
            shown += " · " + self.tr("budget {0} {1}").format(costs.budget, per)
        self.prices_label.setText(shown)

    def _on_prices_button_clicked(self) -> None:
        self.prices_dialog = PricesDialog(self._costs, self)
        self.prices_dialog.accepted.connect(self._on_prices_dialog_accepted)
        self.prices_dialog.open()

    def _on_prices_dialog_accepted(self) -> None:
        if self.prices_dialog is not None:
            self._costs = self.prices_dialog.chosen()
            self._show_prices()

    def _chosen_shortcut(self) -> str:
        if not self.shortcut_check.isChecked():
            return ""
        sequence = self.shortcut_edit.keySequence()
        text = sequence.toString(QKeySequence.SequenceFormat.PortableText)
        return text or appinfo.DEFAULT_GLOBAL_SHORTCUT

    def key_for_this_run(self) -> str | None:
        """A key entered while no keyring exists; it lives only in memory."""
        return self._key_for_this_run
