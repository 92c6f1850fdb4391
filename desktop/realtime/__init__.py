"""The Realtime wire protocol, the session logic and the socket: no Qt, no audio."""
