"""`assistant doctor [--json] [--deep [ROLE ...]]`: a newcomer's first stop when something is off.

It looks at the install (Python, the packages against the lock, torch), the machine (system packages,
audio devices, the compute device and memory), each model role, the knowledge folder and its index, and
the MCP token file. Each line says what is wrong and the command that fixes it; the exit status is 1
when something required is broken. `--deep` also loads every available role on its device and runs one
small inference each, timed: the check to run on a GPU workstation after `models pull`.
"""

from __future__ import annotations

import os
from pathlib import Path

from ..config import Settings, default_config_file, load_settings
from ..errors import ConfigError
from . import data, echo_path, install, models, sound, system
from .report import Check, Report

__all__ = ["Check", "Report", "run_doctor"]


def run_doctor(config_file: str | Path | None = None, deep: bool = False, roles: list[str] | None = None,
               **flags) -> Report:
    """Every check; `flags` are the global command-line settings (profile, device, ...)."""
    explicit = config_file or os.environ.get("ASSISTANT_CONFIG")
    path = Path(explicit).expanduser() if explicit else default_config_file()
    settings: Settings | None = None
    error = None
    try:
        settings = load_settings(config_file, **flags)
    except ConfigError as exc:
        error = exc
    report = Report()
    report.facts = {"profile": settings.profile if settings else None,
                    "device": settings.device if settings else None,
                    "config_file": str(path) if path.is_file() else None}
    report.extend([data.config(path, error, bool(explicit))])
    report.extend(install.checks())
    report.extend(system.tools())
    report.extend(system.audio())
    report.extend(sound.checks(settings))
    report.extend([echo_path.library(settings)])
    report.extend(system.compute(settings))
    if settings is None:
        report.extend(data.skipped_for_config(("models", "knowledge", "mcp")))
        return report
    from ..models import ModelManager

    manager = ModelManager(settings)
    report.extend(models.checks(manager))
    report.extend(data.knowledge(settings))
    report.extend(data.mcp(settings))
    if deep:
        from . import deep as deep_checks

        report.extend(deep_checks.checks(manager, roles))
        if not roles and settings.voice.echo_cancellation and sound.has_both_ends():
            report.extend([echo_path.measure(settings.voice)])
    return report
