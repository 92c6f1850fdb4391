"""Every problem, state and hint as words a user can act on (translatable)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from desktop.realtime.problems import Problem, ProblemKind
from desktop.realtime.session import Hint, Link


def _tr(text: str) -> str:
    return QCoreApplication.translate("messages", text)


def link_text(link: Link) -> str:
    return {
        Link.OFFLINE: _tr("Not connected"),
        Link.CONNECTING: _tr("Connecting…"),
        Link.READY: _tr("Connected"),
        Link.LOST: _tr("Connection lost"),
        Link.FAILED: _tr("Could not connect"),
    }[link]


def hint_text(hint: Hint) -> str:
    return {
        Hint.TOO_SHORT: _tr("That was too short to hear. Hold Space or Talk while you speak."),
        Hint.CONNECTING: _tr("Still connecting. Hold to talk again in a moment."),
    }[hint]


def _advice(kind: ProblemKind) -> str:
    return {
        ProblemKind.BAD_KEY: _tr("The relay did not accept your API key. Check it in Settings."),
        ProblemKind.NOT_ALLOWED: _tr(
            "Your key is not allowed to use this model or relay. Check the key's permissions."
        ),
        ProblemKind.WRONG_ADDRESS: _tr(
            "Nothing answers at this address. Check the base URL in Settings."
        ),
        ProblemKind.BAD_REQUEST: _tr("The relay refused the request."),
        ProblemKind.UNKNOWN_MODEL: _tr(
            "The relay does not offer this model. Pick another model or check its name."
        ),
        ProblemKind.RATE_LIMITED: _tr("Too many requests. Wait a minute, then try again."),
        ProblemKind.NO_QUOTA: _tr("Your balance or quota is used up. Top it up, then reconnect."),
        ProblemKind.RELAY_TROUBLE: _tr(
            "The relay could not reach the model right now. Try again shortly."
        ),
        ProblemKind.UNREACHABLE: _tr(
            "Cannot reach the relay. Check your network and the base URL."
        ),
        ProblemKind.DROPPED: _tr(
            "The connection was dropped. Your conversation is kept; reconnect to go on."
        ),
        ProblemKind.SERVER_ERROR: _tr("The server reported a problem:"),
        ProblemKind.MISSING_KEY: _tr("Enter your API key in Settings to start talking."),
        ProblemKind.INVALID_SETTINGS: _tr("Check Settings:"),
        ProblemKind.NO_MICROPHONE: _tr("No microphone could be opened. Connect one and try again."),
        ProblemKind.NO_SPEAKER: _tr("No speaker could be opened; answers will be text only."),
    }[kind]


def problem_text(problem: Problem) -> str:
    """One paragraph: advice first, then the server's own words and ids for support."""
    parts = [_advice(problem.kind)]
    detail = problem.message
    if problem.status is not None:
        detail = f"HTTP {problem.status}" + (f": {detail}" if detail else "")
    if detail:
        parts.append(detail)
    if problem.request_id and problem.request_id not in detail:
        parts.append(_tr("Request id: {0}").format(problem.request_id))
    return " ".join(parts)
