"""What the user heard of an answer they cut off: where its transcript splits at the audio
that was played (`audio_end_ms`).

The relay sends an answer's transcript and its audio in interleaved deltas. A timeline
notes, at each transcript delta, how much of the answer's audio had arrived before it; a
delta's words are taken to be spoken over the audio that arrives until the next one, and
a point inside a delta is interpolated. The split is then moved to the nearest word
boundary, so no English word is cut in two; Chinese, written without spaces, splits
between characters.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, replace

from desktop.api_facts import RATE

MAX_MARKS = 512  # an answer of thousands of tiny deltas keeps half as many, twice as long


@dataclass(frozen=True)
class Timeline:
    item_id: str
    audio_ms: float = 0.0  # of the answer's audio, arrived so far
    chars: int = 0  # of its transcript, arrived so far
    # Per transcript delta: (audio ms arrived before it, characters before it, after it).
    marks: tuple[tuple[float, int, int], ...] = ()

    def with_audio(self, frames: int) -> Timeline:
        return replace(self, audio_ms=self.audio_ms + frames * 1000 / RATE)

    def with_text(self, length: int) -> Timeline:
        mark = (self.audio_ms, self.chars, self.chars + length)
        marks = (*self.marks, mark)
        if len(marks) > MAX_MARKS:
            marks = _thinned(marks)
        return replace(self, chars=self.chars + length, marks=marks)

    def heard_chars(self, heard_ms: float) -> int:
        """How many characters of the transcript had been spoken after `heard_ms`."""
        if not self.marks:  # cut off before its first words arrived (audio comes first)
            return 0
        ends = [start for start, _, _ in self.marks[1:]] + [self.audio_ms]
        for (start, before, after), end in zip(self.marks, ends, strict=True):
            if heard_ms <= start:
                return before
            if heard_ms < end:
                return before + round((heard_ms - start) / (end - start) * (after - before))
        return self.chars


def _thinned(marks: tuple[tuple[float, int, int], ...]) -> tuple[tuple[float, int, int], ...]:
    pairs = zip(marks[0::2], marks[1::2], strict=False)
    merged = tuple((first[0], first[1], second[2]) for first, second in pairs)
    return (*merged, marks[-1]) if len(marks) % 2 else merged


def split_heard(text: str, chars: int) -> tuple[str, str]:
    """(heard, unheard), which together are `text`, split at the word boundary nearest to
    `chars`."""
    cut = max(0, min(chars, len(text)))
    if 0 < cut < len(text) and _in_word(text[cut - 1]) and _in_word(text[cut]):
        start = cut
        while start > 0 and _in_word(text[start - 1]):
            start -= 1
        end = cut
        while end < len(text) and _in_word(text[end]):
            end += 1
        cut = start if cut - start <= end - cut else end
    return text[:cut], text[cut:]


def _in_word(char: str) -> bool:
    """Part of a word written with spaces between words (not a CJK character)."""
    if not (char.isalnum() or char in "'’-"):
        return False
    return unicodedata.east_asian_width(char) not in ("W", "F")
