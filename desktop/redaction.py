"""Blanking whatever looks like a key, for everything the app writes down or shows of its
traffic: the log, crash reports, the event inspector."""

from __future__ import annotations

import re

# OpenAI-style keys (sk-…, sk-proj-…), bearer tokens, and long opaque tokens after key=.
_KEY_PATTERNS = (
    re.compile(r"\bsk-[A-Za-z0-9_\-]{6,}"),
    re.compile(r"(?i)\bbearer\s+[^\s'\"]+"),
    re.compile(r"(?i)\b(api[_-]?key|key|token)=([^\s&'\"]+)"),
)
REDACTED = "[redacted]"


def redact(text: str, secrets: tuple[str, ...] = ()) -> str:
    for secret in secrets:
        if secret:
            text = text.replace(secret, REDACTED)
    text = _KEY_PATTERNS[0].sub(REDACTED, text)
    text = _KEY_PATTERNS[1].sub(f"Bearer {REDACTED}", text)
    return _KEY_PATTERNS[2].sub(lambda m: f"{m.group(1)}={REDACTED}", text)
