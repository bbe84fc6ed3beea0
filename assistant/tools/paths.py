"""Path confinement for tool arguments: a name resolves inside its folder, or it is refused."""

from __future__ import annotations

from pathlib import Path

from ..errors import InputError


def confine(root: Path, name: str, what: str = "file", must_exist: bool = True) -> Path:
    """`name` (relative to `root`, or absolute inside it) as a real path inside `root`.

    Refused with a clear error: `..` that climbs out, absolute paths elsewhere, symlinks whose target
    is outside, NUL bytes. The check is on the fully resolved path, so links cannot smuggle a way out.
    """
    if not name or "\x00" in name:
        raise InputError(f"{what} name is empty or invalid")
    base = root.resolve()
    candidate = Path(name).expanduser()
    full = candidate if candidate.is_absolute() else base / candidate
    resolved = full.resolve(strict=False)
    if not resolved.is_relative_to(base):
        raise InputError(f"{what} {name!r} is outside the knowledge folder; give a path inside {root}")
    if must_exist and not resolved.exists():
        raise InputError(f"{what} not found in the knowledge folder: {name}")
    return resolved
