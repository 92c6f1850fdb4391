"""What a turn cost: usage read from both dialects' response.done, cached tokens at the
cached rate, a dated model at its family's price, an unknown model at no price, a table
the user edited, and an input transcription's tokens at the transcription model's rates."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest

from desktop.history.recorder import Recorder
from desktop.history.store import HistoryStore
from desktop.realtime import session as rs
from desktop.realtime import session_events as ev
from desktop.realtime.client_events import SessionOptions
from desktop.realtime.pricing import DEFAULT_TABLE, Prices, PriceTable, family
from desktop.realtime.server_events import ResponseDone, parse_server_event
from desktop.realtime.session_state import SessionState
from desktop.realtime.usage import Usage, parse_usage

GA_USAGE = {
    "total_tokens": 253,
    "input_tokens": 132,
    "output_tokens": 121,
    "input_token_details": {
        "text_tokens": 119,
        "audio_tokens": 13,
        "image_tokens": 0,
        "cached_tokens": 64,
        "cached_tokens_details": {"text_tokens": 64, "audio_tokens": 0, "image_tokens": 0},
    },
    "output_token_details": {"text_tokens": 30, "audio_tokens": 91},
}


def _priced(table, model, usage):
    cost = table.cost(model, usage)
    assert cost is not None, f"{model} has no price"
    return cost


def test_ga_usage_is_read_with_its_cached_split():
    usage = parse_usage(GA_USAGE)
    assert usage == Usage(
        input_text=119, input_audio=13, input_cached=64, cached_text=64,
        output_text=30, output_audio=91,
    )  # fmt: skip
    assert usage.exported() == {
        "input_text": 119, "input_audio": 13, "input_cached": 64, "input_image": 0,
        "output_text": 30, "output_audio": 91,
    }  # fmt: skip


def test_beta_usage_shares_its_cached_total_between_text_and_audio():
    beta = {
        "total_tokens": 1200,
        "input_tokens": 1000,
        "output_tokens": 200,
        "input_token_details": {"text_tokens": 250, "audio_tokens": 750, "cached_tokens": 401},
        "output_token_details": {"text_tokens": 50, "audio_tokens": 150},
    }
    usage = parse_usage(beta)
    assert usage is not None
    assert (usage.cached_text, usage.cached_audio, usage.cached_image) == (100, 301, 0)
    assert usage.input_cached == 401


@pytest.mark.parametrize(
    "wire",
    [
        None,
        {},
        {"total_tokens": 0, "input_tokens": 0, "output_tokens": 0},
        "lots",
        {"input_tokens": True},
    ],
)
def test_usage_that_counts_nothing_is_none(wire):
    assert parse_usage(wire) is None


def test_response_done_carries_its_usage_and_items():
    event = parse_server_event(
        '{"type":"response.done","response":{"id":"r1","status":"completed",'
        '"output":[{"id":"item_1","type":"message"}],"usage":' + json.dumps(GA_USAGE) + "}}"
    )
    assert isinstance(event, ResponseDone)
    assert event.item_ids == ("item_1",)
    assert event.usage is not None and event.usage.output_audio == 91


def test_cached_tokens_are_priced_at_the_cached_rate():
    usage = parse_usage(GA_USAGE)
    assert usage is not None
    cost = _priced(DEFAULT_TABLE, "gpt-realtime", usage)
    expected = ((119 - 64) * 4.00 + 64 * 0.40 + 13 * 32.00 + 30 * 16.00 + 91 * 64.00) / 1e6
    assert cost.currency == "USD"
    assert cost.amount == pytest.approx(expected)


def test_a_dated_model_takes_its_familys_price():
    usage = Usage(input_text=1_000_000)
    assert family("gpt-realtime-2025-08-28") == "gpt-realtime"
    assert family("gpt-4o-mini-realtime-preview-2024-12-17") == "gpt-4o-mini-realtime-preview"
    assert _priced(DEFAULT_TABLE, "gpt-realtime-2025-08-28", usage).amount == pytest.approx(4.00)
    assert _priced(DEFAULT_TABLE, "gpt-realtime-mini-2025-10-06", usage).amount == pytest.approx(
        0.60
    )


def test_an_unknown_model_has_tokens_but_no_cost():
    assert DEFAULT_TABLE.cost("gpt-realtime-1.5", Usage(input_text=10)) is None
    assert DEFAULT_TABLE.cost("my-relays-model", Usage(input_text=10)) is None
    # Images on a model with no image price: no cost rather than a wrong one.
    assert DEFAULT_TABLE.cost("gpt-4o-realtime-preview", Usage(input_image=10)) is None
    images = _priced(DEFAULT_TABLE, "gpt-realtime", Usage(input_image=1000, cached_image=500))
    assert images.amount == pytest.approx((500 * 5.00 + 500 * 0.50) / 1e6)


def test_an_edited_table_and_currency_are_used_and_read_back():
    text = DEFAULT_TABLE.to_text()
    assert PriceTable.from_text(text).prices == DEFAULT_TABLE.prices
    edited = PriceTable.from_text(
        "# a relay that bills in its own credits\nrelay-voice = 1 0.5 2; 10 1 20\n", "credits"
    )
    assert edited.prices == {"relay-voice": Prices(1, 0.5, 2, 10, 1, 20)}
    cost = _priced(edited, "relay-voice", Usage(input_audio=1_000_000, output_audio=500_000))
    assert (cost.amount, cost.currency) == (pytest.approx(20.0), "credits")
    assert edited.cost("gpt-realtime", Usage(input_text=1)) is None


@pytest.mark.parametrize(
    "line", ["gpt-realtime = 1 2", "= 1 2 3; 4 5 6", "x = a b c; 1 2 3", "x = -1 0 0; 0 0 0"]
)
def test_a_line_that_cannot_be_read_is_named(line):
    with pytest.raises(ValueError, match="2"):
        PriceTable.from_text("ok = 1 1 1; 1 1 1\n" + line)


def _transcribed(dialect_session_created, usage):
    """The effects of a transcription that completed with `usage`, in a session of that
    dialect."""
    state, _ = rs.step(SessionState(), ev.ConnectRequested(SessionOptions("alloy", "")))
    state, _ = rs.step(state, parse_server_event(dialect_session_created))
    frame = {
        "type": "conversation.item.input_audio_transcription.completed",
        "item_id": "item_U1",
        "content_index": 0,
        "transcript": "上海今天天气怎么样？",
        "usage": usage,
    }
    _, effects = rs.step(state, parse_server_event(json.dumps(frame, ensure_ascii=False)))
    return [e for e in effects if isinstance(e, ev.UsageReported)]


GA_CREATED = '{"type":"session.created","session":{"type":"realtime","model":"gpt-realtime"}}'
TRANSCRIPTION_TOKENS = {
    "type": "tokens",
    "total_tokens": 58,
    "input_tokens": 45,
    "input_token_details": {"text_tokens": 8, "audio_tokens": 37},
    "output_tokens": 13,
}


def test_a_transcriptions_tokens_go_on_the_users_turn_at_its_own_models_rates():
    (report,) = _transcribed(GA_CREATED, TRANSCRIPTION_TOKENS)
    assert report.item_ids == ("item_U1",)
    assert report.model == "gpt-4o-mini-transcribe"
    assert report.usage == Usage(input_text=8, input_audio=37, output_text=13)
    cost = _priced(DEFAULT_TABLE, report.model, report.usage)
    assert cost.amount == pytest.approx((8 * 1.25 + 37 * 3.00 + 13 * 5.00) / 1e6)


def test_a_transcription_counted_in_seconds_adds_no_tokens():
    assert _transcribed(GA_CREATED, {"type": "duration", "seconds": 2.4}) == []
    assert _transcribed(GA_CREATED, None) == []


def test_the_recorder_prices_a_transcription_with_the_transcription_model(tmp_path):
    store = HistoryStore(tmp_path / "history.sqlite3")
    recorder = Recorder(store, lambda: ("gpt-realtime", "https://relay.example"))
    recorder.apply(ev.TranscriptText(ev.Role.USER, "u1", "你好", append=False, final=True))
    (report,) = _transcribed(GA_CREATED, TRANSCRIPTION_TOKENS)
    recorder.record_usage(replace(report, item_ids=("u1",)))
    assert recorder.conversation_id is not None
    kept = store.conversation(recorder.conversation_id)
    assert kept is not None
    (user,) = kept.turns
    assert user.usage == report.usage
    assert user.cost == DEFAULT_TABLE.cost("gpt-4o-mini-transcribe", report.usage)
    assert user.cost != DEFAULT_TABLE.cost("gpt-realtime", report.usage)
