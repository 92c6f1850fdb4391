"""Make the turn sounds in resources/sounds/: two soft notes, rising for "listening",
falling for "sent", with raised-cosine edges so they never click. 24 kHz mono PCM16, the
format the speaker plays, so they need no conversion.

Run `scripts/render-sounds` after changing them here; the WAV files are committed.
"""

from __future__ import annotations

import wave
from pathlib import Path

import numpy as np

from desktop.api_facts import RATE

SOUNDS = Path(__file__).resolve().parents[1] / "resources" / "sounds"
NOTE_MS = 55
EDGE_MS = 8
VOLUME = 0.18  # of full scale: audible over speech, never startling
TURNS = {"turn-started": (660, 880), "turn-ended": (880, 660)}


def note(frequency_hz: float) -> np.ndarray:
    frames = RATE * NOTE_MS // 1000
    t = np.arange(frames) / RATE
    wave_ = np.sin(2 * np.pi * frequency_hz * t)
    edge = RATE * EDGE_MS // 1000
    ramp = 0.5 - 0.5 * np.cos(np.linspace(0, np.pi, edge))
    wave_[:edge] *= ramp
    wave_[-edge:] *= ramp[::-1]
    return wave_


def cue(*frequencies: float) -> np.ndarray:
    return (np.concatenate([note(f) for f in frequencies]) * VOLUME * 32767).astype(np.int16)


def main() -> None:
    SOUNDS.mkdir(exist_ok=True)
    for name, frequencies in TURNS.items():
        with wave.open(str(SOUNDS / f"{name}.wav"), "wb") as out:
            out.setnchannels(1)
            out.setsampwidth(2)
            out.setframerate(RATE)
            out.writeframes(cue(*frequencies).tobytes())
        print(SOUNDS / f"{name}.wav")


if __name__ == "__main__":
    main()
