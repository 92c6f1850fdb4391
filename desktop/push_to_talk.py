"""Where a turn starts and ends: Space in the window, the Talk button, the tray, and the
global shortcut. One hold is one turn, and a release is never lost.

Runs on the GUI thread. The key decisions are HoldTracker's (Qt-free); this class adds
what needs a clock: the key-state poll while a key is held (a release that went to another
window, a screen locker's grab, a machine that slept) and the hold limit.
"""

from __future__ import annotations

import enum
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Signal

from desktop.bridge import ShortcutBridge
from desktop.input.hold import HoldTracker
from desktop.input.key_state import KeyState, UnknownKeyState
from desktop.input.shortcut import (
    KeyCombo,
    ShortcutListener,
    ShortcutUnavailable,
    Unavailable,
    listener_for,
)

HOLD_LIMIT_MS = 5 * 60 * 1000
Timestamp = int | None  # the window system's event time in ms; None when unknown
KEY_POLL_MS = 100


class Source(enum.Enum):
    WINDOW_KEY = "window-key"
    BUTTON = "button"
    TRAY = "tray"
    SHORTCUT = "shortcut"


class PushToTalk(QObject):
    hold_limit_reached = Signal()
    shortcut_lost = Signal(object)
    """Unavailable: the global shortcut stopped working after it had started."""

    def __init__(
        self,
        begin: Callable[[], None],
        end: Callable[[], None],
        key_state: KeyState | None = None,
        platform_name: str = "",
        hold_limit_ms: int = HOLD_LIMIT_MS,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._begin = begin
        self._end = end
        self._key_state = key_state or UnknownKeyState()
        self._platform_name = platform_name
        self._holder: Source | None = None
        self._window_key = HoldTracker()
        self._window_native_key = 0
        self._shortcut_key = HoldTracker()
        self._listener: ShortcutListener | None = None
        self._bridge: ShortcutBridge | None = None
        self.shortcut_problem: Unavailable | None = None
        self._poll = QTimer(self)
        self._poll.setInterval(KEY_POLL_MS)
        self._poll.timeout.connect(self._on_poll_timeout)
        self._limit = QTimer(self)
        self._limit.setSingleShot(True)
        self._limit.setInterval(hold_limit_ms)
        self._limit.timeout.connect(self._on_limit_timeout)

    @property
    def holding(self) -> Source | None:
        return self._holder

    def set_hold_limit_ms(self, limit_ms: int) -> None:
        self._limit.setInterval(limit_ms)

    # ---- the sources ------------------------------------------------------------------

    def window_key_pressed(
        self, timestamp_ms: int | None, autorepeat: bool, native_key: int
    ) -> None:
        if self._window_key.press(timestamp_ms, autorepeat):
            self._window_native_key = native_key
            self._start(Source.WINDOW_KEY)

    def window_key_released(
        self, timestamp_ms: int | None, autorepeat: bool, native_key: int
    ) -> None:
        still_down = None if autorepeat else self._key_state.is_down(native_key)
        if self._window_key.release(timestamp_ms, autorepeat, still_down):
            self._stop(Source.WINDOW_KEY)

    def button_pressed(self) -> None:
        self._start(Source.BUTTON)

    def button_released(self) -> None:
        self._stop(Source.BUTTON)

    def toggle(self) -> None:
        """The tray's Talk: a click starts a turn, the next one sends it."""
        if self._holder is None:
            self._start(Source.TRAY)
        else:
            self._end_hold()

    def window_lost_input(self) -> None:
        """Focus lost, minimised, hidden: the window's key and button will not see a release."""
        if self._window_key.end(key_events_follow=False) and self._holder is Source.WINDOW_KEY:
            self._stop(Source.WINDOW_KEY)
        if self._holder is Source.BUTTON:
            self._stop(Source.BUTTON)

    # ---- the global shortcut ----------------------------------------------------------

    def use_shortcut(self, text: str) -> Unavailable | None:
        """Listen for `text` from any app ("" turns it off); returns why it cannot, if so."""
        self._stop_listener()
        self.shortcut_problem = None
        if not text:
            return None
        bridge = ShortcutBridge()  # no Qt parent: the listener thread holds it (see bridge)
        bridge.pressed.connect(self._on_shortcut_pressed)
        bridge.released.connect(self._on_shortcut_released)
        bridge.lost.connect(self._on_shortcut_lost)
        try:
            listener = listener_for(self._platform_name, KeyCombo.parse(text), bridge.callbacks())
            listener.start()
        except ShortcutUnavailable as exc:
            self.shortcut_problem = exc.reason
            bridge.deleteLater()
            return exc.reason
        self._listener, self._bridge = listener, bridge
        return None

    def _on_shortcut_pressed(self, timestamp_ms: int) -> None:
        if self.sender() is self._bridge and self._shortcut_key.press(timestamp_ms, False):
            self._start(Source.SHORTCUT)

    def _on_shortcut_released(self, timestamp_ms: int, still_down: object) -> None:
        down = still_down if isinstance(still_down, bool) else None
        if self.sender() is self._bridge and self._shortcut_key.release(timestamp_ms, False, down):
            self._stop(Source.SHORTCUT)

    def _on_shortcut_lost(self, reason: Unavailable) -> None:
        if self.sender() is self._bridge:
            self.shortcut_problem = reason
            if self._shortcut_key.end(key_events_follow=False):
                self._stop(Source.SHORTCUT)
            self.shortcut_lost.emit(reason)

    def _stop_listener(self) -> None:
        listener, self._listener = self._listener, None
        bridge, self._bridge = self._bridge, None
        if listener is not None:
            listener.stop()  # joins its thread, so the bridge is no longer used
        if bridge is not None:
            bridge.deleteLater()

    def stop(self) -> None:
        self._end_hold()
        self._stop_listener()
        key_state, self._key_state = self._key_state, UnknownKeyState()
        key_state.close()

    # ---- one turn at a time -----------------------------------------------------------

    def _start(self, source: Source) -> None:
        if self._holder is not None:
            return  # another source holds the turn; its release ends it
        self._holder = source
        self._limit.start()
        if source is Source.WINDOW_KEY:
            self._poll.start()
        self._begin()

    def _stop(self, source: Source) -> None:
        if self._holder is source:
            self._end_hold()

    def _end_hold(self) -> None:
        if self._holder is None:
            return
        self._holder = None
        self._poll.stop()
        self._limit.stop()
        self._end()

    def _on_poll_timeout(self) -> None:
        if self._holder is Source.WINDOW_KEY and (
            self._key_state.is_down(self._window_native_key) is False
        ):
            self._window_key.end(key_events_follow=False)  # the release went elsewhere
            self._end_hold()

    def _on_limit_timeout(self) -> None:
        self._window_key.end(key_events_follow=True)
        self._shortcut_key.end(key_events_follow=True)
        self._end_hold()
        self.hold_limit_reached.emit()
