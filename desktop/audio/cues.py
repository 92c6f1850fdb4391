"""The short sounds that mark the start and end of a turn while the window is hidden.

They are WAV files among the app's assets (resources/sounds/, made by
packaging/render_sounds.py), in the speaker's own format, so they play without conversion.
"""

from __future__ import annotations

import logging
import wave
from pathlib import Path
from typing import TYPE_CHECKING

from desktop.api_facts import CHANNELS, RATE, SAMPLE_BYTES

if TYPE_CHECKING:
    import numpy as np

log = logging.getLogger(__name__)


def load(path: Path) -> np.ndarray:
    """The sound's samples; none (and a warning in the log) if the file is missing or not
    24 kHz mono PCM16: a broken install loses its cue, never the conversation."""
    import numpy as np  # when a cue is first played, not at start

    silent = np.zeros(0, np.int16)
    try:
        with wave.open(str(path)) as sound:
            shape = (sound.getnchannels(), sound.getsampwidth(), sound.getframerate())
            if shape != (CHANNELS, SAMPLE_BYTES, RATE):
                log.warning("%s is %s, not (%s, %s, %s)", path, shape, CHANNELS, SAMPLE_BYTES, RATE)
                return silent
            return np.frombuffer(sound.readframes(sound.getnframes()), np.int16)
    except (OSError, EOFError, wave.Error) as exc:
        log.warning("no turn sound from %s: %s", path, exc)
        return silent
