"""Streaming sample-rate conversion of PCM16 with soxr, for devices that refuse 24 kHz."""

from __future__ import annotations

import numpy as np
import soxr


class PcmResampler:
    def __init__(self, in_rate: int, out_rate: int) -> None:
        self._stream = soxr.ResampleStream(in_rate, out_rate, 1, dtype="int16")

    def process(self, pcm: bytes) -> bytes:
        """Converts one block; keeps filter state across blocks, so chunk edges are clean."""
        resampled: np.ndarray = self._stream.resample_chunk(np.frombuffer(pcm, np.int16))
        return resampled.tobytes()
