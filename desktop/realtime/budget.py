"""A spending limit per day or per month: a warning once most of it is spent, a question
before the next turn once all of it is. Never a cut-off: an answer under way plays out."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import Enum

from desktop.realtime.pricing import Cost

WARN_AT = 0.8
PERIODS = ("day", "month")


class Level(Enum):
    UNDER = "under"
    NEAR = "near"  # WARN_AT or more of the budget spent
    REACHED = "reached"


@dataclass(frozen=True)
class BudgetState:
    level: Level
    spent: Cost
    budget: Cost
    period: str  # "day" or "month"
    since: datetime  # the period's start


def level(spent: float, budget: float) -> Level:
    if budget <= 0:
        return Level.UNDER
    if spent >= budget:
        return Level.REACHED
    return Level.NEAR if spent >= WARN_AT * budget else Level.UNDER


def period_start(period: str, now: datetime) -> datetime:
    """The start of the day or month `now` is in, on `now`'s own clock."""
    start = now.replace(hour=0, minute=0, second=0, microsecond=0)
    return start.replace(day=1) if period == "month" else start


def parse_budget(text: str) -> float | None:
    """What Settings holds: an amount, or empty for no budget. None: no usable budget."""
    try:
        amount = float(text.strip().replace(",", "."))
    except ValueError:
        return None
    return amount if amount > 0 else None
