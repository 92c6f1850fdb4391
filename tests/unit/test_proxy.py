import pytest

from desktop.realtime.problems import Reason
from desktop.realtime.proxy import InvalidProxy, Proxy, parse_proxy, proxy_for

WSS = "wss://api.xiexus.cn/v1/realtime?model=gpt-realtime"


def test_the_proxy_in_settings_wins():
    env = {"HTTPS_PROXY": "http://10.0.0.1:3128"}
    assert proxy_for(WSS, "socks5://127.0.0.1:1080", env) == Proxy("socks5", "127.0.0.1", 1080)


def test_the_system_proxy_is_honoured_by_scheme_then_all_proxy():
    assert proxy_for(WSS, "", {"HTTPS_PROXY": "http://proxy:3128"}) == Proxy("http", "proxy", 3128)
    assert proxy_for(WSS, "", {"https_proxy": "proxy:8888"}) == Proxy("http", "proxy", 8888)
    assert proxy_for(WSS, "", {"HTTP_PROXY": "http://other:1"}) is None  # http only
    assert proxy_for(WSS, "", {"ALL_PROXY": "socks5h://s:1080"}) == Proxy("socks5h", "s", 1080)
    assert proxy_for(WSS, "", {}) is None


def test_no_proxy_and_loopback_go_direct():
    env = {"HTTPS_PROXY": "http://proxy:3128", "NO_PROXY": ".xiexus.cn,localhost"}
    assert proxy_for(WSS, "", env) is None
    assert proxy_for("ws://127.0.0.1:9/v1/realtime", "", {"HTTP_PROXY": "http://p:1"}) is None


@pytest.mark.parametrize(
    ("no_proxy", "host", "direct"),
    [
        ("*", "api.openai.com", True),
        ("openai.com", "api.openai.com", True),
        (".openai.com", "api.openai.com", True),
        ("*.openai.com", "api.openai.com", True),
        ("openai.com", "notopenai.com", False),
        ("api.openai.com:443", "api.openai.com", True),
        ("10.0.0.0/8", "10.1.2.3", True),
        ("10.0.0.0/8", "192.168.1.1", False),
        ("fd00::/8", "[fd00::5]", True),
        (" , other.example ", "api.openai.com", False),
    ],
)
def test_no_proxy_matches_as_curl_reads_it(no_proxy, host, direct):
    env = {"HTTPS_PROXY": "http://proxy:3128", "NO_PROXY": no_proxy}
    assert (proxy_for(f"wss://{host}:443/v1/realtime", "", env) is None) is direct


def test_credentials_come_from_the_environment_only():
    env = {"HTTPS_PROXY": "http://me:s%40cret@proxy:3128"}
    assert proxy_for(WSS, "", env) == Proxy("http", "proxy", 3128, "me", "s@cret")
    with pytest.raises(InvalidProxy) as refused:
        proxy_for(WSS, "http://me:secret@proxy:3128", {})
    assert refused.value.reason is Reason.PROXY_PASSWORD


@pytest.mark.parametrize("text", ["ftp://proxy:21", "http://", "http://proxy:notaport"])
def test_unusable_proxies_are_refused_with_a_reason(text):
    with pytest.raises(InvalidProxy):
        parse_proxy(text)
