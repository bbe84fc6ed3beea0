"""The lock (`constraints/lock.txt`, made by `make lock`) against what is installed.

The lock holds the exact version of every Python package of a CPU install. On a GPU install torch and
torchvision are CUDA builds from PyTorch's index at the lock's versions (`+cu130` instead of `+cpu`), so
their local version label is not compared there.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

LOCK_FILE = Path(__file__).resolve().parents[2] / "constraints" / "lock.txt"
_PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s;#]+)")
GPU_BUILDS = frozenset({"torch", "torchvision"})  # CUDA builds on a GPU install


def normalise(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def read_lock(path: Path = LOCK_FILE) -> dict[str, str]:
    """{normalised name: version} of every pin in a pip-compile output."""
    pins = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        match = _PIN.match(line.strip())
        if match:
            pins[normalise(match.group(1))] = match.group(2)
    return pins


@dataclass(frozen=True)
class Drift:
    name: str
    locked: str
    installed: str | None  # None: not installed


def drift(pins: dict[str, str]) -> list[Drift]:
    """Locked packages that are missing or at another version in this environment."""
    installed = {normalise(d.metadata["Name"]): d.version for d in metadata.distributions() if d.metadata["Name"]}
    cuda = "+cu" in installed.get("torch", "")
    out = []
    for name, locked in sorted(pins.items()):
        have = installed.get(name)
        if have == locked:
            continue
        if have is not None and cuda and name in GPU_BUILDS and have.split("+")[0] == locked.split("+")[0]:
            continue  # the CUDA build of the locked version
        out.append(Drift(name, locked, have))
    return out
