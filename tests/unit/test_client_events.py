import base64
import json

import pytest

from desktop.realtime import client_events as ce
from desktop.realtime.server_events import Dialect
from tests.support.openai_schema import validate_client_event

OPTIONS = ce.SessionOptions(voice="coral", instructions="请用中文回答。")


def _all_events(dialect):
    return [
        ce.session_update(dialect, OPTIONS),
        ce.session_update(dialect, ce.SessionOptions("alloy", "", transcribe_input=False)),
        ce.input_audio_append(b"\x00\x01" * 480),
        ce.input_audio_clear(),
        ce.input_audio_commit(),
        ce.response_create(),
        ce.response_cancel(),
        ce.item_truncate("item_1", 0, 1234),
    ]


@pytest.mark.parametrize("dialect", list(Dialect))
def test_every_client_event_is_valid_in_its_dialect(dialect):
    for event in _all_events(dialect):
        validate_client_event(dialect, json.loads(ce.to_wire(event)))


def test_ga_session_update_turns_vad_off_and_nests_audio():
    session = ce.session_update(Dialect.GA, OPTIONS)["session"]
    assert session["type"] == "realtime"
    assert session["audio"]["input"]["turn_detection"] is None
    assert session["audio"]["input"]["format"] == {"type": "audio/pcm", "rate": 24000}
    assert session["audio"]["output"]["voice"] == "coral"
    assert session["audio"]["input"]["transcription"]["model"]
    assert "modalities" not in session and "voice" not in session


def test_beta_session_update_is_flat():
    session = ce.session_update(Dialect.BETA, OPTIONS)["session"]
    assert session["turn_detection"] is None
    assert session["input_audio_format"] == session["output_audio_format"] == "pcm16"
    assert session["voice"] == "coral"
    assert session["input_audio_transcription"]["model"] == "whisper-1"
    assert "type" not in session and "audio" not in session


def test_audio_is_standard_padded_base64():
    pcm = b"\xfb\xff" * 3  # 6 bytes: '+', '/' and padding would be URL-safe otherwise
    encoded = ce.input_audio_append(pcm)["audio"]
    assert base64.b64decode(encoded, validate=True) == pcm
    assert len(encoded) % 4 == 0


def test_chinese_instructions_travel_as_text_not_escapes():
    wire = ce.to_wire(ce.session_update(Dialect.GA, OPTIONS))
    assert "请用中文回答" in wire


def test_event_ids_are_unique():
    ids = [e["event_id"] for e in _all_events(Dialect.GA)]
    assert len(set(ids)) == len(ids)


def test_every_frame_stays_far_below_the_relays_8_mib_cap():
    from desktop.audio.microphone import PREROLL_MS
    from desktop.realtime.history import SEED_LIMIT, History

    preroll = ce.input_audio_append(bytes(PREROLL_MS * 48))  # the largest append: pre-roll
    history = History()
    for n in range(SEED_LIMIT * 2):
        history = history.write(f"item_{n}", "user" if n % 2 else "assistant", "长" * 4000)
    seeds = history.seed_events(Dialect.GA)
    largest = max(len(ce.to_wire(e).encode()) for e in [preroll, *seeds])
    assert len(seeds) == SEED_LIMIT
    assert largest < 64 * 1024 < 8 * 1024 * 1024
