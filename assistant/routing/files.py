"""Which file in the knowledge folder a request means: named exactly ("photos/lake.jpg"), or described
("the lake photo", "my espresso machine manual", "the standup recordng"), matched against the folder's
real file names. Nothing is ever invented: a named file that is not there is reported as named, and a
description that fits no file resolves to nothing.
"""

from __future__ import annotations

import difflib
import functools
import re
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from ..knowledge.images import IMAGE_SUFFIXES  # (not via extract: that loads PyMuPDF, 0.4 s)
from ..knowledge.recordings import AUDIO_SUFFIXES  # what the index transcribes is what can be named for it
from ..knowledge.scan import scan
from ..routing_hints import FileKind
from ..words import FILE_KIND_WORDS, NOT_FILE_NAMES

SUFFIXES: dict[FileKind, set[str]] = {"image": IMAGE_SUFFIXES, "pdf": {".pdf"}, "audio": AUDIO_SUFFIXES}

SIMILAR_NAME = 0.85  # a misspelt file name ("stnadup.wav") this close to one real file means it
SIMILAR = 0.8  # difflib ratio at which a misspelt word matches a name part ("espreso" ~ "espresso")
# A file name, matched only from the start of a run of name characters (from inside one it would rescan the
# run's rest at every character: quadratic in one long word).
_NAMED = re.compile(r"(?<![\w./\\-])[\w./\\-]+\.([A-Za-z0-9]{2,5})\b")


@dataclass(frozen=True)
class FileMention:
    file: str | None  # the file meant, relative to the knowledge folder (None: no file fits)
    named: str | None = None  # what the user called it when they gave a file name (kept even when absent)


_KINDS = {suffix: kind for kind, suffixes in SUFFIXES.items() for suffix in suffixes}


def kind_of(name: str) -> FileKind | None:
    dot = name.rfind(".")
    return _KINDS.get(name[dot:].lower()) if dot > name.rfind("/") else None


def words_of(text: str) -> list[str]:
    return [w for w in re.findall(r"[^\W_]+", text.lower()) if len(w) > 1]


def spelled_alike(word: str, key: str, ratio: float, max_gap: int = 2) -> bool:
    """A misspelling: both words of 4+ letters, lengths at most `max_gap` apart, difflib's ratio at least
    `ratio` (the router's keywords, file names and command words all use this)."""
    if len(word) < 4 or len(key) < 4 or abs(len(word) - len(key)) > max_gap:
        return False
    if 2 * min(len(word), len(key)) / (len(word) + len(key)) < ratio:  # difflib's real_quick_ratio, without a matcher
        return False
    matcher = difflib.SequenceMatcher(None, word, key)
    return matcher.quick_ratio() >= ratio and matcher.ratio() >= ratio


def resolve(request: str, files: Sequence[str], kinds: Iterable[FileKind],
            known: Callable[[str], bool] | None = None) -> FileMention:
    """The file of one of `kinds` that the request means, if any. `known(word)`: the word is one the user's own
    files use, so no misspelling of a name ("barking" in a note about the neighbours is not "parking.wav")."""
    wanted = set(kinds)
    candidates = [f for f in files if kind_of(f) in wanted]
    named_any = False
    for match in _NAMED.finditer(request):
        named = match.group(0).strip("./\\")
        kind = kind_of(named)
        named_any = named_any or kind is not None
        if kind in wanted:
            return FileMention(_by_name(named, candidates), named)
    if named_any:  # the request names a file of another kind: it is not about one of these
        return FileMention(None)
    words = words_of(request)
    by_part = _files_by_part(tuple(candidates))
    said = list(dict.fromkeys(w for w in words if w not in NOT_FILE_NAMES))  # each distinct word compared once
    likely = {name for part, names in by_part.items() if any(_same(w, part, known) for w in said) for name in names}
    best, best_score = None, 0.0
    for name in sorted(likely, key=candidates.index) if len(likely) < 64 else [c for c in candidates if c in likely]:
        score = _fit(words, name, known)
        if score > best_score:
            best, best_score = name, score
    return FileMention(best)


def asks_for(text: str, kind: FileKind, own: Iterable[str] = ()) -> bool:
    """Whether the request asks for a file of `kind` at all: it holds a word for such a file or for what is done
    with one ("memo", "play"; "photo", "describe"; "letter", "page"), or one of `own` (the tool's words). A
    word of a file's name alone does not: "How much did Marek quote?" is no request for marek-callback.wav."""
    said = set(words_of(text))
    return bool(said & FILE_KIND_WORDS[kind]) or any(w.lower() in said for w in own)


def _by_name(named: str, files: Sequence[str]) -> str | None:
    """A file named exactly (its path, or only its file name), letter case aside, or misspelt a little
    ("stnadup.wav": standup.wav) when only one file is that close."""
    lowered = named.lower().replace("\\", "/")
    for name in files:
        if name.lower() == lowered or PurePosixPath(name).name.lower() == PurePosixPath(lowered).name:
            return name
    base = PurePosixPath(lowered).name
    close = [name for name in files if difflib.SequenceMatcher(None, PurePosixPath(name).name.lower(), base).ratio()
             >= SIMILAR_NAME]
    return close[0] if len(close) == 1 else None


def _fit(words: list[str], name: str, known: Callable[[str], bool] | None = None) -> float:
    """How well the request's words describe a file name: the share of the name's own words it says, or 0
    when a word the user put right before a matched one contradicts it ("washing machine" is not
    "espresso-machine")."""
    parts = _parts(name)
    if not parts:
        return 0.0
    matched_at = {}
    for part in parts:
        for i, word in enumerate(words):
            if word not in NOT_FILE_NAMES and _same(word, part, known):
                matched_at[part] = i
                break
    if not matched_at:
        return 0.0
    for part, i in matched_at.items():
        before = words[i - 1] if i > 0 else ""
        if before and before not in NOT_FILE_NAMES and not before.isdigit() and \
                not any(_same(before, p, known) for p in parts):
            return 0.0
    return len(matched_at) / len(parts)


@functools.lru_cache(maxsize=8)
def _files_by_part(files: tuple[str, ...]) -> dict[str, list[str]]:
    """Each distinctive name word, and the files whose names hold it (a folder's vocabulary is small: a
    request's words are compared with it, not with every file)."""
    index: dict[str, list[str]] = {}
    for name in files:
        for part in _parts(name):
            index.setdefault(part, []).append(name)
    return index


@functools.lru_cache(maxsize=65536)
def _parts(name: str) -> list[str]:
    """The words of a file's name that can tell it apart (cached: a folder's names are matched again and again)."""
    return [p for p in words_of(PurePosixPath(name).stem) if p not in NOT_FILE_NAMES and not p.isdigit()]


def _same(word: str, part: str, known: Callable[[str], bool] | None = None) -> bool:
    if word == part or (len(part) >= 4 and len(word) >= 4 and (word.startswith(part) or part.startswith(word))):
        return True
    return spelled_alike(word, part, SIMILAR, max_gap=3) and not (known is not None and known(word))


class FolderFiles:
    """The knowledge folder's file names, re-read when older than `max_age` seconds."""

    def __init__(self, root: Path, skip: tuple[Path, ...] = (), max_age: float = 2.0):
        self.root, self.skip, self.max_age = root, skip, max_age
        self._names: list[str] = []
        self._read_at = -float("inf")

    def names(self) -> list[str]:
        if time.monotonic() - self._read_at > self.max_age:
            self._names = [f.name for f in scan(self.root, self.skip) if f.problem is None] \
                if self.root.is_dir() else []
            self._read_at = time.monotonic()
        return self._names
