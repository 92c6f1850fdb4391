"""Space for the window under test, the one key helper of tests and benchmarks.

`QtKeys` hands key events to Qt (what QTest does): fast, and enough where the window's
own handling is under test. `XKeys` types through the X server from another process, so
focus and autorepeat, which live there, are real. Both offer `press()` and `release()`.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget

from tests.support.x_keyboard import XKeyboard


def space_event(kind: QEvent.Type, autorepeat: bool = False) -> QKeyEvent:
    return QKeyEvent(kind, Qt.Key.Key_Space, Qt.KeyboardModifier.NoModifier, " ", autorepeat)


def send_space(
    kind: QEvent.Type, fallback: QWidget | None = None, autorepeat: bool = False
) -> None:
    """To the widget with the focus, as the window system would deliver it."""
    target = QApplication.focusWidget() or fallback or QApplication.activeWindow()
    assert target is not None, "no window to type into"
    QApplication.sendEvent(target, space_event(kind, autorepeat))


class QtKeys:
    """Space as Qt events, delivered at once."""

    def __init__(self, window: QWidget | None = None) -> None:
        self._window = window

    def press(self, autorepeat: bool = False) -> None:
        send_space(QEvent.Type.KeyPress, self._window, autorepeat)

    def release(self, autorepeat: bool = False) -> None:
        send_space(QEvent.Type.KeyRelease, self._window, autorepeat)


class XKeys:
    """Space typed through the X server; returns once the server has the event."""

    def __init__(self, keyboard: XKeyboard | None = None) -> None:
        self.keyboard = keyboard or XKeyboard()

    def press(self) -> None:
        self.keyboard.press("space")

    def release(self) -> None:
        self.keyboard.release("space")

    def close(self) -> None:
        self.keyboard.close()
