"""Endpoint addresses derived from the base URL a user types."""

from __future__ import annotations

import ipaddress
from urllib.parse import urlencode, urlsplit, urlunsplit

from desktop.realtime.problems import InvalidSetting, Reason

_WS_SCHEMES = {"https": "wss", "http": "ws", "wss": "wss", "ws": "ws"}


class InvalidBaseURL(InvalidSetting):
    """The base URL (or the model) cannot make a Realtime endpoint; the reason says why."""


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _split(base_url: str) -> tuple[str, str, str]:
    parts = urlsplit(base_url.strip())
    scheme = parts.scheme.lower()
    if scheme not in _WS_SCHEMES or not parts.hostname:
        raise InvalidBaseURL(Reason.NOT_A_WEB_ADDRESS, base_url)
    if _WS_SCHEMES[scheme] == "ws" and not is_loopback(parts.hostname):
        # An unencrypted socket would carry the key in the clear.
        raise InvalidBaseURL(Reason.PLAIN_HTTP_REMOTE)
    path = parts.path.rstrip("/")
    if path.endswith("/v1"):  # users often paste the OpenAI-style base with /v1 included
        path = path[: -len("/v1")]
    return scheme, parts.netloc, path


def realtime_url(base_url: str, model: str) -> str:
    """`https://host` + model → `wss://host/v1/realtime?model=<model>`."""
    if not model.strip():
        raise InvalidBaseURL(Reason.NO_MODEL)
    scheme, netloc, path = _split(base_url)
    query = urlencode({"model": model.strip()})
    return urlunsplit((_WS_SCHEMES[scheme], netloc, f"{path}/v1/realtime", query, ""))
