"""`assistant` (or `assistant tui`): the terminal app."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from ..errors import InputError
from . import Invocation


def add(sub, shared) -> None:
    tui = sub.add_parser("tui", parents=[shared], help="the terminal app: speak or type (also what plain "
                         "`assistant` runs)")
    tui.set_defaults(run=run)


def run(inv: Invocation) -> int:
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        raise InputError("the terminal app needs an interactive terminal; from scripts use `assistant ask "
                         "TEXT`, `assistant voice --input FILE` or `assistant chat`")
    from ..config import default_config_file
    from ..tui.app import AssistantApp

    config = Path(inv.args.config or os.environ.get("ASSISTANT_CONFIG") or default_config_file())
    AssistantApp(inv.runtime, config).run()
    return 0
