"""What the Realtime API itself fixes, in one place for every layer: its audio format, its
voices, and the model names relays usually offer."""

from __future__ import annotations

RATE = 24000  # Hz: PCM16, mono, both ways, in both dialects
CHANNELS = 1
SAMPLE_BYTES = 2

VOICES = ("alloy", "ash", "ballad", "coral", "echo", "sage", "shimmer", "verse", "marin", "cedar")

# Beta (*-realtime-preview) and GA names; a relay's own list replaces these once known.
MODELS = (
    "gpt-4o-realtime-preview",
    "gpt-4o-mini-realtime-preview",
    "gpt-realtime",
    "gpt-realtime-mini",
)
