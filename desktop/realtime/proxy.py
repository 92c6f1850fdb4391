"""Which proxy, if any, a connection goes through: the one set in Settings, else the
system's (HTTPS_PROXY / HTTP_PROXY, then ALL_PROXY, minus NO_PROXY). HTTP CONNECT and
SOCKS proxies both work; TLS is verified end to end either way."""

from __future__ import annotations

import ipaddress
import os
from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

from desktop.realtime.problems import InvalidSetting, Reason
from desktop.realtime.urls import is_loopback

_KINDS = {
    "http": "http",
    "https": "http",
    "socks5": "socks5",
    "socks5h": "socks5h",
    "socks4": "socks4",
    "socks4a": "socks4a",
    "socks": "socks5",
}
_DEFAULT_PORTS = {"http": 8080, "socks5": 1080, "socks5h": 1080, "socks4": 1080, "socks4a": 1080}


class InvalidProxy(InvalidSetting):
    """The proxy setting cannot be used; the reason says why."""


@dataclass(frozen=True)
class Proxy:
    kind: str  # http, socks5, socks5h, socks4, socks4a
    host: str
    port: int
    username: str | None = None
    password: str | None = None

    @property
    def url(self) -> str:
        return f"{self.kind}://{self.host}:{self.port}"


def parse_proxy(text: str, allow_credentials: bool = True) -> Proxy:
    parts = urlsplit(text.strip() if "://" in text else f"http://{text.strip()}")
    kind = _KINDS.get(parts.scheme.lower())
    if kind is None or not parts.hostname:
        raise InvalidProxy(Reason.NOT_A_PROXY_ADDRESS, text)
    if parts.username and not allow_credentials:
        # A password in the settings file would be a secret outside the keyring.
        raise InvalidProxy(Reason.PROXY_PASSWORD)
    try:
        port = parts.port or _DEFAULT_PORTS[kind]
    except ValueError as exc:
        raise InvalidProxy(Reason.PROXY_PORT, text) from exc
    username = unquote(parts.username) if parts.username else None
    password = unquote(parts.password) if parts.password else None
    return Proxy(kind, parts.hostname, port, username, password)


def proxy_for(
    target_url: str, configured: str = "", environ: Mapping[str, str] | None = None
) -> Proxy | None:
    """The proxy for one connection to `target_url` (ws, wss, http or https)."""
    if configured.strip():
        return parse_proxy(configured, allow_credentials=False)
    env = os.environ if environ is None else environ
    parts = urlsplit(target_url)
    host = parts.hostname or ""
    if is_loopback(host) or _bypassed(host, env):
        return None
    secure = parts.scheme in ("wss", "https")
    names = ("HTTPS_PROXY", "https_proxy") if secure else ("HTTP_PROXY", "http_proxy")
    for name in (*names, "ALL_PROXY", "all_proxy"):
        if env.get(name, "").strip():
            return parse_proxy(env[name])
    return None


def _bypassed(host: str, env: Mapping[str, str]) -> bool:
    """NO_PROXY as curl reads it: `*`, host names that match the host or a domain above
    it (with or without a leading dot), and IP addresses or networks."""
    no_proxy = env.get("NO_PROXY", env.get("no_proxy", ""))
    host = host.lower().rstrip(".")
    address = _ip(host)
    for entry in (part.strip().lower() for part in no_proxy.split(",")):
        if entry == "*":
            return True
        network = _network(entry)
        if network is not None:
            if address is not None and address in network:
                return True
            continue
        name = entry.split(":")[0].lstrip("*").strip(".")
        if name and (host == name or host.endswith("." + name)):
            return True
    return False


def _ip(text: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    try:
        return ipaddress.ip_address(text.strip("[]"))
    except ValueError:
        return None


def _network(text: str) -> ipaddress.IPv4Network | ipaddress.IPv6Network | None:
    try:
        return ipaddress.ip_network(text.strip("[]"), strict=False)
    except ValueError:
        return None
