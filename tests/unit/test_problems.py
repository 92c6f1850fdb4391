import json

import pytest

from desktop.realtime.problems import ProblemKind, error_event_problem, handshake_problem


def _new_api(message, code=""):
    return json.dumps(
        {"error": {"message": message, "type": "new_api_error", "code": code}}, ensure_ascii=False
    ).encode()


@pytest.mark.parametrize(
    ("status", "body", "kind"),
    [
        (401, _new_api("无效的令牌 (request id: 20261121abc)"), ProblemKind.BAD_KEY),
        (403, _new_api("该令牌无权访问模型 gpt-realtime"), ProblemKind.NOT_ALLOWED),
        (
            404,
            b'{"error":{"message":"Invalid URL (GET /v2/realtime)","type":"invalid_request_error","param":"","code":""}}',
            ProblemKind.WRONG_ADDRESS,
        ),
        (429, _new_api("您已达到请求数限制：1分钟内最多请求10次"), ProblemKind.RATE_LIMITED),
        (
            503,
            _new_api("No available channel for model x under group default", "model_not_found"),
            ProblemKind.UNKNOWN_MODEL,
        ),
        (
            400,
            b'{"error":{"message":"Unknown model","type":"invalid_request_error","param":"model","code":"model_not_found"}}',
            ProblemKind.UNKNOWN_MODEL,
        ),
        (400, _new_api("未指定模型名称，模型名称不能为空"), ProblemKind.BAD_REQUEST),
        (400, b"Bad Request", ProblemKind.BAD_REQUEST),
        (502, None, ProblemKind.RELAY_TROUBLE),
    ],
)
def test_refused_handshakes_become_advice(status, body, kind):
    problem = handshake_problem(status, body, {})
    assert problem.kind is kind
    assert problem.status == status


def test_relay_message_and_request_id_are_kept_for_support():
    problem = handshake_problem(401, _new_api("无效的令牌 (request id: 20261121abc)"), {})
    assert problem.message == "无效的令牌 (request id: 20261121abc)"
    assert problem.request_id == "20261121abc"


def test_request_id_header_wins():
    problem = handshake_problem(401, b'{"error":{"message":"x"}}', {"x-oneapi-request-id": "hdr1"})
    assert problem.request_id == "hdr1"


@pytest.mark.parametrize(
    "body",
    [b"", b"<html>502 Bad Gateway</html>", b'{"error": "bad_auth"}', b"[]", b'{"message": "m"}'],
)
def test_any_body_shape_is_survivable(body):
    problem = handshake_problem(401, body, None)
    assert problem.kind is ProblemKind.BAD_KEY


@pytest.mark.parametrize(
    ("code", "kind"),
    [
        ("insufficient_user_quota", ProblemKind.NO_QUOTA),
        ("do_request_failed", ProblemKind.RELAY_TROUBLE),
        ("model_not_found", ProblemKind.UNKNOWN_MODEL),
        ("invalid_api_key", ProblemKind.BAD_KEY),
        ("invalid_value", ProblemKind.SERVER_ERROR),
        (None, ProblemKind.SERVER_ERROR),
    ],
)
def test_error_events_are_classified(code, kind):
    assert error_event_problem("m", code).kind is kind
