"""Conversions between frames, bytes and ms of the Realtime API's audio format."""

from __future__ import annotations

import math

from desktop.api_facts import RATE, SAMPLE_BYTES

CHUNK_FRAMES = 480  # 20 ms: small enough for low latency, large enough for few events


def frames_to_ms(frames: int) -> int:
    return frames * 1000 // RATE


def ms_to_frames(ms: float) -> int:
    return int(ms * RATE / 1000)


def rms_level(pcm: bytes) -> float:
    """Loudness of a block as RMS relative to full scale, 0..1."""
    if len(pcm) < SAMPLE_BYTES:
        return 0.0
    import numpy as np  # not at import time: the window comes up first

    samples = np.frombuffer(pcm, np.int16).astype(np.float32)
    # One dot product: np.mean's Python layers cost more than the sum itself here.
    return math.sqrt(float(np.dot(samples, samples)) / len(samples)) / 32768.0
