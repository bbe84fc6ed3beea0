"""Everything a front end needs, built once: settings, model registry, tools, tool context, agent.

The CLI, the voice loop, the TUI and the MCP server all start from a Runtime, so they share the same
objects (and the same loaded models) instead of each wiring its own.
"""

from __future__ import annotations

from functools import cached_property

from .config import Settings
from .models import ModelManager


class Runtime:
    def __init__(self, settings: Settings, manager: ModelManager | None = None):
        self.settings = settings
        self.manager = manager or ModelManager(settings)

    @cached_property
    def tools(self):
        from .tools.registry import load_tools

        return dict(load_tools())

    @cached_property
    def context(self):
        from .tools.registry import ToolContext

        return ToolContext(self.settings, self.manager)

    @property
    def knowledge(self):
        return self.context.knowledge

    def agent(self, **options):
        from .agent import Agent

        return Agent(self.manager, self.tools, self.context, **options)
