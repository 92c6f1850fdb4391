"""View ▸ Events: every event between the app and the relay, as it happens.

It records only while its window is open, and takes what the log gathered a few times a
second, and only while it can be seen: the conversation never waits on it. Audio is
shown as its size; the key is never part of an event.
"""

from __future__ import annotations

import bisect
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import (
    QAction,
    QCloseEvent,
    QFontDatabase,
    QGuiApplication,
    QHideEvent,
    QKeyEvent,
    QKeySequence,
    QShowEvent,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.realtime.event_log import Direction, EventLog, LoggedEvent, to_jsonl
from desktop.ui.messages import QT_TRANSLATE_NOOP

REFRESH_MS = 250
_Index = QModelIndex | QPersistentModelIndex
COLUMNS = (
    QT_TRANSLATE_NOOP("EventTable", "Time"),
    QT_TRANSLATE_NOOP("EventTable", "Direction"),
    QT_TRANSLATE_NOOP("EventTable", "Type"),
    QT_TRANSLATE_NOOP("EventTable", "Size"),
)
DIRECTIONS = {
    Direction.SENT: QT_TRANSLATE_NOOP("EventTable", "↑ sent"),
    Direction.RECEIVED: QT_TRANSLATE_NOOP("EventTable", "↓ received"),
}


class EventTable(QAbstractTableModel):
    """The events taken from the log, oldest first, no more than the log still keeps."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.events: list[LoggedEvent] = []
        self._texts: dict[int, str] = {}  # seq → the event's text, lower case, for search

    def add(self, events: list[LoggedEvent]) -> None:
        if not events:
            return
        first = len(self.events)
        self.beginInsertRows(QModelIndex(), first, first + len(events) - 1)
        self.events.extend(events)
        self.endInsertRows()

    def drop_before(self, seq: int) -> None:
        """The events the log let go of go here too: the table holds no more than it."""
        gone = bisect.bisect_left(self.events, seq, key=lambda event: event.seq)
        if gone:
            self.beginRemoveRows(QModelIndex(), 0, gone - 1)
            for event in self.events[:gone]:
                self._texts.pop(event.seq, None)
            del self.events[:gone]
            self.endRemoveRows()

    def clear(self) -> None:
        self.beginResetModel()
        self.events.clear()
        self._texts.clear()
        self.endResetModel()

    def searchable(self, row: int) -> str:
        event = self.events[row]
        text = self._texts.get(event.seq)
        if text is None:
            text = self._texts[event.seq] = event.text().lower()
        return text

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self.events)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation is Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.tr(COLUMNS[section])
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or role not in (
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.TextAlignmentRole,
        ):
            return None
        event = self.events[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.TextAlignmentRole:
            right = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
            return right if column == 3 else None
        if column == 0:
            return datetime.fromtimestamp(event.at).strftime("%H:%M:%S.%f")[:-3]
        if column == 1:
            return self.tr(DIRECTIONS[event.direction])
        if column == 2:
            return event.type or self.tr("(no type)")
        return f"{event.size:,}"


class EventFilter(QSortFilterProxyModel):
    """One type, or all; and words anywhere in the event."""

    def __init__(self, table: EventTable, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setSourceModel(table)
        self._table = table
        self._type = ""
        self._words = ""

    def show_only(self, event_type: str, words: str) -> None:
        announced = hasattr(self, "beginFilterChange")  # Qt 6.10 on; before, invalidate
        if announced:
            self.beginFilterChange()
        self._type, self._words = event_type, words.strip().lower()
        if announced:
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:
            self.invalidateRowsFilter()

    def filterAcceptsRow(self, source_row: int, source_parent: _Index) -> bool:
        event = self._table.events[source_row]
        if self._type and event.type != self._type:
            return False
        return not self._words or self._words in self._table.searchable(source_row)


class EventView(QTableView):
    """The table; Ctrl+C copies the whole event, not the cell Qt's own copy would take."""

    copy_requested = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.matches(QKeySequence.StandardKey.Copy):
            self.copy_requested.emit()
            return
        super().keyPressEvent(event)


class EventInspector(QWidget):
    def __init__(self, log: EventLog, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setWindowTitle(self.tr("Events"))
        self._log = log
        self._last_seq = 0
        self.save_dialog: QFileDialog | None = None  # while the user picks where
        self.table = EventTable(self)
        self.shown = EventFilter(self.table, self)
        self.type_choice = QComboBox()
        self.type_choice.setAccessibleName(self.tr("Event type"))
        self.type_choice.addItem(self.tr("All types"), "")
        self.type_choice.currentIndexChanged.connect(self._on_filter_changed)
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Search events"))
        self.search.setAccessibleName(self.tr("Search events"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._on_filter_changed)
        clear = QPushButton(self.tr("Clear"))
        clear.clicked.connect(self.clear)
        save = QPushButton(self.tr("Save…"))
        save.clicked.connect(self._on_save_clicked)
        self.view = self._build_view()
        self.detail = QPlainTextEdit()
        self.detail.setReadOnly(True)
        self.detail.setAccessibleName(self.tr("The event"))
        self.detail.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        bar = QHBoxLayout()
        bar.addWidget(self.type_choice)
        bar.addWidget(self.search, 1)
        bar.addWidget(clear)
        bar.addWidget(save)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.view)
        split.addWidget(self.detail)
        split.setSizes([320, 200])
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(split)
        self.status = QLabel()
        self.status.setAccessibleName(self.tr("Events shown"))
        layout.addWidget(self.status)
        self._refresh = QTimer(self)
        self._refresh.setInterval(REFRESH_MS)
        self._refresh.timeout.connect(self._on_refresh_timeout)
        self.resize(760, 560)
        self._count_shown()

    def _build_view(self) -> QTableView:
        view = EventView()
        view.copy_requested.connect(self.copy_selected)
        view.setModel(self.shown)
        view.setAccessibleName(self.tr("Events"))
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        view.verticalHeader().hide()
        view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 6)
        header = view.horizontalHeader()
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        # Widths from the widest text a column can hold, not from its rows: fitting to
        # contents would measure every row each time events arrive.
        widest = {
            0: ["00:00:00.000"],
            1: [self.table.tr(text) for text in DIRECTIONS.values()],
            3: ["0,000,000"],
        }
        metrics = view.fontMetrics()
        for column, texts in widest.items():
            texts.append(str(self.table.headerData(column, Qt.Orientation.Horizontal)))
            width = max(metrics.horizontalAdvance(text) for text in texts)
            header.resizeSection(column, width + 4 * metrics.averageCharWidth())
        view.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        copy = QAction(self.tr("Copy event"), view)
        copy.setShortcut(QKeySequence.StandardKey.Copy)
        copy.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        copy.triggered.connect(self.copy_selected)
        view.addAction(copy)
        view.selectionModel().currentRowChanged.connect(self._on_current_row_changed)
        return view

    # ---- what the user does ---------------------------------------------------------------

    def selected_event(self) -> LoggedEvent | None:
        index = self.view.currentIndex()
        if not index.isValid():
            return None
        return self.table.events[self.shown.mapToSource(index).row()]

    def copy_selected(self) -> None:
        event = self.selected_event()
        if event is not None:
            QGuiApplication.clipboard().setText(event.text())

    def save_to(self, path: Path) -> None:
        """Every event taken so far (whatever the filter shows), one JSON object a line."""
        try:
            path.write_text(to_jsonl(self.table.events), encoding="utf-8")
        except OSError as exc:
            failed = self.tr("Could not save to %1: %2")
            self.status.setText(failed.replace("%1", str(path)).replace("%2", exc.strerror or ""))
        else:
            self.status.setText(self.tr("Saved to %1").replace("%1", str(path)))

    def clear(self) -> None:
        self._log.clear()
        self.table.clear()
        self.detail.clear()
        self._count_shown()

    def _on_save_clicked(self) -> None:
        self.save_dialog = QFileDialog(self, self.tr("Save events"))
        self.save_dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        self.save_dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
        self.save_dialog.setNameFilter(self.tr("JSON Lines (*.jsonl)"))
        self.save_dialog.setDefaultSuffix("jsonl")
        self.save_dialog.selectFile("events.jsonl")
        self.save_dialog.fileSelected.connect(lambda name: self.save_to(Path(name)))
        self.save_dialog.open()

    def _on_filter_changed(self) -> None:
        self.shown.show_only(self.type_choice.currentData() or "", self.search.text())
        self._count_shown()

    def _count_shown(self) -> None:
        shown, taken = self.shown.rowCount(), self.table.rowCount()
        if shown == taken:
            self.status.setText(self.tr("Events: %1").replace("%1", f"{taken:,}"))
        else:
            counts = self.tr("Shown: %1 of %2")
            self.status.setText(counts.replace("%1", f"{shown:,}").replace("%2", f"{taken:,}"))

    def _on_current_row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        event = self.selected_event() if current.isValid() else None
        self.detail.setPlainText(event.text() if event is not None else "")

    # ---- recording and refreshing ---------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        self._log.recording = True
        self._take_new()
        self._refresh.start()
        super().showEvent(event)

    def hideEvent(self, event: QHideEvent) -> None:
        self._refresh.stop()  # hidden or minimised: nothing to draw, the log keeps gathering
        super().hideEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        self._log.recording = False
        super().closeEvent(event)

    def _on_refresh_timeout(self) -> None:
        if not self.isMinimized():
            self._take_new()

    def _take_new(self) -> None:
        new = self._log.after(self._last_seq)
        if not new:
            return
        self._last_seq = new[-1].seq
        bar = self.view.verticalScrollBar()
        following = bar.value() >= bar.maximum() - 2  # at the newest: stay there
        self.table.add(new)
        self.table.drop_before(self._log.oldest_seq())
        known = {self.type_choice.itemData(i) for i in range(self.type_choice.count())}
        for kind in sorted({e.type for e in new if e.type} - known):
            self.type_choice.addItem(kind, kind)
        if following:
            self.view.scrollToBottom()
        self._count_shown()
