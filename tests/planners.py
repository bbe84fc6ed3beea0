"""A planner over a folder of empty files (only their names matter to it), with the session's real embedder
(not a test module)."""

from __future__ import annotations

from pathlib import Path

from assistant.routing import FolderFiles, Planner, ToolRouter
from assistant.tools import agent_tools


def planner_over(root: Path, files: list[str], embedder, tools: dict | None = None) -> Planner:
    """`files` made (empty) under `root`, and a planner over them with `tools` (the agent's by default)."""
    for name in files:
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_bytes(b"")
    tools = tools or agent_tools()
    return Planner(ToolRouter(embedder, tools), FolderFiles(root), tools)
