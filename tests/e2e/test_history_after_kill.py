"""`kill -9` mid-answer loses nothing that was shown: the app, a process of its own, talks
to the relay double through the virtual devices and the private keyring; after it is
killed and started again, the conversation up to the kill is listed and exports."""

from __future__ import annotations

import contextlib
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time

from desktop.config import SecretStore
from tests.e2e.helpers import USER_TEXT, appended_bytes, write_wav
from tests.support.launched_app import ENGLISH, LaunchedApp, private_environment
from tests.support.relay_double import GOOD_KEY, RelayDouble, scripted_reply
from tests.support.x_keyboard import XKeyboard

SHORTCUT = ("ctrl", "alt", "space")
# One word goes out with each 100 ms chunk of the answer's audio; the relay stops after ten
# chunks (and holds the socket open), so the kill lands mid-answer, after exactly ten words.
LONG_ANSWER = (
    "It is sunny and warm in Shanghai today, about twenty degrees, with a light breeze from "
    "the sea, a few clouds in the afternoon and a clear, mild evening for a walk by the river."
)
WORDS_BEFORE_THE_KILL = 10


def _wait(condition, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.05)


def _export(folder, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "desktop", "export", *args],
        env=private_environment(folder, ENGLISH),
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_kill_9_mid_answer_keeps_the_conversation_so_far(tmp_path, speech):
    question, answer = speech
    wav = write_wav(tmp_path / "question.wav", question)
    relay = RelayDouble(
        scripted_reply(answer.tobytes(), LONG_ANSWER, USER_TEXT),
        pace=1.0,
        stall_after_chunks=WORDS_BEFORE_THE_KILL,
    )
    url = relay.start()
    secrets = SecretStore()  # the private Secret Service of scripts/test, which the app reads
    secrets.set(GOOD_KEY)
    command = [sys.executable, "-m", "desktop", "--base-url", url, "--model", "gpt-realtime"]
    app = LaunchedApp(command, tmp_path, ENGLISH)
    keyboard = XKeyboard()
    try:
        _wait(lambda: _sent(relay, "session.update"), 30, "a session")
        keyboard.press(*SHORTCUT)
        # A press while the session is still starting waits for it; the clear comes first.
        _wait(lambda: _sent(relay, "input_audio_buffer.clear"), 10, "the app to listen")
        subprocess.run(["paplay", "-d", "micsink", str(wav)], check=True, timeout=30)
        _wait(lambda: appended_bytes(relay) >= question.nbytes, 10, "the question")
        keyboard.release(*SHORTCUT)
        shown = " ".join(LONG_ANSWER.split()[:WORDS_BEFORE_THE_KILL])
        _wait(lambda: _kept_answer(tmp_path) == shown, 15, "the answer so far on disk")
        os.kill(app.process.pid, signal.SIGKILL)
        app.process.wait(10)
    finally:
        keyboard.close()
        app.stop()

    restarted = LaunchedApp(command, tmp_path, ENGLISH)  # the next start opens the same file
    try:
        _wait(lambda: _window_shown(restarted), 30, "the window after the restart")
    finally:
        restarted.stop()
        relay.stop()
        secrets.delete()

    listed = _export(tmp_path, "--list")
    assert listed.returncode == 0 and "gpt-realtime" in listed.stdout, listed.stderr
    exported = _export(tmp_path, "--last", "--format", "json")
    assert exported.returncode == 0, exported.stderr
    turns = json.loads(exported.stdout)["turns"]
    assert [turn["role"] for turn in turns] == ["user", "assistant"]
    # The user's words are transcribed after the answer, so only their place was kept; the
    # answer holds what had been shown when the process died, and no more.
    assert turns[1]["text"] == " ".join(LONG_ANSWER.split()[:WORDS_BEFORE_THE_KILL])


def _sent(relay: RelayDouble, event_type: str) -> bool:
    return any(event["type"] == event_type for event in list(relay.received))


def _kept_answer(folder) -> str | None:
    """The answer's text in the app's history file, read as another process would."""
    path = folder / "data" / "realtime-desktop" / "history.sqlite3"
    if not path.exists():
        return None
    with contextlib.closing(sqlite3.connect(path)) as db:
        try:
            row = db.execute("SELECT text FROM turns WHERE role = 'assistant'").fetchone()
        except sqlite3.OperationalError:  # the app is still creating the tables
            return None
    return row[0] if row else None


def _window_shown(app: LaunchedApp) -> bool:
    try:
        app.window_id()
    except AssertionError:
        return False
    return True
