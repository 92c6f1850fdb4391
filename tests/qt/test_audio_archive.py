"""The audio archive as a user meets it: off by default; when on, each turn's sound (what
the relay was sent, what it answered) is kept, plays again from its bubble, exports as one
WAV, shows its size in Settings and clears from there; a deleted conversation's audio
goes with it."""

from __future__ import annotations

import base64
import re

import numpy as np
import pytest
import soundfile
from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtWidgets import QDialog

from desktop.history import command
from desktop.history.audio_archive import default_folder
from desktop.history.export_audio import PAUSE_MS
from desktop.history.store import HistoryStore, default_path
from desktop.ui.bubble_delegate import COPY_SIZE, SIDE_MARGIN
from tests.qt.helpers import speak, transcript

ANSWER = "It is sunny and warm, about twenty degrees."


def _one_turn(qtbot, app_parts, question):
    speak(app_parts, question)
    qtbot.waitUntil(lambda: ANSWER in transcript(app_parts.window), timeout=10000)
    qtbot.waitUntil(lambda: not app_parts.controller.answering, timeout=10000)


def _sent_speech(relay) -> bytes:
    """What the relay was sent as the user's audio, since the turn's buffer was cleared."""
    pcm = b""
    for event in relay.received:
        if event["type"] == "input_audio_buffer.clear":
            pcm = b""
        elif event["type"] == "input_audio_buffer.append":
            pcm += base64.b64decode(event["audio"])
    return pcm


def _kept_turns(window):
    conversations = window.history_pane._conversations
    return conversations, [b.item_id for b in window.transcript.bubbles()]


def _one_kept_turn(qtbot, app_parts, kept, speech):
    """A spoken turn and its answer with Settings ▸ Audio on, once both clips are kept."""
    window = kept(keep_audio=True)
    _one_turn(qtbot, app_parts, speech[0])
    conversations, items = _kept_turns(window)
    qtbot.waitUntil(lambda: all(conversations.has_audio(item) for item in items))
    return window, conversations, items


def test_audio_is_not_kept_unless_asked_for(qtbot, app_parts, kept, speech):
    question, _ = speech
    window = kept()
    _one_turn(qtbot, app_parts, question)
    conversations, items = _kept_turns(window)
    assert len(items) == 2
    assert not any(conversations.has_audio(item) for item in items)
    app_parts.app.stop()
    app_parts.app = None
    assert not list(default_folder().glob("*.flac"))


def test_each_turn_is_kept_played_again_and_exported_as_one_wav(
    qtbot, app_parts, kept, speech, tmp_path
):
    question, answer = speech
    window = kept(keep_audio=True)
    _one_turn(qtbot, app_parts, question)
    conversations, (user_item, answer_item) = _kept_turns(window)
    qtbot.waitUntil(
        lambda: conversations.has_audio(user_item) and conversations.has_audio(answer_item)
    )
    archive = conversations.archive
    sent = _sent_speech(app_parts.relay)
    assert archive.read(conversations._recorder.key_of(user_item)) == sent
    assert archive.read(conversations._recorder.key_of(answer_item)) == answer.tobytes()

    # The play button sits left of the copy button on the user's bubble (on the right).
    view = window.transcript
    speaker = app_parts.pa.output_stream()
    # The window may still be settling (the sidebar's list changed): lay the rows out now,
    # and click at once, where the delegate will look for the button.
    view.executeDelayedItemsLayout()
    rect = view.visualRect(view.model().index(0, 0))
    bubble_right = rect.right() - SIDE_MARGIN - 1
    button = QPoint(
        bubble_right - 2 * COPY_SIZE - 4 + COPY_SIZE // 2, rect.top() + 3 + COPY_SIZE // 2
    )
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=button)
    qtbot.waitUntil(lambda: app_parts.controller.playback.stats().queued_ms > 0)
    played = b""
    while len(played) < len(sent) + 48_000:  # the clip, then a second of what follows
        played += speaker.pull(480)
    start = played.index(sent[:960])  # after the prebuffer's silence
    assert played[start : start + len(sent)] == sent

    # One WAV of the conversation, by the command (no window needed for it).
    wav = tmp_path / "talk.wav"
    assert command.main(["--last", "--format", "wav", "--output", str(wav)]) == 0
    samples, rate = soundfile.read(wav, dtype="int16")
    assert rate == 24_000
    pause = np.zeros(PAUSE_MS * 24, np.int16)
    expected = np.concatenate([np.frombuffer(sent, np.int16), pause, answer])
    assert np.array_equal(samples, expected)


def test_settings_show_the_space_the_audio_takes_and_clear_it(qtbot, app_parts, kept, speech):
    window, conversations, items = _one_kept_turn(qtbot, app_parts, kept, speech)

    seen = {}

    def clear_in_settings():
        dialog = window.findChild(QDialog)
        try:
            row = dialog.archive_row
            seen["kept"] = row.keep_check.isChecked()
            seen["usage"] = row.usage_label.text()
            row.clear_button.click()
            qtbot.waitUntil(lambda: row.question is not None and row.question.isVisible())
            row.clear_confirm.click()
            seen["after"] = (row.usage_label.text(), row.clear_button.isEnabled())
        finally:
            dialog.reject()  # a failed check must not leave the dialog open

    QTimer.singleShot(0, clear_in_settings)
    window.open_settings()
    assert seen["kept"]
    assert re.fullmatch(r"[\d.]+ [kKM]B kept", seen["usage"])
    assert seen["after"] == ("", False)
    assert not any(conversations.has_audio(item) for item in items)
    assert transcript(window).count(ANSWER) == 1  # the text stays


def test_a_deleted_conversation_takes_its_audio_with_it(qtbot, app_parts, kept, speech):
    window, conversations, _ = _one_kept_turn(qtbot, app_parts, kept, speech)
    assert len(list(default_folder().glob("*.flac"))) == 2
    (listed,) = conversations.listed()
    window.history_pane.delete(listed.id)
    app_parts.app.stop()  # deleted for good when the app quits
    app_parts.app = None
    assert not list(default_folder().glob("*.flac"))
    store = HistoryStore(default_path())
    assert store.conversations() == []
    store.close()


def test_a_wav_export_of_a_conversation_without_audio_says_why(
    qtbot, app_parts, kept, speech, capsysbinary
):
    question, _ = speech
    kept()
    _one_turn(qtbot, app_parts, question)
    with pytest.raises(SystemExit, match="No audio is kept"):
        command.main(["--last", "--format", "wav"])
    assert capsysbinary.readouterr().out == b""  # nothing half-written to stdout
