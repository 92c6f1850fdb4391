"""The budget as the window keeps it: a word in the status bar once most of it is spent,
and, once all of it is, a question before the next turn starts (by voice or typed). An
answer under way is never cut off, and the question is asked once a day or month."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QMainWindow, QMessageBox

from desktop.controller import ConversationController
from desktop.conversations import Conversations
from desktop.realtime.budget import BudgetState, Level
from desktop.ui.formatting import cost_text

NOTICE_MS = 15_000


class BudgetGuard(QObject):
    def __init__(
        self,
        window: QMainWindow,
        conversations: Conversations,
        controller: ConversationController,
    ) -> None:
        super().__init__(window)
        self._window = window
        self._conversations = conversations
        self._going_on_since: datetime | None = None  # the period the user said go on for
        self.question: QMessageBox | None = None
        conversations.budget_changed.connect(self._on_conversations_budget_changed)
        controller.turn_gate = self.allows_turn

    def allows_turn(self) -> bool:
        state = self._conversations.budget_state()
        if state is None or state.level is not Level.REACHED:
            return True
        if self._going_on_since == state.since:
            return True
        self._ask(state)
        return False

    def _ask(self, state: BudgetState) -> None:
        if self.question is not None and self.question.isVisible():
            return
        day = state.period == "day"
        self.question = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("Today's budget is spent") if day else self.tr("This month's budget is spent"),
            self.tr("{0} of {1} is spent. Go on anyway? Nothing is cut off either way.").format(
                cost_text(state.spent), cost_text(state.budget)
            ),
            QMessageBox.StandardButton.NoButton,
            self._window,
        )
        self.go_on = self.question.addButton(
            self.tr("Go on today") if day else self.tr("Go on this month"),
            QMessageBox.ButtonRole.AcceptRole,
        )
        self.question.addButton(self.tr("Not now"), QMessageBox.ButtonRole.RejectRole)
        since = state.since
        self.go_on.clicked.connect(lambda: self._go_on(since))
        self.question.open()

    def _go_on(self, since: datetime) -> None:
        self._going_on_since = since
        self._window.statusBar().showMessage(self.tr("Going on: hold Talk again."), NOTICE_MS)

    def _on_conversations_budget_changed(self, state: BudgetState) -> None:
        spent, budget = cost_text(state.spent), cost_text(state.budget)
        day = state.period == "day"
        if state.level is Level.NEAR:
            text = (
                self.tr("Most of today's budget is spent: {0} of {1}.")
                if day
                else self.tr("Most of this month's budget is spent: {0} of {1}.")
            )
        elif state.level is Level.REACHED:
            text = (
                self.tr("Today's budget is spent: {0} of {1}. The next turn asks first.")
                if day
                else self.tr("This month's budget is spent: {0} of {1}. The next turn asks first.")
            )
        else:
            return
        self._window.statusBar().showMessage(text.format(spent, budget), NOTICE_MS)
