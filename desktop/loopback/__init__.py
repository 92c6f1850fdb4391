"""A Realtime endpoint on 127.0.0.1: the `--demo` echo, and the relay stand-in of tests."""

from desktop.loopback.behaviour import Behaviour, FrameRewrite, Record
from desktop.loopback.server import ConnectionHook, LoopbackRealtimeServer, RequestCheck
from desktop.loopback.wire import Reply, ReplyFunction, echo_reply

__all__ = [
    "Behaviour",
    "ConnectionHook",
    "FrameRewrite",
    "LoopbackRealtimeServer",
    "Record",
    "Reply",
    "ReplyFunction",
    "RequestCheck",
    "echo_reply",
]
