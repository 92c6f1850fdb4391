"""A kept conversation as one WAV file: its turns' clips from the audio archive, in order,
with a short pause between turns (as the conversation sounded, less the waiting)."""

from __future__ import annotations

from typing import TYPE_CHECKING, BinaryIO

from desktop.api_facts import RATE
from desktop.audio.pcm import ms_to_frames
from desktop.history.audio_archive import AudioArchive

if TYPE_CHECKING:
    import numpy as np
from desktop.history.store import Conversation

PAUSE_MS = 400


class NoAudioKept(Exception):
    """None of the conversation's turns has audio in the archive."""


def conversation_samples(conversation: Conversation, archive: AudioArchive) -> np.ndarray:
    import numpy as np  # only for an export of audio

    pause = np.zeros(ms_to_frames(PAUSE_MS), np.int16)
    parts: list[np.ndarray] = []
    for turn in conversation.turns:
        pcm = archive.read(turn.item_id) if archive.has(turn.item_id) else b""
        if pcm:
            if parts:
                parts.append(pause)
            parts.append(np.frombuffer(pcm, np.int16))
    if not parts:
        raise NoAudioKept(conversation.id)
    return np.concatenate(parts)


def write_wav(conversation: Conversation, archive: AudioArchive, target: BinaryIO) -> None:
    """PCM16 mono at 24 kHz, the format both sides spoke in."""
    import soundfile  # libsndfile loads when first needed, not at launch

    samples = conversation_samples(conversation, archive)
    soundfile.write(target, samples, RATE, subtype="PCM_16", format="WAV")
