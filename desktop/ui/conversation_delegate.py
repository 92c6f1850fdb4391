"""A conversation in the sidebar: its title, and under it, smaller and quieter, when it was
last active and with which model (in a search, the line that matched)."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QFont, QFontMetrics, QPainter
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from desktop.ui import theme

SUBTITLE_ROLE = Qt.ItemDataRole.UserRole + 1
PADDING_X = 8
PADDING_Y = 7

_Index = QModelIndex | QPersistentModelIndex


class ConversationDelegate(QStyledItemDelegate):
    def __init__(self, view: QWidget) -> None:
        super().__init__(view)
        self._view = view

    def sizeHint(self, option: QStyleOptionViewItem, index: _Index) -> QSize:
        height = QFontMetrics(self._view.font()).height() + self._small_metrics().height()
        return QSize(option.rect.width(), height + 2 * PADDING_Y + 2)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: _Index) -> None:
        # The panel as the style (and the window's style sheet) draws a selected or hovered
        # row; the text on top of it in the theme's colours.
        self._view.style().drawPrimitive(
            QStyle.PrimitiveElement.PE_PanelItemViewItem, option, painter, self._view
        )
        title, _, found = str(index.data() or "").partition("\n")
        subtitle = found or str(index.data(SUBTITLE_ROLE) or "")
        colours = theme.current()
        area = option.rect.adjusted(PADDING_X, PADDING_Y, -PADDING_X, -PADDING_Y)
        painter.save()
        font = QFont(self._view.font())
        title_metrics = QFontMetrics(font)
        painter.setFont(font)
        painter.setPen(colours.bubble_text)
        title_rect = QRect(area.left(), area.top(), area.width(), title_metrics.height())
        painter.drawText(
            title_rect,
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            title_metrics.elidedText(title, Qt.TextElideMode.ElideRight, area.width()),
        )
        small = self._small_font()
        painter.setFont(small)
        painter.setPen(colours.quiet_text)
        sub_rect = QRect(
            area.left(), title_rect.bottom() + 1, area.width(), self._small_metrics().height()
        )
        painter.drawText(
            sub_rect,
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            self._small_metrics().elidedText(subtitle, Qt.TextElideMode.ElideRight, area.width()),
        )
        painter.restore()

    def _small_font(self) -> QFont:
        font = QFont(self._view.font())
        font.setPointSizeF(font.pointSizeF() * 0.85)
        return font

    def _small_metrics(self) -> QFontMetrics:
        return QFontMetrics(self._small_font())
