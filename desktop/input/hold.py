"""One hold of a key is one turn, whatever the platform's autorepeat does.

X11 repeats a held key as KeyRelease + KeyPress pairs. Qt marks a pair as autorepeat only
when the press is already queued as it reads the release; on a busy machine it often is
not, and both events look real. Two facts still tell a repeat from a real release:

- the server still has the key down (asked at the release, where the platform can say);
- the press of a repeat pair carries the release's timestamp, a real new press never does.

The first keeps the hold going; the second keeps a repeat from starting a new hold when the
release was acted on late (the key was up by the time it was asked).

The toolkit's autorepeat flag is trusted on releases only. On a press it can be stale: Qt
on X11 keeps it set when the window lost focus mid-repeat, so the next real press of that
key would arrive marked as a repeat.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class HoldTracker:
    held: bool = False
    # Ended early (the hold limit) while the key stays down: its repeats are not new holds.
    latched: bool = False
    _last_release_time: int | None = None

    def press(self, timestamp_ms: int | None, autorepeat: bool) -> bool:
        """True when this press starts a hold."""
        if self.held or self.latched:
            return False
        if timestamp_ms is not None and timestamp_ms == self._last_release_time:
            return False  # the press half of a repeat pair
        self.held = True
        return True

    def release(self, timestamp_ms: int | None, autorepeat: bool, still_down: bool | None) -> bool:
        """True when this release ends the hold. `still_down` is the key state now, if known."""
        self._last_release_time = timestamp_ms
        if autorepeat or still_down:
            return False
        self.latched = False
        if not self.held:
            return False
        self.held = False
        return True

    def end(self, key_events_follow: bool) -> bool:
        """The hold ends without its release; True if one was held.

        `key_events_follow`: the key's further events still come here (the hold limit), so
        they belong to this hold; after focus is lost they go elsewhere, and the next press
        seen here is a new one.
        """
        was_held, self.held = self.held, False
        self.latched = (was_held or self.latched) and key_events_follow
        return was_held
