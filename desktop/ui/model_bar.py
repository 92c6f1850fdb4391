"""The bar above the conversation: which model and voice, whether it is connected, and
Settings."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QPushButton, QToolButton, QWidget

from desktop import api_facts
from desktop.history.store import Spent
from desktop.realtime.session_events import Link
from desktop.ui import icons, messages
from desktop.ui.formatting import cost_text, spent_text, tokens_text
from desktop.ui.style import set_style_property


class ModelBar(QWidget):
    model_chosen = Signal(str)
    """Picking or typing ended: the name there now, stripped (maybe empty, maybe unchanged)."""
    refresh_requested = Signal()
    settings_requested = Signal()

    def __init__(
        self, model: str, voice: str, known_models: list[str], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.combo = QComboBox()
        self.combo.setEditable(True)
        self.offer_models(known_models, fallback=model)
        self.combo.setMinimumContentsLength(24)
        model_field = self.combo.lineEdit()
        assert model_field is not None  # an editable combo box always has one
        model_field.editingFinished.connect(self._on_combo_edited)
        self.combo.activated.connect(self._on_combo_edited)
        self.link_label = QLabel()
        self.link_label.setObjectName("linkState")
        self.voice_label = QLabel()
        self.voice_label.setObjectName("headerDetail")
        self.show_voice(voice)
        self.spent_label = QLabel()
        self.spent_label.setObjectName("headerDetail")
        self.show_spent(None)
        self.refresh_button = QToolButton()
        self.refresh_button.setToolTip(self.tr("Ask the relay which models it offers"))
        self.refresh_button.setAccessibleName(self.tr("Refresh the model list"))
        self.refresh_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.refresh_button.clicked.connect(self.refresh_requested)
        self.settings_button = QPushButton(self.tr("Settings…"))
        self.settings_button.clicked.connect(self.settings_requested)
        self.use_icons()
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(QLabel(self.tr("Model")))
        layout.addWidget(self.combo, 1)
        layout.addWidget(self.refresh_button)
        layout.addWidget(self.voice_label)
        layout.addWidget(self.spent_label)
        layout.addWidget(self.link_label)
        layout.addWidget(self.settings_button)

    def use_icons(self) -> None:
        """Drawn in the palette's colours: again after the theme changes."""
        self.refresh_button.setIcon(icons.icon("refresh"))
        self.settings_button.setIcon(icons.icon("settings"))

    def show_voice(self, voice: str) -> None:
        self.voice_label.setText(self.tr("Voice: {0}").format(voice))

    def show_spent(self, spent: Spent | None) -> None:
        """The conversation's cost so far (its tokens where the model has no price)."""
        self.spent_label.setVisible(spent is not None)
        if spent is None:
            return
        shown = cost_text(spent.cost) if spent.cost else tokens_text(spent.usage.total)
        self.spent_label.setText(shown)
        detail = self.tr("This conversation: {0}").format(spent_text(spent))
        self.spent_label.setToolTip(detail)
        self.spent_label.setAccessibleName(detail)

    def show_link(self, link: Link) -> None:
        self.link_label.setText(messages.link_text(link))
        set_style_property(self.link_label, "link", link.value)

    def offer_models(self, relay_models: list[str], fallback: str) -> None:
        """The relay's realtime models when known, else the usual names; typing stays open.
        What is in the field stays there (`fallback` when it is empty)."""
        current = self.combo.currentText() or fallback
        self.combo.clear()
        self.combo.addItems(relay_models or list(api_facts.MODELS))
        self.combo.setCurrentText(current)

    def set_model(self, model: str) -> None:
        self.combo.setCurrentText(model)

    def _on_combo_edited(self) -> None:
        self.model_chosen.emit(self.combo.currentText().strip())
