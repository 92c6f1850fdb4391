"""The menu bar, with the platform's standard shortcuts: File (New, Export, Settings, Quit),
Edit (Type a message, Find, Undo delete), View (Conversations, Usage, Diagnostics,
Events) and Help (About)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QFileDialog, QMainWindow, QMenuBar, QWidget

from desktop.history import export, export_audio
from desktop.history.audio_archive import AudioArchive
from desktop.history.store import Conversation
from desktop.ui.messages import QT_TRANSLATE_NOOP

# Where a platform has no standard key for an action (Preferences on GNOME and Windows).
_FALLBACK_KEYS = {QKeySequence.StandardKey.Preferences: "Ctrl+,"}
_SUFFIXES = {"markdown": ".md", "json": ".json", "text": ".txt", "wav": ".wav"}


def _tr(text: str) -> str:
    return QCoreApplication.translate("Menus", text)


def standard_keys(key: QKeySequence.StandardKey) -> list[QKeySequence]:
    keys = QKeySequence.keyBindings(key)
    if not keys and key in _FALLBACK_KEYS:
        return [QKeySequence(_FALLBACK_KEYS[key])]
    return keys


def action(
    window: QWidget, text: str, triggered: Callable[[], object], keys: list[QKeySequence]
) -> QAction:
    made = QAction(text, window)
    made.setShortcuts(keys)
    made.triggered.connect(triggered)
    return made


class ExportDialog(QFileDialog):
    """Where to save the conversation, and as what (by the filter chosen); as sound too,
    where its audio was kept."""

    def __init__(
        self, conversation: Conversation, parent: QWidget, archive: AudioArchive | None = None
    ) -> None:
        super().__init__(parent, self.tr("Export conversation"))
        self.conversation = conversation
        self._archive = archive
        self.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        self.setOption(QFileDialog.Option.DontUseNativeDialog, True)  # the same everywhere
        self._formats = {
            self.tr("Markdown (*.md)"): "markdown",
            self.tr("JSON (*.json)"): "json",
            self.tr("Plain text (*.txt)"): "text",
        }
        if archive is not None and any(archive.has(t.item_id) for t in conversation.turns):
            self._formats[self.tr("Audio (*.wav)")] = "wav"
        self.setNameFilters(list(self._formats))
        self.selectFile((conversation.title or "conversation")[:60] + ".md")
        self.filterSelected.connect(self._on_filter_selected)

    def chosen_format(self) -> str:
        return self._formats.get(self.selectedNameFilter(), "markdown")

    def _on_filter_selected(self, _name_filter: str) -> None:
        self.setDefaultSuffix(_SUFFIXES[self.chosen_format()].lstrip("."))

    def accept(self) -> None:
        super().accept()
        files = self.selectedFiles()
        if files:
            path = Path(files[0])
            if not path.suffix:
                path = path.with_suffix(_SUFFIXES[self.chosen_format()])
            if self.chosen_format() == "wav" and self._archive is not None:
                with path.open("wb") as target:
                    export_audio.write_wav(self.conversation, self._archive, target)
                return
            text = export.render(self.conversation, self.chosen_format())
            path.write_text(text, encoding="utf-8")


def window_actions(
    window: QMainWindow,
    *,
    open_settings: Callable[[], object],
    show_about: Callable[[], object],
    quit_app: Callable[[], object],
    type_message: Callable[[], object],
    show_diagnostics: Callable[[], object],
    show_events: Callable[[], object],
) -> dict[str, QAction]:
    """The window's own actions, made once: their shortcuts work with no menu shown."""
    made = {
        "settings": action(
            window,
            _tr(QT_TRANSLATE_NOOP("Menus", "Settings…")),
            open_settings,
            standard_keys(QKeySequence.StandardKey.Preferences),
        ),
        "quit": action(
            window,
            _tr(QT_TRANSLATE_NOOP("Menus", "Quit")),
            quit_app,
            standard_keys(QKeySequence.StandardKey.Quit),
        ),
        "about": action(
            window, _tr(QT_TRANSLATE_NOOP("Menus", "About Realtime Desktop")), show_about, []
        ),
        "type": action(
            window,
            _tr(QT_TRANSLATE_NOOP("Menus", "Type a Message")),
            type_message,
            [QKeySequence("Ctrl+L")],
        ),
        "diagnostics": action(
            window, _tr(QT_TRANSLATE_NOOP("Menus", "Diagnostics")), show_diagnostics, []
        ),
        "events": action(window, _tr(QT_TRANSLATE_NOOP("Menus", "Events")), show_events, []),
    }
    made["settings"].setMenuRole(QAction.MenuRole.PreferencesRole)
    made["quit"].setMenuRole(QAction.MenuRole.QuitRole)
    made["about"].setMenuRole(QAction.MenuRole.AboutRole)
    for made_action in made.values():
        window.addAction(made_action)
    return made


def export_action(window: QWidget, export_current: Callable[[], object]) -> QAction:
    return action(
        window, _tr(QT_TRANSLATE_NOOP("Menus", "Export…")), export_current, [QKeySequence("Ctrl+E")]
    )


def fill_menu_bar(bar: QMenuBar, actions: dict[str, QAction]) -> None:
    """Lays out the menus with the actions there are (conversations need a history file)."""
    bar.clear()
    file_menu = bar.addMenu(_tr(QT_TRANSLATE_NOOP("Menus", "&File")))
    for name in ("new", "export", None, "settings", None, "quit"):
        if name is None:
            file_menu.addSeparator()
        elif name in actions:
            file_menu.addAction(actions[name])
    edit_menu = bar.addMenu(_tr(QT_TRANSLATE_NOOP("Menus", "&Edit")))
    edit_menu.addActions([actions[name] for name in ("type", "find", "undo") if name in actions])
    view_menu = bar.addMenu(_tr(QT_TRANSLATE_NOOP("Menus", "&View")))
    shown = ("sidebar", "usage", "diagnostics", "events")
    view_menu.addActions([actions[name] for name in shown if name in actions])
    bar.addMenu(_tr(QT_TRANSLATE_NOOP("Menus", "&Help"))).addAction(actions["about"])
