"""The menu bar, with the platform's standard shortcuts: File (New, Export, Settings, Quit),
Edit (Find), View (Conversations) and Help (About)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QFileDialog, QMainWindow, QWidget

from desktop.history import export
from desktop.history.store import Conversation
from desktop.ui.messages import QT_TRANSLATE_NOOP

# Where a platform has no standard key for an action (Preferences on GNOME and Windows).
_FALLBACK_KEYS = {QKeySequence.StandardKey.Preferences: "Ctrl+,"}
_SUFFIXES = {"markdown": ".md", "json": ".json", "text": ".txt"}


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
    """Where to save the conversation, and as what (by the filter chosen)."""

    def __init__(self, conversation: Conversation, parent: QWidget) -> None:
        super().__init__(parent, self.tr("Export conversation"))
        self.conversation = conversation
        self.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        self.setOption(QFileDialog.Option.DontUseNativeDialog, True)  # the same everywhere
        self._formats = {
            self.tr("Markdown (*.md)"): "markdown",
            self.tr("JSON (*.json)"): "json",
            self.tr("Plain text (*.txt)"): "text",
        }
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
            text = export.render(self.conversation, self.chosen_format())
            path.write_text(text, encoding="utf-8")


def build_menu_bar(
    window: QMainWindow,
    *,
    open_settings: Callable[[], object],
    show_about: Callable[[], object],
    quit_app: Callable[[], object],
    conversation_actions: dict[str, QAction],
    export_current: Callable[[], object] | None,
) -> dict[str, QAction]:
    """Fills the window's menu bar; returns its actions by name."""
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
    }
    made["settings"].setMenuRole(QAction.MenuRole.PreferencesRole)
    made["quit"].setMenuRole(QAction.MenuRole.QuitRole)
    made["about"].setMenuRole(QAction.MenuRole.AboutRole)
    if export_current is not None:
        made["export"] = action(
            window,
            _tr(QT_TRANSLATE_NOOP("Menus", "Export…")),
            export_current,
            [QKeySequence("Ctrl+E")],
        )
    made.update(conversation_actions)
    bar = window.menuBar()
    file_menu = bar.addMenu(_tr(QT_TRANSLATE_NOOP("Menus", "&File")))
    for name in ("new", "export", None, "settings", None, "quit"):
        if name is None:
            file_menu.addSeparator()
        elif name in made:
            file_menu.addAction(made[name])
    if "find" in made:
        bar.addMenu(_tr(QT_TRANSLATE_NOOP("Menus", "&Edit"))).addActions(
            [made["find"], made["undo"]]
        )
        bar.addMenu(_tr(QT_TRANSLATE_NOOP("Menus", "&View"))).addAction(made["sidebar"])
    bar.addMenu(_tr(QT_TRANSLATE_NOOP("Menus", "&Help"))).addAction(made["about"])
    for shortcut_holder in made.values():
        window.addAction(shortcut_holder)  # shortcuts work with the menu bar hidden too
    return made
