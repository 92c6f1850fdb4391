"""The relay's plain HTTP side: which models it offers (`GET /v1/models`)."""

from __future__ import annotations

import json
import re
from urllib.parse import urlsplit, urlunsplit

from desktop.realtime.problems import Problem, ProblemKind, Reason, handshake_problem
from desktop.realtime.proxy import InvalidProxy, proxy_for
from desktop.realtime.tls import InvalidCABundle, tls_context, untrusted_certificate
from desktop.realtime.urls import realtime_url

TIMEOUT_S = 15.0


class RelayError(Exception):
    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.kind.value)
        self.problem = problem


def models_url(base_url: str) -> str:
    """`https://host` → `https://host/v1/models` (same host and path rules as the socket)."""
    socket_url = urlsplit(realtime_url(base_url, "x"))
    scheme = "https" if socket_url.scheme == "wss" else "http"
    path = socket_url.path.removesuffix("/realtime") + "/models"
    return urlunsplit((scheme, socket_url.netloc, path, "", ""))


def list_models(
    base_url: str,
    api_key: str,
    proxy_setting: str = "",
    timeout: float = TIMEOUT_S,
    ca_bundle: str = "",
) -> list[str]:
    """Every model id the key may use, as the relay lists them; raises RelayError."""
    # Loaded when asked: the list is fetched once, on first use, not at every start.
    import urllib.error
    import urllib.request

    url = models_url(base_url)
    request = urllib.request.Request(url, headers={"Authorization": f"Bearer {api_key}"})
    try:
        proxy = proxy_for(url, proxy_setting)
        tls = tls_context(ca_bundle)
    except (InvalidProxy, InvalidCABundle) as exc:
        raise RelayError(exc.problem()) from None
    # urllib speaks HTTP proxies only; a SOCKS proxy serves the conversation, not this list.
    proxies = {"http": proxy.url, "https": proxy.url} if proxy and proxy.kind == "http" else {}
    opener = urllib.request.build_opener(
        urllib.request.ProxyHandler(proxies), urllib.request.HTTPSHandler(context=tls)
    )
    try:
        with opener.open(request, timeout=timeout) as response:  # TLS is always verified
            body = response.read()
    except urllib.error.HTTPError as exc:
        headers = {k.lower(): v for k, v in exc.headers.items()}
        raise RelayError(handshake_problem(exc.code, exc.read(), headers)) from None
    except (urllib.error.URLError, TimeoutError, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        if (untrusted := untrusted_certificate(reason)) is not None:
            raise RelayError(Problem(ProblemKind.UNTRUSTED_CERTIFICATE, untrusted)) from None
        raise RelayError(Problem(ProblemKind.UNREACHABLE, str(reason))) from None
    try:
        data = json.loads(body)
        return sorted({str(m["id"]) for m in data["data"]})
    except (ValueError, KeyError, TypeError):
        raise RelayError(
            Problem(ProblemKind.BAD_REQUEST, reason=Reason.MODEL_LIST_NOT_OPENAI)
        ) from None


def realtime_models(models: list[str]) -> list[str]:
    return [m for m in models if "realtime" in m]


_DATED = re.compile(r"-\d{4}-\d{2}-\d{2}$")
_FAMILY = "gpt-realtime"


def first_model(offered: list[str], fallback: str) -> str:
    """The model to start with on first use: the newest full gpt-realtime model the relay
    offers (older preview models are being shut down upstream), then its mini models,
    then any realtime model it lists; `fallback` only when it offers none."""
    realtime = realtime_models(offered)
    family = [m for m in realtime if m == _FAMILY or m.startswith(_FAMILY + "-")]
    if not family:
        return realtime[0] if realtime else fallback
    return max(family, key=_rank)


def _rank(model: str) -> tuple[bool, bool, tuple[int, ...]]:
    """Full models over minis, aliases over dated snapshots, then the higher version."""
    rest = model[len(_FAMILY) :]
    dated = bool(_DATED.search(rest))
    rest = _DATED.sub("", rest)
    mini = "mini" in rest
    version = tuple(int(n) for n in re.findall(r"\d+", rest)) or (1,)
    return (not mini, not dated, version)
