import base64
import json

import pytest

from desktop.realtime import server_events as se
from tests.support.openai_schema import event_classes, minimal_payload, validate_server_event

# The classes the app acts on; every other valid event becomes OtherEvent.
EXPECTED_CLASS = {
    "session.created": se.SessionCreated,
    "session.updated": se.SessionUpdated,
    "error": se.ServerError,
    "input_audio_buffer.committed": se.InputCommitted,
    "input_audio_buffer.cleared": se.InputCleared,
    "conversation.item.input_audio_transcription.delta": se.UserTranscript,
    "conversation.item.input_audio_transcription.completed": se.UserTranscript,
    "conversation.item.input_audio_transcription.failed": se.UserTranscriptFailed,
    "response.created": se.ResponseCreated,
    "response.done": se.ResponseDone,
    "response.output_audio.delta": se.AudioDelta,
    "response.audio.delta": se.AudioDelta,
    "response.output_audio_transcript.delta": se.AssistantTranscriptDelta,
    "response.audio_transcript.delta": se.AssistantTranscriptDelta,
    "response.output_text.delta": se.AssistantTranscriptDelta,
    "response.text.delta": se.AssistantTranscriptDelta,
    "response.output_audio_transcript.done": se.AssistantTranscriptDone,
    "response.audio_transcript.done": se.AssistantTranscriptDone,
    "response.output_text.done": se.AssistantTranscriptDone,
    "response.text.done": se.AssistantTranscriptDone,
    "conversation.item.truncated": se.ItemTruncated,
}


def _all_server_types() -> list:
    return [
        pytest.param(dialect, kind, model, id=f"{dialect.value}:{kind}")
        for dialect in se.Dialect
        for kind, model in event_classes(dialect, "server").items()
    ]


@pytest.mark.parametrize(("dialect", "kind", "model"), _all_server_types())
def test_every_server_event_of_both_dialects_parses(dialect, kind, model):
    payload = minimal_payload(model)
    if kind.endswith("audio.delta"):
        payload["delta"] = base64.b64encode(b"\x01\x00" * 10).decode()
    validate_server_event(dialect, payload)  # the payload is a real event of that dialect

    event = se.parse_server_event(json.dumps(payload))

    assert not isinstance(event, se.MalformedFrame), event
    assert event.type == kind
    assert isinstance(event, EXPECTED_CLASS.get(kind, se.OtherEvent))


def test_audio_delta_is_decoded_once_at_the_edge():
    pcm = bytes(range(256)) * 4
    frame = {
        "type": "response.output_audio.delta",
        "event_id": "e1",
        "response_id": "resp_1",
        "item_id": "item_1",
        "output_index": 0,
        "content_index": 0,
        "delta": base64.b64encode(pcm).decode(),
    }
    event = se.parse_server_event(json.dumps(frame))
    assert event == se.AudioDelta(
        "response.output_audio.delta", "resp_1", "item_1", 0, pcm, frames=len(pcm) // 2
    )


def test_dialect_is_read_from_the_session_shape():
    ga = {"type": "realtime", "audio": {"input": {}, "output": {}}, "output_modalities": ["audio"]}
    beta = {"modalities": ["text", "audio"], "input_audio_format": "pcm16", "voice": "alloy"}
    assert se.dialect_of(ga) is se.Dialect.GA
    assert se.dialect_of(beta) is se.Dialect.BETA


def test_error_event_keeps_the_servers_words():
    frame = {
        "type": "error",
        "event_id": "evt_123",
        "error": {
            "message": "当前分组 default 下对于模型 x 无可用渠道 (request id: 2025abc)",
            "type": "new_api_error",
            "param": "",
            "code": "model_not_found",
        },
    }
    event = se.parse_server_event(json.dumps(frame, ensure_ascii=False))
    assert isinstance(event, se.ServerError)
    assert event.message.startswith("当前分组")
    assert event.code == "model_not_found"


@pytest.mark.parametrize(
    "frame",
    [
        "not json",
        b"\xff\xfe",
        "[1, 2]",
        '{"no_type": 1}',
        '{"type": "response.output_audio.delta", "delta": "%%%not-base64%%%"}',
        '{"type": "response.output_audio.delta", "delta": 17}',
        '{"type": "response.done", "response": {"id": 5}}',
        # Python's JSON reader accepts Infinity, and int() of it overflows.
        '{"type": "response.output_audio.delta", "delta": "", "content_index": Infinity}',
    ],
)
def test_malformed_frames_become_a_value_not_an_exception(frame):
    assert isinstance(se.parse_server_event(frame), se.MalformedFrame)


def test_unknown_event_types_are_tolerated():
    event = se.parse_server_event('{"type": "response.brand_new_thing", "x": 1}')
    assert event == se.OtherEvent("response.brand_new_thing")
