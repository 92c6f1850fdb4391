"""How a turn looks: a rounded bubble, the user's on the right and the assistant's on the
left, notes centred without one; on the bubble under the mouse a copy button, and a play
button where the turn's audio was kept.

Text is laid out once per change and width (QTextLayout, cached), so a streaming answer
costs one layout of its own bubble per update, not one of the whole conversation.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import (
    QAbstractItemModel,
    QEvent,
    QModelIndex,
    QPersistentModelIndex,
    QPointF,
    QRect,
    QRectF,
    QSize,
    Signal,
)
from PySide6.QtGui import (
    QFont,
    QFontMetrics,
    QMouseEvent,
    QPainter,
    QTextCharFormat,
    QTextLayout,
    QTextOption,
)
from PySide6.QtWidgets import (
    QListView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
)

from desktop.ui import icons, theme
from desktop.ui.transcript_model import BUBBLE_ROLE, Bubble, Kind, TranscriptModel

SIDE_MARGIN = 12  # px between the view's edge and a bubble
FAR_SIDE = 56  # px a bubble always leaves free on the other side: who spoke, at a glance
PADDING = 10
GAP = 6  # px between bubbles
RADIUS = 12
COPY_SIZE = 22

_Index = QModelIndex | QPersistentModelIndex


@dataclass
class _Laid:
    revision: int
    width: int
    dark: bool  # the unheard part's colour is the theme's
    layout: QTextLayout
    text_size: QSize
    footer: str


class BubbleDelegate(QStyledItemDelegate):
    copy_requested = Signal(int)
    """The copy button of this row was clicked."""
    replay_requested = Signal(int)
    """The play button of this row was clicked."""

    def __init__(self, view: QListView) -> None:
        super().__init__(view)
        self._view = view
        self._laid: dict[int, _Laid] = {}  # id(bubble) → its layout
        self._told: dict[int, int] = {}  # id(bubble) → the height the view was last given
        self._small: tuple[QFont, QFont, QFontMetrics] | None = None  # view font → small
        self.has_audio: Callable[[str], bool] = lambda _item_id: False

    def forget_layouts(self) -> None:
        self._laid.clear()
        self._told.clear()

    # ---- geometry -------------------------------------------------------------------------

    def sizeHint(self, option: QStyleOptionViewItem, index: _Index) -> QSize:
        height = self._height(self._layout(index))
        self._told[id(index.data(BUBBLE_ROLE))] = height
        return QSize(self._view.viewport().width(), height)

    def height_changed(self, index: _Index) -> bool:
        """The row's bubble needs another height than the view was last given: the view
        must lay its rows out again. Most new words of a streaming answer only fill its
        last line, and then a repaint of the row is enough."""
        told = self._told.get(id(index.data(BUBBLE_ROLE)))
        return told is None or self._height(self._layout(index)) != told

    def _height(self, laid: _Laid) -> int:
        height = laid.text_size.height() + 2 * PADDING + GAP
        if laid.footer:
            height += self._small_metrics().height()
        return height

    def _available_width(self) -> int:
        return max(120, self._view.viewport().width() - 2 * SIDE_MARGIN - FAR_SIDE)

    def _bubble_rect(self, rect: QRect, bubble: Bubble, laid: _Laid) -> QRect:
        footer_width = self._small_metrics().horizontalAdvance(laid.footer)
        width = max(laid.text_size.width(), footer_width) + 2 * PADDING
        if bubble.kind is not Kind.NOTE:
            width = max(width, 2 * COPY_SIZE + 2 * PADDING)
        height = rect.height() - GAP
        top = rect.top() + GAP // 2
        if bubble.kind is Kind.USER:
            left = rect.right() - SIDE_MARGIN - width
        elif bubble.kind is Kind.ASSISTANT:
            left = rect.left() + SIDE_MARGIN
        else:
            left = rect.left() + (rect.width() - width) // 2
        return QRect(left, top, width, height)

    def _copy_rect(self, bubble_rect: QRect) -> QRect:
        return QRect(
            bubble_rect.right() - COPY_SIZE - 2, bubble_rect.top() + 2, COPY_SIZE, COPY_SIZE
        )

    def _play_rect(self, bubble_rect: QRect) -> QRect:
        return self._copy_rect(bubble_rect).translated(-COPY_SIZE - 2, 0)

    def replayable(self, bubble: Bubble) -> bool:
        return bubble.kind is not Kind.NOTE and bubble.final and self.has_audio(bubble.item_id)

    def _layout(self, index: _Index) -> _Laid:
        bubble: Bubble = index.data(BUBBLE_ROLE)
        width = self._available_width() - 2 * PADDING
        laid = self._laid.get(id(bubble))
        dark = theme.current().dark
        if laid is not None and (laid.revision, laid.width, laid.dark) == (
            bubble.revision,
            width,
            dark,
        ):
            return laid
        font = self._view.font()
        if bubble.kind is Kind.NOTE:
            font = QFont(font)
            font.setItalic(True)
        layout = QTextLayout(str(index.data()), font)
        wrapping = QTextOption()
        wrapping.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        layout.setTextOption(wrapping)
        unheard = self._unheard_range(index, bubble)
        if unheard is not None:
            layout.setFormats([unheard])
        layout.beginLayout()
        height = 0.0
        widest = 0.0
        while (line := layout.createLine()).isValid():
            line.setLineWidth(width)
            line.setPosition(QPointF(0, height))
            height += line.height()
            widest = max(widest, line.naturalTextWidth())
        layout.endLayout()
        laid = _Laid(
            bubble.revision,
            width,
            dark,
            layout,
            QSize(int(widest) + 1, int(height) + 1),
            self._footer(bubble),
        )
        self._laid[id(bubble)] = laid
        return laid

    def _unheard_range(self, index: _Index, bubble: Bubble) -> QTextLayout.FormatRange | None:
        """What the user never heard of an interrupted answer: struck through and dimmed."""
        model = index.model()
        if not isinstance(model, TranscriptModel) or not (unheard := model.unheard(bubble)):
            return None
        struck = QTextCharFormat()
        struck.setFontStrikeOut(True)
        struck.setForeground(theme.current().quiet_text)
        shown = QTextLayout.FormatRange()
        shown.start, shown.length, shown.format = (
            len(bubble.text) - len(unheard),
            len(unheard),
            struck,
        )
        return shown

    def _footer(self, bubble: Bubble) -> str:
        marks = []
        if bubble.unasked:
            marks.append(self.tr("Not asked for"))
        if bubble.interrupted:
            marks.append(self.tr("Interrupted"))
        return " · ".join(marks)

    def _small_font(self) -> QFont:
        return self._small_fonts()[1]

    def _small_metrics(self) -> QFontMetrics:
        return self._small_fonts()[2]

    def _small_fonts(self) -> tuple[QFont, QFont, QFontMetrics]:
        # Asked for at every size query: made again only when the view's font changes.
        base = self._view.font()
        if self._small is None or self._small[0] != base:
            font = QFont(base)
            font.setPointSizeF(font.pointSizeF() * 0.85)
            self._small = (QFont(base), font, QFontMetrics(font))
        return self._small

    # ---- drawing --------------------------------------------------------------------------

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: _Index) -> None:
        bubble: Bubble = index.data(BUBBLE_ROLE)
        laid = self._layout(index)
        colours = theme.current()
        area = self._bubble_rect(option.rect, bubble, laid)
        state = option.state
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        if bubble.kind is not Kind.NOTE:
            painter.setPen(
                option.palette.highlight().color()
                if state & QStyle.StateFlag.State_Selected
                else colours.user_bubble
                if bubble.kind is Kind.USER
                else colours.assistant_bubble
            )
            painter.setBrush(
                colours.user_bubble if bubble.kind is Kind.USER else colours.assistant_bubble
            )
            painter.drawRoundedRect(QRectF(area), RADIUS, RADIUS)
        painter.setPen(colours.quiet_text if bubble.kind is Kind.NOTE else colours.bubble_text)
        origin = QPointF(area.left() + PADDING, area.top() + PADDING)
        # Only the lines on screen: a long answer has hundreds of them.
        visible = QRectF(self._view.viewport().rect()).translated(-origin)
        laid.layout.draw(painter, origin, [], visible)
        if laid.footer:
            painter.setFont(self._small_font())
            painter.setPen(colours.quiet_text)
            painter.drawText(
                QPointF(
                    area.left() + PADDING,
                    area.top() + PADDING + laid.text_size.height() + self._small_metrics().ascent(),
                ),
                laid.footer,
            )
        if bubble.kind is not Kind.NOTE and state & QStyle.StateFlag.State_MouseOver:
            icons.icon("copy").paint(painter, self._copy_rect(area).adjusted(3, 3, -3, -3))
            if self.replayable(bubble):
                icons.icon("play").paint(painter, self._play_rect(area).adjusted(3, 3, -3, -3))
        painter.restore()

    # ---- the buttons ----------------------------------------------------------------------

    def editorEvent(
        self,
        event: QEvent,
        model: QAbstractItemModel,
        option: QStyleOptionViewItem,
        index: _Index,
    ) -> bool:
        if event.type() == QEvent.Type.MouseButtonRelease and isinstance(event, QMouseEvent):
            bubble: Bubble = index.data(BUBBLE_ROLE)
            area = self._bubble_rect(option.rect, bubble, self._layout(index))
            where = event.position().toPoint()
            if bubble.kind is not Kind.NOTE and self._copy_rect(area).contains(where):
                self.copy_requested.emit(index.row())
                return True
            if self.replayable(bubble) and self._play_rect(area).contains(where):
                self.replay_requested.emit(index.row())
                return True
        return super().editorEvent(event, model, option, index)
