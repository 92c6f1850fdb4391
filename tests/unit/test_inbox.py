"""Events between the socket thread and the GUI thread: in order, joined, bounded."""

import threading
import time

from desktop.realtime import server_events as se
from desktop.realtime.inbox import EventInbox
from desktop.realtime.problems import Reason


def delta(text, item="item_a"):
    return se.AssistantTranscriptDelta("response.output_audio_transcript.delta", "r", item, text)


def test_deltas_of_one_line_join_until_taken_and_order_is_kept():
    inbox = EventInbox()
    assert inbox.put(delta("Hel")) is True  # empty before: the GUI must be woken
    assert inbox.put(delta("lo")) is False
    assert inbox.put(delta("!", item="item_b")) is False
    inbox.put(se.MalformedFrame("", Reason.FRAME_NOT_JSON))
    inbox.put(se.MalformedFrame("x", Reason.FRAME_UNREADABLE))
    taken = inbox.take_all()
    assert [type(e).__name__ for e in taken] == [
        "AssistantTranscriptDelta",
        "AssistantTranscriptDelta",
        "MalformedFrame",
    ]
    first, second, malformed = taken
    assert isinstance(first, se.AssistantTranscriptDelta) and first.delta == "Hello"
    assert isinstance(second, se.AssistantTranscriptDelta) and second.delta == "!"
    assert isinstance(malformed, se.MalformedFrame)
    assert (
        malformed.count == 2 and malformed.fault is Reason.FRAME_NOT_JSON
    )  # the first one says what
    assert inbox.put(delta("again")) is True


def test_a_final_transcript_is_never_joined():
    inbox = EventInbox()
    inbox.put(
        se.UserTranscript("conversation.item.input_audio_transcription.delta", "u", "a", False)
    )
    inbox.put(
        se.UserTranscript("conversation.item.input_audio_transcription.completed", "u", "ab", True)
    )
    assert len(inbox.take_all()) == 2


def test_a_full_inbox_makes_the_socket_thread_wait_until_the_gui_takes():
    inbox = EventInbox(max_waiting=3)
    for n in range(3):
        inbox.put(se.ResponseCreated("response.created", f"r{n}"))
    put_done = threading.Event()
    thread = threading.Thread(
        target=lambda: (inbox.put(se.ResponseCreated("response.created", "r3")), put_done.set())
    )
    thread.start()
    assert not put_done.wait(0.3)
    assert len(inbox.take_all()) == 3
    assert put_done.wait(2)
    thread.join()
    assert inbox.take_all() == [se.ResponseCreated("response.created", "r3")]


def test_closing_lets_a_waiting_socket_thread_go_on_at_once():
    inbox = EventInbox(max_waiting=1)
    inbox.put(se.ResponseCreated("response.created", "r0"))
    put_done = threading.Event()
    thread = threading.Thread(
        target=lambda: (inbox.put(se.ResponseCreated("response.created", "r1")), put_done.set())
    )
    thread.start()
    assert not put_done.wait(0.3)  # waiting: the inbox is full
    started = time.monotonic()
    inbox.close()
    assert put_done.wait(2) and time.monotonic() - started < 0.5
    thread.join()
    assert inbox.take_all() == []
