"""The loopback server stops at once even when a client stopped reading mid-answer (its
send would otherwise block forever, holding the connection's lock)."""

from __future__ import annotations

import base64
import json
import threading

import websocket

from desktop.loopback import Behaviour, LoopbackRealtimeServer, Reply


def test_stop_returns_while_a_client_has_stopped_reading():
    minutes_of_audio = bytes(24000 * 2 * 300)  # far more than the socket buffers hold
    server = LoopbackRealtimeServer(Behaviour(lambda _heard: Reply(minutes_of_audio, "long", "")))
    base = server.start().replace("http://", "ws://")
    client = websocket.create_connection(f"{base}/v1/realtime?model=gpt-realtime")
    assert json.loads(client.recv())["type"] == "session.created"
    speech = base64.b64encode(bytes(24000 * 2 // 5)).decode()  # 200 ms
    client.send(json.dumps({"type": "input_audio_buffer.append", "audio": speech}))
    client.send(json.dumps({"type": "input_audio_buffer.commit"}))
    client.send(json.dumps({"type": "response.create"}))
    wait_for_a_full_socket = threading.Event()
    wait_for_a_full_socket.wait(0.5)  # the server fills the socket buffers; nothing is read
    stopped = threading.Event()
    threading.Thread(target=lambda: (server.stop(), stopped.set()), daemon=True).start()
    try:
        assert stopped.wait(10), "stop() hung on a connection whose client stopped reading"
    finally:
        client.close()
