"""Space for the window under test, the one key helper of tests and benchmarks.

`QtKeys` hands key events to Qt (what QTest does): fast, and enough where the window's
own handling is under test. Its XTest counterpart is `tests.support.x_keyboard.XKeyboard`
(`press("space")`, `release("space")`), which types through the X server from another
process, so that focus and autorepeat, which live there, are real.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent, QWindow
from PySide6.QtWidgets import QApplication, QWidget


def space_event(kind: QEvent.Type, autorepeat: bool = False) -> QKeyEvent:
    return QKeyEvent(kind, Qt.Key.Key_Space, Qt.KeyboardModifier.NoModifier, " ", autorepeat)


def send_space(
    kind: QEvent.Type, fallback: QWidget | None = None, autorepeat: bool = False
) -> None:
    """To the window with the focus, as the window system delivers it: Qt then hands it to
    the focused widget."""
    target = QApplication.focusWidget() or fallback or QApplication.activeWindow()
    assert target is not None, "no window to type into"
    handle: QWindow | None = target.window().windowHandle()  # None until it is shown
    QApplication.sendEvent(target if handle is None else handle, space_event(kind, autorepeat))


class QtKeys:
    """Space as Qt events, delivered at once."""

    def __init__(self, window: QWidget | None = None) -> None:
        self._window = window

    def press(self, autorepeat: bool = False) -> None:
        send_space(QEvent.Type.KeyPress, self._window, autorepeat)

    def release(self, autorepeat: bool = False) -> None:
        send_space(QEvent.Type.KeyRelease, self._window, autorepeat)
