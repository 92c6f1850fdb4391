"""Typed turns, and cutting off the answer that a new turn (spoken or typed) interrupts."""

from __future__ import annotations

from dataclasses import replace

from desktop.realtime import client_events as ce
from desktop.realtime.session_events import (
    Connect,
    DropResponseAudio,
    Effect,
    Heard,
    Hint,
    Link,
    LinkChanged,
    Role,
    Send,
    ShowHint,
    TextSent,
    TranscriptInterrupted,
    TranscriptText,
)
from desktop.realtime.session_state import Result, SessionState

_REMEMBERED_DROPS = 16


def cut_off_answer(state: SessionState, heard: Heard | None) -> Result:
    """The answer in progress is cancelled, and the item truncated at what was heard."""
    out: list[Effect] = []
    dropped = state.dropped_responses
    history = state.history
    if state.response_id is not None:
        out += [Send(ce.response_cancel()), DropResponseAudio(state.response_id)]
        dropped = (*dropped[-(_REMEMBERED_DROPS - 1) :], state.response_id)
    if heard is not None:
        out += [
            Send(ce.item_truncate(heard.item_id, heard.content_index, heard.audio_end_ms)),
            TranscriptInterrupted(heard.item_id, _heard_chars(state, heard)),
        ]
        history = history.interrupt(heard.item_id)
    new = replace(state, dropped_responses=dropped, create_after_done=False, history=history)
    return new, tuple(out)


def _heard_chars(state: SessionState, heard: Heard) -> int | None:
    timeline = next((t for t in state.timelines if t.item_id == heard.item_id), None)
    return None if timeline is None else timeline.heard_chars(heard.audio_end_ms)


def typed_turn(state: SessionState, event: TextSent) -> Result:
    """A message from the keyboard: a user text item, then an answer (in text, if asked)."""
    text = event.text.strip()
    if not text:
        return state, ()
    shown = TranscriptText(Role.USER, event.item_id, text, append=False, final=True, typed=True)
    if state.link is not Link.READY:
        new = replace(state, pending_texts=(*state.pending_texts, event))
        effects: tuple[Effect, ...] = (shown, ShowHint(Hint.CONNECTING))
        if state.link is not Link.CONNECTING and state.options is not None:
            new = replace(new, link=Link.CONNECTING, attempts=0)
            effects = (LinkChanged(Link.CONNECTING), Connect(), *effects)
        return new, effects
    state, out = cut_off_answer(state, event.heard)
    assert state.dialect is not None, "a ready session knows its dialect"
    history = state.history.write(event.item_id, Role.USER.value, text)
    effects = (*out, Send(ce.text_item_create(state.dialect, Role.USER.value, text)), shown)
    state = replace(state, history=history, text_only_next=event.text_only)
    if state.response_id is None:
        create = Send(ce.response_create(state.dialect, event.text_only))
        return replace(state, asked_responses=state.asked_responses + 1), (*effects, create)
    # The cancelled answer is still ending: the next one is asked for when it has.
    return replace(state, create_after_done=True), effects


def send_pending_texts(state: SessionState) -> Result:
    """What was typed while the session was on its way, now that it is up."""
    effects: list[Effect] = []
    pending, state = state.pending_texts, replace(state, pending_texts=())
    for typed in pending:
        state, more = typed_turn(state, typed)
        effects += more
    return state, tuple(effects)
