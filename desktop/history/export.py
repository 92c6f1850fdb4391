"""A kept conversation as JSON (the contract in the project's design: fields not known are
absent or null, never invented), Markdown or plain text."""

from __future__ import annotations

import json
from typing import Any

from desktop.history.store import Conversation, Spent, Turn
from desktop.realtime.heard import split_heard
from desktop.realtime.pricing import Cost

FORMATS = ("markdown", "json", "text")
ROLE_NAMES = {"user": "User", "assistant": "Assistant"}


def turn_object(turn: Turn) -> dict[str, Any]:
    shown: dict[str, Any] = {"role": turn.role}
    if turn.role == "user":
        shown["source"] = turn.source
    shown["started"] = turn.started
    shown["text"] = turn.text
    if turn.role == "assistant":
        shown["interrupted"] = turn.interrupted
        if not turn.interrupted:
            shown["heard_text"], shown["unheard_text"] = turn.text, ""
        elif turn.heard_chars is not None:
            shown["heard_text"], shown["unheard_text"] = split_heard(turn.text, turn.heard_chars)
        else:  # where the user cut in is not known (kept before it was): null, not guessed
            shown["heard_text"], shown["unheard_text"] = None, None
        if turn.unasked:
            shown["unasked"] = True
    if turn.usage is not None:
        shown["usage"] = turn.usage.exported()
        shown["cost"] = _cost(turn.cost)
    if turn.latency is not None:
        shown["latency_ms"] = turn.latency.exported()
    return shown


def _cost(cost: Cost | None) -> dict[str, Any] | None:
    # Amounts are fractions of a cent: rounded to what a bill could show, never to zero.
    return None if cost is None else {"amount": round(cost.amount, 8), "currency": cost.currency}


def _totals(spent: Spent) -> dict[str, Any]:
    return {"usage": spent.usage.exported(), "cost": _cost(spent.cost)}


def conversation_object(conversation: Conversation) -> dict[str, Any]:
    return {
        "id": conversation.id,
        "title": conversation.title,
        "created": conversation.created,
        "model": conversation.model,
        "base_url": conversation.base_url,
        "turns": [turn_object(turn) for turn in conversation.turns],
    } | ({} if conversation.totals is None else {"totals": _totals(conversation.totals)})


def to_json(conversation: Conversation) -> str:
    return json.dumps(conversation_object(conversation), ensure_ascii=False, indent=2) + "\n"


def _heading(conversation: Conversation) -> tuple[str, str]:
    title = conversation.title or "Conversation"
    return title, f"{conversation.created} · {conversation.model} · {conversation.base_url}"


def _markdown_text(turn: Turn) -> str:
    body = turn.text.strip()
    if turn.interrupted and turn.heard_chars is not None:
        heard, unheard = split_heard(turn.text, turn.heard_chars)
        struck = f"~~{unheard.strip()}~~" if unheard.strip() else ""
        body = " ".join(part for part in (heard.strip(), struck) if part)
    if turn.interrupted:
        body += "\n\n*(interrupted)*"
    return body


def to_markdown(conversation: Conversation) -> str:
    title, facts = _heading(conversation)
    parts = [f"# {title}", f"*{facts}*"]
    for turn in conversation.turns:
        source = f" ({turn.source})" if turn.source else ""
        parts.append(f"## {ROLE_NAMES.get(turn.role, turn.role)}{source} · {turn.started}")
        parts.append(_markdown_text(turn))
    return "\n\n".join(parts) + "\n"


def to_text(conversation: Conversation) -> str:
    title, facts = _heading(conversation)
    lines = [title, facts, ""]
    for turn in conversation.turns:
        cut = " [interrupted]" if turn.interrupted else ""
        lines.append(f"{ROLE_NAMES.get(turn.role, turn.role)}: {turn.text.strip()}{cut}")
    return "\n".join(lines) + "\n"


def render(conversation: Conversation, format_name: str) -> str:
    return {"markdown": to_markdown, "json": to_json, "text": to_text}[format_name](conversation)
