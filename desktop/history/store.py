"""Conversations on disk: SQLite in the platform's data folder, written as events arrive.

- WAL mode with `synchronous=NORMAL`: every event is its own transaction, so a crash or a
  `kill -9` loses at most the event being written, and a commit costs no fsync (the WAL
  is synced at checkpoints). A power cut may lose the last moments, never the file.
- `PRAGMA user_version` is the schema version; `_MIGRATIONS` brings an older file up to
  date when it opens, inside one transaction.
- Search uses FTS5 with the trigram tokenizer, which finds any substring of three or more
  characters, Chinese included (the default tokenizer would see a Chinese sentence as one
  word). A turn is indexed once it is final; the few that are not (the answer streaming
  now, one cut off by a crash) are scanned with LIKE, as are queries shorter than three
  characters ("天气").
- The key is never written here: nothing in this module is given it.
"""

from __future__ import annotations

import sqlite3
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import astuple, dataclass, fields
from datetime import datetime, timezone
from pathlib import Path

import platformdirs

from desktop import appinfo
from desktop.realtime.latency import TurnLatency
from desktop.realtime.pricing import Cost
from desktop.realtime.usage import Usage

HISTORY_FILE = "history.sqlite3"
TITLE_CHARS = 80
TRIGRAM = 3  # the shortest query the full-text index answers

_MIGRATIONS: tuple[str, ...] = (
    # 1: conversations, their turns, and the full-text index over the turns' text.
    """
    CREATE TABLE conversations (
        id TEXT PRIMARY KEY,
        title TEXT NOT NULL DEFAULT '',
        title_edited INTEGER NOT NULL DEFAULT 0,
        created TEXT NOT NULL,
        updated TEXT NOT NULL,
        model TEXT NOT NULL,
        base_url TEXT NOT NULL,
        deleted INTEGER NOT NULL DEFAULT 0
    );
    CREATE INDEX conversations_by_update ON conversations (deleted, updated);
    CREATE TABLE turns (
        id INTEGER PRIMARY KEY,
        conversation_id TEXT NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
        item_id TEXT NOT NULL,
        role TEXT NOT NULL,
        source TEXT,
        started TEXT NOT NULL,
        text TEXT NOT NULL DEFAULT '',
        final INTEGER NOT NULL DEFAULT 0,
        interrupted INTEGER NOT NULL DEFAULT 0,
        unasked INTEGER NOT NULL DEFAULT 0,
        UNIQUE (conversation_id, item_id)
    );
    CREATE INDEX turns_unfinished ON turns (conversation_id) WHERE NOT final;
    CREATE VIRTUAL TABLE turns_text USING fts5 (
        text, content='turns', content_rowid='id', tokenize='trigram'
    );
    -- Only finished turns are indexed: re-indexing a streaming answer at every piece would
    -- cost time in proportion to its length. Unfinished ones are few and searched by scan.
    CREATE TRIGGER turns_text_insert AFTER INSERT ON turns WHEN new.final BEGIN
        INSERT INTO turns_text (rowid, text) VALUES (new.id, new.text);
    END;
    CREATE TRIGGER turns_text_delete AFTER DELETE ON turns WHEN old.final BEGIN
        INSERT INTO turns_text (turns_text, rowid, text) VALUES ('delete', old.id, old.text);
    END;
    CREATE TRIGGER turns_text_update AFTER UPDATE OF text, final ON turns BEGIN
        INSERT INTO turns_text (turns_text, rowid, text)
            SELECT 'delete', old.id, old.text WHERE old.final;
        INSERT INTO turns_text (rowid, text) SELECT new.id, new.text WHERE new.final;
    END;
    """,
    # 2: what each response used (tokens) and cost, priced when it was reported.
    """
    CREATE TABLE usage (
        id INTEGER PRIMARY KEY,
        conversation_id TEXT NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
        item_id TEXT,  -- the turn the response made; NULL if it made none
        response_id TEXT NOT NULL,
        model TEXT NOT NULL,
        at TEXT NOT NULL,
        input_text INTEGER NOT NULL DEFAULT 0,
        input_audio INTEGER NOT NULL DEFAULT 0,
        input_image INTEGER NOT NULL DEFAULT 0,
        input_cached INTEGER NOT NULL DEFAULT 0,
        cached_text INTEGER NOT NULL DEFAULT 0,
        cached_audio INTEGER NOT NULL DEFAULT 0,
        cached_image INTEGER NOT NULL DEFAULT 0,
        output_text INTEGER NOT NULL DEFAULT 0,
        output_audio INTEGER NOT NULL DEFAULT 0,
        cost REAL,  -- NULL: the model had no price
        currency TEXT
    );
    CREATE INDEX usage_by_turn ON usage (conversation_id, item_id);
    CREATE INDEX usage_by_time ON usage (at);
    """,
    # 3: how much of an interrupted answer was heard (characters of its text).
    """
    ALTER TABLE turns ADD COLUMN heard_chars INTEGER;
    """,
    # 4: where a voice turn's time went, kept with the answer it got (milliseconds).
    """
    CREATE TABLE latency (
        conversation_id TEXT NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
        item_id TEXT NOT NULL,
        response_id TEXT NOT NULL,
        release_to_commit REAL,
        commit_to_first_delta REAL,
        created_to_first_delta REAL,
        first_delta_to_first_sound REAL,
        PRIMARY KEY (conversation_id, item_id)
    );
    """,
)
SCHEMA_VERSION = len(_MIGRATIONS)
_LATENCY_COLUMNS = tuple(f.name for f in fields(TurnLatency))


class HistoryUnavailable(Exception):
    """The history file cannot be opened or written (full disk, no permission, damage)."""


def default_path() -> Path:
    return Path(platformdirs.user_data_dir(appinfo.APP_NAME, appinfo.ORG_NAME)) / HISTORY_FILE


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


@dataclass(frozen=True)
class Turn:
    item_id: str
    role: str  # "user" or "assistant"
    source: str | None  # "voice" or "text" for the user's turns
    started: str  # ISO 8601, UTC
    text: str
    final: bool
    interrupted: bool
    unasked: bool
    usage: Usage | None = None  # what the responses that made this turn used
    cost: Cost | None = None  # None: unknown (a model without a price, or none used)
    heard_chars: int | None = None  # interrupted: how much of `text` was heard, if known
    latency: TurnLatency | None = None  # an answer to a voice turn: where its time went


@dataclass(frozen=True)
class Spent:
    usage: Usage
    cost: Cost | None


@dataclass(frozen=True)
class PeriodSpent:
    period: str  # "2026-12-02" or "2026-12", the user's local calendar
    usage: Usage
    cost: Cost | None  # of the priced responses
    unpriced: int  # responses of models without a price, not in `cost`


@dataclass(frozen=True)
class Conversation:
    id: str
    title: str
    created: str
    updated: str
    model: str
    base_url: str
    turns: tuple[Turn, ...] = ()
    totals: Spent | None = None  # None: no usage was reported


@dataclass(frozen=True)
class Match:
    conversation_id: str
    title: str
    text: str  # the turn that matched
    updated: str = ""
    model: str = ""


class HistoryStore:
    def __init__(
        self,
        path: Path | None = None,
        clock: Callable[[], str] = _now,
        new_id: Callable[[], str] = lambda: uuid.uuid4().hex,
    ) -> None:
        self.path = path or default_path()
        self._clock = clock
        self._new_id = new_id
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            # The GUI thread writes; a bench or export may read from another connection.
            self._db = sqlite3.connect(self.path, isolation_level=None)
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=NORMAL")
            self._db.execute("PRAGMA foreign_keys=ON")
            self._migrate()
        except sqlite3.Error as exc:
            raise HistoryUnavailable(f"{self.path}: {exc}") from exc

    def close(self) -> None:
        self._db.close()

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        try:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                yield self._db
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
            self._db.execute("COMMIT")
        except sqlite3.Error as exc:
            raise HistoryUnavailable(f"{self.path}: {exc}") from exc

    def _migrate(self) -> None:
        (version,) = self._db.execute("PRAGMA user_version").fetchone()
        if version > SCHEMA_VERSION:
            raise HistoryUnavailable(
                f"{self.path} was written by a newer version (schema {version})"
            )
        with self._transaction() as db:
            for migration in _MIGRATIONS[version:]:
                for statement in _statements(migration):
                    db.execute(statement)
            db.execute(f"PRAGMA user_version={SCHEMA_VERSION}")

    # ---- writing, as events arrive ---------------------------------------------------

    def start_conversation(self, model: str, base_url: str) -> str:
        conversation_id = self._new_id()
        now = self._clock()
        with self._transaction() as db:
            db.execute(
                "INSERT INTO conversations (id, created, updated, model, base_url)"
                " VALUES (?, ?, ?, ?, ?)",
                (conversation_id, now, now, model, base_url),
            )
        return conversation_id

    def write_text(
        self,
        conversation_id: str,
        item_id: str,
        role: str,
        text: str,
        *,
        append: bool,
        final: bool = False,
        source: str | None = None,
        unasked: bool = False,
    ) -> None:
        """A turn's text: a streamed piece (`append`) or the whole text so far."""
        now = self._clock()
        with self._transaction() as db:
            db.execute(
                "INSERT INTO turns (conversation_id, item_id, role, source, started, text,"
                " final, unasked) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
                " ON CONFLICT (conversation_id, item_id) DO UPDATE SET"
                " text = CASE WHEN ? THEN turns.text || excluded.text ELSE excluded.text END,"
                " final = max(turns.final, excluded.final)",
                (conversation_id, item_id, role, source, now, text, final, unasked, append),
            )
            if role == "user":  # the first thing the user said names the conversation
                db.execute(
                    "UPDATE conversations SET title = substr(?, 1, ?)"
                    " WHERE id = ? AND NOT title_edited AND title = ''",
                    (" ".join(text.split()), TITLE_CHARS, conversation_id),
                )
            db.execute("UPDATE conversations SET updated = ? WHERE id = ?", (now, conversation_id))

    def mark_interrupted(
        self, conversation_id: str, item_id: str, heard_chars: int | None = None
    ) -> bool:
        """False if the turn is not written yet."""
        with self._transaction() as db:
            marked = db.execute(
                "UPDATE turns SET interrupted = 1, heard_chars = ?"
                " WHERE conversation_id = ? AND item_id = ?",
                (heard_chars, conversation_id, item_id),
            ).rowcount
        return marked > 0

    def write_usage(
        self,
        conversation_id: str,
        item_id: str | None,
        response_id: str,
        model: str,
        usage: Usage,
        cost: Cost | None,
    ) -> None:
        figures = usage.stored()
        names = ", ".join(figures)
        with self._transaction() as db:
            db.execute(
                f"INSERT INTO usage (conversation_id, item_id, response_id, model, at, {names},"
                f" cost, currency) VALUES (?, ?, ?, ?, ?, {', '.join('?' * len(figures))}, ?, ?)",
                (
                    conversation_id, item_id, response_id, model, self._clock(),
                    *figures.values(),
                    None if cost is None else cost.amount,
                    None if cost is None else cost.currency,
                ),
            )  # fmt: skip

    def write_latency(
        self, conversation_id: str, item_id: str, response_id: str, latency: TurnLatency
    ) -> None:
        figures = astuple(latency)
        places = ", ".join("?" * len(figures))
        with self._transaction() as db:
            db.execute(
                "INSERT OR REPLACE INTO latency (conversation_id, item_id, response_id,"
                f" {', '.join(_LATENCY_COLUMNS)}) VALUES (?, ?, ?, {places})",
                (conversation_id, item_id, response_id, *figures),
            )

    # ---- the user's changes ----------------------------------------------------------

    def rename(self, conversation_id: str, title: str) -> None:
        with self._transaction() as db:
            db.execute(
                "UPDATE conversations SET title = ?, title_edited = 1 WHERE id = ?",
                (title.strip()[:TITLE_CHARS], conversation_id),
            )

    def delete(self, conversation_id: str) -> None:
        """Hidden at once, kept until `purge_deleted()`, so that it can be undone."""
        self._set_deleted(conversation_id, True)

    def restore(self, conversation_id: str) -> None:
        self._set_deleted(conversation_id, False)

    def _set_deleted(self, conversation_id: str, deleted: bool) -> None:
        with self._transaction() as db:
            db.execute(
                "UPDATE conversations SET deleted = ? WHERE id = ?", (deleted, conversation_id)
            )

    def purge_deleted(self) -> list[str]:
        """Deleted conversations go for good; returns the keys of their turns (whose audio
        goes with them)."""
        with self._transaction() as db:
            keys = db.execute(
                "SELECT t.item_id FROM turns t JOIN conversations c"
                " ON c.id = t.conversation_id WHERE c.deleted"
            ).fetchall()
            db.execute("DELETE FROM conversations WHERE deleted")
        return [key for (key,) in keys]

    # ---- reading ---------------------------------------------------------------------

    def conversations(self) -> list[Conversation]:
        """Every conversation in which something was said, the most recently active first."""
        rows = self._db.execute(
            "SELECT id, title, created, updated, model, base_url FROM conversations c"
            " WHERE NOT deleted AND EXISTS"
            " (SELECT 1 FROM turns t WHERE t.conversation_id = c.id AND t.text != '')"
            " ORDER BY updated DESC, rowid DESC"
        ).fetchall()
        return [Conversation(*row) for row in rows]

    def last_conversation_id(self) -> str | None:
        listed = self.conversations()
        return listed[0].id if listed else None

    def conversation(self, conversation_id: str) -> Conversation | None:
        row = self._db.execute(
            "SELECT id, title, created, updated, model, base_url FROM conversations"
            " WHERE id = ? AND NOT deleted",
            (conversation_id,),
        ).fetchone()
        if row is None:
            return None
        turns = self._db.execute(
            "SELECT item_id, role, source, started, text, final, interrupted, unasked,"
            " heard_chars FROM turns WHERE conversation_id = ? ORDER BY id",
            (conversation_id,),
        ).fetchall()
        conversation_id, title, created, updated, model, base_url = row
        spent = self._spent(conversation_id)
        latency = self._latency(conversation_id)
        return Conversation(
            conversation_id,
            title,
            created,
            updated,
            model,
            base_url,
            turns=tuple(
                Turn(
                    item, role, source, started, text, bool(final), bool(cut), bool(unasked),
                    *_split(spent.get(item)), heard, latency.get(item),
                )
                for item, role, source, started, text, final, cut, unasked, heard in turns
            ),
            totals=_total(list(spent.values())),
        )  # fmt: skip

    def _latency(self, conversation_id: str) -> dict[str, TurnLatency]:
        rows = self._db.execute(
            f"SELECT item_id, {', '.join(_LATENCY_COLUMNS)} FROM latency WHERE conversation_id = ?",
            (conversation_id,),
        )
        return {item: TurnLatency(*figures) for item, *figures in rows}

    def _spent(self, conversation_id: str) -> dict[str | None, Spent]:
        """Each turn's usage and cost, summed over its responses (None: no turn's)."""
        names = ", ".join(f"sum({name})" for name in Usage().stored())
        rows = self._db.execute(
            f"SELECT item_id, {names}, sum(cost), count(cost), count(*), min(currency),"
            " max(currency) FROM usage WHERE conversation_id = ? GROUP BY item_id",
            (conversation_id,),
        ).fetchall()
        spent = {}
        width = len(Usage().stored())
        for item, *figures in rows:
            counts, (amount, priced, reported, low, high) = figures[:width], figures[width:]
            usage = Usage(*counts)
            # A cost only where every response was priced, in one currency.
            known = priced == reported and low == high and low is not None
            spent[item] = Spent(usage, Cost(amount, low) if known else None)
        return spent

    def spent_since(self, moment: str, currency: str) -> float:
        """The priced cost in `currency` of what was reported since `moment` (ISO 8601)."""
        (amount,) = self._db.execute(
            "SELECT total(cost) FROM usage WHERE at >= ? AND currency = ?", (moment, currency)
        ).fetchone()
        return float(amount)

    def spent_by(self, period: str, limit: int = 31) -> list[PeriodSpent]:
        """What was spent per local day ("day") or month ("month"), newest first, deleted
        conversations included (they were billed all the same)."""
        pattern = {"day": "%Y-%m-%d", "month": "%Y-%m"}[period]
        names = ", ".join(f"sum({name})" for name in Usage().stored())
        rows = self._db.execute(
            f"SELECT strftime('{pattern}', at, 'localtime') AS period, {names},"
            " sum(cost), count(cost), count(*), min(currency), max(currency)"
            " FROM usage GROUP BY period ORDER BY period DESC LIMIT ?",
            (limit,),
        ).fetchall()
        width = len(Usage().stored())
        spent = []
        for when, *figures in rows:
            counts, (amount, priced, reported, low, high) = figures[:width], figures[width:]
            one_currency = low == high and low is not None
            cost = Cost(amount, low) if priced and one_currency else None
            spent.append(PeriodSpent(when, Usage(*counts), cost, reported - priced))
        return spent

    def search(self, query: str, limit: int = 200) -> list[Match]:
        """Turns whose text contains `query` (any case), the most recent conversations first."""
        words = query.strip()
        if not words:
            return []
        select = (
            "SELECT c.id, c.title, t.text, c.updated, t.id, c.model FROM turns t"
            " JOIN conversations c"
            " ON c.id = t.conversation_id WHERE NOT c.deleted AND "
        )
        unfinished_like = "NOT t.final AND t.text LIKE ? ESCAPE '\\'"
        escaped = words.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        pattern = f"%{escaped}%"
        values: tuple[str, ...]
        if len(words) >= TRIGRAM:
            phrase = '"' + words.replace('"', '""') + '"'
            indexed = "t.id IN (SELECT rowid FROM turns_text WHERE turns_text MATCH ?)"
            query, values = (
                f"{select}{indexed} UNION ALL {select}{unfinished_like}",
                (phrase, pattern),
            )
        else:
            query, values = f"{select}t.text LIKE ? ESCAPE '\\'", (pattern,)
        rows = self._db.execute(f"{query} ORDER BY 4 DESC, 5 LIMIT ?", (*values, limit))
        return [
            Match(conversation_id, title, text, updated, model)
            for conversation_id, title, text, updated, _, model in rows
        ]


def _split(spent: Spent | None) -> tuple[Usage | None, Cost | None]:
    return (None, None) if spent is None else (spent.usage, spent.cost)


def add_spent(spent: Spent | None, more: Spent) -> Spent:
    """Usage adds up; a cost only while both are known, in one currency."""
    if spent is None:
        return more
    before, after = spent.cost, more.cost
    cost = None
    if before is not None and after is not None and before.currency == after.currency:
        cost = Cost(before.amount + after.amount, before.currency)
    return Spent(spent.usage + more.usage, cost)


def _total(parts: list[Spent]) -> Spent | None:
    total = None
    for part in parts:
        total = add_spent(total, part)
    return total


def _statements(script: str) -> list[str]:
    """A migration's statements, split where sqlite3.complete_statement says one ends."""
    statements, current = [], ""
    for line in script.splitlines(keepends=True):
        current += line
        if sqlite3.complete_statement(current):
            statements.append(current.strip())
            current = ""
    return [s for s in statements if s]
