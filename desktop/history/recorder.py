"""What the transcript is told, kept in the history store as it is told.

One conversation is open at a time; it is created when its first line arrives, and listed
once a line has words, so a run in which nobody speaks leaves nothing to see. If the store
fails (a full disk, a damaged file), the conversation goes on without it: the recorder
reports once and stops writing.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable

from desktop.history.audio_archive import AudioArchive
from desktop.history.store import HistoryStore, HistoryUnavailable
from desktop.realtime.latency import TurnTimed
from desktop.realtime.pricing import DEFAULT_TABLE, Cost
from desktop.realtime.session_events import (
    Role,
    TranscriptChange,
    TranscriptInterrupted,
    UsageReported,
)
from desktop.realtime.usage import Usage

log = logging.getLogger(__name__)


def turn_key(session: str, item_id: str) -> str:
    """A turn's key in the history and the audio archive. Item ids are unique within a
    session only (a relay may count from 1 again), and a conversation may span sessions:
    each session's ids are kept under its tag."""
    return f"{session}/{item_id}"


class Recorder:
    def __init__(
        self,
        store: HistoryStore,
        where: Callable[[], tuple[str, str]],
        on_unavailable: Callable[[HistoryUnavailable], None] = lambda _exc: None,
        archive: AudioArchive | None = None,
        price: Callable[[str, Usage], Cost | None] = DEFAULT_TABLE.cost,
    ) -> None:
        """`where()` gives the (model, base URL) a new conversation is recorded with;
        `price(model, usage)` what a response cost when it is reported."""
        self._store = store
        self._archive = archive
        self.price = price
        self._where = where
        self._on_unavailable = on_unavailable
        self._conversation_id: str | None = None
        self._failed = False
        self._session = uuid.uuid4().hex[:8]
        self._keys: dict[str, str] = {}  # the window's item ids → their turns' keys
        # Interrupted before their first words came: key → how much was heard.
        self._cut_early: dict[str, int | None] = {}

    def close(self) -> None:
        """What was deleted (and could still be restored until now) goes for good, its audio
        with it."""
        try:
            purged = self._store.purge_deleted()
        except HistoryUnavailable as exc:
            log.warning("deleted conversations stay in the history file: %s", exc)
        else:
            if self._archive is not None:
                self._archive.remove(purged)
        self._store.close()
        if self._archive is not None:
            self._archive.close()  # the clips recorded until now are finished

    @property
    def conversation_id(self) -> str | None:
        return self._conversation_id

    def session_began(self, session: str) -> None:
        """The tag of the session whose lines come now (the audio archive uses it too)."""
        self._session = session

    def key_of(self, item_id: str) -> str | None:
        """The kept turn a line in the window is: a line of this run by its item id, a line
        opened from the history by its key."""
        return self._keys.get(item_id) or (item_id if "/" in item_id else None)

    def new_conversation(self) -> None:
        """The next line starts a new conversation."""
        self._conversation_id = None

    def continue_conversation(self, conversation_id: str) -> None:
        """The next lines go on in this kept conversation."""
        self._conversation_id = conversation_id

    @property
    def store(self) -> HistoryStore:
        return self._store

    def apply(self, change: TranscriptChange) -> None:
        self._keep(lambda: self._write(change))

    def record_usage(self, report: UsageReported) -> None:
        """Kept with the turn the response made (its first item), priced now: a price
        changed later does not change what was spent."""
        self._keep(lambda: self._write_usage(report))

    def record_latency(self, timed: TurnTimed) -> None:
        """Kept with the answer the turn got; a response that made no line has no place."""
        item_id, conversation_id = timed.item_id, self._conversation_id
        if item_id is not None and conversation_id is not None:
            self._keep(
                lambda: self._store.write_latency(
                    conversation_id, self._key(item_id), timed.response_id, timed.latency
                )
            )

    def _keep(self, write: Callable[[], None]) -> None:
        """One write; the first that fails is reported, and nothing is written after it."""
        if self._failed:
            return
        try:
            write()
        except HistoryUnavailable as exc:
            self._failed = True
            log.warning("history is not being kept: %s", exc)
            self._on_unavailable(exc)

    def _write_usage(self, report: UsageReported) -> None:
        model, base_url = self._where()
        if self._conversation_id is None:
            self._conversation_id = self._store.start_conversation(model, base_url)
        item = self._key(report.item_ids[0]) if report.item_ids else None
        model = report.priced_as(model)
        cost = self.price(model, report.usage)
        self._store.write_usage(
            self._conversation_id, item, report.response_id, model, report.usage, cost
        )

    def _write(self, change: TranscriptChange) -> None:
        if isinstance(change, TranscriptInterrupted):
            key = self._key(change.item_id)
            if self._conversation_id is None or not self._store.mark_interrupted(
                self._conversation_id, key, change.heard_chars
            ):
                self._cut_early[key] = change.heard_chars
            return
        if self._conversation_id is None:
            # Even a line placed before its words (the user's, whose transcript comes after
            # the answer has begun): it holds the line's place in the conversation.
            self._conversation_id = self._store.start_conversation(*self._where())
        key = self._key(change.item_id)
        self._store.write_text(
            self._conversation_id,
            key,
            change.role.value,
            change.text,
            append=change.append,
            final=change.final,
            source=("text" if change.typed else "voice") if change.role is Role.USER else None,
            unasked=change.unasked,
        )
        if key in self._cut_early:
            heard = self._cut_early.pop(key)
            self._store.mark_interrupted(self._conversation_id, key, heard)

    def _key(self, item_id: str) -> str:
        key = turn_key(self._session, item_id)
        self._keys[item_id] = key
        return key
