"""Real speech for the tests, made by espeak-ng and converted to 24 kHz mono PCM16 by sox."""

from __future__ import annotations

import subprocess
import wave
from pathlib import Path

import numpy as np


def make_speech(folder: Path, text: str, name: str, voice: str = "en") -> tuple[Path, np.ndarray]:
    raw, out = folder / f"{name}-raw.wav", folder / f"{name}.wav"
    subprocess.run(["espeak-ng", "-v", voice, "-w", str(raw), text], check=True)
    subprocess.run(
        ["sox", str(raw), "-r", "24000", "-c", "1", "-b", "16", "-e", "signed-integer", str(out)],
        check=True,
    )
    with wave.open(str(out)) as w:
        return out, np.frombuffer(w.readframes(w.getnframes()), np.int16)


def best_alignment(reference: np.ndarray, recording: np.ndarray) -> tuple[int, float]:
    """(lag, normalised correlation) of `reference` inside `recording`, by FFT."""
    ref = reference.astype(float)
    rec = recording.astype(float)
    n = 1 << (len(ref) + len(rec)).bit_length()
    xc = np.fft.irfft(np.fft.rfft(rec, n) * np.conj(np.fft.rfft(ref, n)), n)[: len(rec)]
    lag = int(np.argmax(xc))
    segment = np.pad(rec[lag : lag + len(ref)], (0, max(0, len(ref) - len(rec[lag:]))))
    corr = float(np.dot(ref, segment) / (np.linalg.norm(ref) * np.linalg.norm(segment) + 1e-9))
    return lag, corr
