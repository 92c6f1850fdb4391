"""The conversation and the model list through an HTTP proxy on 127.0.0.1."""

from __future__ import annotations

import pytest

from desktop.realtime.probe import probe
from tests.support.proxy_double import ProxyDouble
from tests.support.relay_double import GOOD_KEY


@pytest.fixture
def proxy():
    double = ProxyDouble().start()
    yield double
    double.stop()


def test_check_connection_goes_through_the_proxy_in_settings(relay, proxy):
    report = probe(relay.server.base_url, GOOD_KEY, "gpt-realtime", proxy.url)
    assert report.model_accepted and report.realtime_models
    port = relay.server.base_url.rsplit(":", 1)[1]
    methods = sorted(method for method, target in proxy.uses if port in target)
    assert methods == ["CONNECT", "GET"]  # the socket tunnels, the model list is forwarded
