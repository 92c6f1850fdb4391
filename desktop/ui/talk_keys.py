"""Space in the window, handed to push-to-talk with what the window system said about it."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent, QWindow
from PySide6.QtWidgets import QApplication, QLineEdit, QPlainTextEdit, QTextEdit, QWidget

from desktop.push_to_talk import PushToTalk

_TEXT_INPUTS = (QLineEdit, QPlainTextEdit, QTextEdit)


class TalkKeys(QObject):
    """Space talks wherever the focus is in the window, except in a text field; losing
    focus, minimising or hiding ends the hold.

    It filters the window's own events and those of its window-system window, which every
    key for the window passes through before Qt hands it to the focused widget. Not the
    whole application's: an application-wide filter would run Python for every event of
    every object, timers and repaints included, while an answer streams."""

    def __init__(self, window: QWidget, push_to_talk: PushToTalk) -> None:
        super().__init__(window)
        self._window = window
        self._push_to_talk = push_to_talk
        self._handle: QWindow | None = None
        window.installEventFilter(self)
        self._watch_handle()  # and again once it is shown: Qt makes the handle then

    def _watch_handle(self) -> None:
        handle: QWindow | None = self._window.windowHandle()  # None until it is shown
        if handle is not None and handle is not self._handle:
            if self._handle is not None:
                self._handle.removeEventFilter(self)
            handle.installEventFilter(self)
            self._handle = handle

    def remove(self) -> None:
        self._window.removeEventFilter(self)
        if self._handle is not None:
            self._handle.removeEventFilter(self)
            self._handle = None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease) and self._is_talk_key(
            watched, event
        ):
            assert isinstance(event, QKeyEvent)
            handle = (
                self._push_to_talk.window_key_pressed
                if kind == QEvent.Type.KeyPress
                else self._push_to_talk.window_key_released
            )
            # Events made by the program itself (tests, accessibility tools) carry time 0.
            handle(event.timestamp() or None, event.isAutoRepeat(), event.nativeScanCode())
            return True
        if watched is self._window:
            if kind in (QEvent.Type.Show, QEvent.Type.WinIdChange):
                self._watch_handle()
            elif self._loses_input(event):
                self._push_to_talk.window_lost_input()  # the release goes to another window
        return super().eventFilter(watched, event)

    def _is_talk_key(self, watched: QObject, event: QEvent) -> bool:
        if not isinstance(event, QKeyEvent) or event.key() != Qt.Key.Key_Space:
            return False
        if not self._window.isActiveWindow() or not self._in_window(watched):
            return False
        return not isinstance(QApplication.focusWidget(), _TEXT_INPUTS)

    def _in_window(self, watched: QObject) -> bool:
        """A key for this window, not for another of the app's (Events, a dialog)."""
        if isinstance(watched, QWidget):
            return watched.window() is self._window
        if isinstance(watched, QWindow):
            return watched is self._window.windowHandle()
        return False

    def _loses_input(self, event: QEvent) -> bool:
        kind = event.type()
        if kind in (QEvent.Type.WindowDeactivate, QEvent.Type.Hide):
            return True
        return kind == QEvent.Type.WindowStateChange and self._window.isMinimized()
