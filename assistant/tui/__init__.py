"""The Textual app (`assistant` with no command)."""

from __future__ import annotations


def run_tui(settings, manager, config_path) -> int:
    from ..runtime import Runtime
    from .app import AssistantApp

    AssistantApp(Runtime(settings, manager), config_path).run()
    return 0
