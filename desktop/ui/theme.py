"""Light and dark: the window follows the system's colour scheme unless Settings fixes one.

The widgets take their colours from the application palette; what the palette has no
role for (bubbles, the Talk button, state badges) comes from the Theme of the moment.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

APPEARANCES = ("system", "light", "dark")


@dataclass(frozen=True)
class Theme:
    dark: bool
    user_bubble: QColor
    assistant_bubble: QColor
    bubble_text: QColor
    quiet_text: QColor  # times, notes, "interrupted"
    accent: QColor
    accent_hover: QColor
    talking: QColor
    meter_track: QColor
    meter_fill: QColor
    banner_background: QColor
    banner_border: QColor
    banner_text: QColor
    ready_background: QColor
    ready_text: QColor
    lost_background: QColor
    lost_text: QColor
    row_selected: QColor  # the sidebar's open conversation
    row_hovered: QColor


LIGHT = Theme(
    dark=False,
    user_bubble=QColor("#d9e8fd"),
    assistant_bubble=QColor("#eeeef1"),
    bubble_text=QColor("#1d1d1f"),
    quiet_text=QColor("#6b6b70"),
    accent=QColor("#2f80ed"),
    accent_hover=QColor("#2a72d4"),
    talking=QColor("#d64545"),
    meter_track=QColor("#dcdce0"),
    meter_fill=QColor("#2f9e5b"),
    banner_background=QColor("#fff4e5"),
    banner_border=QColor("#f0b37e"),
    banner_text=QColor("#5a3200"),
    ready_background=QColor("#dff3e4"),
    ready_text=QColor("#17692e"),
    lost_background=QColor("#fde2e1"),
    lost_text=QColor("#9b1c1c"),
    row_selected=QColor("#dde3ec"),
    row_hovered=QColor("#eceef2"),
)

DARK = Theme(
    dark=True,
    user_bubble=QColor("#1f3d66"),
    assistant_bubble=QColor("#2f2f34"),
    bubble_text=QColor("#ececf0"),
    quiet_text=QColor("#9a9aa2"),
    accent=QColor("#3b82f6"),
    accent_hover=QColor("#5a96f8"),
    talking=QColor("#e05252"),
    meter_track=QColor("#3a3a40"),
    meter_fill=QColor("#3fbf73"),
    banner_background=QColor("#3d2c12"),
    banner_border=QColor("#8a5a1c"),
    banner_text=QColor("#f6d8ad"),
    ready_background=QColor("#173a23"),
    ready_text=QColor("#8fdca8"),
    lost_background=QColor("#4a1d1d"),
    lost_text=QColor("#f4aaaa"),
    row_selected=QColor("#3a3a41"),
    row_hovered=QColor("#2e2e34"),
)


def current() -> Theme:
    """The theme that matches the palette in use, whoever set it."""
    window = QGuiApplication.palette().color(QPalette.ColorRole.Window)
    return DARK if window.lightness() < 128 else LIGHT


def system_prefers_dark() -> bool:
    return QGuiApplication.styleHints().colorScheme() == Qt.ColorScheme.Dark


def apply_appearance(appearance: str) -> Theme:
    """Set the application palette for "system", "light" or "dark"; returns the theme.

    A dark palette is set by hand because the platform may not offer one (a plain X11
    session has no theme service), and then the style's own palette stays light."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    dark = appearance == "dark" or (appearance != "light" and system_prefers_dark())
    app.setPalette(dark_palette() if dark else app.style().standardPalette())
    return DARK if dark else LIGHT


def dark_palette() -> QPalette:
    palette = QPalette()
    roles = QPalette.ColorRole
    colours = {
        roles.Window: "#242428",
        roles.WindowText: "#ececf0",
        roles.Base: "#1b1b1f",
        roles.AlternateBase: "#26262b",
        roles.ToolTipBase: "#2f2f34",
        roles.ToolTipText: "#ececf0",
        roles.PlaceholderText: "#8a8a92",
        roles.Text: "#ececf0",
        roles.Button: "#2f2f34",
        roles.ButtonText: "#ececf0",
        roles.BrightText: "#ff6b6b",
        roles.Highlight: "#3b82f6",
        roles.HighlightedText: "#ffffff",
        roles.Link: "#7fb0ff",
        roles.Light: "#3a3a40",
        roles.Midlight: "#313136",
        roles.Mid: "#2a2a2f",
        roles.Dark: "#151518",
        roles.Shadow: "#000000",
    }
    for role, colour in colours.items():
        palette.setColor(role, QColor(colour))
    disabled = QPalette.ColorGroup.Disabled
    for role in (roles.WindowText, roles.Text, roles.ButtonText):
        palette.setColor(disabled, role, QColor("#6e6e76"))
    return palette


def stylesheet(theme: Theme) -> str:
    """What the palette cannot say: the accent button, badges and the problem banner."""
    return f"""
QFrame#problemBanner {{
    background: {theme.banner_background.name()};
    border: 1px solid {theme.banner_border.name()}; border-radius: 8px;
}}
QLabel#problemText {{ color: {theme.banner_text.name()}; }}
QLabel#linkState {{ padding: 2px 8px; border-radius: 8px; }}
QLabel#linkState[link="ready"] {{
    background: {theme.ready_background.name()}; color: {theme.ready_text.name()};
}}
QLabel#linkState[link="lost"], QLabel#linkState[link="failed"] {{
    background: {theme.lost_background.name()}; color: {theme.lost_text.name()};
}}
QLabel#headerDetail {{ color: {theme.quiet_text.name()}; }}
QPushButton#talkButton {{
    background: {theme.accent.name()}; color: white; font-size: 16px; font-weight: 600;
    border: none; border-radius: 12px;
}}
QPushButton#talkButton:hover {{ background: {theme.accent_hover.name()}; }}
QPushButton#talkButton[talking="true"] {{ background: {theme.talking.name()}; }}
QListWidget#conversations {{ border: none; background: transparent; }}
QListWidget#conversations::item {{ border-radius: 6px; }}
QListWidget#conversations::item:hover {{ background: {theme.row_hovered.name()}; }}
QListWidget#conversations::item:selected {{ background: {theme.row_selected.name()}; }}
QLineEdit#conversationSearch {{ padding: 4px 6px; }}
QListView#transcript {{ border: none; }}
"""
