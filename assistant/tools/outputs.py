"""Files tools create in the knowledge folder's `generated/`: found again by name, written whole or not at all.

Names are `<prefix>-<UTC time>-<words>-<short hash>.<suffix>`: sortable, unique, and findable by their words
(the index reads file names). A file is written under a hidden temporary name (the indexer skips dot files)
with O_EXCL (never through a planted symlink), then renamed into place.
"""

from __future__ import annotations

import hashlib
import os
import re
import time
from collections.abc import Callable
from datetime import datetime, timezone
from pathlib import Path
from typing import BinaryIO

from ..errors import InputError

SLUG_CHARS = 32


def generated_folder(settings) -> Path:
    """knowledge/generated, created if needed; refused if it (or a link) leads out of the knowledge folder."""
    root = settings.knowledge_dir.resolve()
    folder = settings.generated_dir
    folder.mkdir(parents=True, exist_ok=True)
    real = folder.resolve()
    if not real.is_relative_to(root) or not real.is_dir():
        raise InputError("the generated/ folder leads outside the knowledge folder")
    return real


def output_name(prefix: str, words: str, suffix: str, salt: str = "") -> str:
    slug = ""
    for word in re.findall(r"[a-z0-9]+", words.lower()):
        if len(slug) + len(word) + 1 > SLUG_CHARS:
            break
        slug = f"{slug}-{word}" if slug else word
    digest = hashlib.sha256(f"{salt} {time.time_ns()} {os.getpid()}".encode()).hexdigest()[:6]
    stamp = datetime.now(timezone.utc).strftime("%Y%m%d-%H%M%S")
    return "-".join(p for p in (prefix, stamp, slug, digest) if p) + suffix


def save_new(folder: Path, name: Callable[[], str], write: Callable[[BinaryIO], object]) -> Path:
    """Write a new file in `folder` (named by `name()`, asked again on a clash); its path."""
    for _ in range(5):
        path = folder / name()
        if path.exists():
            continue
        temporary = folder / f".{path.name}.tmp"
        try:
            with open(temporary, "xb") as out:  # O_EXCL: never writes through a planted symlink
                write(out)
            if path.exists():
                continue
            os.replace(temporary, path)
            return path
        finally:
            temporary.unlink(missing_ok=True)
    raise InputError("could not find a free file name in generated/")
