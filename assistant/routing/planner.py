"""Route, then fill: the tool a request needs (`ToolRouter`) and its arguments (`arguments.FILLERS`), in
milliseconds and without the chat model. The agent uses it for small models (`PromptPolicy.tool_routing`).

A request that refers back ("now describe it", "and page 3?") leans towards the last turn's tool and takes
its file from there; a request whose file resolves (named or described) leans towards the tool for that
kind of file.
"""

from __future__ import annotations

import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from .arguments import FILE_KINDS, FILLERS, Missing, Request, Subject
from .files import FolderFiles
from .router import Route, ToolRouter

FOLLOW_UP_BONUS = 0.2  # a follow-up leans towards the previous turn's tool
FILE_BONUS = 0.15  # a request naming a file of a tool's kind leans towards that tool


@dataclass
class Plan:
    tool: str | None  # None: answer without a tool
    arguments: dict[str, Any] = field(default_factory=dict)
    reply: str | None = None  # said as it is, instead of calling: why the tool cannot run
    route: Route | None = None
    seconds: float = 0.0


class Planner:
    def __init__(self, router: ToolRouter, files: FolderFiles, tools: Mapping[str, Any]):
        self.router = router
        self.files = files
        self.tools = tools

    def plan(self, text: str, subject: Subject | None = None) -> Plan:
        started = time.perf_counter()
        request = Request(text, self.files.names(), subject)
        hints: dict[str, float] = {}
        if request.follow_up and subject is not None and subject.tool is not None:
            hints[subject.tool] = FOLLOW_UP_BONUS
        for tool, kind in FILE_KINDS.items():
            mention = request.mention(kind)
            if mention.file or mention.named:
                hints[tool] = hints.get(tool, 0.0) + FILE_BONUS
        route = self.router.route(text, {k: v for k, v in hints.items() if k in self.tools})
        plan = Plan(route.tool, route=route)
        if route.tool is not None and route.tool in FILLERS:
            filled = FILLERS[route.tool](request)
            if isinstance(filled, Missing):
                plan = Plan(None, reply=filled.reason, route=route)
            else:
                plan.arguments = filled
        plan.seconds = time.perf_counter() - started
        return plan
