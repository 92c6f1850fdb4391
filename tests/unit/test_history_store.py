"""The history file: written as events arrive, kept across restarts, searchable in English
and Chinese, and migrated when an older version wrote it."""

from __future__ import annotations

import sqlite3
from itertools import count

import pytest

from desktop.history.store import SCHEMA_VERSION, HistoryStore, HistoryUnavailable


def ticking_clock():
    seconds = count()
    return lambda: f"2026-12-01T17:42:{next(seconds):02d}+00:00"


@pytest.fixture
def path(tmp_path):
    return tmp_path / "data" / "history.sqlite3"


def test_a_conversation_streams_in_and_is_there_after_a_restart(path):
    store = HistoryStore(path, clock=ticking_clock())
    talk = store.start_conversation("gpt-realtime", "https://api.xiexus.cn")
    store.write_text(talk, "u1", "user", "上海今天天气怎么样？", append=False, source="voice")
    for piece in ("It is ", "sunny", " and warm."):
        store.write_text(talk, "a1", "assistant", piece, append=True)
    store.write_text(talk, "a1", "assistant", "It is sunny and warm.", append=False, final=True)
    store.close()

    reopened = HistoryStore(path)
    (listed,) = reopened.conversations()
    assert listed.title == "上海今天天气怎么样？"  # named by the first thing the user said
    kept = reopened.conversation(talk)
    assert kept is not None
    assert kept.model == "gpt-realtime" and kept.base_url == "https://api.xiexus.cn"
    assert [(t.role, t.source, t.text, t.final) for t in kept.turns] == [
        ("user", "voice", "上海今天天气怎么样？", False),
        ("assistant", None, "It is sunny and warm.", True),
    ]
    assert kept.turns[0].started == "2026-12-01T17:42:01+00:00"
    mode = sqlite3.connect(path).execute("PRAGMA journal_mode").fetchone()[0]
    assert mode == "wal"


def test_each_event_is_on_disk_before_the_next_arrives(path):
    """What another process (a restart after kill -9) reads while the app still writes."""
    store = HistoryStore(path)
    talk = store.start_conversation("gpt-realtime", "https://relay.example")
    store.write_text(talk, "a1", "assistant", "half an ans", append=True)
    other = sqlite3.connect(path)
    assert other.execute("SELECT text FROM turns").fetchall() == [("half an ans",)]


def test_search_finds_english_and_chinese_substrings(path):
    store = HistoryStore(path)
    weather = store.start_conversation("gpt-realtime", "https://relay.example")
    store.write_text(weather, "u1", "user", "上海今天天气怎么样？", append=False)
    store.write_text(weather, "a1", "assistant", "It is Sunny and warm.", append=False)
    food = store.start_conversation("gpt-realtime", "https://relay.example")
    store.write_text(food, "u1", "user", "What's 100% buckwheat_noodle?", append=False)

    def found(query):
        return [(m.conversation_id, m.text) for m in store.search(query)]

    assert found("sunny") == [(weather, "It is Sunny and warm.")]  # any case
    assert found("天天气") == [(weather, "上海今天天气怎么样？")]  # a Chinese substring
    assert found("天气") == [(weather, "上海今天天气怎么样？")]  # shorter than a trigram
    assert found("%") == [(food, "What's 100% buckwheat_noodle?")]  # no LIKE wildcards
    assert found("s_") == []  # "_" is not a wildcard either ("s " is there, "s_" is not)
    assert found('"100%') == []  # quotes are text, not query syntax
    assert found("  ") == []
    assert found("raining") == []


def test_rename_delete_undo_and_purge(path):
    store = HistoryStore(path)
    talk = store.start_conversation("gpt-realtime", "https://relay.example")
    store.write_text(talk, "u1", "user", "first words", append=False)
    store.rename(talk, "  Weekend plans  ")
    store.write_text(talk, "u2", "user", "later words", append=False)
    assert store.conversations()[0].title == "Weekend plans"  # an edited title stays

    store.delete(talk)
    assert store.conversations() == [] and store.search("words") == []
    store.restore(talk)
    assert [c.id for c in store.conversations()] == [talk]
    store.delete(talk)
    assert store.purge_deleted() == ["u1", "u2"]  # the keys whose audio goes too
    store.restore(talk)
    assert store.conversations() == []
    assert sqlite3.connect(path).execute("SELECT count(*) FROM turns").fetchone() == (0,)


def test_conversations_are_listed_by_last_activity_and_empty_ones_are_not(path):
    store = HistoryStore(path, clock=ticking_clock())
    older = store.start_conversation("m", "u")
    newer = store.start_conversation("m", "u")
    store.start_conversation("m", "u")  # nobody spoke
    store.write_text(older, "u1", "user", "one", append=False)
    store.write_text(newer, "u1", "user", "two", append=False)
    assert [c.id for c in store.conversations()] == [newer, older]
    store.write_text(older, "a1", "assistant", "answer", append=False)
    assert store.last_conversation_id() == older


def test_an_empty_file_is_brought_to_the_current_schema(path):
    path.parent.mkdir(parents=True)
    sqlite3.connect(path).close()
    HistoryStore(path).close()
    db = sqlite3.connect(path)
    assert db.execute("PRAGMA user_version").fetchone() == (SCHEMA_VERSION,)


def test_a_file_from_a_newer_version_is_refused_not_damaged(path):
    path.parent.mkdir(parents=True)
    db = sqlite3.connect(path)
    db.execute("PRAGMA user_version=99")
    db.close()
    with pytest.raises(HistoryUnavailable, match="newer version"):
        HistoryStore(path)
    assert sqlite3.connect(path).execute("PRAGMA user_version").fetchone() == (99,)


def test_a_file_that_is_not_a_database_is_reported(path):
    path.parent.mkdir(parents=True)
    path.write_bytes(b"this is not SQLite" * 100)
    with pytest.raises(HistoryUnavailable):
        HistoryStore(path)


def test_an_answer_still_streaming_or_cut_off_is_found_too(path):
    store = HistoryStore(path)
    talk = store.start_conversation("gpt-realtime", "https://relay.example")
    store.write_text(talk, "a1", "assistant", "Tomorrow it will ", append=True)
    store.write_text(talk, "a1", "assistant", "rain in 杭州", append=True)  # not final yet
    assert [m.text for m in store.search("will rain")] == ["Tomorrow it will rain in 杭州"]
    assert [m.text for m in store.search("杭州")] == ["Tomorrow it will rain in 杭州"]
    store.write_text(talk, "a1", "assistant", "Tomorrow it will rain.", append=False, final=True)
    assert [m.text for m in store.search("will rain")] == ["Tomorrow it will rain."]
    assert store.search("杭州") == []  # the index holds the final text, not the pieces
