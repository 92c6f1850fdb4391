"""About: the version, the licence and where the app keeps its files, from Settings."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QLabel, QPushButton

import desktop
from desktop.diagnostics import log_folder
from desktop.history import store as history_store
from desktop.ui.settings_dialog import SettingsDialog


def _texts(widget) -> str:
    return "\n".join(label.text() for label in widget.findChildren(QLabel))


def test_about_from_settings_names_the_version_licence_and_folders(qtbot, app_parts, tmp_path):
    window = app_parts.build(connect=False)
    seen: list[str] = []

    def press_about_then_close():
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, SettingsDialog)
        qtbot.mouseClick(dialog.about_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: window.about_dialog is not None)
        about = window.about_dialog
        qtbot.waitExposed(about)
        seen.append(_texts(about))
        # A folder that exists can be opened; one that does not yet is shown, greyed out.
        (settings_open,) = about.settings_row.findChildren(QPushButton)
        (log_open,) = about.log_row.findChildren(QPushButton)
        seen.append(str((settings_open.isEnabled(), log_open.isEnabled() == log_folder().is_dir())))
        about.reject()
        dialog.reject()

    QTimer.singleShot(0, press_about_then_close)
    window.open_settings()
    text, folders_open = seen
    assert desktop.__version__ in text and "MIT" in text
    assert app_parts.store.path in text  # the tests' own settings file, not the user's
    assert str(log_folder()) in text
    assert str(history_store.default_path()) in text  # under the tests' XDG_DATA_HOME
    assert folders_open == "(True, True)"
