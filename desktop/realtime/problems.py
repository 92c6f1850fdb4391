"""What went wrong, in terms a user can act on, with the relay's own words kept for support.

Nothing here is prose for the user: a kind, an optional reason with its values, and the
relay's (or the system's) own text. `desktop.ui.messages` words them in the user's language.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from enum import Enum


class ProblemKind(Enum):
    BAD_KEY = "bad_key"  # 401, invalid_api_key
    NOT_ALLOWED = "not_allowed"  # 403
    WRONG_ADDRESS = "wrong_address"  # 404: base URL or path
    BAD_REQUEST = "bad_request"  # 400 that is not about the model
    UNKNOWN_MODEL = "unknown_model"  # 503 model_not_found, or 400 about the model
    RATE_LIMITED = "rate_limited"  # 429
    NO_QUOTA = "no_quota"  # insufficient_user_quota and friends
    RELAY_TOO_OLD = "relay_too_old"  # beta_api_shape_disabled: a GA model sent the beta flag
    RELAY_TROUBLE = "relay_trouble"  # 5xx, upstream dial failures
    UNREACHABLE = "unreachable"  # DNS, refused, timeout
    UNTRUSTED_CERTIFICATE = "untrusted_certificate"  # TLS: self-signed, unknown authority
    DROPPED = "dropped"  # the socket closed mid-session
    REFUSED = "refused"  # closed after the upgrade, before the session began (e.g. 1011)
    NO_SESSION = "no_session"  # upgraded, then silence: no session.created
    STALLED = "stalled"  # an answer stopped mid-way while the socket stayed open
    SERVER_ERROR = "server_error"  # an `error` event; the session goes on
    IGNORED_FRAMES = "ignored_frames"  # frames that could not be read; the session goes on
    MISSING_KEY = "missing_key"
    NO_MICROPHONE = "no_microphone"
    NO_SPEAKER = "no_speaker"
    INVALID_SETTINGS = "invalid_settings"


class Reason(Enum):
    """Why, in the app's own terms; the values each one carries are listed beside it."""

    NOT_A_WEB_ADDRESS = "not_a_web_address"  # what was entered
    PLAIN_HTTP_REMOTE = "plain_http_remote"  # an unencrypted address that is not this computer
    NO_MODEL = "no_model"
    NOT_A_PROXY_ADDRESS = "not_a_proxy_address"  # what was entered
    PROXY_PASSWORD = "proxy_password"  # a password in the proxy setting: never stored
    PROXY_PORT = "proxy_port"  # what was entered
    CA_BUNDLE_UNUSABLE = "ca_bundle_unusable"  # the file's path
    NO_ANSWER_WITHIN = "no_answer_within"  # seconds
    MESSAGE_TOO_LARGE = "message_too_large"  # its size in MB, the limit in MB
    MODEL_LIST_NOT_OPENAI = "model_list_not_openai"
    DEVICE_STOPPED = "device_stopped"
    FRAME_NOT_JSON = "frame_not_json"
    FRAME_WITHOUT_TYPE = "frame_without_type"
    FRAME_UNREADABLE = "frame_unreadable"  # the event's type


@dataclass(frozen=True)
class Problem:
    kind: ProblemKind
    message: str = ""  # the relay's, server's or system's own text, verbatim
    status: int | None = None
    code: str | None = None
    request_id: str | None = None
    reason: Reason | None = None
    values: tuple[str, ...] = ()  # what the reason mentions, in its order


class InvalidSetting(ValueError):
    """A setting that cannot be used, and why (a reason with its values)."""

    def __init__(self, reason: Reason, *values: str, detail: str = "") -> None:
        super().__init__(reason.value, *values)
        self.reason = reason
        self.values = values
        self.detail = detail  # the system's own words, if any

    def problem(self) -> Problem:
        return Problem(
            ProblemKind.INVALID_SETTINGS, self.detail, reason=self.reason, values=self.values
        )


_REQUEST_ID = re.compile(r"request id[:：]\s*([\w-]+)", re.IGNORECASE)
_QUOTA_CODES = {"insufficient_user_quota", "pre_consume_token_quota_failed", "insufficient_quota"}
_RELAY_CODES = {"do_request_failed", "get_channel_failed", "model_price_error", "system_error"}


def request_id_in(message: str) -> str | None:
    match = _REQUEST_ID.search(message)
    return match.group(1) if match else None


def _error_fields(body: bytes | str | None) -> tuple[str, str | None, str | None]:
    """(message, code, param) from a relay's JSON error body, or its plain text."""
    if body is None:
        return "", None, None
    text = body.decode("utf-8", "replace") if isinstance(body, bytes) else body
    try:
        data = json.loads(text)
    except ValueError:
        return text.strip()[:500], None, None
    error = data.get("error") if isinstance(data, dict) else None
    if isinstance(error, dict):
        message = error.get("message")
        return (
            str(message) if message else "",
            str(error["code"]) if error.get("code") else None,
            str(error["param"]) if error.get("param") else None,
        )
    if isinstance(error, str):  # some relays send {"error": "text"}
        return error, None, None
    if isinstance(data, dict) and isinstance(data.get("message"), str):
        return data["message"], None, None
    return text.strip()[:500], None, None


def _kind_for_status(status: int, code: str | None, param: str | None, message: str) -> ProblemKind:
    if code in _QUOTA_CODES:
        return ProblemKind.NO_QUOTA
    if code == "model_not_found" or param == "model":
        return ProblemKind.UNKNOWN_MODEL
    if status == 401:
        return ProblemKind.BAD_KEY
    if status == 403:
        return ProblemKind.NOT_ALLOWED
    if status == 404:
        return ProblemKind.WRONG_ADDRESS
    if status == 429:
        return ProblemKind.RATE_LIMITED
    if status == 400:
        return ProblemKind.UNKNOWN_MODEL if "model" in message.lower() else ProblemKind.BAD_REQUEST
    return ProblemKind.RELAY_TROUBLE


def handshake_problem(
    status: int, body: bytes | str | None, headers: dict[str, str] | None = None
) -> Problem:
    """A refused WebSocket upgrade: HTTP status plus whatever the body says."""
    message, code, param = _error_fields(body)
    request_id = (headers or {}).get("x-oneapi-request-id") or request_id_in(message)
    kind = _kind_for_status(status, code, param, message)
    return Problem(kind, message, status=status, code=code, request_id=request_id)


def error_event_problem(message: str, code: str | None) -> Problem:
    """An `error` event from the server or the relay."""
    if code in _QUOTA_CODES:
        kind = ProblemKind.NO_QUOTA
    elif code in ("invalid_api_key",):
        kind = ProblemKind.BAD_KEY
    elif code == "model_not_found":
        kind = ProblemKind.UNKNOWN_MODEL
    elif code == "beta_api_shape_disabled":
        kind = ProblemKind.RELAY_TOO_OLD
    elif code in _RELAY_CODES:
        kind = ProblemKind.RELAY_TROUBLE
    else:
        kind = ProblemKind.SERVER_ERROR
    return Problem(kind, message, code=code, request_id=request_id_in(message))
