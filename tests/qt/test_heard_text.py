"""An answer the user cut off, through the window against the relay double: the history
and the export keep what was heard and what was not, split where the speaker stopped."""

from __future__ import annotations

import json

from desktop.api_facts import RATE
from desktop.audio.pcm import CHUNK_FRAMES
from desktop.history import command
from desktop.loopback.behaviour import Behaviour
from tests.qt.helpers import speak, transcript


def test_an_interrupted_answer_exports_what_was_heard_and_what_was_not(
    qtbot, app_parts, kept, speech, capsys
):
    question, answer = speech
    window = kept()
    speak(app_parts, question)
    buffer = app_parts.controller.playback
    qtbot.waitUntil(lambda: buffer.queued_ms >= len(answer) * 1000 // RATE - 1, timeout=10000)
    # The audio goes to the speaker from the socket's thread, the words through the window's
    # event loop: the key press below is delivered at once, so the words must be in first,
    # as they are long before a person has heard 1.2 s of an answer.
    qtbot.waitUntil(lambda: "twenty degrees." in transcript(window), timeout=10000)
    speaker = app_parts.pa.output_stream()
    for _ in range(60):  # 1.2 s handed to the device
        speaker.feed(bytes(CHUNK_FRAMES * 2))
    speak(app_parts, question[:2400], release=False)
    qtbot.waitUntil(
        lambda: any(e["type"] == "conversation.item.truncate" for e in app_parts.relay.received)
    )
    truncate = next(
        e for e in app_parts.relay.received if e["type"] == "conversation.item.truncate"
    )
    qtbot.waitUntil(lambda: "(interrupted)" in "\n".join(window.transcript.texts()))

    capsys.readouterr()
    assert command.main(["--last", "--format", "json"]) == 0
    exported = json.loads(capsys.readouterr().out)
    (cut,) = [t for t in exported["turns"] if t.get("interrupted")]
    assert cut["heard_text"] + cut["unheard_text"] == cut["text"]
    # The double speaks its words evenly over the answer's audio, a piece at a time: the
    # words of the pieces the speaker had played are those heard, to within one word.
    words = ["It", "is", "sunny", "and", "warm,", "about", "twenty", "degrees."]
    pieces = -(-len(answer) * 1000 // RATE // Behaviour().chunk_ms)
    played = truncate["audio_end_ms"] / Behaviour().chunk_ms
    expected = round(played * len(words) / pieces)
    assert abs(len(cut["heard_text"].split()) - expected) <= 1, (cut, truncate)
    assert cut["heard_text"] and cut["unheard_text"]  # cut off mid-answer: both parts
    assert "~~" in command_output(capsys, "markdown")


def command_output(capsys, format_name):
    capsys.readouterr()
    assert command.main(["--last", "--format", format_name]) == 0
    return capsys.readouterr().out
