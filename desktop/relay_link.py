"""One socket to the relay at a time: the transport, the bridge its thread reports through,
and sockets that outlived their close, kept until their thread has ended."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal, Slot

from desktop.bridge import TransportBridge
from desktop.realtime.endpoint import Endpoint
from desktop.realtime.event_log import EventLog
from desktop.realtime.problems import Problem
from desktop.realtime.server_events import AudioDelta, ServerEvent
from desktop.realtime.transport import RealtimeTransport

TransportFactory = Callable[..., RealtimeTransport]


class RelayLink(QObject):
    """The signals come from the open socket only: a closed one's late reports are dropped."""

    opened = Signal()
    """The WebSocket upgrade succeeded."""
    events_arrived = Signal()
    """Events wait: `take_events()`."""
    failed = Signal(object, bool)
    """(Problem, was_open): the handshake failed or the socket went away."""

    def __init__(
        self,
        transport_factory: TransportFactory,
        on_audio: Callable[[AudioDelta], None],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._transport_factory = transport_factory
        self._on_audio = on_audio
        self._transport: RealtimeTransport | None = None
        self._bridge: TransportBridge | None = None
        self._orphans: list[tuple[RealtimeTransport, TransportBridge]] = []
        self._generation = 0
        self.event_log = EventLog()  # what the event inspector shows; off until it asks

    @property
    def is_open(self) -> bool:
        return self._transport is not None

    @property
    def generation(self) -> int:
        """Changes whenever a socket opens or closes."""
        return self._generation

    def open(self, endpoint: Endpoint, key: str) -> None:
        self.close()
        self._generation += 1
        # No Qt parent: the socket thread holds the bridge (as its listener) until it ends,
        # so destroying this object can never delete one a thread still emits on.
        bridge = TransportBridge()
        bridge.opened.connect(self._on_bridge_opened)
        bridge.events_arrived.connect(self._on_bridge_events_arrived)
        bridge.failed.connect(self._on_bridge_failed)
        self._bridge = bridge
        self._transport = self._transport_factory(
            endpoint.url,
            key,
            bridge,
            on_audio=self._on_audio,
            proxy=endpoint.proxy,
            tls=endpoint.tls,
            event_log=self.event_log,
        )
        self._transport.start()

    def close(self) -> None:
        transport, self._transport = self._transport, None
        bridge, self._bridge = self._bridge, None
        if transport is not None or bridge is not None:
            self._generation += 1
        if bridge is not None:
            bridge.close()  # before the join: a socket thread waiting on the inbox goes on
        if transport is not None:
            transport.close()
        if bridge is not None:
            if transport is not None and transport.alive:
                # The socket thread outlived its join (a stuck connect); it must never emit
                # on a deleted object, so the bridge stays until the thread is gone.
                self._orphans.append((transport, bridge))
            else:
                bridge.deleteLater()
        self._orphans = [(t, b) for t, b in self._orphans if t.alive]

    def send(self, event: dict[str, Any]) -> None:
        if self._transport is not None:
            self._transport.send(event)

    def send_audio(self, pcm: bytes) -> None:
        # PortAudio input thread: straight to the socket (websocket-client sends are locked).
        transport = self._transport
        if transport is not None:
            transport.send_audio(pcm)

    def take_events(self) -> list[ServerEvent]:
        return self._bridge.take_events() if self._bridge is not None else []

    @Slot()
    def _on_bridge_opened(self) -> None:
        if self.sender() is self._bridge:
            self.opened.emit()

    @Slot()
    def _on_bridge_events_arrived(self) -> None:
        if self.sender() is self._bridge:
            self.events_arrived.emit()

    @Slot(object, bool)
    def _on_bridge_failed(self, problem: Problem, was_open: bool) -> None:
        if self.sender() is self._bridge:
            self.failed.emit(problem, was_open)
