"""The GUI-thread owner of a conversation: feeds the reducer, carries out its effects.

It owns the link to the relay and the audio devices, and tells the window what changed
through signals. Hardware and the network come in through constructor arguments.
"""

from __future__ import annotations

import logging
import time
import uuid
from collections import deque
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QTimer, Signal, Slot
from typing_extensions import assert_never

from desktop.audio import cues
from desktop.audio.audio_io import INPUT, AudioIO, DeviceFailed
from desktop.audio.playback_buffer import PlaybackBuffer, PlaybackStats
from desktop.bridge import PlaybackBridge
from desktop.config import ApiKey, SecretStore, Settings
from desktop.history.audio_archive import AudioArchive
from desktop.history.turn_audio import TurnAudio
from desktop.realtime import session_events as ev
from desktop.realtime.client_events import SessionOptions
from desktop.realtime.endpoint import endpoint_for
from desktop.realtime.event_log import EventLog
from desktop.realtime.history import History
from desktop.realtime.latency import (
    RECENT_TURNS,
    Spread,
    TurnLatency,
    TurnStopwatch,
    TurnTimed,
    summarize,
)
from desktop.realtime.problems import InvalidSetting, Problem, ProblemKind, Reason
from desktop.realtime.server_events import (
    AudioDelta,
    MalformedFrame,
    ResponseDone,
    ServerError,
    SessionCreated,
)
from desktop.realtime.session import step
from desktop.realtime.session_state import SessionState
from desktop.realtime.transport import RealtimeTransport
from desktop.relay_link import RelayLink, TransportFactory
from desktop.resources import sound_path
from desktop.session_clock import SessionClock, Timings

if TYPE_CHECKING:
    import numpy as np

log = logging.getLogger(__name__)

DEVICE_WATCH_MS = 1000
# Quiet this long (no turn), the microphone stops until the next press: the cost is the
# pre-roll of that press, which a conversation in full flow keeps.
MICROPHONE_REST_MS = 15_000
TURN_SOUNDS = {True: "turn-started", False: "turn-ended"}  # by whether the turn starts


def _session_fields(settings: Settings) -> tuple[str, ...]:
    """What a running session was opened with; other settings apply without reconnecting."""
    return (
        settings.base_url,
        settings.model,
        settings.voice,
        settings.instructions,
        settings.proxy,
        settings.ca_bundle,
    )


class ConversationController(QObject):
    link_changed = Signal(object)
    """session_events.Link: offline, connecting, ready, lost, failed."""
    transcript_changed = Signal(object)
    """session_events.TranscriptChange: a line's text, or that it was interrupted."""
    problem_raised = Signal(object)
    """A Problem to show where the user looks."""
    hint_shown = Signal(object)
    """A session_events.Hint (too short, connecting)."""
    talking_changed = Signal(bool)
    usage_reported = Signal(object)
    """session_events.UsageReported: the tokens a response used."""
    session_renewed = Signal(object)
    """int: a new session took over, told this many lines of the conversation so far."""
    turn_timed = Signal(object)
    """latency.TurnTimed: where a voice turn's time went, from release to the answer heard."""
    sound_queued = Signal()
    """A replay or a cue is about to play (the window's meters start looking)."""

    def __init__(
        self,
        settings: Settings,
        secrets: SecretStore,
        audio_factory: Callable[[], Any],
        transport_factory: TransportFactory = RealtimeTransport,
        timings: Timings = Timings(),  # noqa: B008 - frozen, so one shared default is safe
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._settings = settings
        self._turn_sounds: dict[bool, np.ndarray] = {}  # loaded when first played
        self._key = ApiKey(secrets)
        self._state = SessionState()
        self._inbox: deque[ev.Input] = deque()
        self._dispatching = False
        self._session_tag = ""
        self._turn_audio = TurnAudio(on=settings.keep_audio)  # an archive comes with history
        self._replays = 0
        # Asked before a turn starts (a budget that is spent asks the user first).
        self.turn_gate: Callable[[], bool] = lambda: True
        self._link = RelayLink(transport_factory, self._on_audio, self)
        self._link.opened.connect(self._on_link_opened)
        self._link.events_arrived.connect(self._on_link_events_arrived)
        self._link.failed.connect(self._on_link_failed)
        self._stopwatch = TurnStopwatch()
        self._recent_latency: deque[TurnLatency] = deque(maxlen=RECENT_TURNS)
        self._playback_bridge = PlaybackBridge(self)
        self._playback_bridge.response_started.connect(self._on_playback_response_started)
        self.playback = PlaybackBuffer(
            on_response_started=self._playback_bridge.response_started.emit
        )
        self.audio = AudioIO(
            audio_factory,
            self._send_audio,
            self.playback,
            settings.input_device,
            settings.output_device,
        )
        # PortAudio reports no hot-plug events, so the devices are looked at now and then:
        # while a stream runs, or one failed and may come back. Streams at rest can't fail.
        self._device_watch = QTimer(self)
        self._device_watch.setInterval(DEVICE_WATCH_MS)
        self._device_watch.timeout.connect(self._on_device_watch_timeout)
        self._microphone_rest = QTimer(self)
        self._microphone_rest.setSingleShot(True)
        self._microphone_rest.setInterval(MICROPHONE_REST_MS)
        self._microphone_rest.timeout.connect(self._on_microphone_rest_timeout)
        self._clock = SessionClock(timings, self)
        self._clock.idle_ticked.connect(self._on_clock_idle_ticked)
        self._clock.retry_due.connect(self._on_clock_retry_due)
        self._clock.session_overdue.connect(self._on_clock_session_overdue)
        self._clock.answer_stalled.connect(self._on_clock_answer_stalled)

    # ---- what the window asks for ---------------------------------------------------------

    @property
    def settings(self) -> Settings:
        return self._settings

    @property
    def link(self) -> ev.Link:
        return self._state.link

    @property
    def talking(self) -> bool:
        return self._state.talking

    @property
    def answering(self) -> bool:
        """The server is still producing an answer (its audio may play on for a while)."""
        return self._state.response_id is not None

    def input_level(self) -> float:
        """Loudness of the microphone while talking (0..1); 0 otherwise."""
        microphone = self.audio.microphone
        return microphone.level if microphone is not None and self._state.talking else 0.0

    def output_level(self) -> float:
        speaker = self.audio.speaker
        return speaker.level if speaker is not None else 0.0

    def playback_stats(self) -> PlaybackStats:
        return self.playback.stats()

    @property
    def event_log(self) -> EventLog:
        """Every event to and from the relay, while the inspector records."""
        return self._link.event_log

    def latency_summary(self) -> dict[str, Spread]:
        """p50/p95 of each figure over the last voice turns (Diagnostics)."""
        return summarize(self._recent_latency)

    @property
    def session_tag(self) -> str:
        """Names the session open now; the history keeps its lines under it."""
        return self._session_tag

    def keep_audio_in(self, archive: AudioArchive) -> None:
        """Each turn's audio goes to the archive while `Settings.keep_audio` is on."""
        self._turn_audio.keep_in(archive)
        self._turn_audio.switch(self._settings.keep_audio)
        self._turn_audio.session_opened(self._session_tag)

    def replay(self, pcm: bytes) -> None:
        """A kept clip, through the speaker; whatever plays now (a replay) stops first. Not
        during an answer or a turn: those own the speaker."""
        if self._state.talking or self.answering or not pcm:
            return
        self.playback.interrupt()
        self._open_audio()
        self._replays += 1
        self.playback.push(f"replay-{self._replays}", "replay", 0, pcm)
        self._wake_speaker()
        self._watch_devices()
        self.sound_queued.emit()

    def device_names(self) -> tuple[list[str], list[str]]:
        """(microphones, speakers) by name, as PortAudio lists them."""
        devices = self.audio.devices()
        return (
            [d.name for d in devices if d.inputs > 0],
            [d.name for d in devices if d.outputs > 0],
        )

    def use_key_for_this_run(self, key: str | None) -> None:
        self._key.use_for_this_run(key)

    def has_key(self) -> bool:
        return bool(self._key.current())

    def key_in_use(self) -> str | None:
        """The key a session, or a question to the relay, would be opened with now."""
        return self._key.current()

    def connect_session(self) -> None:
        self._dispatch(ev.ConnectRequested(self._session_options()))

    def apply_settings(self, settings: Settings) -> None:
        """New settings take effect in a new session; the transcript stays."""
        for failure in self.audio.use_devices(settings.input_device, settings.output_device):
            self._report_device(failure)
        session_changed = _session_fields(settings) != _session_fields(self._settings)
        reconnect = session_changed and self._state.link is not ev.Link.OFFLINE
        self._settings = settings
        self._turn_audio.switch(settings.keep_audio)
        if reconnect:
            self._close_transport()
            self._dispatch(ev.Disconnected())
            self.connect_session()

    def open_conversation(self, history: History) -> None:
        """Go on with another conversation (a new one when `history` has no lines): the
        answer playing now stops, the session ends, and the next one is told `history`."""
        was_open = self._state.link is not ev.Link.OFFLINE
        self.playback.interrupt()
        self._close_transport()
        self._dispatch(ev.Disconnected(history))
        if was_open:
            self.connect_session()

    def press_talk(self) -> None:
        if self._state.talking or not self.turn_gate():
            return
        if self._state.link is ev.Link.OFFLINE:
            self.connect_session()  # says what is missing (a key, a valid URL) if it cannot
            return
        if not self._open_audio():
            return
        self._timed(self._stopwatch.stopped())
        self._dispatch(ev.TalkPressed(self._silence_the_answer()))

    def send_text(self, text: str, text_only: bool = False) -> bool:
        """A typed message: it cuts off an answer playing now, as a spoken turn does.
        False: it did not go (the turn gate said no)."""
        if not self.turn_gate():
            return False
        if self._state.link is ev.Link.OFFLINE:
            self.connect_session()  # the message goes once the session is up
        item_id = f"typed-{uuid.uuid4().hex[:12]}"
        self._dispatch(ev.TextSent(text, item_id, text_only, self._silence_the_answer()))
        return True

    def _silence_the_answer(self) -> ev.Heard | None:
        """Stops playback at once; how much of the answer was heard, if one was playing."""
        speaker = self.audio.speaker
        # Aborting the stream silences it within a few ms; a fade would first have to
        # play out through the device's 40 ms buffer.
        dropped = speaker is not None and speaker.cut()
        played = self.playback.interrupt(fade=not dropped)
        if played is None or self.audio.speaker is None or played.item_id == "replay":
            return None
        return ev.Heard(
            played.response_id,
            played.item_id,
            played.content_index,
            self.audio.speaker.heard_ms(played),
        )

    def release_talk(self) -> None:
        if self._state.pending_talk:
            # Let go while a session was still on its way (a first connect, or a reconnect
            # after a drop mid-turn): no turn may start by itself once it arrives.
            self._dispatch(ev.TalkReleased(captured_ms=0))
            return
        if not self._state.talking or self.audio.microphone is None:
            return
        self._stopwatch.released(time.perf_counter())
        self._dispatch(ev.TalkReleased(self.audio.microphone.end_turn()))

    def play_turn_cue(self, started: bool) -> None:
        """A short sound for a turn that starts or ends where no window shows it."""
        if self.audio.speaker is not None:
            if started not in self._turn_sounds:
                self._turn_sounds[started] = cues.load(sound_path(TURN_SOUNDS[started]))
            self.audio.speaker.play_cue(self._turn_sounds[started])
            self._watch_devices()
            self.sound_queued.emit()

    def shutdown(self) -> None:
        """Capture → transport → join → playback → PyAudio, in that order."""
        self._device_watch.stop()
        self._microphone_rest.stop()
        self._clock.stop()
        self.audio.close_microphone()
        self._close_transport()
        self.audio.close()

    # ---- the reducer and its effects ------------------------------------------------------

    def _dispatch(self, event: ev.Input) -> None:
        # An effect may produce a new input (a missing key fails the connect at once);
        # it is handled after the current effects, so they all act on one state, in order.
        self._inbox.append(event)
        if self._dispatching:
            return
        self._dispatching = True
        try:
            while self._inbox:
                self._state, effects = step(self._state, self._inbox.popleft())
                for effect in effects:
                    self._run(effect)
        finally:
            self._dispatching = False

    def _run(self, effect: ev.Effect) -> None:
        match effect:
            case ev.Send():
                self._link.send(effect.event)  # on the wire when this returns
                if effect.event["type"] == "input_audio_buffer.commit":
                    self._stopwatch.commit_sent(time.perf_counter())
                self._turn_audio.sent(effect.event)
            case ev.StreamMicrophone():
                self._stream_microphone(effect.on)
            case ev.DropResponseAudio():
                self.playback.drop_response(effect.response_id)
            case ev.Connect():
                self._open_transport()
            case ev.LinkChanged():
                self.link_changed.emit(effect.link)
            case ev.TranscriptText() | ev.TranscriptInterrupted():
                self.transcript_changed.emit(effect)
            case ev.ShowProblem():
                self.problem_raised.emit(effect.problem)
            case ev.ShowHint():
                self.hint_shown.emit(effect.hint)
            case ev.ScheduleRetry():
                self._clock.retry_in(effect.delay_s)
            case ev.SessionRenewed():
                self.session_renewed.emit(effect.lines_carried)
            case ev.UsageReported():
                self.usage_reported.emit(effect)
            case _:
                assert_never(effect)

    def _stream_microphone(self, on: bool) -> None:
        microphone = self.audio.microphone
        if microphone is None:
            return
        if on:
            self._microphone_rest.stop()
            self._turn_audio.speech_started()
            microphone.start_turn()
            self._watch_devices()
        else:
            microphone.end_turn()
            self._microphone_rest.start()
            self._turn_audio.speech_ended()
        self.talking_changed.emit(on)

    # ---- transport ------------------------------------------------------------------------

    def _session_options(self) -> SessionOptions:
        return SessionOptions(voice=self._settings.voice, instructions=self._settings.instructions)

    def _open_transport(self) -> None:
        self._close_transport()
        key = self._key.current()
        if not key:
            self._dispatch(ev.LinkFailed(Problem(ProblemKind.MISSING_KEY), was_open=False))
            return
        try:
            settings = self._settings
            endpoint = endpoint_for(
                settings.base_url, settings.model, settings.proxy, settings.ca_bundle
            )
        except InvalidSetting as exc:
            self._dispatch(ev.LinkFailed(exc.problem(), was_open=False))
            return
        self._open_audio()
        self._session_tag = uuid.uuid4().hex[:8]
        self._turn_audio.session_opened(self._session_tag)
        self._link.open(endpoint, key)

    def _close_transport(self) -> None:
        self._clock.session_closed()
        self._stopwatch.forget()
        self._link.close()

    def _give_up_on_session(self, problem: Problem, was_open: bool) -> None:
        self._close_transport()
        self._dispatch(ev.LinkFailed(problem, was_open))

    @Slot()
    def _on_clock_session_overdue(self) -> None:
        if self._state.link is ev.Link.CONNECTING and self._link.is_open:
            self._give_up_on_session(Problem(ProblemKind.NO_SESSION), was_open=False)

    @Slot()
    def _on_clock_answer_stalled(self) -> None:
        if self._state.response_id is not None and self._link.is_open:
            self._give_up_on_session(Problem(ProblemKind.STALLED), was_open=True)

    def _on_audio(self, delta: AudioDelta) -> None:
        # Socket thread: straight into the buffer, never through the GUI thread.
        self.playback.push(delta.response_id, delta.item_id, delta.content_index, delta.pcm)
        self._wake_speaker()
        self._turn_audio.answer_audio(delta.item_id, delta.pcm)

    def _wake_speaker(self) -> None:
        # Started by the answer's first delta, not ahead of it: a stream that starts with
        # audio to play plays it at once, while one already running first plays out the
        # silence its device holds (up to 40 ms).
        speaker = self.audio.speaker  # read once: the GUI thread may replace it
        if speaker is not None:
            speaker.wake()

    @Slot()
    def _on_clock_idle_ticked(self) -> None:
        self._dispatch(ev.IdleTick())

    @Slot()
    def _on_clock_retry_due(self) -> None:
        self._dispatch(ev.RetryDue())

    @Slot()
    def _on_link_opened(self) -> None:
        self._clock.expect_session()
        self._dispatch(ev.LinkOpened())

    @Slot()
    def _on_link_events_arrived(self) -> None:
        self._watch_devices()  # an answer may have woken the speaker
        generation = self._link.generation
        for event in self._link.take_events():
            if self._link.generation != generation:
                return  # an event closed this session (new settings, a failure)
            if isinstance(event, SessionCreated):
                self._clock.session_began()
                self.playback.forget_dropped()
            self._turn_audio.received(event)
            self._timed(self._stopwatch.received(event))
            if isinstance(event, MalformedFrame):
                self._log_malformed(event)
            elif isinstance(event, ResponseDone):
                stats = self.playback.stats()
                log.info(
                    "answer received: prebuffer %d ms, its audio up to %d ms late, %d underruns",
                    stats.prebuffer_ms,
                    stats.lateness_ms,
                    stats.underruns,
                )
            elif isinstance(event, ServerError):
                # Benign ones never reach the window; the log keeps them all for support.
                log.info("server error event %s: %s", event.code, event.message[:300])
            self._dispatch(event)
        self._clock.answer_progressed(self._state.response_id is not None)

    @Slot(object, bool)
    def _on_link_failed(self, problem: Problem, was_open: bool) -> None:
        self._dispatch(ev.LinkFailed(problem, was_open))

    def _log_malformed(self, frame: MalformedFrame) -> None:
        # The first few in full, then one line per thousand: a relay that sends nothing
        # else must not fill the log.
        before = self._state.ignored_frames
        after = before + frame.count
        if before < 5 or after // 1000 > before // 1000:
            what = f"{frame.type or frame.fault.value}: {frame.detail}"[:200]
            log.warning("ignored malformed server frame (%s); %d this session", what, after)

    @Slot(str, float)
    def _on_playback_response_started(self, response_id: str, asked_at: float) -> None:
        speaker = self.audio.speaker
        heard_at = asked_at + (speaker.latency_ms / 1000 if speaker is not None else 0.0)
        self._timed(self._stopwatch.first_sound(response_id, heard_at))

    def _timed(self, timed: TurnTimed | None) -> None:
        if timed is not None:
            self._recent_latency.append(timed.latency)
            self.turn_timed.emit(timed)

    # ---- audio ----------------------------------------------------------------------------

    def _open_audio(self) -> bool:
        """Open the devices once; a missing device is reported, the app keeps running."""
        for failure in self.audio.open():
            self._report_device(failure)
        self._device_watch.start()
        if not self._state.talking:
            self._microphone_rest.start()
        return self.audio.microphone_ready

    def _report_device(self, failure: DeviceFailed) -> None:
        kind = ProblemKind.NO_MICROPHONE if failure.direction == INPUT else ProblemKind.NO_SPEAKER
        reason = Reason.DEVICE_STOPPED if failure.stopped else None
        self.problem_raised.emit(Problem(kind, failure.message, reason=reason))

    @Slot()
    def _on_device_watch_timeout(self) -> None:
        microphone = self.audio.microphone  # check() lets go of a failed one
        for change in self.audio.check():
            if isinstance(change, DeviceFailed):
                if change.direction == INPUT and self._state.talking and microphone is not None:
                    # What was said before the device went away is still worth an answer.
                    self._dispatch(ev.TalkReleased(microphone.end_turn()))
                self._report_device(change)
            else:
                self.hint_shown.emit(ev.Hint.AUDIO_RESTORED)
        if self.audio.at_rest:
            self._device_watch.stop()

    def _watch_devices(self) -> None:
        if not self._device_watch.isActive() and not self.audio.at_rest:
            self._device_watch.start()

    @Slot()
    def _on_microphone_rest_timeout(self) -> None:
        microphone = self.audio.microphone
        if microphone is not None and not self._state.talking:
            microphone.rest()

    def _send_audio(self, pcm: bytes) -> None:
        self._link.send_audio(pcm)
        self._turn_audio.speech(pcm)
