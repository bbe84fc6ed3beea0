"""The computing tools (calculator, units, date and time) run as the agent runs them, without models: the
context both their test modules use (not a test module)."""

from __future__ import annotations

import pytest

from assistant.config import load_settings
from assistant.tools import all_tools
from assistant.tools.registry import ToolContext

TOOLS = all_tools()


@pytest.fixture(scope="module")
def ctx(tmp_path_factory):
    root = tmp_path_factory.mktemp("tools")
    return ToolContext(load_settings(knowledge_dir=root, data_dir=root / "data"), manager=None)


def run(ctx, tool: str, **arguments):
    return TOOLS[tool].run(arguments, ctx)
