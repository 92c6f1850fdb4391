"""The sidebar: the kept conversations, newest first, with search, New, rename and delete."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QInputDialog,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.conversations import Listed
from desktop.ui import icons
from desktop.ui.conversation_delegate import SUBTITLE_ROLE, ConversationDelegate
from desktop.ui.formatting import last_active, local_time

ID_ROLE = Qt.ItemDataRole.UserRole
MIN_WIDTH = 180


class ConversationList(QWidget):
    open_requested = Signal(str)
    new_requested = Signal()
    rename_requested = Signal(str, str)
    delete_requested = Signal(str)
    search_changed = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("conversationList")
        self.setMinimumWidth(MIN_WIDTH)
        self.search_field = QLineEdit()
        self.search_field.setObjectName("conversationSearch")
        self.search_field.setPlaceholderText(self.tr("Search conversations"))
        self.search_field.setClearButtonEnabled(True)
        self.search_field.setAccessibleName(self.tr("Search conversations"))
        self.search_field.textChanged.connect(self.search_changed)
        self._search_icon = self.search_field.addAction(
            icons.icon("search"), QLineEdit.ActionPosition.LeadingPosition
        )
        self.new_button = QPushButton(self.tr("New conversation"))
        self.new_button.setObjectName("newConversation")
        self.new_button.setToolTip(QKeySequence(QKeySequence.StandardKey.New).toString())
        self.new_button.clicked.connect(self.new_requested)
        self.list = QListWidget()
        self.list.setObjectName("conversations")
        self.list.setAccessibleName(self.tr("Conversations"))
        self.list.setItemDelegate(ConversationDelegate(self.list))
        self.list.setMouseTracking(True)  # rows light up under the mouse
        self.list.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.list.customContextMenuRequested.connect(self._on_list_context_menu_requested)
        self.list.itemActivated.connect(self._on_list_item_activated)
        self.list.itemClicked.connect(self._on_list_item_activated)
        for keys, slot in (
            (QKeySequence.StandardKey.Delete, self._on_delete_shortcut_activated),
            (QKeySequence(Qt.Key.Key_F2), self._on_rename_shortcut_activated),
        ):
            shortcut = QShortcut(keys, self.list)
            shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
            shortcut.activated.connect(slot)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.new_button)
        layout.addWidget(self.search_field)
        layout.addWidget(self.list, 1)
        self.use_icons()

    def use_icons(self) -> None:
        """Drawn in the palette's text colour: again whenever the palette changes."""
        self.new_button.setIcon(icons.icon("new-conversation"))
        self._search_icon.setIcon(icons.icon("search"))

    def show_conversations(self, listed: list[Listed], current_id: str | None) -> None:
        self.list.blockSignals(True)
        self.list.clear()
        for entry in listed:
            title = entry.title or self.tr("Untitled conversation")
            text = title if not entry.found else f"{title}\n{entry.found[:80]}"
            item = QListWidgetItem(text)
            item.setData(ID_ROLE, entry.id)
            item.setData(SUBTITLE_ROLE, f"{last_active(entry.updated)} · {entry.model}")
            item.setToolTip(f"{local_time(entry.updated)} · {entry.model}")
            self.list.addItem(item)
            if entry.id == current_id:
                self.list.setCurrentItem(item)
        self.list.blockSignals(False)

    def ids(self) -> list[str]:
        return [self.list.item(row).data(ID_ROLE) for row in range(self.list.count())]

    def focus_search(self) -> None:
        self.search_field.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_field.selectAll()

    def selected_id(self) -> str | None:
        chosen = self.list.selectedItems()
        return str(chosen[0].data(ID_ROLE)) if chosen else None

    def ask_rename(self, conversation_id: str) -> None:
        item = self._item(conversation_id)
        if item is None:
            return
        title, ok = QInputDialog.getText(
            self,
            self.tr("Rename conversation"),
            self.tr("Title"),
            QLineEdit.EchoMode.Normal,
            item.text().split("\n")[0],
        )
        if ok and title.strip():
            self.rename_requested.emit(conversation_id, title.strip())

    def _on_delete_shortcut_activated(self) -> None:
        chosen = self.selected_id()
        if chosen is not None:
            self.delete_requested.emit(chosen)

    def _on_rename_shortcut_activated(self) -> None:
        chosen = self.selected_id()
        if chosen is not None:
            self.ask_rename(chosen)

    def _item(self, conversation_id: str) -> QListWidgetItem | None:
        for row in range(self.list.count()):
            if self.list.item(row).data(ID_ROLE) == conversation_id:
                return self.list.item(row)
        return None

    def _on_list_item_activated(self, item: QListWidgetItem) -> None:
        self.open_requested.emit(str(item.data(ID_ROLE)))

    def _on_list_context_menu_requested(self, where: QPoint) -> None:
        item = self.list.itemAt(where)
        if item is None:
            return
        chosen = str(item.data(ID_ROLE))
        menu = QMenu(self)
        menu.addAction(self.tr("Rename…"), lambda: self.ask_rename(chosen))
        menu.addAction(self.tr("Delete"), lambda: self.delete_requested.emit(chosen))
        menu.exec(self.list.viewport().mapToGlobal(where))
