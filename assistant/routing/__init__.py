"""Tool use for small models: route the request to a tool by meaning, fill the tool's arguments from the
request and the knowledge folder's real file names, and say failures plainly.

- `router.py`: which tool (or none), from example requests and keywords each tool declares.
- `files.py`: which knowledge-folder file a request names or describes.
- `arguments.py`: each tool's arguments, read from the request (and the previous turn, for follow-ups).
- `planner.py`: the three together, one `Plan` per request, in milliseconds.
"""

from .arguments import FILLERS, Subject
from .files import FolderFiles
from .planner import Plan, Planner, planner_for
from .router import Route, ToolRouter

# What each tool was asked to do, for saying that it could not.
_ACTIONS = {"search_knowledge": "search your files", "lookup_pdf": "read that PDF",
            "describe_image": "look at that picture", "generate_image": "make that picture",
            "transcribe_audio": "transcribe that recording"}


def failure_reply(tool: str, error: str) -> str:
    """What the user hears when a tool failed: that it did not work, and why (never a claimed success)."""
    reason = error.strip().rstrip(".") or "it failed"
    return f"Sorry, I couldn't {_ACTIONS.get(tool, 'do that')}: {reason[0].lower() + reason[1:]}."


__all__ = ["FILLERS", "FolderFiles", "Plan", "Planner", "Route", "Subject", "ToolRouter", "failure_reply",
           "planner_for"]
