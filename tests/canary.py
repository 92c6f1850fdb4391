"""The tests' key is a canary: after the run it must appear nowhere a user could see or
a file could keep it. Checked once, when the whole session ends.

Where it is looked for: every log record of the app (at debug level), and every file the
run left in its scratch folders (settings, logs, crash logs) and in pytest's temporary
folders. The keyring's own store is the one place it belongs, and is encrypted there.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from tests.relay_double import GOOD_KEY

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
    names = ("XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME")
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
