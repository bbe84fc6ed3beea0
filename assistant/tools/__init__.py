"""The assistant's tools: one registry (`REGISTRY`, filled by `load_tools()`), read by the agent and the MCP
server. Each tool is a typed function returning a `ToolResult`; `Tool.run(arguments, ToolContext)` validates
the arguments and turns every failure into an error result with a one-line reason."""

from .registry import REGISTRY, Citation, ImageOut, Tool, ToolContext, ToolResult, load_tools

__all__ = ["REGISTRY", "Citation", "ImageOut", "Tool", "ToolContext", "ToolResult", "load_tools"]
