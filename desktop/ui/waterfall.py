"""A voice turn's waterfall: where the time went between letting go of Talk and hearing
the answer, drawn in the bubble's tooltip (Qt rich text) and said in words for screen
readers."""

from __future__ import annotations

import html

from PySide6.QtCore import QCoreApplication, QLocale

from desktop.realtime.latency import Stage, TurnLatency
from desktop.ui.messages import QT_TRANSLATE_NOOP

CHART_PX = 160  # the longest bar
MIN_BAR_PX = 3  # a stage of a millisecond still shows
# Mid-tones that read on a light tooltip and on a dark one alike.
STAGE_COLOURS = {
    Stage.COMMIT: "#8e8e93",
    Stage.TO_SERVER: "#5ac8fa",
    Stage.TO_FIRST_DELTA: "#5ac8fa",
    Stage.SERVER: "#2f80ed",
    Stage.PLAYBACK: "#34c759",
}
STAGE_NAMES = {
    Stage.COMMIT: QT_TRANSLATE_NOOP("Waterfall", "Sent"),
    Stage.TO_SERVER: QT_TRANSLATE_NOOP("Waterfall", "To the relay"),
    Stage.TO_FIRST_DELTA: QT_TRANSLATE_NOOP("Waterfall", "Answer"),
    Stage.SERVER: QT_TRANSLATE_NOOP("Waterfall", "Server"),
    Stage.PLAYBACK: QT_TRANSLATE_NOOP("Waterfall", "Playback"),
}


def _tr(text: str) -> str:
    return QCoreApplication.translate("Waterfall", text)


def ms_text(ms: float) -> str:
    digits = 1 if ms < 10 else 0
    return _tr(QT_TRANSLATE_NOOP("Waterfall", "{0} ms")).format(QLocale().toString(ms, "f", digits))


def headline(latency: TurnLatency) -> str:
    waited = latency.release_to_first_sound
    if waited is None:
        return _tr(QT_TRANSLATE_NOOP("Waterfall", "Stopped before it was heard"))
    return _tr(QT_TRANSLATE_NOOP("Waterfall", "Heard {0} after you let go")).format(ms_text(waited))


def spoken(latency: TurnLatency) -> str:
    """The waterfall in words: "Heard 212 ms after you let go: Sent 1.2 ms, …"."""
    stages = ", ".join(
        f"{_tr(STAGE_NAMES[bar.stage])} {ms_text(bar.end_ms - bar.start_ms)}"
        for bar in latency.bars()
    )
    return f"{headline(latency)}: {stages}" if stages else headline(latency)


def chart_html(latency: TurnLatency) -> str:
    """One row a stage: its name, a bar placed where it began, and how long it took."""
    bars = latency.bars()
    if not bars:
        return ""
    end = max(bar.end_ms for bar in bars) or 1.0
    rows = []
    for bar in bars:
        left = round(bar.start_ms / end * CHART_PX)
        width = max(MIN_BAR_PX, round((bar.end_ms - bar.start_ms) / end * CHART_PX))
        width = min(width, CHART_PX + MIN_BAR_PX - left)
        track = (f'<td width="{left}"></td>' if left else "") + (
            f'<td width="{width}" bgcolor="{STAGE_COLOURS[bar.stage]}">'
            '<span style="font-size:4pt">&nbsp;</span></td>'
        )
        rows.append(
            f"<tr><td>{html.escape(_tr(STAGE_NAMES[bar.stage]))}&nbsp;&nbsp;</td>"
            f'<td width="{CHART_PX + MIN_BAR_PX}"><table cellspacing="0" cellpadding="0">'
            f"<tr>{track}</tr></table></td>"
            f'<td align="right">&nbsp;&nbsp;{html.escape(ms_text(bar.end_ms - bar.start_ms))}'
            "</td></tr>"
        )
    return (
        f"<p>{html.escape(headline(latency))}</p>"
        f'<table cellspacing="0" cellpadding="1">{"".join(rows)}</table>'
    )
