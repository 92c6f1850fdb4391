"""Logs that never hold a key, a crash that is noticed at the next start, and exceptions
that are logged and reported instead of dying silently."""

from __future__ import annotations

import logging
import subprocess
import sys
import threading

from desktop.diagnostics import Diagnostics, RedactingFilter
from desktop.redaction import REDACTED, redact

KEY = "sk-proj-Canary0123456789abcdef"


def test_key_like_text_is_blanked():
    assert KEY not in redact(f"connecting with {KEY}")
    assert redact("Authorization: Bearer abc.def-123") == f"Authorization: Bearer {REDACTED}"
    assert redact("wss://relay/v1/realtime?api_key=zzz&model=m") == (
        f"wss://relay/v1/realtime?api_key={REDACTED}&model=m"
    )
    assert redact("a key without a known shape", ("without",)) == f"a key {REDACTED} a known shape"
    assert redact("model gpt-realtime, voice marin") == "model gpt-realtime, voice marin"


def test_the_filter_blanks_arguments_and_tracebacks():
    record = logging.LogRecord("x", logging.ERROR, __file__, 1, "key %s", (KEY,), None)
    try:
        raise ValueError(f"bad key {KEY}")
    except ValueError:
        record.exc_info = sys.exc_info()
    RedactingFilter().filter(record)
    text = logging.Formatter().format(record)
    assert KEY not in text
    assert "ValueError: bad key [redacted]" in text


def test_a_crash_is_found_at_the_next_start(tmp_path):
    crash = (
        "from pathlib import Path; import faulthandler; "
        "from desktop.diagnostics import Diagnostics; "
        f"Diagnostics(Path({str(tmp_path)!r})).start(); faulthandler._sigsegv()"
    )
    died = subprocess.run([sys.executable, "-c", crash], capture_output=True, timeout=60)
    assert died.returncode != 0

    diagnostics = Diagnostics(tmp_path)
    diagnostics.start()
    try:
        assert diagnostics.previous_crash is not None
        assert "Fatal Python error: Segmentation fault" in diagnostics.previous_crash.read_text()
    finally:
        diagnostics.stop()
    again = Diagnostics(tmp_path)  # a clean exit leaves nothing to report
    again.start()
    again.stop()
    assert again.previous_crash is None


def test_an_exception_on_a_thread_is_logged_and_reported(tmp_path):
    reported: list[str] = []
    diagnostics = Diagnostics(tmp_path)
    diagnostics.start(reported.append)
    diagnostics.remember_secret("plain-secret-without-a-prefix")
    try:

        def fail() -> None:
            raise RuntimeError(f"broke while holding {KEY} and plain-secret-without-a-prefix")

        thread = threading.Thread(target=fail, name="worker")
        thread.start()
        thread.join()
    finally:
        diagnostics.stop()
    assert reported == ["RuntimeError"]
    log = diagnostics.log_file.read_text(encoding="utf-8")
    assert "uncaught exception on thread worker" in log
    assert "RuntimeError: broke while holding [redacted] and [redacted]" in log
    assert KEY not in log and "plain-secret" not in log
