"""How late the answer's audio arrives, measured against the audio's own clock.

Each delta carries a known length of audio. Were it delivered at real time and never late,
`arrival − audio before it` would stay constant through an answer; how far it rises above
its lowest value so far is how late that delta came. The prebuffer must cover that much,
and it can be set from it before the first underrun instead of after.

Relays usually send faster than real time, which makes the offset fall steadily: lateness
stays near zero and the prebuffer stays small. A window of recent deltas lets the estimate
shrink again, slowly, once the network calms.
"""

from __future__ import annotations

from collections import deque

WINDOW = 300  # deltas: half a minute of audio in 100 ms deltas


class DeliveryJitter:
    def __init__(self, window: int = WINDOW) -> None:
        self._lateness: deque[float] = deque(maxlen=window)  # seconds
        self._earliest: float | None = None  # the lowest offset of this answer so far
        self._audio_s = 0.0  # audio received of this answer before the next delta
        self._longest_delta_s = 0.0

    def answer_began(self) -> None:
        """A new answer: its audio clock starts over (what was learnt of the network stays)."""
        self._earliest = None
        self._audio_s = 0.0

    def arrived(self, at: float, audio_s: float) -> None:
        """A delta of `audio_s` seconds of audio arrived at `at` (seconds, any clock)."""
        offset = at - self._audio_s
        if self._earliest is None or offset < self._earliest:
            self._earliest = offset
        self._lateness.append(offset - self._earliest)
        self._audio_s += audio_s
        self._longest_delta_s = max(self._longest_delta_s, audio_s)

    def lateness_ms(self) -> int:
        """The latest a delta came in the window (ms)."""
        return round(max(self._lateness, default=0.0) * 1000)

    def delta_ms(self) -> int:
        """The longest delta seen: a prebuffer is filled a whole delta at a time."""
        return round(self._longest_delta_s * 1000)
