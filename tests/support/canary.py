"""The tests' key is a canary: after the run it must appear nowhere a user could see or
a file could keep it. Checked once, when the whole session ends.

Where it is looked for: every log record of the app (at debug level); every file the run
left in its scratch folders (settings, logs, crash logs, conversations) and in pytest's temporary folders;
after every test, the text of every widget that exists then (labels, the transcript, the
problem banner, the status bar, notices, tooltips, titles); and the text of every exception
a test ended with. The keyring's own store is the one place it belongs, and is encrypted
there; a password field may hold it while the user types.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from tests.support.relay_double import GOOD_KEY

CANARY = GOOD_KEY.encode()


class RecordKeeper(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.leaks: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        text = self.format(record)
        if GOOD_KEY in text:
            self.leaks.append(f"log record of {record.name}: {text[:200]}")


def scratch_folders() -> list[Path]:
    # The data folder holds the conversations (and the test keyring's encrypted store).
    names = ("XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME", "XDG_DATA_HOME")
    return [Path(os.environ[n]) for n in names if os.environ.get(n)]


def files_holding_the_canary(folders: list[Path]) -> list[str]:
    found = []
    for folder in folders:
        for path in folder.rglob("*") if folder.exists() else ():
            try:
                if path.is_file() and CANARY in path.read_bytes():
                    found.append(str(path))
            except OSError:
                continue
    return found


def widgets_showing_the_canary() -> list[str]:
    """Every live widget whose visible or hover text contains the key."""
    from PySide6.QtWidgets import QApplication, QLineEdit, QStatusBar

    app = QApplication.instance()
    if app is None:
        return []
    found = []
    for widget in QApplication.allWidgets():
        if isinstance(widget, QLineEdit) and widget.echoMode() != QLineEdit.EchoMode.Normal:
            continue  # the key field, masked while the user types
        texts = [widget.toolTip(), widget.windowTitle()]
        for reader in ("text", "toPlainText", "placeholderText"):
            method = getattr(widget, reader, None)
            if callable(method):
                try:
                    value = method()
                except TypeError:  # a text() that wants arguments (QComboBox.itemText…)
                    continue
                if isinstance(value, str):
                    texts.append(value)
        if isinstance(widget, QStatusBar):
            texts.append(widget.currentMessage())
        if any(GOOD_KEY in text for text in texts):
            found.append(f"{type(widget).__name__} {widget.objectName()!r} shows it")
    return found
