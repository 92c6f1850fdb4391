"""Times as the user's clock and language show them."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QDate, QLocale, QTime


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
