"""What each answer used and cost, as the relay double reports it, and what transcribing the
user's side used: kept with its turn in the history, exported exactly, summed for the
conversation; a model without a price keeps its tokens and no cost."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import datetime

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QDialog, QPushButton

from desktop.history import command
from desktop.realtime.pricing import DEFAULT_TABLE, PriceTable
from desktop.realtime.usage import Usage, parse_usage
from tests.qt.helpers import speak, transcript

ANSWER = "It is sunny and warm, about twenty degrees."
TRANSCRIBER = "gpt-4o-mini-transcribe"  # what the GA dialect transcribes the user with
MINE = f"gpt-realtime = 1 0.5 2; 10 1 20\n{TRANSCRIBER} = 0.5 0.5 1; 2 2 0"


def _turns(qtbot, app_parts, question, turns):
    before = len(app_parts.relay.record.usage_sent)
    for done in range(before + 1, before + turns + 1):
        speak(app_parts, question)
        qtbot.waitUntil(
            lambda done=done: transcript(app_parts.window).count(ANSWER) == done, timeout=10000
        )
        qtbot.waitUntil(
            lambda done=done: len(app_parts.relay.record.usage_sent) == done, timeout=10000
        )
        qtbot.waitUntil(lambda: not app_parts.controller.answering, timeout=10000)


def _usage(wire):
    usage = parse_usage(wire)
    assert usage is not None, wire
    return usage


def _priced(usage):
    cost = DEFAULT_TABLE.cost("gpt-realtime", usage)
    assert cost is not None
    return cost


def _transcribed(usage):
    cost = DEFAULT_TABLE.cost(TRANSCRIBER, usage)
    assert cost is not None
    return cost


def _exported(capsys):
    capsys.readouterr()
    assert command.main(["--last", "--format", "json"]) == 0
    return json.loads(capsys.readouterr().out)


def test_each_answers_usage_and_cost_are_kept_and_exported(qtbot, app_parts, kept, speech, capsys):
    kept()
    _turns(qtbot, app_parts, speech[0], 2)
    exported = _exported(capsys)
    answers = [t for t in exported["turns"] if t["role"] == "assistant"]
    sent = [_usage(u) for u in app_parts.relay.record.usage_sent]
    assert [a["usage"] for a in answers] == [u.exported() for u in sent]
    assert sent[1].input_cached > 0  # the second answer's input came partly from the cache
    for answer, usage in zip(answers, sent, strict=True):
        cost = DEFAULT_TABLE.cost("gpt-realtime", usage)
        assert cost is not None
        assert answer["cost"] == {"amount": pytest.approx(cost.amount), "currency": "USD"}
    heard = _transcriptions(qtbot, app_parts, 2)
    assert exported["totals"]["usage"] == sum([*sent, *heard], Usage()).exported()
    assert exported["totals"]["cost"]["amount"] == pytest.approx(
        sum(t["cost"]["amount"] for t in exported["turns"])
    )


def _transcriptions(qtbot, app_parts, count):
    record = app_parts.relay.record
    qtbot.waitUntil(lambda: len(record.transcription_usage_sent) == count, timeout=10000)
    return [_usage(u) for u in record.transcription_usage_sent]


def test_transcribing_a_spoken_turn_is_priced_at_the_transcription_models_rates(
    qtbot, app_parts, kept, speech, capsys
):
    window = kept()
    _turns(qtbot, app_parts, speech[0], 1)
    (heard,) = _transcriptions(qtbot, app_parts, 1)
    assert heard.input_audio > 0 and heard.output_text > 0
    (user,) = [t for t in _exported(capsys)["turns"] if t["role"] == "user"]
    assert user["usage"] == heard.exported()  # on the user's own turn, exactly as sent
    transcribing = DEFAULT_TABLE.cost(TRANSCRIBER, heard)
    at_realtime_rates = DEFAULT_TABLE.cost("gpt-realtime", heard)
    assert transcribing is not None and at_realtime_rates is not None
    assert transcribing.amount < at_realtime_rates.amount
    assert user["cost"] == {"amount": pytest.approx(transcribing.amount), "currency": "USD"}
    tooltip = window.transcript.model().index(0, 0).data(Qt.ItemDataRole.ToolTipRole)
    assert f"{heard.total:,} tokens · ${transcribing.amount:.4f}" in tooltip


def test_a_model_without_a_price_keeps_its_tokens_and_no_cost(
    qtbot, app_parts, kept, speech, capsys
):
    kept()
    # A price table that lacks the session's model (one the relay offers under a new name).
    app_parts.app.running.recorder.price = PriceTable({}).cost
    _turns(qtbot, app_parts, speech[0], 1)
    exported = _exported(capsys)
    (answer,) = [t for t in exported["turns"] if t["role"] == "assistant"]
    assert answer["usage"]["output_audio"] > 0
    assert answer["cost"] is None
    assert exported["totals"]["cost"] is None


def test_the_turn_and_the_conversation_show_what_they_cost(qtbot, app_parts, kept, speech):
    window = kept()
    _turns(qtbot, app_parts, speech[0], 2)
    sent = [_usage(u) for u in app_parts.relay.record.usage_sent]
    costs = [_priced(usage) for usage in sent]
    heard = [_transcribed(u) for u in _transcriptions(qtbot, app_parts, 2)]
    total = sum(c.amount for c in [*costs, *heard])
    model = window.transcript.model()
    answer_row = 1
    tooltip = model.index(answer_row, 0).data(Qt.ItemDataRole.ToolTipRole)
    assert f"{sent[0].total:,} tokens · ${costs[0].amount:.4f}" in tooltip
    described = model.index(answer_row, 0).data(Qt.ItemDataRole.AccessibleDescriptionRole)
    assert described.startswith(f"{sent[0].total:,} tokens · ${costs[0].amount:.4f}")
    header = window.model_bar.spent_label
    qtbot.waitUntil(header.isVisible)
    assert header.text() == f"${total:.4f}"

    conversation_id = window.history_pane._conversations.current_id
    app_parts.app.stop()
    app_parts.app = None
    window = kept()  # a new start, a new empty conversation: nothing spent yet
    assert not window.model_bar.spent_label.isVisible()
    window.history_pane._conversations.open(conversation_id)
    qtbot.waitUntil(window.model_bar.spent_label.isVisible)
    assert window.model_bar.spent_label.text() == f"${total:.4f}"
    kept_tooltip = window.transcript.model().index(answer_row, 0).data(Qt.ItemDataRole.ToolTipRole)
    assert f"· ${costs[0].amount:.4f}" in kept_tooltip


def test_the_usage_view_sums_today_and_this_month(qtbot, app_parts, kept, speech):
    window = kept()
    _turns(qtbot, app_parts, speech[0], 1)
    window.history_pane.actions["usage"].trigger()
    view = window.history_pane.usage_view
    qtbot.waitExposed(view)
    _turns(qtbot, app_parts, speech[0], 1)  # reported while the view is open: it follows
    sent = [_usage(u) for u in app_parts.relay.record.usage_sent]
    heard = _transcriptions(qtbot, app_parts, 2)
    total = sum([*sent, *heard], Usage())
    cost = sum(c.amount for c in [*map(_priced, sent), *map(_transcribed, heard)])
    today = datetime.now().strftime("%Y-%m-%d")
    for period, label in (("day", today), ("month", today[:7])):
        table = view.tables[period]
        qtbot.waitUntil(lambda table=table: table.topLevelItemCount() == 1)
        row = table.topLevelItem(0)
        assert row.text(0) == label
        assert row.text(1) == f"{total.total:,} tokens"
        assert row.text(2) == f"${cost:.4f}"


def test_prices_edited_in_settings_price_the_next_answers(qtbot, app_parts, kept, speech, capsys):
    window = kept()
    seen = {}

    def edit_prices():
        dialog = window.findChild(QDialog)
        try:
            edit = next(b for b in dialog.findChildren(QPushButton) if b.text() == "Edit…")
            edit.click()
            prices = dialog.prices_dialog
            prices.table_edit.setPlainText("gpt-realtime = 1 1 1; 2 2 oops")
            prices.accept()  # refused: the line is named
            seen["error"] = prices.error_label.text()
            seen["open"] = prices.isVisible()
            prices.table_edit.setPlainText(f"# per million credits\n{MINE}")
            prices.currency_edit.setText("credits")
            prices.accept()
            seen["summary"] = dialog.prices_label.text()
            dialog.accept()
        except BaseException:
            dialog.reject()
            raise

    QTimer.singleShot(0, edit_prices)
    window.open_settings()
    assert seen == {
        "error": "Line 1 cannot be read.",
        "open": True,
        "summary": "Your own table · credits",
    }
    assert app_parts.store.load().currency == "credits"  # kept in the settings file

    _turns(qtbot, app_parts, speech[0], 1)
    (usage,) = [_usage(u) for u in app_parts.relay.record.usage_sent]
    (heard,) = _transcriptions(qtbot, app_parts, 1)
    table = PriceTable.from_text(MINE, "credits")
    mine, mine_heard = table.cost("gpt-realtime", usage), table.cost(TRANSCRIBER, heard)
    assert mine is not None and mine_heard is not None
    user, answer = _exported(capsys)["turns"]
    assert answer["cost"] == {"amount": pytest.approx(mine.amount), "currency": "credits"}
    assert user["cost"] == {"amount": pytest.approx(mine_heard.amount), "currency": "credits"}
    spent = mine.amount + mine_heard.amount
    qtbot.waitUntil(lambda: window.model_bar.spent_label.text() == f"{spent:.4f} credits")


def test_a_table_without_the_transcription_model_prices_the_answer_alone(
    qtbot, app_parts, kept, speech, capsys
):
    kept()
    answers_only = PriceTable.from_text(MINE.splitlines()[0])
    app_parts.app.running.recorder.price = answers_only.cost
    _turns(qtbot, app_parts, speech[0], 1)
    _transcriptions(qtbot, app_parts, 1)
    exported = _exported(capsys)
    user, answer = exported["turns"]
    assert answer["cost"] is not None
    assert user["usage"]["input_audio"] > 0 and user["cost"] is None  # tokens, no guess
    assert exported["totals"]["cost"] is None  # part of it has no price: no total invented


def _budget(app_parts, amount, period="day"):
    settings = replace(app_parts.controller.settings, budget=amount, budget_period=period)
    app_parts.controller.apply_settings(settings)


def test_a_budget_warns_near_its_end_and_asks_before_a_turn_once_spent(
    qtbot, app_parts, kept, speech
):
    window = kept()
    _turns(qtbot, app_parts, speech[0], 1)
    first = _priced(_usage(app_parts.relay.record.usage_sent[0])).amount
    # Most of today's budget, then: the next answer spends the rest.
    _budget(app_parts, f"{first / 0.9:.10f}")
    window.statusBar().clearMessage()
    assert window.history_pane._conversations.budget_state().level.value == "near"
    _turns(qtbot, app_parts, speech[0], 1)
    qtbot.waitUntil(lambda: "budget is spent" in window.statusBar().currentMessage())
    turns = len(app_parts.relay.turns)

    speak(app_parts, speech[0])  # asks first: no turn starts, nothing is sent
    guard = window.budget_guard
    qtbot.waitUntil(lambda: guard.question is not None and guard.question.isVisible())
    assert "of" in guard.question.text()
    assert len(app_parts.relay.turns) == turns
    window.composer.message_box.setText("And the day after?")
    window.composer._send()
    assert window.composer.message_box.text() == "And the day after?"  # kept, not sent
    assert not any(e["type"] == "conversation.item.create" for e in app_parts.relay.received)

    guard.go_on.click()
    _turns(qtbot, app_parts, speech[0], 1)  # goes on, and is not asked again today
    assert len(app_parts.relay.turns) == turns + 1


def test_an_answer_under_way_plays_out_when_the_budget_runs_out(qtbot, app_parts, kept, speech):
    window = kept()
    _budget(app_parts, "0.000001")  # spent by the first answer's report
    _turns(qtbot, app_parts, speech[0], 1)
    assert transcript(window).count(ANSWER) == 1  # the whole answer, nothing cut off
    assert not any(e["type"] == "response.cancel" for e in app_parts.relay.received)
    qtbot.waitUntil(lambda: "budget is spent" in window.statusBar().currentMessage())
