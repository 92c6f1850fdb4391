"""An exception in a slot is a notice, not a silent death; a crash last time is mentioned."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QLabel

from desktop.bridge import FailureBridge
from desktop.diagnostics import Diagnostics


@pytest.mark.qt_no_exception_capture
def test_an_exception_in_a_slot_shows_a_notice_and_the_app_goes_on(qtbot, app_parts, tmp_path):
    window = app_parts.build()
    app_parts.wait_ready()
    diagnostics = Diagnostics(tmp_path)
    failures = FailureBridge()
    failures.failed.connect(lambda kind: window.show_failure_notice(kind, diagnostics.log_file))
    diagnostics.start(failures.failed.emit)
    try:

        def broken_slot() -> None:
            raise KeyError("no such item")

        QTimer.singleShot(0, broken_slot)
        qtbot.waitUntil(lambda: "KeyError" in window.statusBar().currentMessage(), timeout=3000)
    finally:
        diagnostics.stop()
    assert window.status_panel.open_log_button.isVisible()
    assert "KeyError" in diagnostics.log_file.read_text(encoding="utf-8")
    assert app_parts.controller.link.value == "ready"  # the conversation is still there


def test_a_crash_last_time_is_mentioned_with_its_log(qtbot, app_parts, tmp_path):
    window = app_parts.build(connect=False)
    crash_log = tmp_path / "crash-previous.log"
    crash_log.write_text("Fatal Python error: Segmentation fault\n")
    window.show_crash_notice(crash_log)
    notes = window.transcript.notes()
    assert any("closed unexpectedly last time" in note for note in notes)
    assert window.status_panel.open_log_button.isVisible()


def test_the_canary_check_sees_a_key_on_screen(qtbot):
    from PySide6.QtWidgets import QLineEdit

    from tests.support.canary import widgets_showing_the_canary
    from tests.support.relay_double import GOOD_KEY

    masked = QLineEdit(GOOD_KEY)
    masked.setEchoMode(QLineEdit.EchoMode.Password)
    qtbot.addWidget(masked)
    assert widgets_showing_the_canary() == []  # a masked key field is where it belongs
    shown = QLabel(f"connected with {GOOD_KEY}")
    shown.setObjectName("leaky")
    assert widgets_showing_the_canary() == ["QLabel 'leaky' shows it"]
    shown.deleteLater()
    shown.setText("")
