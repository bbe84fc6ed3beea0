"""The agent: one conversation with the chat model (`core.Agent`), the turns a router decides (`routed`), the
events a turn yields (`events`) and the messages it keeps (`messages`)."""

from .core import CITE, SYSTEM_PROMPT, TOOL_HINT, Agent
from .events import AgentEvent, FirstToken, TextDelta, ToolCallFinished, ToolCallStarted, TurnDone
from .messages import NO_ANSWER, RESULT_OPENING

__all__ = ["CITE", "NO_ANSWER", "RESULT_OPENING", "SYSTEM_PROMPT", "TOOL_HINT", "Agent", "AgentEvent", "FirstToken",
           "TextDelta", "ToolCallFinished", "ToolCallStarted", "TurnDone"]
