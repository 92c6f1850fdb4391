"""The one question asked when the window is first closed: keep running in the tray?"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget


def ask_keep_running_in_tray(parent: QWidget) -> bool:
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle(QCoreApplication.translate("CloseQuestion", "Close the window"))
    box.setText(
        QCoreApplication.translate("CloseQuestion", "Keep Realtime Desktop running in the tray?")
    )
    box.setInformativeText(
        QCoreApplication.translate(
            "CloseQuestion",
            "The global shortcut keeps working and a short sound marks each turn. "
            "Quit from the tray icon's menu.",
        )
    )
    keep = box.addButton(
        QCoreApplication.translate("CloseQuestion", "Keep running"),
        QMessageBox.ButtonRole.AcceptRole,
    )
    box.addButton(
        QCoreApplication.translate("CloseQuestion", "Quit"), QMessageBox.ButtonRole.RejectRole
    )
    box.setDefaultButton(keep)
    box.exec()
    return box.clickedButton() is keep
