"""Times, tokens and costs as the user's clock and language show them."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QCoreApplication, QDate, QLocale, QTime

from desktop.history.store import Spent
from desktop.realtime.pricing import Cost
from desktop.ui.messages import QT_TRANSLATE_NOOP


def local_time(iso: str) -> str:
    """A stored UTC time in full, on the user's clock: "2026-12-02 09:30"."""
    try:
        moment = datetime.fromisoformat(iso).astimezone()
    except ValueError:
        return iso
    return moment.strftime("%Y-%m-%d %H:%M")


def last_active(iso: str, today: datetime | None = None) -> str:
    """Short, as chat apps list them: the time for today, else the date."""
    try:
        moment = datetime.fromisoformat(iso).astimezone()
    except ValueError:
        return iso
    now = today or datetime.now().astimezone()
    locale = QLocale()
    if moment.date() == now.date():
        return locale.toString(QTime(moment.hour, moment.minute), QLocale.FormatType.ShortFormat)
    return locale.toString(
        QDate(moment.year, moment.month, moment.day), QLocale.FormatType.ShortFormat
    )


def _tr(text: str) -> str:
    return QCoreApplication.translate("Formatting", text)


def cost_text(cost: Cost) -> str:
    """In dollars ($0.0123) or a relay's own units (0.0123 credits): four decimals to tell
    a turn's fraction of a cent, two once it is more than a unit."""
    digits = 2 if cost.amount >= 1 else 4
    amount = QLocale().toString(cost.amount, "f", digits)
    return f"${amount}" if cost.currency == "USD" else f"{amount} {cost.currency}"


def tokens_text(count: int) -> str:
    return _tr(QT_TRANSLATE_NOOP("Formatting", "{0} tokens")).format(QLocale().toString(count))


def spent_text(spent: Spent) -> str:
    """Tokens and cost ("1,234 tokens · $0.0123"), or that the model has no price."""
    tokens = tokens_text(spent.usage.total)
    if spent.cost is None:
        unpriced = _tr(QT_TRANSLATE_NOOP("Formatting", "no price for this model"))
        return f"{tokens} · {unpriced}"
    return f"{tokens} · {cost_text(spent.cost)}"
