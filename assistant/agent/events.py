"""What a turn yields as it happens: the model's first token, text as it streams, tool calls and their results, the
end of the turn with its timings."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..contracts import ToolResult


@dataclass
class FirstToken:
    """The model's first token of the turn arrived (prose, or a tool call the engine delivered whole)."""


@dataclass
class TextDelta:
    text: str


@dataclass
class ToolCallStarted:
    name: str
    arguments: dict[str, Any]


@dataclass
class ToolCallFinished:
    name: str
    arguments: dict[str, Any]
    result: ToolResult


@dataclass
class TurnDone:
    reply: str
    tool_calls: list[ToolCallFinished] = field(default_factory=list)
    interrupted: bool = False
    timings: dict[str, float] = field(default_factory=dict)


AgentEvent = FirstToken | TextDelta | ToolCallStarted | ToolCallFinished | TurnDone
