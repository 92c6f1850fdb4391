"""The audio archive through real devices: what the user said into PulseAudio's virtual
microphone is kept as the relay heard it, the answer as it was sent, and a kept turn plays
again out of the virtual speaker."""

from __future__ import annotations

import numpy as np

from desktop.app import keep_conversations
from tests.e2e.helpers import speak_into_microphone, wait_until_played_out, write_wav
from tests.support.speech import best_alignment


def test_a_kept_turn_is_what_was_said_and_plays_again(
    qtbot, tmp_path, speech, speaker_monitor, conversation, monkeypatch
):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    question, answer = speech
    relay, controller, window = conversation("gpt-realtime", settings_options={"keep_audio": True})
    keep_conversations(conversation.running)
    speak_into_microphone(qtbot, relay, write_wav(tmp_path / "question.wav", question), question)
    qtbot.waitUntil(lambda: "about twenty degrees." in "\n".join(window.transcript.texts()))
    qtbot.waitUntil(
        lambda: not controller.answering and controller.playback.queued_ms == 0, timeout=20000
    )

    conversations = window.history_pane._conversations
    user_item, answer_item = (b.item_id for b in window.transcript.bubbles())
    qtbot.waitUntil(
        lambda: conversations.has_audio(user_item) and conversations.has_audio(answer_item)
    )
    archive = conversations.archive
    said = np.frombuffer(archive.read(conversations._recorder.key_of(user_item)), np.int16)
    assert said.tobytes() == relay.turns[0]  # exactly what the relay was sent
    _, heard_by_mic = best_alignment(question, said)
    assert heard_by_mic >= 0.9, f"the kept speech is not what was spoken: {heard_by_mic:.3f}"
    kept_answer = archive.read(conversations._recorder.key_of(answer_item))
    assert kept_answer == answer.tobytes()

    replayed_from = speaker_monitor.recording()[1][-1]
    conversations.replay(user_item)
    qtbot.waitUntil(lambda: controller.playback.queued_ms > 0)
    wait_until_played_out(qtbot, controller, speaker_monitor, len(said))
    samples, times = speaker_monitor.recording()
    _, replayed = best_alignment(said, samples[times > replayed_from])
    assert replayed >= 0.9, f"the speaker did not play the kept turn again: {replayed:.3f}"
