"""What a response cost: its usage priced from a table per model family.

The default table is OpenAI's list prices for the Realtime models, and for the models that
transcribe what the user said, as published in late 2026 (USD per million tokens). Relays
bill in their own units or multiples, so the table and its currency label are the user's
to edit (Settings); prices are never guessed: a model not in the table has a usage but no cost.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from desktop.realtime.usage import Usage

PRICES_SOURCE = (
    "OpenAI's list prices for Realtime and transcription models, late 2026 (USD per 1M tokens)"
)
DEFAULT_CURRENCY = "USD"
_PER = 1_000_000
_DATED = re.compile(r"-\d{4}-\d{2}-\d{2}$")  # gpt-realtime-2025-08-28 → gpt-realtime


@dataclass(frozen=True)
class Prices:
    """Per million tokens: (input, cached input, output) for text and audio; images are
    input only. None: the model has no price for that kind."""

    text_in: float
    text_cached: float
    text_out: float
    audio_in: float
    audio_cached: float
    audio_out: float
    image_in: float | None = None
    image_cached: float | None = None


DEFAULT_PRICES: dict[str, Prices] = {
    "gpt-realtime": Prices(4.00, 0.40, 16.00, 32.00, 0.40, 64.00, 5.00, 0.50),
    "gpt-realtime-mini": Prices(0.60, 0.06, 2.40, 10.00, 0.30, 20.00, 0.80, 0.08),
    "gpt-4o-realtime-preview": Prices(5.00, 2.50, 20.00, 40.00, 2.50, 80.00),
    "gpt-4o-mini-realtime-preview": Prices(0.60, 0.30, 2.40, 10.00, 0.30, 20.00),
    # Input transcription, billed apart from the answer. Nothing of it is cached (the
    # cached rate is the full one) and it speaks no audio.
    "gpt-4o-mini-transcribe": Prices(1.25, 1.25, 5.00, 3.00, 3.00, 0.00),
    "gpt-4o-transcribe": Prices(2.50, 2.50, 10.00, 6.00, 6.00, 0.00),
}


@dataclass(frozen=True)
class Cost:
    amount: float
    currency: str


def family(model: str) -> str:
    """A dated snapshot takes its family's name (and price)."""
    return _DATED.sub("", model.strip())


@dataclass(frozen=True)
class PriceTable:
    prices: dict[str, Prices]
    currency: str = DEFAULT_CURRENCY

    def for_model(self, model: str) -> Prices | None:
        return self.prices.get(model.strip()) or self.prices.get(family(model))

    def cost(self, model: str, usage: Usage) -> Cost | None:
        """None for a model the table does not price, or tokens of a kind it has no price
        for (images on a model without image prices)."""
        prices = self.for_model(model)
        if prices is None:
            return None
        image = 0.0
        if usage.input_image:
            if prices.image_in is None:
                return None
            cached_rate = (
                prices.image_cached if prices.image_cached is not None else prices.image_in
            )
            image = (usage.input_image - usage.cached_image) * prices.image_in + (
                usage.cached_image * cached_rate
            )
        amount = (
            (usage.input_text - usage.cached_text) * prices.text_in
            + usage.cached_text * prices.text_cached
            + (usage.input_audio - usage.cached_audio) * prices.audio_in
            + usage.cached_audio * prices.audio_cached
            + image
            + usage.output_text * prices.text_out
            + usage.output_audio * prices.audio_out
        ) / _PER
        return Cost(amount, self.currency)

    # ---- as the user edits it (Settings) ------------------------------------------------

    def to_text(self) -> str:
        """One line a model: `name = text in, cached, out; audio in, cached, out; image
        in, cached` (the image part may be left out)."""
        lines = []
        for name, p in self.prices.items():
            line = f"{name} = {_n(p.text_in)} {_n(p.text_cached)} {_n(p.text_out)}"
            line += f"; {_n(p.audio_in)} {_n(p.audio_cached)} {_n(p.audio_out)}"
            if p.image_in is not None:
                line += f"; {_n(p.image_in)} {_n(p.image_cached or p.image_in)}"
            lines.append(line)
        return "\n".join(lines)

    @classmethod
    def from_text(cls, text: str, currency: str = DEFAULT_CURRENCY) -> PriceTable:
        """Raises ValueError, naming the line, for one that cannot be read."""
        prices: dict[str, Prices] = {}
        for number, raw in enumerate(text.splitlines(), 1):
            line = raw.split("#", 1)[0].strip()
            if not line:
                continue
            name, _, figures = line.partition("=")
            groups = [g.split() for g in figures.split(";")]
            try:
                values = [[float(v) for v in g] for g in groups]
            except ValueError:
                raise ValueError(number) from None
            shapes = [len(g) for g in values]
            if not name.strip() or shapes not in ([3, 3], [3, 3, 2]) or _negative(values):
                raise ValueError(number)
            text_part, audio_part = values[0], values[1]
            image_part: list[float | None] = list(values[2]) if len(values) == 3 else [None, None]
            prices[name.strip()] = Prices(*text_part, *audio_part, *image_part)
        return cls(prices, currency.strip() or DEFAULT_CURRENCY)


DEFAULT_TABLE = PriceTable(DEFAULT_PRICES)


@lru_cache(maxsize=4)
def table_for(prices_text: str, currency: str) -> PriceTable:
    """The table the settings hold (`PriceTable.to_text`); the defaults where they hold
    none, or one that no longer reads (Settings checks a table before keeping it)."""
    try:
        table = PriceTable.from_text(prices_text) if prices_text.strip() else DEFAULT_TABLE
    except ValueError:
        table = DEFAULT_TABLE
    return PriceTable(table.prices, currency.strip() or DEFAULT_CURRENCY)


def _n(value: float) -> str:
    return f"{value:g}"


def _negative(values: list[list[float]]) -> bool:
    return any(v < 0 for group in values for v in group)
