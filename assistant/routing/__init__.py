"""Tool use for small models: route the request to a tool by meaning, fill the tool's arguments from the
request and the knowledge folder's real file names, and say failures plainly.

- `router.py`: which tool (or none), from example requests and keywords each tool declares.
- `files.py`: which knowledge-folder file a request names or describes.
- `arguments.py`: each tool's arguments, read from the request (and the previous turn, for follow-ups), as
  the tool's routing hints describe them (`Tool.routing`, `assistant/routing_hints.py`).
- `planner.py`: the three together, one `Plan` per request, in milliseconds.

Nothing here names a tool: a tool brings its examples, keywords and hints with it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .arguments import Subject
from .files import FolderFiles
from .planner import Plan, Planner, planner_for
from .router import Route, ToolRouter

if TYPE_CHECKING:
    from ..tools.registry import Tool


def failure_reply(tool: Tool, error: str) -> str:
    """What the user hears when a tool failed: that it did not work, and why (never a claimed success)."""
    action = tool.routing.action if tool.routing is not None else "do that"
    reason = error.strip().rstrip(".") or "it failed"
    return f"Sorry, I couldn't {action}: {reason[0].lower() + reason[1:]}."


__all__ = ["FolderFiles", "Plan", "Planner", "Route", "Subject", "ToolRouter", "failure_reply",
           "planner_for"]
