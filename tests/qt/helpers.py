"""Driving the real window the way a person does, with a fake microphone to speak into."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication

from desktop.audio.pcm import CHUNK_FRAMES


def space(parts, kind: QEvent.Type) -> None:
    target = QApplication.focusWidget() or parts.window
    event = QKeyEvent(kind, Qt.Key.Key_Space, Qt.KeyboardModifier.NoModifier, " ")
    QApplication.sendEvent(target, event)


def speak(parts, audio, *, press=True, release=True):
    """Hold Space, let the fake microphone deliver `audio`, release."""
    window = parts.window
    target = QApplication.focusWidget() or window
    if press:
        QApplication.sendEvent(
            target,
            QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_Space, Qt.KeyboardModifier.NoModifier, " "),
        )
    mic = parts.pa.input_stream()
    pcm = audio.tobytes()
    step = CHUNK_FRAMES * 2
    for start in range(0, len(pcm), step):
        mic.feed(pcm[start : start + step].ljust(step, b"\0"))
    if release:
        QApplication.sendEvent(
            target,
            QKeyEvent(
                QEvent.Type.KeyRelease, Qt.Key.Key_Space, Qt.KeyboardModifier.NoModifier, " "
            ),
        )


def transcript(window):
    return "\n".join(window.transcript.texts())
