"""A Realtime endpoint on 127.0.0.1: the `--demo` echo, and the relay stand-in of tests."""

from desktop.loopback.server import LoopbackRealtimeServer
from desktop.loopback.wire import Reply, ReplyFunction, echo_reply

__all__ = ["LoopbackRealtimeServer", "Reply", "ReplyFunction", "echo_reply"]
