"""The knowledge folder's safety rules: a folder that is missing, unreadable or emptied never empties the index.

- A folder that does not exist or cannot be listed stops a run before anything changes (`FolderUnavailable`,
  exit 2). Only while nothing is indexed is a missing folder created: a new user's first run.
- A run that would remove most of what is indexed (more than half of the indexed files, and more than
  `PRUNE_MIN_FILES`) stops before removing anything unless asked to (`assistant index --prune`): an empty
  mount point, an emptied folder or another folder by mistake look exactly like that.
- Files indexed under a sub-folder that cannot be listed now are kept (the scan reports the folder).
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

from ..errors import InputError
from .catalog import FileRow
from .recordings import AUDIO_SUFFIXES
from .scan import Found, scan

PRUNE_MIN_FILES = 10


class FolderUnavailable(InputError):
    """The knowledge folder does not exist or cannot be listed: nothing was indexed or removed."""


def unavailable(root: Path) -> str | None:
    """Why the folder cannot be listed now (one line for people), or None when it can."""
    try:
        with os.scandir(root) as entries:
            next(entries, None)
    except OSError as exc:
        return describe(root, exc)
    return None


def describe(root: Path, exc: OSError) -> str:
    if isinstance(exc, FileNotFoundError):
        return (f"the knowledge folder {root} does not exist (mistyped? a drive not mounted? "
                f"`mkdir -p {root}` starts an empty one)")
    if isinstance(exc, NotADirectoryError):
        return f"the knowledge folder {root} is not a folder (mistyped?)"
    return f"cannot read the knowledge folder {root} ({exc.strerror or exc}; check its permissions)"


def looks_unmounted(root: Path) -> bool:
    """The folder exists but holds nothing that is not hidden, as an empty mount point does."""
    try:
        with os.scandir(root) as entries:
            return all(entry.name.startswith(".") for entry in entries)
    except OSError:
        return False


def open_folder(root: Path, indexed: int) -> str | None:
    """Check the folder before a run. A missing one is created while nothing is indexed (a note says so);
    otherwise a folder that cannot be listed raises FolderUnavailable, and the index is left as it is."""
    why = unavailable(root)
    if why is None:
        return None
    if indexed == 0 and not os.path.lexists(root):
        try:
            root.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise FolderUnavailable(f"{why}; creating it failed: {exc.strerror or exc}") from exc
        return f"created the knowledge folder {root}: put images, PDFs, notes and recordings in it"
    raise FolderUnavailable(f"{why}; the index was left as it is")


def prepare(root: Path, skip: tuple[Path, ...], known: dict[str, FileRow], rebuild: bool,
            prune: bool) -> tuple[list[Found], list[str], str]:
    """Before a run changes anything: the folder's files, notes for the report, and why the run must stop
    ("" when it may go on). Raises FolderUnavailable when the folder cannot be listed."""
    notes = [created] if (created := open_folder(root, len(known))) else []
    found = walk(root, skip)
    removals = len(set(known) - {f.name for f in found}) if rebuild else likely_removals(known, found)
    return found, notes, "" if prune else removal_stop(removals, len(known), root) or ""


def walk(root: Path, skip: tuple[Path, ...]) -> list[Found]:
    """The folder's files, recordings last (minutes of transcription must not keep a new note from being
    searchable); FolderUnavailable when the folder itself cannot be listed (it went away since the check)."""
    try:
        found = list(scan(root, skip, strict=True))
    except OSError as exc:
        raise FolderUnavailable(f"{describe(root, exc)}; the index was left as it is") from exc
    if why := unavailable(root):  # gone while it was walked: what was not found is not gone
        raise FolderUnavailable(f"{why}; the index was left as it is")
    found.sort(key=lambda f: Path(f.name).suffix.lower() in AUDIO_SUFFIXES)
    return found


def missing(known: Iterable[str], found: list[Found]) -> list[str]:
    """Indexed files that were not found, except those under a sub-folder that cannot be listed now."""
    seen = {f.name for f in found}
    blind = tuple(f.name + "/" for f in found if f.folder)
    return sorted(name for name in known if name not in seen and not (blind and name.startswith(blind)))


def likely_removals(known: dict[str, FileRow], found: list[Found]) -> int:
    """How many indexed files a run would remove, before anything is hashed: a missing file is taken for
    renamed when a new file of its size was found."""
    sizes = Counter(f.size for f in found if f.name not in known and f.problem is None)
    count = 0
    for name in missing(known, found):
        if sizes[known[name].size] > 0:
            sizes[known[name].size] -= 1
        else:
            count += 1
    return count


def removal_stop(removals: int, indexed: int, root: Path) -> str | None:
    """Why a run must not remove `removals` of `indexed` files without --prune, or None when it may."""
    if removals <= PRUNE_MIN_FILES or removals * 2 <= indexed:
        return None
    return (f"stopped before removing {removals} of the {indexed} indexed files: they are not in {root} "
            "(a drive not mounted? an emptied or another folder?); nothing was removed, and "
            "`assistant index --prune` removes them")
