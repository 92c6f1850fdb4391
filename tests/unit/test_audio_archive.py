"""The audio archive: clips written off the audio threads, in the order asked, read back
sample for sample; renamed, removed and cleared; a key never names a path outside it; a
disk that fails is logged once and costs the conversation nothing."""

from __future__ import annotations

import logging
import threading

import numpy as np
import pytest

from desktop.history.audio_archive import AudioArchive, file_name
from desktop.history.turn_audio import TurnAudio
from desktop.realtime import client_events
from desktop.realtime.server_events import InputCommitted, ResponseDone

COMMIT = client_events.input_audio_commit()


def _tone(seconds: float, pitch: float = 220.0) -> bytes:
    t = np.arange(int(24_000 * seconds)) / 24_000
    return (np.sin(2 * np.pi * pitch * t) * 8000).astype(np.int16).tobytes()


@pytest.fixture
def archive(tmp_path):
    made = AudioArchive(tmp_path / "audio")
    yield made
    made.close()


def test_clips_from_two_threads_read_back_sample_for_sample(archive):
    user, answer = _tone(1.0, 220), _tone(1.5, 440)

    def feed(key, pcm):
        for start in range(0, len(pcm), 960):
            archive.append(key, pcm[start : start + 960])

    threads = [
        threading.Thread(target=feed, args=("s1/u1", user)),
        threading.Thread(target=feed, args=("s1/a1", answer)),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not archive.has("s1/u1")  # still open: not listed yet
    archive.finish_all()
    archive.flush()
    assert archive.has("s1/u1") and archive.has("s1/a1")
    assert archive.read("s1/u1") == user
    assert archive.read("s1/a1") == answer
    # FLAC: the kept audio takes far less than the samples themselves.
    assert 0 < archive.size_bytes() < (len(user) + len(answer)) // 2


def test_rename_remove_and_clear(archive):
    archive.append("speech-1", _tone(0.2))
    archive.rename("speech-1", "s1/u1")
    archive.flush()
    assert archive.has("s1/u1") and not archive.has("speech-1")
    archive.append("s1/a1", _tone(0.2))
    archive.finish("s1/a1")
    archive.remove(["s1/u1"])
    archive.flush()
    assert not archive.has("s1/u1") and archive.has("s1/a1")
    assert archive.read("s1/u1") == b""  # gone: nothing to play
    archive.clear()
    assert not archive.has("s1/a1") and archive.size_bytes() == 0


def test_a_key_from_the_relay_never_names_a_path_outside_the_archive(archive):
    name = file_name("s1/../../etc/passwd")
    assert "/" not in name and name.endswith(".flac")
    archive.append("s1/../../x", _tone(0.1))
    archive.finish("s1/../../x")
    archive.flush()
    assert [p.parent for p in archive.folder.parent.rglob("*.flac")] == [archive.folder]


def test_a_clip_is_listed_after_a_restart_and_a_half_written_one_reads_empty(tmp_path):
    first = AudioArchive(tmp_path / "audio")
    first.append("s1/a1", _tone(0.3))
    first.close()  # open clips are finished on the way out
    again = AudioArchive(tmp_path / "audio")
    assert again.has("s1/a1") and len(again.read("s1/a1")) == len(_tone(0.3))
    (tmp_path / "audio" / file_name("s1/a2")).write_bytes(b"fLaC\0\0")  # cut off by a crash
    again = AudioArchive(tmp_path / "audio")
    assert again.read("s1/a2") == b""
    again.close()


def test_a_disk_that_fails_is_reported_once(tmp_path, caplog):
    blocked = tmp_path / "audio"
    blocked.write_text("a file where the folder should be")
    archive = AudioArchive(blocked)
    with caplog.at_level(logging.WARNING, "desktop.history.audio_archive"):
        for _ in range(20):
            archive.append("s1/a1", _tone(0.02))
        archive.flush()
    assert len([r for r in caplog.records if "not being kept" in r.message]) == 1
    assert not archive.has("s1/a1")
    archive.close()


def _say(turns, pcm):
    """A press, the microphone's audio, a release, and the commit sent."""
    turns.speech_started()
    turns.speech(pcm)
    turns.speech_ended()
    turns.sent(COMMIT)


def test_speech_takes_the_key_of_the_item_its_commit_made(archive):
    turns = TurnAudio(archive, on=True)
    turns.session_opened("s1")
    turns.speech_started()
    turns.speech(_tone(0.5))
    turns.speech_ended()
    turns.speech(_tone(0.02))  # the microphone's last chunk, racing the release: dropped
    turns.sent(COMMIT)
    turns.speech_started()  # pressed again before the relay named the first item
    turns.speech(_tone(0.05, 880))
    turns.speech_ended()  # too short: never committed
    turns.answer_audio("a1", _tone(0.4, 330))
    turns.received(InputCommitted("input_audio_buffer.committed", "u1", None))
    turns.received(ResponseDone("response.done", "r1", "completed"))
    turns.answer_audio("a1", _tone(0.02))  # after the answer was finished: dropped
    turns.speech_started()  # the too-short one is thrown away now
    turns.speech_ended()
    archive.flush()
    assert archive.read("s1/u1") == _tone(0.5)
    assert archive.read("s1/a1") == _tone(0.4, 330)
    assert sorted(p.name for p in archive.folder.iterdir()) == sorted(
        [file_name("s1/u1"), file_name("s1/a1")]
    )


def test_speech_a_session_never_named_goes_with_it(archive):
    turns = TurnAudio(archive, on=True)
    turns.session_opened("s1")
    _say(turns, _tone(0.3))
    turns.session_opened("s2")  # the socket dropped before input_audio_buffer.committed
    turns.received(InputCommitted("input_audio_buffer.committed", "u1", None))
    archive.flush()
    assert not archive.has("s1/u1") and not archive.has("s2/u1")
    assert list(archive.folder.iterdir()) == []


def test_nothing_is_kept_while_off(archive):
    turns = TurnAudio(archive)
    turns.session_opened("s1")
    _say(turns, _tone(0.3))
    turns.answer_audio("a1", _tone(0.3))
    turns.received(InputCommitted("input_audio_buffer.committed", "u1", None))
    turns.switch(True)  # from the next turn on
    turns.answer_audio("a2", _tone(0.3))
    turns.received(ResponseDone("response.done", "r2", "completed"))
    archive.flush()
    assert [p.name for p in archive.folder.iterdir()] == [file_name("s1/a2")]
