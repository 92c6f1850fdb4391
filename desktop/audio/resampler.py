"""Streaming sample-rate conversion of PCM16 with soxr, for devices that refuse 24 kHz."""

from __future__ import annotations


class PcmResampler:
    def __init__(self, in_rate: int, out_rate: int) -> None:
        # Imported here: most devices take 24 kHz, and then neither is needed at all.
        import numpy as np
        import soxr

        self._np = np
        self._stream = soxr.ResampleStream(in_rate, out_rate, 1, dtype="int16")

    def process(self, pcm: bytes) -> bytes:
        """Converts one block; keeps filter state across blocks, so chunk edges are clean."""
        samples = self._np.frombuffer(pcm, self._np.int16)
        resampled = self._stream.resample_chunk(samples)
        return bytes(resampled.tobytes())
