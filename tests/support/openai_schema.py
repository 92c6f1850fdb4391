"""The `openai` package's event types, used only to check what the app sends and reads."""

from __future__ import annotations

import typing
from typing import Any

from openai.types import realtime as ga_types
from openai.types.beta import realtime as beta_types
from pydantic import TypeAdapter

from desktop.realtime.server_events import Dialect

_MODULES = {Dialect.GA: ga_types, Dialect.BETA: beta_types}


def _members(union: Any) -> tuple[Any, ...]:
    while typing.get_origin(union) is typing.Annotated:
        union = typing.get_args(union)[0]
    return tuple(
        typing.get_args(m)[0] if typing.get_origin(m) is typing.Annotated else m
        for m in typing.get_args(union)
    )


def event_classes(dialect: Dialect, side: str) -> dict[str, Any]:
    """{wire type: pydantic model} of the server's or the client's event union."""
    module = _MODULES[dialect]
    union = module.RealtimeServerEvent if side == "server" else module.RealtimeClientEvent
    return {typing.get_args(m.model_fields["type"].annotation)[0]: m for m in _members(union)}


def validate_client_event(dialect: Dialect, event: dict[str, Any]) -> None:
    TypeAdapter(_MODULES[dialect].RealtimeClientEvent).validate_python(event)


def validate_server_event(dialect: Dialect, event: dict[str, Any]) -> None:
    TypeAdapter(_MODULES[dialect].RealtimeServerEvent).validate_python(event)


def minimal_payload(model: Any) -> dict[str, Any]:
    """The smallest JSON object the model accepts: required fields with simplest values."""
    schema = model.model_json_schema()
    defs = schema.get("$defs", {})

    def build(node: dict[str, Any]) -> Any:
        if "$ref" in node:
            return build(defs[node["$ref"].split("/")[-1]])
        if "const" in node:
            return node["const"]
        if "enum" in node:
            return node["enum"][0]
        for key in ("anyOf", "oneOf"):
            if key in node:
                options = [o for o in node[key] if o.get("type") != "null"]
                return build(options[0])
        kind = node.get("type")
        if kind == "object" or "properties" in node:
            props = node.get("properties", {})
            return {name: build(props[name]) for name in node.get("required", [])}
        samples = {"string": "x", "integer": 0, "number": 0, "boolean": False, "array": []}
        return samples.get(str(kind))

    return build(schema)
