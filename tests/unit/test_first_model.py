"""Which model the app starts with on first use, from what the relay lists."""

from __future__ import annotations

import pytest

from desktop.realtime.relay_api import first_model

DEFAULT = "gpt-4o-realtime-preview"


@pytest.mark.parametrize(
    ("offered", "chosen"),
    [
        (["gpt-4o-realtime-preview", "gpt-realtime", "gpt-4o"], "gpt-realtime"),
        (["gpt-realtime-2025-08-28", "gpt-realtime"], "gpt-realtime"),
        (["gpt-realtime-2025-08-28", "gpt-4o-realtime-preview"], "gpt-realtime-2025-08-28"),
        (
            ["gpt-realtime", "gpt-realtime-2", "gpt-realtime-2.1", "gpt-realtime-2.1-mini"],
            "gpt-realtime-2.1",
        ),
        (["gpt-realtime-mini", "gpt-4o-realtime-preview"], "gpt-realtime-mini"),
        (["whisper-1", "gpt-4o-mini-realtime-preview"], "gpt-4o-mini-realtime-preview"),
        (["whisper-1", "gpt-4o"], DEFAULT),
        ([], DEFAULT),
    ],
)
def test_the_first_model_is_one_the_relay_offers_preferring_gpt_realtime(offered, chosen):
    assert first_model(offered, DEFAULT) == chosen
