"""When, where and how a benchmark ran, recorded in its JSON result (`"stamp"`) for docs/performance.md."""

from __future__ import annotations

import datetime
import os
import platform
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]


def _gpu() -> str | None:
    if shutil.which("nvidia-smi") is None:
        return None
    try:
        out = subprocess.run(["nvidia-smi", "--query-gpu=name", "--format=csv,noheader"], capture_output=True,
                             text=True, timeout=10)
    except (OSError, subprocess.SubprocessError):
        return None
    return out.stdout.strip().splitlines()[0] if out.returncode == 0 and out.stdout.strip() else None


def _commit() -> str | None:
    """The commit the code ran at, "+changes" when the product's code differed from it (uncommitted edits)."""
    try:
        head = subprocess.run(["git", "-C", str(REPO), "rev-parse", "--short", "HEAD"], capture_output=True,
                              text=True, timeout=10)
        edited = subprocess.run(["git", "-C", str(REPO), "diff", "--quiet", "HEAD", "--", "assistant"], timeout=10)
    except (OSError, subprocess.SubprocessError):
        return None
    commit = head.stdout.strip()
    return (commit + ("+changes" if edited.returncode == 1 else "")) or None


def stamp() -> dict[str, Any]:
    script = Path(sys.argv[0]).resolve()
    shown = script.relative_to(REPO) if script.is_relative_to(REPO) else script.name
    return {"date": datetime.datetime.now().strftime("%Y-%m-%d %H:%M"),
            "commit": _commit(),
            "command": " ".join(["python", str(shown), *sys.argv[1:]]),
            "machine": {"processor": platform.machine(), "platform": platform.platform(), "cpus": os.cpu_count(),
                        "load_average": list(os.getloadavg()), "gpu": _gpu()}}
