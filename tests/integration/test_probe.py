"""Check connection and the model list against the relay double."""

from __future__ import annotations

import pytest

from desktop.realtime.probe import probe
from desktop.realtime.problems import ProblemKind
from desktop.realtime.relay_api import RelayError, list_models, models_url, realtime_models
from desktop.realtime.server_events import Dialect
from tests.support.relay_double import GOOD_KEY, MODELS, RelayDouble, scripted_reply


def test_models_url_follows_the_base_url():
    assert models_url("https://api.xiexus.cn") == "https://api.xiexus.cn/v1/models"
    assert models_url("https://api.openai.com/v1/") == "https://api.openai.com/v1/models"


def test_the_relay_lists_its_realtime_models(relay):
    models = list_models(relay.server.base_url, GOOD_KEY)
    assert "whisper-1" in models
    assert realtime_models(models) == sorted(MODELS)


def test_a_wrong_key_cannot_list_models(relay):
    with pytest.raises(RelayError) as info:
        list_models(relay.server.base_url, "sk-wrong")
    assert info.value.problem.kind is ProblemKind.BAD_KEY


@pytest.mark.parametrize(
    ("model", "dialect"), [("gpt-realtime", Dialect.GA), ("gpt-4o-realtime-preview", Dialect.BETA)]
)
def test_check_connection_reports_what_works(relay, model, dialect):
    report = probe(relay.server.base_url, GOOD_KEY, model)
    assert report.reachable and report.key_accepted and report.model_accepted
    assert report.dialect is dialect
    assert report.transcription is True
    assert report.handshake_ms is not None and 0 < report.handshake_ms < 5000
    assert report.realtime_models == tuple(sorted(MODELS))
    assert report.problems == ()
    # Nothing was spoken and no answer asked for: nothing is billed.
    sent = {e["type"] for e in relay.received}
    assert sent == {"session.update"}


def test_check_connection_with_a_wrong_key(relay):
    report = probe(relay.server.base_url, "sk-wrong", "gpt-realtime")
    assert report.reachable and report.key_accepted is False and not report.model_accepted
    assert {p.kind for p in report.problems} == {ProblemKind.BAD_KEY}


def test_check_connection_with_an_unknown_model(relay):
    report = probe(relay.server.base_url, GOOD_KEY, "gpt-nope")
    assert report.key_accepted and not report.model_accepted
    assert [p.kind for p in report.problems] == [ProblemKind.UNKNOWN_MODEL]


def test_check_connection_when_the_relay_has_no_money(speech):
    relay = RelayDouble(
        scripted_reply(b"", "", ""), after_upgrade_error=("insufficient_user_quota", "额度不足")
    )
    relay.start()
    try:
        report = probe(relay.server.base_url, GOOD_KEY, "gpt-realtime")
    finally:
        relay.stop()
    assert [p.kind for p in report.problems] == [ProblemKind.NO_QUOTA]


def test_check_connection_without_a_model_list(speech):
    relay = RelayDouble(scripted_reply(b"", "", ""), serves_models=False)
    relay.start()
    try:
        report = probe(relay.server.base_url, GOOD_KEY, "gpt-realtime")
    finally:
        relay.stop()
    assert report.realtime_models is None and report.model_accepted and report.problems == ()


def test_check_connection_with_nothing_listening():
    report = probe("http://127.0.0.1:9", GOOD_KEY, "gpt-realtime")
    assert not report.reachable and report.key_accepted is None
    assert ProblemKind.UNREACHABLE in {p.kind for p in report.problems}
