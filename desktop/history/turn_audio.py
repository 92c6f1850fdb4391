"""Which turn each piece of audio belongs to, so the archive files it under the turn's key.

The assistant's audio comes with its item id. The user's speech does not: the relay names
the item only after the commit, so it is recorded under a name of its own and renamed when
the relay says which item the commit made. Speech never committed (a press too short to
send) is thrown away when the next one starts.

Threads: `answer_audio` runs on the socket thread and `speech` on the microphone's; they
only read what the GUI thread set before their audio could flow.
"""

from __future__ import annotations

from collections import deque

from desktop.history.audio_archive import AudioArchive
from desktop.history.recorder import turn_key

_SPEECH = "speech-"


class TurnAudio:
    def __init__(self, archive: AudioArchive) -> None:
        self._archive = archive
        self._session = ""
        self._count = 0
        self._speech = ""  # the clip the microphone records into now
        self._unsent: str | None = None  # ended, not committed (yet)
        self._committed: deque[str] = deque()  # committed, waiting for the relay's item id

    @property
    def archive(self) -> AudioArchive:
        return self._archive

    def session_opened(self, session: str) -> None:
        """Before the socket starts. Speech the last session never named is lost with it."""
        self._archive.finish_all()
        for clip in (*self._committed, *([self._unsent] if self._unsent else [])):
            self._archive.discard(clip)
        self._committed.clear()
        self._unsent = None
        self._session = session

    def answer_audio(self, item_id: str, pcm: bytes) -> None:
        self._archive.append(turn_key(self._session, item_id), pcm)

    def answer_done(self) -> None:
        """The response is complete (or cancelled): its clips are finished."""
        self._archive.finish_all(keep=lambda key: key.startswith(_SPEECH))

    def speech_started(self) -> None:
        if self._unsent is not None:
            self._archive.discard(self._unsent)
        self._count += 1
        self._speech = f"{_SPEECH}{self._session}-{self._count}"
        self._unsent = None

    def speech(self, pcm: bytes) -> None:
        if self._speech:
            self._archive.append(self._speech, pcm)

    def speech_ended(self) -> None:
        if self._speech:
            self._archive.finish(self._speech)
            self._unsent, self._speech = self._speech, ""

    def speech_committed(self) -> None:
        """The commit went to the relay: the clip waits for its item id."""
        if self._unsent is not None:
            self._committed.append(self._unsent)
            self._unsent = None

    def speech_named(self, item_id: str) -> None:
        """The relay's `input_audio_buffer.committed`: the oldest waiting clip is that item."""
        if self._committed:
            self._archive.rename(self._committed.popleft(), turn_key(self._session, item_id))
