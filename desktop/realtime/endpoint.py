"""Where a session connects, and how: the socket URL, the proxy and the TLS trust, derived
from what the user set and checked before anything is sent."""

from __future__ import annotations

import ssl
from dataclasses import dataclass

from desktop.realtime.proxy import Proxy, proxy_for
from desktop.realtime.tls import tls_context
from desktop.realtime.urls import realtime_url


@dataclass(frozen=True)
class Endpoint:
    url: str
    proxy: Proxy | None
    tls: ssl.SSLContext


def endpoint_for(base_url: str, model: str, proxy_setting: str, ca_bundle: str) -> Endpoint:
    """Raises InvalidSetting: a base URL, model, proxy or CA bundle that cannot be used."""
    url = realtime_url(base_url, model)
    return Endpoint(url, proxy_for(url, proxy_setting), tls_context(ca_bundle))
