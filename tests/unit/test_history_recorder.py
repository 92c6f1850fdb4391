"""The recorder writes what the transcript is told; a failing store never stops the talk."""

from __future__ import annotations

from desktop.history.recorder import Recorder
from desktop.history.store import HistoryStore
from desktop.realtime.session_events import Role, TranscriptInterrupted, TranscriptText


def test_lines_keep_their_places_and_interruptions(tmp_path):
    store = HistoryStore(tmp_path / "history.sqlite3")
    recorder = Recorder(store, lambda: ("gpt-realtime", "https://relay.example"))
    recorder.apply(TranscriptInterrupted("nothing-yet"))  # a line never written: no turn
    recorder.apply(TranscriptText(Role.USER, "u1", "", append=False))  # placed, no words yet
    recorder.apply(TranscriptText(Role.ASSISTANT, "a1", "Sure", append=True))
    recorder.apply(TranscriptText(Role.USER, "u1", "Tell me a story", append=False, final=True))
    recorder.apply(TranscriptInterrupted("a1"))
    assert recorder.conversation_id is not None
    kept = store.conversation(recorder.conversation_id)
    assert kept is not None and kept.title == "Tell me a story"
    assert [(t.role, t.text, t.interrupted) for t in kept.turns] == [
        ("user", "Tell me a story", False),
        ("assistant", "Sure", True),
    ]
    recorder.new_conversation()
    recorder.apply(TranscriptText(Role.USER, "u2", "Another topic", append=False))
    assert len(store.conversations()) == 2


def test_a_store_that_fails_is_reported_once_and_left_alone(tmp_path):
    store = HistoryStore(tmp_path / "history.sqlite3")
    reports: list[Exception] = []
    recorder = Recorder(store, lambda: ("m", "u"), reports.append)
    store.close()  # as a full disk or a damaged file would make it fail
    for n in range(3):
        recorder.apply(TranscriptText(Role.USER, f"u{n}", "words", append=False))
    assert len(reports) == 1


def test_an_answer_cut_off_before_its_first_words_is_kept_as_interrupted(tmp_path):
    # The answer's audio runs ahead of its transcript: a press can cut it off first.
    store = HistoryStore(tmp_path / "history.sqlite3")
    recorder = Recorder(store, lambda: ("gpt-realtime", "https://relay.example"))
    recorder.apply(TranscriptText(Role.USER, "u1", "Tell me a story", append=False, final=True))
    recorder.apply(TranscriptInterrupted("a1"))
    recorder.apply(TranscriptText(Role.ASSISTANT, "a1", "Once", append=True))
    recorder.apply(TranscriptText(Role.ASSISTANT, "a1", " upon", append=True))
    assert recorder.conversation_id is not None
    kept = store.conversation(recorder.conversation_id)
    assert kept is not None
    assert [(t.text, t.interrupted) for t in kept.turns] == [
        ("Tell me a story", False),
        ("Once upon", True),
    ]
