"""The short sounds that mark the start and end of a turn while the window is hidden.

Made here rather than shipped as files: two soft notes, rising for "listening", falling for
"sent", with raised-cosine edges so they never click.
"""

from __future__ import annotations

import numpy as np

from desktop.api_facts import RATE

NOTE_MS = 55
EDGE_MS = 8
VOLUME = 0.18  # of full scale: audible over speech, never startling


def _note(frequency_hz: float) -> np.ndarray:
    frames = RATE * NOTE_MS // 1000
    t = np.arange(frames) / RATE
    wave = np.sin(2 * np.pi * frequency_hz * t)
    edge = RATE * EDGE_MS // 1000
    ramp = 0.5 - 0.5 * np.cos(np.linspace(0, np.pi, edge))
    wave[:edge] *= ramp
    wave[-edge:] *= ramp[::-1]
    return wave


def _cue(*frequencies: float) -> np.ndarray:
    return (np.concatenate([_note(f) for f in frequencies]) * VOLUME * 32767).astype(np.int16)


TURN_STARTED = _cue(660, 880)
TURN_ENDED = _cue(880, 660)
