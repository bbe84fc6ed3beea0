"""The `assistant` command's subcommands: one module each, in the order `--help` lists them.

Each module has `add(subparsers, shared)`, which declares its parser and binds its entry point with
`set_defaults(run=...)`; an entry point takes an `Invocation` (the parsed flags, with the settings, the
model registry and the runtime built on first use) and returns the exit status. Modules import what is
heavy inside their entry point, so `assistant --help` stays quick.
"""

from __future__ import annotations

import argparse
import contextlib
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..config import Settings
    from ..knowledge.base import KnowledgeBase
    from ..models import ModelManager
    from ..runtime import Runtime

NAMES = ("tui", "ask", "chat", "voice", "devices", "index", "search", "pdf", "transcribe", "say", "models", "tools",
         "mcp", "doctor")


@dataclass
class Invocation:
    args: argparse.Namespace

    @cached_property
    def settings(self) -> Settings:
        from ..config import load_settings

        a = self.args
        return load_settings(a.config, profile=a.profile, knowledge_dir=a.knowledge, data_dir=a.data_dir,
                             device=a.device)

    @cached_property
    def manager(self) -> ModelManager:
        from ..models import ModelManager

        return ModelManager(self.settings)

    @cached_property
    def runtime(self) -> Runtime:
        from ..runtime import Runtime

        return Runtime(self.settings, self.manager)

    @contextlib.contextmanager
    def knowledge(self) -> Iterator[KnowledgeBase]:
        """The knowledge folder's index, open for the command and closed after it."""
        from ..knowledge.base import KnowledgeBase

        self.manager.plan("text_embed")  # indexing and searching embed text: a device that is not here is an error
        kb = KnowledgeBase(self.settings, self.manager)
        try:
            yield kb
        finally:
            kb.close()


def add_all(sub: argparse._SubParsersAction, shared: argparse.ArgumentParser) -> None:
    import importlib

    for name in NAMES:
        importlib.import_module(f"{__name__}.{name}").add(sub, shared)
