"""The assistant's tools: one explicit list (`TOOLS`), read by the agent and the MCP server.

Each tool is a typed function whose first parameter is its `ToolContext`; `Tool.run(arguments, ctx)`
validates the arguments and turns every failure into an error result with a one-line reason. Adding a
tool is one function with `@tool` (its description, example requests, keywords and routing hints declared
with it: `routing_hints.Routing`, how a small model's router fills in its arguments) and one entry below.
The agent is offered the tools marked `for_agent`; MCP clients get every tool whose models are here
(`availability.py`), and ask_assistant beside them: a turn of the agent built on these tools, so it lives above
them (`mcp/ask.py`). What a tool returns (`ToolResult`, with `Citation`, `ImageOut`, `AudioOut`) is a value
every layer reads: it lives in `assistant/contracts.py`.
"""

from . import (calculate, convert_units, date_time, describe_image, embeddings, generate_image, knowledge, speech,
               transcribe_audio)
from .registry import Hints, Tool, ToolContext

# (Each module is named after its tool; the package exports the modules, the tools are reached through them.)
TOOLS: tuple[Tool, ...] = (knowledge.search_knowledge, knowledge.lookup_pdf, describe_image.describe_image,
                           generate_image.generate_image, transcribe_audio.transcribe_audio,
                           calculate.calculate, convert_units.convert_units, date_time.date_time,
                           speech.synthesize_speech, embeddings.embed_text, embeddings.embed_image)


def all_tools() -> dict[str, Tool]:
    """The tools by name, in the order models and MCP clients see them."""
    return {t.name: t for t in TOOLS}


def agent_tools() -> dict[str, Tool]:
    """The tools the chat model is offered (the others serve programs: vectors, audio files)."""
    return {t.name: t for t in TOOLS if t.for_agent}


__all__ = ["TOOLS", "Hints", "Tool", "ToolContext", "agent_tools", "all_tools"]
