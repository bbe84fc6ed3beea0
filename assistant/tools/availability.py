"""Which tools can run here: a tool whose model weights are missing is not offered (MCP lists only what works).

A tool names the model roles it needs (`Tool.requires`); it is available when each role's model is on this
machine, loadable offline (`ModelManager.locate(role).ready`: nothing is loaded to find out). The reason a
tool is unavailable names the model and how to get it, as the model registry words it.
"""

from __future__ import annotations

from dataclasses import dataclass

from .registry import Tool


@dataclass(frozen=True)
class ToolStatus:
    tool: Tool
    available: bool
    reason: str  # why it is (not) available, in words

    def to_dict(self) -> dict[str, object]:
        return {"tool": self.tool.name, "available": self.available, "reason": self.reason}


def tool_status(tool: Tool, manager) -> ToolStatus:
    models = []
    for role in tool.requires:
        found = manager.locate(role)
        if not found.ready:
            problem = " ".join((found.problem or "not found").split())
            return ToolStatus(tool, False, f"needs the {role} model {found.spec.source}: {problem}")
        models.append(f"{role} {found.spec.source}")
    return ToolStatus(tool, True, ("models ready: " + ", ".join(models)) if models else "needs no model")


def statuses(tools: dict[str, Tool], manager) -> list[ToolStatus]:
    return [tool_status(t, manager) for t in tools.values()]


def available(tools: dict[str, Tool], manager) -> frozenset[str]:
    """The names of the tools whose models are all here."""
    return frozenset(s.tool.name for s in statuses(tools, manager) if s.available)
