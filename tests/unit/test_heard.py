"""Where an interrupted answer splits into what was heard and what was not: transcript
deltas timed against the audio that arrived around them, interpolated within a delta,
then moved to a word boundary (English) or kept between characters (Chinese)."""

from __future__ import annotations

from desktop.realtime.heard import MAX_MARKS, Timeline, split_heard

FRAMES_PER_200_MS = 4800


def _streamed(pieces):
    """As relays send them: each piece's transcript delta, then its 200 ms of audio."""
    timeline = Timeline("a1")
    for piece in pieces:
        timeline = timeline.with_text(len(piece)).with_audio(FRAMES_PER_200_MS)
    return timeline, "".join(pieces)


def test_an_english_answer_splits_between_words():
    timeline, text = _streamed(["It is", " sunny", " and warm,", " about twenty degrees."])
    assert split_heard(text, timeline.heard_chars(0)) == ("", text)
    # 300 ms: halfway through the second delta's audio, inside "sunny".
    chars = timeline.heard_chars(300)
    assert chars == len("It is") + 3
    assert split_heard(text, chars) == ("It is ", "sunny and warm, about twenty degrees.")
    # 560 ms: 80 % into " and warm,", inside "warm": the nearer end of the word.
    assert split_heard(text, timeline.heard_chars(560)) == (
        "It is sunny and warm",
        ", about twenty degrees.",
    )
    assert split_heard(text, timeline.heard_chars(800)) == (text, "")
    assert split_heard(text, timeline.heard_chars(5000)) == (text, "")


def test_a_chinese_answer_splits_between_characters():
    timeline, text = _streamed(["今天晴，", "大约二十度。", "明天多云。"])
    heard, unheard = split_heard(text, timeline.heard_chars(300))
    assert (heard, unheard) == ("今天晴，大约二", "十度。明天多云。")
    assert heard + unheard == text


def test_audio_that_arrives_before_any_transcript_counts_for_nothing_heard():
    timeline = Timeline("a1").with_audio(FRAMES_PER_200_MS)  # audio first, no words yet
    timeline = timeline.with_text(len("Hello there")).with_audio(FRAMES_PER_200_MS)
    assert timeline.heard_chars(100) == 0
    assert split_heard("Hello there", timeline.heard_chars(300)) == ("Hello ", "there")


def test_an_answer_cut_off_while_only_its_audio_had_arrived_was_heard_as_no_words():
    timeline = Timeline("a1").with_audio(FRAMES_PER_200_MS)  # no transcript delta yet
    assert timeline.heard_chars(150) == 0


def test_thousands_of_tiny_deltas_keep_a_bounded_timeline_that_still_splits_well():
    words = [f" w{n}" for n in range(3000)]
    timeline = Timeline("a1")
    for word in words:
        timeline = timeline.with_text(len(word)).with_audio(240)  # 10 ms a word
    assert len(timeline.marks) <= MAX_MARKS
    heard, _ = split_heard("".join(words), timeline.heard_chars(15_000))  # half of it
    assert abs(len(heard.split()) - 1500) <= 8


def test_the_split_never_loses_a_character():
    text = "Don't stop — 继续说 it's fine"
    for chars in range(-2, len(text) + 3):
        heard, unheard = split_heard(text, chars)
        assert heard + unheard == text
