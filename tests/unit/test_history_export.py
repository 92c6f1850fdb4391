"""Exports of a kept conversation: each format against its golden file, the JSON against
the published schema, and the command with no display."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from itertools import count
from pathlib import Path

import jsonschema
import pytest

from desktop.history import export
from desktop.history.store import HistoryStore
from desktop.realtime.latency import TurnLatency
from desktop.realtime.pricing import DEFAULT_TABLE
from desktop.realtime.usage import Usage
from desktop.resources import conversation_schema_path

GOLDEN = Path(__file__).resolve().parents[1] / "data" / "export"
SUFFIX = {"markdown": "md", "json": "json", "text": "txt"}


def _kept_conversation(path: Path) -> str:
    seconds = count()
    store = HistoryStore(
        path,
        clock=lambda: f"2026-12-01T17:42:{next(seconds):02d}+00:00",
        new_id=lambda: "5f0c1e2d3b4a49588877665544332211",
    )
    talk = store.start_conversation("gpt-realtime", "https://api.xiexus.cn")
    store.write_text(talk, "u1", "user", "上海今天天气怎么样？", append=False, source="voice")
    for piece in ("It is sunny ", "and warm, about twenty degrees."):
        store.write_text(talk, "a1", "assistant", piece, append=True)
    store.write_text(talk, "a1", "assistant", "", append=True, final=True)
    store.write_text(talk, "u2", "user", "And tomorrow?", append=False, source="voice")
    store.write_text(talk, "a2", "assistant", "Tomorrow it will rain in the", append=True)
    store.mark_interrupted(talk, "a2", heard_chars=13)  # inside "will": split before it
    store.write_text(talk, "a3", "assistant", "Hello again!", append=False, unasked=True)
    for item, response, usage in (
        ("a1", "r1", Usage(input_text=120, input_audio=60, output_text=30, output_audio=90)),
        ("a2", "r2", Usage(input_text=200, input_cached=128, cached_text=128, output_audio=40)),
    ):
        cost = DEFAULT_TABLE.cost("gpt-realtime", usage)
        store.write_usage(talk, item, response, "gpt-realtime", usage, cost)
    store.write_latency(talk, "a1", "r1", TurnLatency(1.2, 310.0, 182.5, 9.4))
    store.write_latency(talk, "a2", "r2", TurnLatency(0.9, 250.0, 140.0, None))  # cut first
    store.close()
    return talk


@pytest.fixture
def conversation(tmp_path):
    talk = _kept_conversation(tmp_path / "history.sqlite3")
    kept = HistoryStore(tmp_path / "history.sqlite3").conversation(talk)
    assert kept is not None
    return kept


@pytest.mark.parametrize("format_name", export.FORMATS)
def test_each_format_matches_its_golden_file(conversation, format_name):
    golden = GOLDEN / f"conversation.{SUFFIX[format_name]}"
    rendered = export.render(conversation, format_name)
    if os.environ.get("UPDATE_GOLDEN"):
        golden.write_text(rendered, encoding="utf-8")
    assert rendered == golden.read_text(encoding="utf-8")


def test_the_json_follows_the_published_schema(conversation):
    schema = json.loads(conversation_schema_path().read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    exported = json.loads(export.to_json(conversation))
    jsonschema.validate(exported, schema, format_checker=jsonschema.FormatChecker())
    answer, interrupted = exported["turns"][1], exported["turns"][3]
    assert answer["latency_ms"] == {
        "release_to_commit": 1.2,
        "commit_to_first_delta": 310.0,
        "created_to_first_delta": 182.5,
        "first_delta_to_first_sound": 9.4,
    }
    assert interrupted["latency_ms"]["first_delta_to_first_sound"] is None
    assert "latency_ms" not in exported["turns"][4]  # an unasked answer: no turn to time
    assert answer["heard_text"] + answer["unheard_text"] == answer["text"]
    assert interrupted["interrupted"] is True
    assert interrupted["heard_text"] + interrupted["unheard_text"] == interrupted["text"]
    broken = {**exported, "turns": [{**answer, "role": "narrator"}]}
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(broken, schema)


def test_the_export_command_needs_no_display(tmp_path):
    data = tmp_path / "data"
    _kept_conversation(data / "realtime-desktop" / "history.sqlite3")
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    env.update(XDG_DATA_HOME=str(data), QT_QPA_PLATFORM="xcb")  # a window would fail here

    def run(*args):
        return subprocess.run(
            [sys.executable, "-m", "desktop", "export", *args],
            env=env,
            capture_output=True,
            text=True,
            timeout=60,
        )

    shown = run("--last", "--format", "json")
    assert shown.returncode == 0, shown.stderr
    assert json.loads(shown.stdout)["turns"][0]["text"] == "上海今天天气怎么样？"
    listed = run("--list")
    assert listed.stdout.startswith("5f0c1e2d3b4a49588877665544332211  ")
    out = tmp_path / "talk.md"
    written = run("--id", "5f0c1e2d3b4a49588877665544332211", "--output", str(out))
    assert written.returncode == 0 and written.stdout == ""
    assert out.read_text(encoding="utf-8") == (GOLDEN / "conversation.md").read_text("utf-8")
    unknown = run("--id", "nope")
    assert unknown.returncode == 1 and "no conversation nope" in unknown.stderr
    empty = subprocess.run(
        [sys.executable, "-m", "desktop", "export"],
        env={**env, "XDG_DATA_HOME": str(tmp_path / "nothing")},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert empty.returncode == 1 and "No conversations are kept yet" in empty.stderr
