"""Which turn each piece of audio belongs to, so the archive files it under the turn's key.

The assistant's audio comes with its item id. The user's speech does not: the relay names
the item only after the commit, so it is recorded under a name of its own and renamed when
the relay says which item the commit made. Speech never committed (a press too short to
send) is thrown away when the next one starts.

It does nothing while off (Settings ▸ Audio) or without an archive (no history).

Threads: `answer_audio` runs on the socket thread and `speech` on the microphone's; they
only read what the GUI thread set before their audio could flow.
"""

from __future__ import annotations

from collections import deque
from typing import Any

from desktop.history.audio_archive import AudioArchive
from desktop.history.recorder import turn_key
from desktop.realtime.server_events import InputCommitted, ResponseDone, ServerEvent

_SPEECH = "speech-"


class TurnAudio:
    def __init__(self, archive: AudioArchive | None = None, on: bool = False) -> None:
        self._archive = archive
        self._on = on and archive is not None
        self._session = ""
        self._count = 0
        self._speech = ""  # the clip the microphone records into now
        self._unsent: str | None = None  # ended, not committed (yet)
        self._committed: deque[str] = deque()  # committed, waiting for the relay's item id

    def keep_in(self, archive: AudioArchive) -> None:
        self._archive = archive

    def switch(self, on: bool) -> None:
        """Settings ▸ Audio: speech from the next press on, an answer from its next piece."""
        self._on = on and self._archive is not None

    def session_opened(self, session: str) -> None:
        """Before the socket starts. Speech the last session never named is lost with it."""
        self._session = session
        if self._archive is None:
            return
        self._archive.finish_all()
        for clip in (*self._committed, *([self._unsent] if self._unsent else [])):
            self._archive.discard(clip)
        self._committed.clear()
        self._unsent = None

    def answer_audio(self, item_id: str, pcm: bytes) -> None:
        if self._on and self._archive is not None:
            self._archive.append(turn_key(self._session, item_id), pcm)

    def speech_started(self) -> None:
        if self._archive is None:
            return
        if self._unsent is not None:
            self._archive.discard(self._unsent)
            self._unsent = None
        self._count += 1
        self._speech = f"{_SPEECH}{self._session}-{self._count}" if self._on else ""

    def speech(self, pcm: bytes) -> None:
        speech = self._speech
        if speech and self._archive is not None:
            self._archive.append(speech, pcm)

    def speech_ended(self) -> None:
        if self._speech and self._archive is not None:
            self._archive.finish(self._speech)
            self._unsent, self._speech = self._speech, ""

    def sent(self, event: dict[str, Any]) -> None:
        """A client event went to the relay: a commit makes the speech wait for its item id."""
        if event["type"] == "input_audio_buffer.commit" and self._unsent is not None:
            self._committed.append(self._unsent)
            self._unsent = None

    def received(self, event: ServerEvent) -> None:
        if self._archive is None:
            return
        if isinstance(event, InputCommitted) and self._committed:
            # The oldest waiting clip is the item this commit made.
            self._archive.rename(self._committed.popleft(), turn_key(self._session, event.item_id))
        elif isinstance(event, ResponseDone):  # complete or cancelled: its clips are finished
            self._archive.finish_all(keep=lambda key: key.startswith(_SPEECH))
