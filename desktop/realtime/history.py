"""What was said, as text, so a new session can be told the conversation so far.

The Realtime API cannot resume a session. When one ends (its time cap, a dropped socket, a
relay restart) the next session is seeded with these lines as text items.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from desktop.realtime import client_events as ce
from desktop.realtime.server_events import Dialect

SEED_LIMIT = 40  # the most recent lines; older context costs tokens every turn


@dataclass(frozen=True)
class Line:
    item_id: str
    role: str  # "user" or "assistant"
    text: str
    interrupted: bool = False


@dataclass(frozen=True)
class History:
    lines: tuple[Line, ...] = ()

    def place(self, item_id: str, role: str) -> History:
        """Reserve a line in order of speaking; its text may come later."""
        if any(line.item_id == item_id for line in self.lines):
            return self
        return History((*self.lines, Line(item_id, role, "")))

    def write(self, item_id: str, role: str, text: str) -> History:
        placed = self.place(item_id, role)
        return History(
            tuple(replace(x, text=text) if x.item_id == item_id else x for x in placed.lines)
        )

    def interrupt(self, item_id: str) -> History:
        return History(
            tuple(replace(x, interrupted=True) if x.item_id == item_id else x for x in self.lines)
        )

    def seed_events(self, dialect: Dialect) -> list[dict[str, Any]]:
        """conversation.item.create events for the lines the model should remember.

        An interrupted answer is left out, as truncation removed it from the old session
        too: the model should not remember words the user never heard.
        """
        kept = [x for x in self.lines if x.text.strip() and not x.interrupted][-SEED_LIMIT:]
        return [ce.text_item_create(dialect, x.role, x.text) for x in kept]
