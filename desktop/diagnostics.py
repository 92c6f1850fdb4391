"""Logs, crash logs and uncaught exceptions: nothing dies silently, no key is written down.

- The log rotates in the platform's log folder (platformdirs; XDG_STATE_HOME on Linux).
- faulthandler writes a fatal crash's tracebacks to `crash.log` there; a non-empty file at
  the next start means the last run crashed, and the app says so.
- Exceptions that escape a slot, a thread or a finaliser are logged and reported through a
  callback (the window shows a notice); the app goes on.
- Every log record passes a filter that blanks anything that looks like a key.
"""

from __future__ import annotations

import faulthandler
import logging
import logging.handlers
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from types import TracebackType
from typing import IO, Any

import platformdirs

from desktop import appinfo
from desktop.redaction import redact

LOG_BYTES = 1_000_000
LOG_BACKUPS = 3
log = logging.getLogger(__name__)


def log_folder() -> Path:
    return Path(platformdirs.user_log_dir(appinfo.APP_NAME, appinfo.ORG_NAME))


class RedactingFilter(logging.Filter):
    """Blanks key-like text and the keys it is told about, in the message and traceback."""

    def __init__(self) -> None:
        super().__init__()
        self.secrets: tuple[str, ...] = ()

    def filter(self, record: logging.LogRecord) -> bool:
        record.msg = redact(record.getMessage(), self.secrets)
        record.args = None
        if record.exc_info:
            formatted = logging.Formatter().formatException(record.exc_info)
            record.exc_text = redact(formatted, self.secrets)
            record.exc_info = None
        return True


class Diagnostics:
    """Owns the log handler, faulthandler's file and the exception hooks for one run."""

    def __init__(self, folder: Path | None = None) -> None:
        self.folder = folder or log_folder()
        self.folder.mkdir(parents=True, exist_ok=True)
        self.crash_log = self.folder / "crash.log"
        self.previous_crash: Path | None = None
        self.redactor = RedactingFilter()
        self._handler: logging.Handler | None = None
        self._level_before = logging.WARNING
        self._crash_file: IO[str] | None = None
        self._on_failure: Callable[[str], None] = lambda _kind: None
        self._saved_hooks: tuple[Any, Any, Any] | None = None

    def start(self, on_failure: Callable[[str], None] | None = None) -> None:
        if on_failure is not None:
            self._on_failure = on_failure
        handler = logging.handlers.RotatingFileHandler(
            self.log_file,
            maxBytes=LOG_BYTES,
            backupCount=LOG_BACKUPS,
            encoding="utf-8",
        )
        handler.setFormatter(
            logging.Formatter("%(asctime)s %(levelname)s %(threadName)s %(name)s: %(message)s")
        )
        handler.addFilter(self.redactor)
        handler.setLevel(logging.INFO)  # a line per answer and per server error, for support
        root = logging.getLogger()
        root.addHandler(handler)
        self._level_before = root.level
        root.setLevel(min(root.level, logging.INFO))
        self._handler = handler
        if self.crash_log.exists() and self.crash_log.stat().st_size > 0:
            self.previous_crash = self.folder / "crash-previous.log"
            self.crash_log.replace(self.previous_crash)
            log.warning("the previous run crashed; its traces are in %s", self.previous_crash)
        self._crash_file = self.crash_log.open("w", encoding="utf-8")
        faulthandler.enable(self._crash_file, all_threads=True)
        self._saved_hooks = (sys.excepthook, threading.excepthook, sys.unraisablehook)
        sys.excepthook = self._on_uncaught
        threading.excepthook = self._on_thread_exception
        sys.unraisablehook = self._on_unraisable

    @property
    def log_file(self) -> Path:
        return self.folder / "realtime-desktop.log"

    def remember_secret(self, secret: str | None) -> None:
        """The key in use is blanked in every record, whatever it looks like."""
        if secret:
            self.redactor.secrets = tuple({*self.redactor.secrets, secret})

    def stop(self) -> None:
        if self._saved_hooks is not None:
            sys.excepthook, threading.excepthook, sys.unraisablehook = self._saved_hooks
            self._saved_hooks = None
        if self._crash_file is not None:
            faulthandler.disable()
            self._crash_file.close()
            self._crash_file = None
            if self.crash_log.stat().st_size == 0:
                self.crash_log.unlink()  # a clean exit leaves no crash log
        if self._handler is not None:
            logging.getLogger().removeHandler(self._handler)
            logging.getLogger().setLevel(self._level_before)
            self._handler.close()
            self._handler = None

    def _on_uncaught(
        self, kind: type[BaseException], error: BaseException, trace: TracebackType | None
    ) -> None:
        log.error("uncaught exception", exc_info=(kind, error, trace))
        self._on_failure(kind.__name__)

    def _on_thread_exception(self, args: threading.ExceptHookArgs) -> None:
        name = args.thread.name if args.thread is not None else "?"
        error = args.exc_value or args.exc_type()
        trace = args.exc_traceback
        log.error("uncaught exception on thread %s", name, exc_info=(args.exc_type, error, trace))
        self._on_failure(args.exc_type.__name__)

    def _on_unraisable(self, unraisable: Any) -> None:
        log.error(
            "unraisable exception in %r",
            unraisable.object,
            exc_info=(unraisable.exc_type, unraisable.exc_value, unraisable.exc_traceback),
        )
