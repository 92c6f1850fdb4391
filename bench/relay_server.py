"""The relay double in a process of its own, so the benchmark measures only the app.

It answers every turn with real speech repeated to --answer-seconds, and appends what it
receives and when it starts sending audio to a JSON-lines log (times: perf_counter, which
is the system-wide monotonic clock here, so both processes share it).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import socket
import sys
import tempfile
import threading
import time
from pathlib import Path

import numpy as np

from desktop.api_facts import RATE
from tests.support.relay_double import RelayDouble, scripted_reply
from tests.support.speech import make_speech

ANSWER = "It is sunny and warm in Shanghai today, about twenty degrees, with a light breeze."


def answer_audio(seconds: float) -> np.ndarray:
    _, speech = make_speech(Path(tempfile.mkdtemp()), ANSWER, "answer")
    repeats = int(np.ceil(seconds * RATE / len(speech)))
    return np.tile(speech, repeats)[: int(seconds * RATE)]


def steady_tone(seconds: float) -> np.ndarray:
    """A tone with no pauses: any silence in it at the speaker is a gap in playback."""
    t = np.arange(int(seconds * RATE)) / RATE
    return (np.sin(2 * np.pi * 440 * t) * 8000).astype(np.int16)


def drops_after_answers(every: int):
    """A rewrite that drops the connection after every `every`-th answer, as relays do when
    an upstream leg ends."""
    answers = 0

    def rewrite(ws, message):
        nonlocal answers
        yield message
        if '"response.done"' in message:
            answers += 1
            if answers % every == 0:
                with contextlib.suppress(OSError):
                    ws.socket.shutdown(socket.SHUT_RDWR)

    return rewrite


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--answer-seconds", type=float, default=3.0)
    parser.add_argument("--pace", type=float, default=0.0)
    parser.add_argument("--jitter", type=float, default=0.0)
    parser.add_argument("--log", required=True)
    parser.add_argument(
        "--tone", action="store_true", help="answer with a steady tone instead of speech"
    )
    parser.add_argument(
        "--drop-every", type=int, default=0, help="drop TCP after every Nth answer (0: never)"
    )
    args = parser.parse_args()

    audio = steady_tone(args.answer_seconds) if args.tone else answer_audio(args.answer_seconds)
    relay = RelayDouble(
        scripted_reply(audio.tobytes(), ANSWER, "上海今天天气怎么样？"),
        pace=args.pace,
        jitter_s=args.jitter,
        rewrite=drops_after_answers(args.drop_every) if args.drop_every else None,
    )
    base_url = relay.start()
    log = open(args.log, "a", buffering=1, encoding="utf-8")  # noqa: SIM115 (lives until exit)
    stop = threading.Event()

    def copy_to_log() -> None:
        seen = sent = 0
        while not stop.wait(0.01):
            while seen < len(relay.received_at):
                event = relay.received[seen]
                size = len(event.get("audio", "")) * 3 // 4
                log.write(
                    json.dumps({"t": relay.received_at[seen], "type": event["type"], "bytes": size})
                    + "\n"
                )
                seen += 1
            while sent < len(relay.first_audio_sent_at):
                log.write(
                    json.dumps({"t": relay.first_audio_sent_at[sent], "type": "first_audio_sent"})
                    + "\n"
                )
                sent += 1

    threading.Thread(target=copy_to_log, daemon=True).start()
    print(base_url, flush=True)
    sys.stdin.read()  # the benchmark closes our stdin to stop us
    stop.set()
    time.sleep(0.05)
    relay.stop()


if __name__ == "__main__":
    main()
