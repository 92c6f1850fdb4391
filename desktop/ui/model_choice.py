"""Which model a session asks for: the relay's list in the model bar, the user's pick, and
on first use a model the relay offers (it is asked before the first session), so that the
first session never asks for a model the relay has not got."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from PySide6.QtCore import QObject

from desktop import appinfo
from desktop.config import Settings
from desktop.controller import ConversationController
from desktop.realtime.relay_api import first_model
from desktop.realtime.session_events import Link
from desktop.relay_checks import RelayChecks
from desktop.ui.model_bar import ModelBar

_CONNECTABLE = (Link.OFFLINE, Link.FAILED, Link.LOST)


class ModelChoice(QObject):
    def __init__(
        self,
        controller: ConversationController,
        relay_checks: RelayChecks,
        model_bar: ModelBar,
        apply: Callable[[Settings], None],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._controller = controller
        self._relay_checks = relay_checks
        self._model_bar = model_bar
        self._apply = apply
        self._connect_when_models_known = False
        model_bar.model_chosen.connect(self._on_model_bar_model_chosen)
        model_bar.refresh_requested.connect(relay_checks.refresh_models)
        relay_checks.models_listed.connect(self._on_relay_checks_models_listed)
        relay_checks.models_unavailable.connect(self._on_relay_checks_models_unavailable)
        controller.link_changed.connect(self._on_controller_link_changed)

    def start_conversation(self) -> None:
        """Connect; on first use, once the relay said which models it offers."""
        if self._controller.settings.known_models:
            self._controller.connect_session()
        else:
            self._connect_when_models_known = True
            self._relay_checks.refresh_models()

    def _on_controller_link_changed(self, link: Link) -> None:
        if link is Link.READY and not self._controller.settings.known_models:
            self._relay_checks.refresh_models()  # once: afterwards the refresh button

    def _on_relay_checks_models_listed(self, models: list[str]) -> None:
        settings = self._controller.settings
        # Only before the first session: a session that works keeps the model it has.
        first_use = not settings.known_models and self._connect_when_models_known
        settings = replace(settings, known_models=",".join(models))
        if first_use and settings.model == appinfo.DEFAULT_MODEL:  # nobody chose one yet
            settings = replace(settings, model=first_model(models, settings.model))
        self._model_bar.offer_models(models, fallback=settings.model)
        self._model_bar.set_model(settings.model)
        self._apply(settings)
        self._connect_if_waiting()

    def _on_relay_checks_models_unavailable(self) -> None:
        self._connect_if_waiting()  # with the model there is: the relay will say if it is wrong

    def _connect_if_waiting(self) -> None:
        if self._connect_when_models_known:
            self._connect_when_models_known = False
            if self._controller.link in _CONNECTABLE:
                self._controller.connect_session()

    def _on_model_bar_model_chosen(self, model: str) -> None:
        if model and model != self._controller.settings.model:
            self._apply(replace(self._controller.settings, model=model))
