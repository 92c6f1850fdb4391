"""The window's look, in one stylesheet; dynamic properties pick the variants."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

STYLESHEET = """
QTextBrowser#transcript { background: white; color: #1d1d1f; }
QFrame#problemBanner {
    background: #fff4e5; border: 1px solid #f0b37e; border-radius: 8px;
}
QLabel#problemText { color: #5a3200; }
QLabel#linkState { padding: 2px 8px; border-radius: 8px; color: #555; }
QLabel#linkState[link="ready"] { background: #dff3e4; color: #17692e; }
QLabel#linkState[link="lost"], QLabel#linkState[link="failed"] {
    background: #fde2e1; color: #9b1c1c;
}
QPushButton#talkButton {
    background: #2f80ed; color: white; font-size: 16px; font-weight: 600;
    border: none; border-radius: 12px;
}
QPushButton#talkButton:hover { background: #2a72d4; }
QPushButton#talkButton[talking="true"] { background: #d64545; }
QListWidget#conversations { border: none; background: transparent; }
QListWidget#conversations::item { padding: 6px 8px; border-radius: 6px; }
QListWidget#conversations::item:selected { background: #dbe8fb; color: #1d1d1f; }
QLineEdit#conversationSearch { padding: 4px 6px; }
"""


def set_style_property(widget: QWidget, name: str, value: object) -> None:
    """Set a property the stylesheet selects on, and make Qt apply it now."""
    widget.setProperty(name, value)
    widget.style().unpolish(widget)
    widget.style().polish(widget)
