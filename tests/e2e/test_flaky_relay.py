"""A relay that mixes broken frames into a real spoken answer, through the real devices:
the answer still comes out of the speaker intact, the window says once what it ignored,
and the next turn works."""

from __future__ import annotations

from desktop.api_facts import RATE
from desktop.realtime.problems import Problem, ProblemKind
from tests.e2e.helpers import speak_into_microphone, write_wav
from tests.support.relay_double import mix_in_broken_frames
from tests.support.speech import best_alignment


def test_broken_frames_in_a_spoken_answer_are_ignored_and_told_once(
    qtbot, tmp_path, speech, speaker_monitor, conversation
):
    question, answer = speech
    relay, controller, window = conversation("gpt-realtime", rewrite=mix_in_broken_frames)
    problems: list[Problem] = []
    controller.problem_raised.connect(problems.append)
    wav = write_wav(tmp_path / "question.wav", question)

    for turn in (1, 2):
        speak_into_microphone(qtbot, relay, wav, question)
        qtbot.waitUntil(lambda n=turn: len(relay.turns) == n, timeout=5000)
        qtbot.waitUntil(
            lambda n=turn: (
                controller.playback.frames_played >= n * len(answer)
                and controller.playback.queued_ms == 0
            ),
            timeout=20_000,
        )
        qtbot.waitUntil(
            lambda n=turn: "\n".join(window.transcript.texts()).count("about twenty degrees.") == n,
            timeout=5000,
        )
    qtbot.waitUntil(
        lambda: (
            speaker_monitor.recording()[1][-1] > relay.first_audio_sent_at[1] + len(answer) / RATE
        ),
        timeout=5000,
    )

    samples, _ = speaker_monitor.recording()
    _, corr = best_alignment(answer, samples)
    assert corr >= 0.9, f"the answer came out of the speaker damaged: {corr:.3f}"
    # Not one stray sample: the broken deltas added nothing to what was played.
    assert controller.playback.frames_played == 2 * len(answer)
    ignored = [p for p in problems if p.kind is ProblemKind.IGNORED_FRAMES]
    assert len(ignored) == 1, problems
    assert "could not read" in window.banner.text()
    assert [p for p in problems if p.kind is not ProblemKind.IGNORED_FRAMES] == []
    texts = "\n".join(window.transcript.texts())
    assert "Assistant: " in texts and "(not asked for)" not in texts
    print(
        f"\nflaky relay: relay→speaker corr {corr:.4f}, {controller._state.ignored_frames} frames ignored, told once"
    )
