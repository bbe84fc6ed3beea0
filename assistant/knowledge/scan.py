"""Walk the knowledge folder: the files to index, and the ones refused on sight (with why).

Hidden files and folders (`is_hidden`: the one rule the tools and resources follow too) and the data dir are
ignored, and so is a link to a hidden file; symlinks are not followed out of the folder;
names that are not valid UTF-8 get a printable display name (`display_name`) that maps back to them.
A sub-folder that cannot be listed is reported (`Found.folder`), not skipped in silence.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Found:
    name: str  # relative to the knowledge folder, "/"-separated, printable (the catalog key)
    path: Path  # the real path on disk
    size: int
    mtime_ns: int
    problem: str | None = None
    folder: bool = False  # a sub-folder that cannot be listed: the files indexed under it are kept


def is_hidden(relative: Path | str) -> bool:
    """A name inside the knowledge folder that is hidden: a part of it starts with a dot."""
    return any(part.startswith(".") and part not in (".", "..") for part in Path(relative).parts)


def display_name(relative: str) -> str:
    """A printable UTF-8 name for a relative path, even if the name on disk is not valid UTF-8."""
    raw = os.fsencode(relative)
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("utf-8", "backslashreplace")


def scan(root: Path, skip: tuple[Path, ...] = (), strict: bool = False) -> Iterator[Found]:
    """The files under `root`. `strict`: raise the OSError when `root` itself cannot be listed (it is gone,
    unreadable, not a folder); else such a folder looks empty."""
    root = root.resolve()
    skipped = {p.resolve() for p in skip}
    errors: list[OSError] = []  # folders os.walk could not list
    for folder, dirs, files in os.walk(root, onerror=errors.append, followlinks=False):
        yield from _unlisted(root, errors, strict)
        here = Path(folder)
        kept = []
        for d in sorted(dirs):
            if d.startswith("."):
                continue
            sub = here / d
            try:
                if sub.is_symlink():  # os.walk does not enter linked folders; one inside is indexed where it is
                    if not sub.resolve().is_relative_to(root):
                        yield Found(display_name(sub.relative_to(root).as_posix()), sub, 0, 0,
                                    "symlink leads outside the knowledge folder (not followed)")
                    continue
                if sub.resolve() not in skipped:
                    kept.append(d)
            except (OSError, RuntimeError) as exc:  # a symlink loop (RuntimeError before Python 3.13)
                yield Found(display_name(sub.relative_to(root).as_posix()), sub, 0, 0,
                            f"unreadable folder ({getattr(exc, 'strerror', None) or 'symlink loop'})")
        dirs[:] = kept
        for name in sorted(files):
            if name.startswith("."):
                continue
            path = here / name
            rel = display_name(path.relative_to(root).as_posix())
            try:
                if path.is_symlink():
                    target = path.resolve()
                    if not target.is_relative_to(root):
                        yield Found(rel, path, 0, 0, "symlink leads outside the knowledge folder (not followed)")
                        continue
                    if is_hidden(target.relative_to(root)):  # a visible name for a hidden file: hidden too
                        continue
                st = path.stat()
            except OSError as exc:  # a dangling symlink, a race with a delete
                yield Found(rel, path, 0, 0, f"unreadable file ({exc.strerror or 'cannot read it'})")
                continue
            except RuntimeError:  # a symlink loop (Python before 3.13)
                yield Found(rel, path, 0, 0, "unreadable file (symlink loop)")
                continue
            if not stat.S_ISREG(st.st_mode):  # a FIFO would block the reader forever, a device never ends
                yield Found(rel, path, 0, st.st_mtime_ns, "not a regular file (a pipe, socket or device)")
                continue
            if not os.access(path, os.R_OK):
                yield Found(rel, path, st.st_size, st.st_mtime_ns, "unreadable file (permission denied)")
                continue
            yield Found(rel, path, st.st_size, st.st_mtime_ns)
    yield from _unlisted(root, errors, strict)


def _unlisted(root: Path, errors: list[OSError], strict: bool) -> Iterator[Found]:
    """The folders os.walk could not list: a sub-folder is a problem (one deleted meanwhile is just gone)."""
    while errors:
        exc = errors.pop(0)
        where = Path(exc.filename) if exc.filename else root
        if where == root:
            if strict:
                raise exc
            continue
        if isinstance(exc, FileNotFoundError):
            continue
        yield Found(display_name(where.relative_to(root).as_posix()), where, 0, 0,
                    f"unreadable folder ({exc.strerror or exc}): the files indexed from it are kept", folder=True)


def real_path(root: Path, name: str) -> Path | None:
    """The file on disk for a catalog name (the inverse of `display_name`), if it still exists."""
    direct = root / name
    if direct.exists():
        return direct
    parent = (root / name).parent
    if not parent.is_dir():
        return None
    for entry in parent.iterdir():
        if display_name(entry.relative_to(root).as_posix()) == name:
            return entry
    return None
