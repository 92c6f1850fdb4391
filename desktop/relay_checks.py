"""Questions for the relay that are not a conversation: which models it offers, and
whether relay, key and model work together (Check connection). Each runs on a thread of
its own and answers through a signal."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Signal, Slot

from desktop.bridge import BackgroundTask
from desktop.config import Settings
from desktop.realtime.probe import probe
from desktop.realtime.relay_api import RelayError, list_models, realtime_models
from desktop.realtime.urls import InvalidBaseURL

JOIN_S = 0.5  # a slow relay must not hold up quitting; the threads are daemons


class RelayChecks(QObject):
    connection_checked = Signal(object)
    """A ProbeReport, after check_connection()."""
    models_listed = Signal(object)
    """The relay's realtime models (list of str), after refresh_models()."""
    models_unavailable = Signal()
    """refresh_models() had no answer (no key, an error, or no realtime model listed)."""

    def __init__(
        self,
        current_key: Callable[[], str | None],
        current_settings: Callable[[], Settings],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._current_key = current_key
        self._current_settings = current_settings
        self._tasks: list[BackgroundTask] = []

    def check_connection(self, settings: Settings, typed_key: str | None = None) -> None:
        """Probe with these settings (not yet saved) and the typed or stored key."""
        key = typed_key or self._current_key() or ""
        self._run(
            lambda: probe(
                settings.base_url,
                key,
                settings.model,
                settings.proxy,
                ca_bundle=settings.ca_bundle,
            ),
            self._on_probe_done,
        )

    def refresh_models(self) -> None:
        key = self._current_key()
        if not key:
            self.models_unavailable.emit()
            return
        settings = self._current_settings()

        def work() -> object:
            try:
                models = list_models(
                    settings.base_url, key, settings.proxy, ca_bundle=settings.ca_bundle
                )
                return realtime_models(models)
            except (RelayError, InvalidBaseURL):
                return None  # the picker keeps what it had; typing a name still works

        self._run(work, self._on_models_done)

    def join(self) -> None:
        for task in list(self._tasks):
            task.join(JOIN_S)

    def _run(self, work: Callable[[], object], done: Callable[[object], None]) -> None:
        # No Qt parent: the worker thread keeps the task alive until it has emitted, even
        # if this object is destroyed first (then the queued result is simply dropped).
        task = BackgroundTask(work)
        task.finished.connect(done)
        task.finished.connect(self._on_task_finished)
        self._tasks.append(task)
        task.start()

    @Slot(object)
    def _on_task_finished(self, _result: object) -> None:
        task = self.sender()
        if task in self._tasks:
            self._tasks.remove(task)
            task.deleteLater()

    @Slot(object)
    def _on_probe_done(self, report: object) -> None:
        self.connection_checked.emit(report)

    @Slot(object)
    def _on_models_done(self, models: object) -> None:
        if isinstance(models, list) and models:
            self.models_listed.emit(models)
        else:
            self.models_unavailable.emit()
