"""A ceiling on the size of one server message, checked before its bytes are read.

websocket-client reads a whole frame, and joins fragments, into memory before anyone sees
them, so a relay that announces a gigabyte would get a gigabyte. These replacements for its
frame reader and fragment joiner refuse a message over the limit as soon as its length is
known; the session then ends like a dropped socket, with the size in the message.
"""

from __future__ import annotations

from collections.abc import Callable

import websocket
from websocket._abnf import ABNF, continuous_frame, frame_buffer

# Ten minutes of 24 kHz PCM16 in one base64 audio delta is 38 MB; no real event is near it.
MAX_MESSAGE_BYTES = 48 * 1024 * 1024


class MessageTooLarge(websocket.WebSocketPayloadException):
    def __init__(self, size: int, limit: int) -> None:
        super().__init__(f"message of {size} bytes, limit {limit}")
        self.size_mb = round(size / (1024 * 1024))
        self.limit_mb = limit // (1024 * 1024)


class _BoundedFrameBuffer(frame_buffer):
    def __init__(self, recv: Callable[[int], bytes], limit: int) -> None:
        super().__init__(recv, skip_utf8_validation=True)
        self._limit = limit

    def recv_length(self) -> None:
        super().recv_length()
        if self.length is not None and self.length > self._limit:
            raise MessageTooLarge(self.length, self._limit)


class _BoundedFragments(continuous_frame):
    def __init__(self, limit: int) -> None:
        super().__init__(fire_cont_frame=False, skip_utf8_validation=True)
        self._limit = limit

    def add(self, frame: ABNF) -> None:
        so_far = len(self.cont_data[1]) if self.cont_data else 0
        if so_far + len(frame.data) > self._limit:
            raise MessageTooLarge(so_far + len(frame.data), self._limit)
        super().add(frame)


def limit_message_size(ws: websocket.WebSocket, limit: int = MAX_MESSAGE_BYTES) -> None:
    """Call on the socket thread after the handshake, before the first frame is read."""
    # The transport skips UTF-8 validation too (see transport._serve).
    ws.frame_buffer = _BoundedFrameBuffer(ws._recv, limit)
    ws.cont_frame = _BoundedFragments(limit)
