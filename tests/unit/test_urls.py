import pytest

from desktop.realtime.problems import ProblemKind, Reason
from desktop.realtime.urls import InvalidBaseURL, realtime_url


@pytest.mark.parametrize(
    ("base", "expected"),
    [
        ("https://api.xiexus.cn", "wss://api.xiexus.cn/v1/realtime?model=gpt-realtime"),
        ("https://api.openai.com/v1", "wss://api.openai.com/v1/realtime?model=gpt-realtime"),
        ("https://relay.example/", "wss://relay.example/v1/realtime?model=gpt-realtime"),
        (
            "https://relay.example/openai/",
            "wss://relay.example/openai/v1/realtime?model=gpt-realtime",
        ),
        ("http://127.0.0.1:8080", "ws://127.0.0.1:8080/v1/realtime?model=gpt-realtime"),
        ("http://localhost:9", "ws://localhost:9/v1/realtime?model=gpt-realtime"),
        ("  https://relay.example  ", "wss://relay.example/v1/realtime?model=gpt-realtime"),
    ],
)
def test_base_url_becomes_the_realtime_socket(base, expected):
    assert realtime_url(base, "gpt-realtime") == expected


def test_model_name_is_query_encoded():
    assert realtime_url("https://r.example", "a b&c").endswith("?model=a+b%26c")


@pytest.mark.parametrize(
    ("base", "reason"),
    [
        ("http://relay.example", Reason.PLAIN_HTTP_REMOTE),
        ("ftp://relay.example", Reason.NOT_A_WEB_ADDRESS),
        ("relay.example", Reason.NOT_A_WEB_ADDRESS),
        ("", Reason.NOT_A_WEB_ADDRESS),
    ],
)
def test_unusable_base_urls_are_refused_with_a_reason(base, reason):
    with pytest.raises(InvalidBaseURL) as refused:
        realtime_url(base, "gpt-realtime")
    assert refused.value.reason is reason
    assert refused.value.problem().kind is ProblemKind.INVALID_SETTINGS


def test_empty_model_is_refused():
    with pytest.raises(InvalidBaseURL) as refused:
        realtime_url("https://relay.example", " ")
    assert refused.value.reason is Reason.NO_MODEL
