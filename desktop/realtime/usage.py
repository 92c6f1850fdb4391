"""Tokens a response used, as `response.done` reports them, in both dialects; an input
transcription's tokens come in the same shape, without the output breakdown.

Cached tokens are a subset of the input tokens. GA says which inputs were cached
(`cached_tokens_details`); beta gives only the total, which is then shared between text,
audio and image in proportion to each (the cache holds the conversation's prefix, which
has all three), so that a beta relay's cached tokens are still priced at the cached rate.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields
from typing import Any


@dataclass(frozen=True)
class Usage:
    input_text: int = 0
    input_audio: int = 0
    input_image: int = 0
    input_cached: int = 0  # of the three above
    cached_text: int = 0
    cached_audio: int = 0
    cached_image: int = 0
    output_text: int = 0
    output_audio: int = 0

    def __add__(self, other: Usage) -> Usage:
        return Usage(*(getattr(self, f.name) + getattr(other, f.name) for f in fields(self)))

    @property
    def total(self) -> int:
        return (
            self.input_text + self.input_audio + self.input_image
            + self.output_text + self.output_audio
        )  # fmt: skip

    def exported(self) -> dict[str, int]:
        """The six figures of the conversation export's contract."""
        kept = asdict(self)
        return {name: kept[name] for name in EXPORTED}

    def stored(self) -> dict[str, int]:
        return asdict(self)

    @classmethod
    def from_stored(cls, values: dict[str, Any]) -> Usage:
        names = {f.name for f in fields(cls)}
        return cls(**{k: int(v) for k, v in values.items() if k in names})


EXPORTED = (
    "input_text",
    "input_audio",
    "input_cached",
    "input_image",
    "output_text",
    "output_audio",
)


def _count(data: Any, key: str) -> int:
    value = data.get(key) if isinstance(data, dict) else None
    # bool is an int to Python; a relay's true is no count.
    return value if isinstance(value, int) and not isinstance(value, bool) and value > 0 else 0


def parse_usage(data: Any) -> Usage | None:
    """`response.usage` (or a transcription's `usage`) from the wire; None when there is
    none or it counts no tokens."""
    if not isinstance(data, dict) or data.get("type") == "duration":
        # whisper-1 transcription counts seconds, not tokens: nothing here to add up.
        return None
    given = data.get("input_token_details")
    details = given if isinstance(given, dict) else {}
    out_given = data.get("output_token_details")
    out = out_given if isinstance(out_given, dict) else {}
    text, audio, image = (
        _count(details, k) for k in ("text_tokens", "audio_tokens", "image_tokens")
    )
    if not details:  # no breakdown: all of the input counted as text
        text = _count(data, "input_tokens")
    cached = min(_count(details, "cached_tokens"), text + audio + image)
    split = details.get("cached_tokens_details")
    if isinstance(split, dict):
        cached_text = min(_count(split, "text_tokens"), text)
        cached_audio = min(_count(split, "audio_tokens"), audio)
        cached_image = min(_count(split, "image_tokens"), image)
    else:
        cached_text, cached_audio, cached_image = _shared(cached, (text, audio, image))
    output_text, output_audio = _count(out, "text_tokens"), _count(out, "audio_tokens")
    if not out:
        output_text = _count(data, "output_tokens")
    usage = Usage(
        text, audio, image, cached, cached_text, cached_audio, cached_image,
        output_text, output_audio,
    )  # fmt: skip
    return usage if usage.total else None


def _shared(cached: int, inputs: tuple[int, int, int]) -> tuple[int, int, int]:
    whole = sum(inputs)
    if not cached or not whole:
        return 0, 0, 0
    shares = [cached * part // whole for part in inputs]
    shares[inputs.index(max(inputs))] += cached - sum(shares)  # what rounding left over
    return shares[0], shares[1], shares[2]
