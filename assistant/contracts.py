"""The values every layer shares, on the ground floor: what a chat model streams, and the tool call it may ask for.

A chat engine (`roles.ChatModel.stream`) yields typed chunks, never text to be parsed again:

    Text(text)              prose, as it is generated (brackets and code fences included: it is the reply)
    ToolCall(name, args)    a whole tool call, its arguments already a dict (the engine assembled the
                            fragments a server streams, or decoded under the tool's schema)
    Usage(...)              token counts, last

`tool_choice` says what the model may do with the tools it is offered: "auto" (call one or answer), "none",
"required" (some tool), or a tool's name (that tool: its arguments decoded under its JSON schema where the
engine can constrain decoding). `response_schema` constrains a reply to a JSON schema.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, Literal

Message = dict[str, Any]  # OpenAI-style: {"role": ..., "content": str | [parts], "tool_calls": [...]}
ToolSchema = dict[str, Any]  # {"type": "function", "function": {"name", "description", "parameters"}}
ToolChoice = Literal["auto", "none", "required"] | str  # ... or the name of the one tool to call


@dataclass(frozen=True)
class Text:
    """A piece of the reply's prose."""

    text: str


@dataclass
class ToolCall:
    """A call the model asks for: a tool's name and its arguments."""

    name: str
    arguments: dict[str, Any] = field(default_factory=dict)
    id: str | None = None  # the engine's id for it, when it has one (answered by a tool message with that id)


@dataclass(frozen=True)
class Usage:
    """Token counts of one reply (where the engine knows them)."""

    prompt_tokens: int = 0
    reused_tokens: int = 0  # of the prompt, taken from the cache of the last one
    new_tokens: int = 0


ChatChunk = Text | ToolCall | Usage


def text_of(chunks: Iterable[ChatChunk]) -> str:
    """The prose of a reply (its tool calls and counts left out)."""
    return "".join(c.text for c in chunks if isinstance(c, Text))


def tool_named(tools: list[ToolSchema] | None, name: str) -> ToolSchema | None:
    """The schema of the tool called `name` among `tools`."""
    return next((t for t in tools or [] if (t.get("function") or {}).get("name") == name), None)


def forced_call_schema(tools: list[ToolSchema], choice: ToolChoice) -> tuple[str | None, dict[str, Any]]:
    """The JSON schema a constrained decoder fills to make a call `choice` demands: (the tool's name, its
    parameters) for a named tool; (None, one object per tool: {"name": const, "arguments": parameters}) for
    "required"."""
    if choice not in ("auto", "none", "required"):
        tool = tool_named(tools, choice)
        if tool is None:
            raise ValueError(f"tool_choice names {choice!r}, which is not among the tools offered")
        return choice, _parameters(tool)
    options = [{"type": "object", "properties": {"name": {"const": t["function"]["name"]},
                                                 "arguments": _parameters(t)},
                "required": ["name", "arguments"], "additionalProperties": False} for t in tools]
    return None, options[0] if len(options) == 1 else {"anyOf": options}


def _parameters(tool: ToolSchema) -> dict[str, Any]:
    return tool["function"].get("parameters") or {"type": "object", "properties": {}}
