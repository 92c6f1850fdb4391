"""What the session logic remembers between inputs: one immutable value."""

from __future__ import annotations

from dataclasses import dataclass, field

from desktop.realtime import client_events as ce
from desktop.realtime import server_events as se
from desktop.realtime.heard import Timeline
from desktop.realtime.history import History
from desktop.realtime.problems import Problem
from desktop.realtime.session_events import Effect, Link, TextSent


@dataclass(frozen=True)
class SessionState:
    link: Link = Link.OFFLINE
    options: ce.SessionOptions | None = None
    dialect: se.Dialect | None = None
    talking: bool = False
    pending_talk: bool = False  # pressed while connecting: talk as soon as the session is up
    press_silenced: bool = False  # the press under way cut an answer off (a stop, not a turn)
    response_id: str | None = None  # between response.created and response.done
    create_after_done: bool = False
    dropped_responses: tuple[str, ...] = ()  # the latest few: late events of these are ignored
    history: History = field(default_factory=History)
    expired: bool = False  # the server announced the end of the session
    # The latest error not followed by anything that worked: if the socket closes now, it
    # says why (relays send one error frame, then drop TCP; one-hub ends on any error).
    last_error: Problem | None = None
    attempts: int = 0  # failed connects in a row while the user waits
    # A retry is on its way: it goes ahead even if the user lets go meanwhile, so the link
    # comes back without a turn rather than staying lost with the window unaware.
    retry_scheduled: bool = False
    asked_responses: int = 0  # response.create sent, response.created not yet seen
    unasked_responses: tuple[str, ...] = ()  # responses the relay started on its own
    # (item id, characters shown) of the lines streaming now: user and assistant overlap.
    streamed: tuple[tuple[str, int], ...] = ()
    # How the answers streaming now arrived, transcript against audio (the latest few).
    timelines: tuple[Timeline, ...] = ()
    ignored_frames: int = 0  # malformed frames of this session; the first one is told
    pending_texts: tuple[TextSent, ...] = ()  # typed while connecting: sent once it is up
    text_only_next: bool = False  # the answer asked for after a cancelled one: text only


Effects = tuple[Effect, ...]
Result = tuple[SessionState, Effects]
