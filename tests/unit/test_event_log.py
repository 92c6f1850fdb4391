"""The event inspector's log: off until asked, bounded, audio left out, keys masked."""

from __future__ import annotations

import base64
import json
import threading

from desktop.realtime.client_events import input_audio_append, to_wire
from desktop.realtime.event_log import Direction, EventLog, to_jsonl
from desktop.realtime.server_events import parse_server_event

PCM = bytes(4800)  # 100 ms of silence


def _frame(**event):
    return json.dumps(event)


def _sent(log, event):
    log.sent(event, to_wire(event))


def _received(log, **event):
    frame = _frame(**event)
    log.received(frame, parse_server_event(frame))


def _recording(**limits):
    log = EventLog(**limits)
    log.recording = True
    return log


def test_nothing_is_kept_until_the_inspector_asks():
    log = EventLog()
    _sent(log, {"type": "session.update", "session": {}})
    log.sent_audio(6500, len(PCM))
    _received(log, type="session.created", session={"id": "sess_1"})
    assert log.after(0) == []


def test_each_event_has_its_direction_type_and_size_on_the_wire():
    log = _recording()
    update = {"type": "session.update", "session": {"voice": "marin"}}
    log.sent(update, to_wire(update))
    frame = _frame(type="session.created", session={"id": "sess_1"})
    log.received(frame, parse_server_event(frame))
    sent, received = log.after(0)
    assert (sent.direction, sent.type, sent.size) == (
        Direction.SENT,
        "session.update",
        len(to_wire(update)),
    )
    assert (received.direction, received.type, received.size) == (
        Direction.RECEIVED,
        "session.created",
        len(frame),
    )
    assert received.body() == {"type": "session.created", "session": {"id": "sess_1"}}
    assert sent.at <= received.at


def test_audio_is_shown_as_its_size_never_as_its_samples():
    log = _recording()
    wire = to_wire(input_audio_append(PCM))
    log.sent_audio(len(wire), len(PCM))
    delta = base64.b64encode(PCM).decode()
    _received(
        log,
        type="response.output_audio.delta",
        response_id="resp_1",
        item_id="item_1",
        output_index=0,
        content_index=0,
        delta=delta,
    )
    _sent(log, {"type": "conversation.item.create", "item": {"content": [{"audio": delta}]}})
    appended, arrived, created = log.after(0)
    assert appended.size == len(wire)
    for event in (appended, arrived, created):
        assert delta not in event.text()
        assert "4,800 bytes, 100 ms" in event.text()
    assert arrived.body()["item_id"] == "item_1"


def test_a_long_event_with_audio_is_kept_whole_without_it():
    log = _recording()
    clip = base64.b64encode(bytes(480_000)).decode()  # ten seconds
    _sent(log, {"type": "conversation.item.create", "item": {"content": [{"audio": clip}]}})
    (event,) = log.after(0)
    assert clip not in event.text() and "480,000 bytes, 10000 ms" in event.text()
    assert event.size > len(clip) and "characters in all" not in event.text()


def test_memory_is_bounded_by_count_and_by_bytes_the_oldest_going_first():
    log = _recording(max_events=100)
    for n in range(250):
        _received(log, type="response.output_text.delta", delta=f"word {n}")
    kept = log.after(0)
    assert len(kept) == 100
    assert "word 249" in kept[-1].text() and "word 150" in kept[0].text()

    log = _recording(max_bytes=10_000)
    for n in range(100):
        _received(log, type="response.output_text.delta", delta=f"{n:04d}" + "x" * 1000)
    kept = log.after(0)
    assert 5 <= len(kept) <= 10
    assert kept[-1].body()["delta"].startswith("0099")  # a text delta is text, however long


def test_a_huge_frame_is_kept_cut_short_and_says_so():
    log = _recording()
    _received(log, type="response.output_text.delta", delta="字" * 200_000)
    (event,) = log.after(0)
    assert len(event.text()) < 70_000
    assert "characters in all" in event.text()


def test_the_inspector_takes_only_what_is_new():
    log = _recording()
    for n in range(3):
        _received(log, type="response.output_text.delta", delta=str(n))
    first = log.after(0)
    assert [e.seq for e in log.after(first[-1].seq)] == []
    _received(log, type="response.done", response={"id": "resp_1"})
    (new,) = log.after(first[-1].seq)
    assert new.type == "response.done"
    log.clear()
    assert log.after(0) == []


def test_a_key_like_string_a_relay_echoes_is_masked_everywhere():
    log = _recording()
    key = "sk-relay-echoed-0123456789abcdef"  # not the tests' canary: it may show
    _received(
        log,
        type="error",
        error={"type": "invalid_request_error", "message": f"Incorrect API key: {key}"},
    )
    frame = f"not json {key}"
    log.received(frame, parse_server_event(frame))
    for event in log.after(0):
        assert key not in event.text()
        assert key not in json.dumps(event.record(), ensure_ascii=False)
    assert key not in to_jsonl(log.after(0))


def test_a_saved_session_is_one_json_object_a_line_in_order():
    log = _recording()
    update = {"type": "session.update", "session": {"instructions": "说中文"}}
    _sent(log, update)
    _received(log, type="session.updated", session={"instructions": "说中文"})
    lines = to_jsonl(log.after(0)).splitlines()
    records = [json.loads(line) for line in lines]
    assert records[0]["size"] == len(to_wire(update).encode())  # bytes, not characters
    assert [(r["direction"], r["type"]) for r in records] == [
        ("sent", "session.update"),
        ("received", "session.updated"),
    ]
    assert records[0]["event"]["session"]["instructions"] == "说中文"
    assert "说中文" in lines[0]  # kept readable, not \\u-escaped
    assert records[0]["at"][:4].isdigit() and "T" in records[0]["at"]


def test_threads_adding_at_once_lose_nothing_and_keep_order():
    log = _recording()

    def add(kind):
        for _ in range(2000):
            _sent(log, {"type": kind})

    threads = [threading.Thread(target=add, args=(f"t{n}",)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    seqs = [e.seq for e in log.after(0)]
    assert len(seqs) == 8000 and seqs == sorted(seqs) == list(range(1, 8001))
