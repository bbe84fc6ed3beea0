"""The assistant's tools: one explicit list (`TOOLS`), read by the agent and the MCP server.

Each tool is a typed function whose first parameter is its `ToolContext`; `Tool.run(arguments, ctx)`
validates the arguments and turns every failure into an error result with a one-line reason. Adding a
tool is one function with `@tool` and one entry below.
"""

from . import describe_image, generate_image, knowledge, transcribe_audio
from .registry import Citation, ImageOut, Tool, ToolContext, ToolResult

# (Each module is named after its tool; the package exports the modules, the tools are reached through them.)
TOOLS: tuple[Tool, ...] = (knowledge.search_knowledge, knowledge.lookup_pdf, describe_image.describe_image,
                           generate_image.generate_image, transcribe_audio.transcribe_audio)


def all_tools() -> dict[str, Tool]:
    """The tools by name, in the order models and MCP clients see them."""
    return {t.name: t for t in TOOLS}


__all__ = ["TOOLS", "Citation", "ImageOut", "Tool", "ToolContext", "ToolResult", "all_tools"]
