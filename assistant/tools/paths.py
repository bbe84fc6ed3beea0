"""Path confinement for tool arguments: a name resolves inside its folder, or it is refused.

One rule for every way in (tools, resources, the index, search): hidden files and folders (a name part that
starts with a dot, after links are resolved) are not served, and are refused with the same words as a file
that does not exist. A refusal never depends on what exists outside the folder.
"""

from __future__ import annotations

import os
from pathlib import Path

from ..errors import InputError
from ..knowledge.scan import is_hidden

MAX_NAME_CHARS = 4096  # PATH_MAX on Linux: anything longer is not a file name


def confine(root: Path, name: str, what: str = "file", must_exist: bool = True) -> Path:
    """`name` (relative to `root`, or absolute inside it) as a real path inside `root`.

    Refused with a clear error: `..` that climbs out, absolute paths elsewhere, symlinks whose target
    is outside, NUL bytes. The check is on the fully resolved path, so links cannot smuggle a way out.
    """
    if not name or "\x00" in name or not _encodable(name):
        raise InputError(f"{what} name is empty or invalid")
    if len(name) > MAX_NAME_CHARS:
        raise InputError(f"{what} name is too long ({len(name):,} characters; at most {MAX_NAME_CHARS:,})")
    base = root.resolve()
    candidate = Path(name).expanduser()
    full = candidate if candidate.is_absolute() else base / candidate
    try:
        resolved = full.resolve(strict=False)
    except (OSError, RuntimeError) as exc:  # a name part too long, a symlink loop (RuntimeError on 3.11)
        raise InputError(f"{what} {name!r} cannot be resolved: {getattr(exc, 'strerror', None) or exc}") from None
    if not resolved.is_relative_to(base):
        raise InputError(f"{what} {name!r} is outside the knowledge folder; give a path relative to it")
    if is_hidden(resolved.relative_to(base)) or (must_exist and not _exists(resolved)):
        raise InputError(f"{what} not found in the knowledge folder: {_printable(name)}")
    return resolved


def _encodable(name: str) -> bool:
    """Whether a name can be a file name here (a lone surrogate from JSON's "\\ud800" cannot)."""
    try:
        os.fsencode(name)
    except UnicodeEncodeError:
        return False
    return True


def _printable(name: str) -> str:
    """A name as it can be shown (a name read off the disk may hold bytes that are not UTF-8)."""
    return name.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def _exists(path: Path) -> bool:
    try:
        return path.exists()
    except OSError:  # ENAMETOOLONG and friends: no such file can exist
        return False


def knowledge_or_generated(knowledge_dir: Path, generated_dir: Path, name: str, what: str = "file") -> Path:
    """A file in the knowledge folder (`photos/cat.jpg`), or a generated image's id (`gen-...png`, the
    file name under `generated_dir`, itself in the knowledge folder). Both confined to the knowledge folder
    (a generated/ folder linked elsewhere serves nothing); a regular file, or an InputError."""
    path = confine(knowledge_dir, name, what, must_exist=False)  # refuses '..', paths elsewhere, links out
    if _is_file(path):
        return path
    if not Path(name).is_absolute() and Path(generated_dir).is_relative_to(knowledge_dir):
        inside = Path(generated_dir).relative_to(knowledge_dir) / name
        try:
            generated = confine(knowledge_dir, inside.as_posix(), what, must_exist=False)
        except InputError:  # out of the folder, or hidden: not an id (the knowledge path was tried above)
            generated = None
        if generated is not None and _is_file(generated):
            return generated
    if _exists(path):
        raise InputError(f"{what} {name!r} is not a regular file")
    raise InputError(f"{what} not found in the knowledge folder or among generated images: {name}")


def _is_file(path: Path) -> bool:
    try:
        return path.is_file()
    except OSError:
        return False
