"""The index's catalog (SQLite in the data dir): which file has which content, and the lexical index.

- `files`: path -> sha256, size, mtime. Unchanged files are skipped by (size, mtime) without hashing;
  renamed or duplicated files point at content that is already indexed and cost nothing.
- `contents`: one row per indexed content hash, written last: the commit point of a file's entries.
- `pending`: content whose vector entries are being written; after a crash, `recover()` lists them so
  their partial entries are removed before anything else happens (all or nothing per file).
- `problems`: files that could not be indexed and why, each reported once until the file changes.
- `chunks`: an FTS5 table of every text chunk, for BM25 keyword search next to the dense vectors.
"""

from __future__ import annotations

import functools
import json
import re
import sqlite3
import threading
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from ..languages import a_word, one_letter_apart, spelled_as
from ..words import FUNCTION_WORDS, unaccented

_SCHEMA = """
CREATE TABLE IF NOT EXISTS files(path TEXT PRIMARY KEY, sha256 TEXT NOT NULL, size INTEGER, mtime_ns INTEGER);
CREATE INDEX IF NOT EXISTS files_sha ON files(sha256);
CREATE TABLE IF NOT EXISTS contents(sha256 TEXT PRIMARY KEY, kind TEXT NOT NULL, pages INTEGER,
    meta TEXT, chunks INTEGER, visuals INTEGER, text_model TEXT, visual_model TEXT, indexed_at REAL);
CREATE TABLE IF NOT EXISTS pending(sha256 TEXT PRIMARY KEY, started REAL);
CREATE TABLE IF NOT EXISTS problems(path TEXT PRIMARY KEY, size INTEGER, mtime_ns INTEGER, reason TEXT, at REAL);
CREATE VIRTUAL TABLE IF NOT EXISTS chunks USING fts5(text, chunk_id UNINDEXED, sha256 UNINDEXED,
    page UNINDEXED, heading UNINDEXED, tokenize = 'porter unicode61');
"""


@dataclass(frozen=True)
class FileRow:
    path: str
    sha256: str
    size: int
    mtime_ns: int


@dataclass(frozen=True)
class ContentRow:
    sha256: str
    kind: str
    pages: int | None
    meta: dict
    chunks: int
    visuals: int
    text_model: str | None
    visual_model: str | None


@dataclass(frozen=True)
class LexicalHit:
    chunk_id: str
    sha256: str
    page: int | None
    heading: str | None
    text: str
    score: float  # BM25, higher is better


class Catalog:
    def __init__(self, path: Path, read_only: bool = False):
        """`read_only`: look at an existing catalog (it must exist) without creating or changing anything."""
        self.path = path
        self._lock = threading.RLock()
        if read_only:
            self._db = sqlite3.connect(f"{path.absolute().as_uri()}?mode=ro", uri=True, check_same_thread=False)
            self._db.create_function("starts_word", 2, _starts_word, deterministic=True)
            self._db.create_function("names_word", 2, _names_word, deterministic=True)
            return
        path.parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=NORMAL")
        self._db.executescript(_SCHEMA)
        self._db.create_function("starts_word", 2, _starts_word, deterministic=True)
        self._db.create_function("names_word", 2, _names_word, deterministic=True)

    def close(self) -> None:
        self._db.close()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        with self._lock:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                yield self._db
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
            self._db.execute("COMMIT")

    def _all(self, sql: str, args: Iterable = ()) -> list[tuple]:
        with self._lock:
            return self._db.execute(sql, tuple(args)).fetchall()

    # -- files ------------------------------------------------------------------------------------
    def files(self) -> dict[str, FileRow]:
        return {r[0]: FileRow(*r) for r in self._all("SELECT path, sha256, size, mtime_ns FROM files")}

    def paths_of(self, sha256s: Iterable[str]) -> dict[str, list[str]]:
        shas = list(set(sha256s))
        out: dict[str, list[str]] = {}
        for i in range(0, len(shas), 500):
            batch = shas[i:i + 500]
            marks = ",".join("?" * len(batch))
            for sha, path in self._all(f"SELECT sha256, path FROM files WHERE sha256 IN ({marks}) ORDER BY path",
                                       batch):
                out.setdefault(sha, []).append(path)
        return out

    def set_file(self, row: FileRow) -> None:
        with self.transaction() as db:
            db.execute("INSERT OR REPLACE INTO files VALUES (?, ?, ?, ?)",
                       (row.path, row.sha256, row.size, row.mtime_ns))
            db.execute("DELETE FROM problems WHERE path = ?", (row.path,))

    def remove_file(self, path: str) -> str | None:
        """Forget a path; returns its content hash if no other file has that content any more."""
        with self.transaction() as db:
            found = db.execute("SELECT sha256 FROM files WHERE path = ?", (path,)).fetchone()
            db.execute("DELETE FROM files WHERE path = ?", (path,))
            db.execute("DELETE FROM problems WHERE path = ?", (path,))
            if found is None:
                return None
            others = db.execute("SELECT 1 FROM files WHERE sha256 = ? LIMIT 1", (found[0],)).fetchone()
            return None if others else found[0]

    # -- contents ---------------------------------------------------------------------------------
    def content(self, sha256: str) -> ContentRow | None:
        rows = self._all("SELECT sha256, kind, pages, meta, chunks, visuals, text_model, visual_model "
                         "FROM contents WHERE sha256 = ?", (sha256,))
        return _content(rows[0]) if rows else None

    def kinds(self, sha256s: Iterable[str]) -> dict[str, str]:
        """The kind of each of these contents that is indexed (one query, not one per content)."""
        shas = list(set(sha256s))
        out: dict[str, str] = {}
        for i in range(0, len(shas), 500):
            batch = shas[i:i + 500]
            out.update(self._all(f"SELECT sha256, kind FROM contents WHERE sha256 IN ({','.join('?' * len(batch))})",
                                 batch))
        return out

    def has_entries(self) -> tuple[bool, bool]:
        """Whether any indexed content has text entries, and whether any has visual entries: what a search
        asks before it loads a model for that side (a count of chromadb's entries costs a millisecond each)."""
        text, visual = self._all("SELECT EXISTS(SELECT 1 FROM contents WHERE chunks > 0), "
                                 "EXISTS(SELECT 1 FROM contents WHERE visuals > 0)")[0]
        return bool(text), bool(visual)

    def contents(self) -> list[ContentRow]:
        return [_content(r) for r in self._all("SELECT sha256, kind, pages, meta, chunks, visuals, text_model, "
                                               "visual_model FROM contents")]

    def begin_content(self, sha256: str) -> None:
        self.begin_contents([sha256])

    def begin_contents(self, sha256s: Iterable[str]) -> None:
        """Mark contents as being written (one transaction for a batch of files)."""
        now = time.time()
        with self.transaction() as db:
            db.executemany("INSERT OR REPLACE INTO pending VALUES (?, ?)", [(sha, now) for sha in sha256s])

    def commit_content(self, row: ContentRow, chunks: list[tuple[str, int | None, str | None, str]],
                       file: FileRow) -> None:
        """The commit point: chunks for keyword search, the content row and the file row, at once."""
        with self.transaction() as db:
            db.execute("DELETE FROM chunks WHERE sha256 = ?", (row.sha256,))
            db.executemany("INSERT INTO chunks(text, chunk_id, sha256, page, heading) VALUES (?, ?, ?, ?, ?)",
                           [(text, cid, row.sha256, page, heading) for cid, page, heading, text in chunks])
            db.execute("INSERT OR REPLACE INTO contents VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                       (row.sha256, row.kind, row.pages, json.dumps(row.meta), row.chunks, row.visuals,
                        row.text_model, row.visual_model, time.time()))
            db.execute("INSERT OR REPLACE INTO files VALUES (?, ?, ?, ?)",
                       (file.path, file.sha256, file.size, file.mtime_ns))
            db.execute("DELETE FROM problems WHERE path = ?", (file.path,))
            db.execute("DELETE FROM pending WHERE sha256 = ?", (row.sha256,))

    def set_visuals(self, sha256: str, visuals: int, visual_model: str | None) -> None:
        with self.transaction() as db:
            db.execute("UPDATE contents SET visuals = ?, visual_model = ? WHERE sha256 = ?",
                       (visuals, visual_model, sha256))
            db.execute("DELETE FROM pending WHERE sha256 = ?", (sha256,))

    def drop_content(self, sha256: str) -> None:
        with self.transaction() as db:
            db.execute("DELETE FROM chunks WHERE sha256 = ?", (sha256,))
            db.execute("DELETE FROM contents WHERE sha256 = ?", (sha256,))
            db.execute("DELETE FROM pending WHERE sha256 = ?", (sha256,))

    def last_indexed(self) -> float | None:
        """When content was last added (a Unix time), None for an empty index."""
        return self._all("SELECT MAX(indexed_at) FROM contents")[0][0]

    def orphans(self) -> list[str]:
        """Indexed content that no file has any more (left by a kill between two steps)."""
        return [r[0] for r in self._all("SELECT sha256 FROM contents WHERE sha256 NOT IN (SELECT sha256 FROM files)")]

    def pending(self) -> list[str]:
        return [r[0] for r in self._all("SELECT sha256 FROM pending")]

    # -- problems ---------------------------------------------------------------------------------
    def problems(self) -> dict[str, tuple[int, int, str]]:
        return {r[0]: (r[1], r[2], r[3]) for r in self._all("SELECT path, size, mtime_ns, reason FROM problems")}

    def set_problem(self, path: str, size: int, mtime_ns: int, reason: str) -> None:
        with self.transaction() as db:
            db.execute("INSERT OR REPLACE INTO problems VALUES (?, ?, ?, ?, ?)",
                       (path, size, mtime_ns, reason, time.time()))

    # -- keyword search ---------------------------------------------------------------------------
    def lexical(self, query: str, limit: int = 20, sha256s: Iterable[str] | None = None) -> list[LexicalHit]:
        match = _fts_query(query)
        if not match:
            return []
        sql = "SELECT rowid, -bm25(chunks) FROM chunks WHERE chunks MATCH ?"
        args: list = [match]
        if sha256s is not None:
            shas = list(sha256s)
            sql += f" AND sha256 IN ({','.join('?' * len(shas))})"
            args += shas
        sql += " ORDER BY bm25(chunks) LIMIT ?"
        args.append(limit)
        # The best rows first, then their columns: sorted with their text, every match's text would be read
        # (3,751 of 10k chunks for a common question; this way the look-up takes about 15 % less).
        top = self._all(sql, args)
        if not top:
            return []
        rows = {r[0]: r[1:] for r in self._all("SELECT rowid, chunk_id, sha256, page, heading, text FROM chunks "
                                               f"WHERE rowid IN ({','.join('?' * len(top))})", [t[0] for t in top])}
        return [LexicalHit(r[0], r[1], _int(r[2]), r[3], r[4], float(score))
                for rowid, score in top if (r := rows.get(rowid)) is not None]  # None: deleted in between

    def document_counts(self, words: Iterable[str], kinds: Iterable[str] | None = None,
                        named: bool = False, near: bool = False) -> tuple[dict[str, int], int]:
        """How many chunks hold each word, and how many chunks there are: how rare a word is in the user's files
        (`kinds`: in those kinds of file only, "text" and "audio" for notes and recordings). The full-text index
        finds the chunks by the word's stem; a chunk counts only when one of its words also begins as the word
        does (the Porter stemmer makes the name "Ines" the word "in", and "in" is in every chunk). `named`: only
        the chunks that write the word as a name, capitalised inside a sentence ("Ole walks Bruno" for "bruno").
        `near`: a word of five letters or more that no chunk holds, and no dictionary word, counts the chunks of the
        index's words one letter from it ("tivolli" those of "Tivoli": a name typed in a hurry, or heard a little
        wrong), or those of the dictionary's word ("bulding" those of "building", kept as "build"); "alone" is no
        typo of "along"."""
        kinds = list(kinds) if kinds is not None else None
        test = "names_word" if named else "starts_word"
        sql = f"SELECT count(*) FROM chunks WHERE chunks MATCH ? AND {test}(text, ?)"
        if kinds is not None:
            sql += f" AND sha256 IN (SELECT sha256 FROM contents WHERE kind IN ({','.join('?' * len(kinds))}))"

        def count(word: str) -> int:
            match = _fts_query(word)
            test_word = word if named else _word_start(word)
            return self._all(sql, [match, test_word, *(kinds or [])])[0][0] if match else 0

        counts = {}
        for word in dict.fromkeys(words):
            counts[word] = count(word)
            if near and not counts[word] and len(word) >= 5 and word.isalpha() and not a_word(word):
                fixed = spelled_as(word)
                counts[word] = max((count(other) for other in [*self.words_near(word), *([fixed] if fixed else [])]),
                                   default=0)
        total_sql = "SELECT COALESCE(SUM(chunks), 0) FROM contents"
        if kinds is not None:
            total_sql += f" WHERE kind IN ({','.join('?' * len(kinds))})"
        return counts, self._all(total_sql, kinds or [])[0][0]

    def words_near(self, word: str) -> list[str]:
        """The index's words one letter from `word` (changed, added, dropped or two swapped), as the index keeps them
        (Porter stems: "tivoli", not "entrance" but "entranc"); the same first letter."""
        word = word.lower()
        with self._lock:
            self._db.execute("CREATE VIRTUAL TABLE IF NOT EXISTS temp.chunk_words USING fts5vocab(main, chunks, row)")
        rows = self._all("SELECT term FROM temp.chunk_words WHERE term >= ? AND term < ? AND length(term) BETWEEN ? AND ?",
                         [word[0], chr(ord(word[0]) + 1), len(word) - 1, len(word) + 1])
        return [term for (term,) in rows if one_letter_apart(word, term)]

    def chunk_texts(self, chunk_ids: Iterable[str]) -> dict[str, str]:
        ids = list(chunk_ids)
        if not ids:
            return {}
        rows = self._all(f"SELECT chunk_id, text FROM chunks WHERE chunk_id IN ({','.join('?' * len(ids))})", ids)
        return dict(rows)

    def page_text(self, sha256: str, page: int | None, chunks: int = 2) -> str:
        """The first chunks of a PDF page (or of an image's text), for a snippet."""
        if page is None:
            rows = self._all("SELECT text FROM chunks WHERE sha256 = ? LIMIT ?", (sha256, chunks))
        else:
            rows = self._all("SELECT text FROM chunks WHERE sha256 = ? AND page = ? LIMIT ?", (sha256, page, chunks))
        return "\n".join(r[0] for r in rows)

    def clear(self) -> None:
        with self.transaction() as db:
            for table in ("files", "contents", "pending", "problems", "chunks"):
                db.execute(f"DELETE FROM {table}")


def _content(r: tuple) -> ContentRow:
    return ContentRow(r[0], r[1], r[2], json.loads(r[3] or "{}"), r[4] or 0, r[5] or 0, r[6], r[7])


def _int(value) -> int | None:
    return None if value is None or value == "" else int(value)


_TOKEN = re.compile(r"[^\W_]+")


def _word_start(word: str) -> str:
    """How a word (and its inflections) begins: one ending dropped ("ines" -> "ine", "party" -> "part");
    "" for a word of several tokens (matched as a phrase by the index already)."""
    word = word.lower()
    if len(_TOKEN.findall(word)) != 1:
        return ""
    ending = next((e for e in ("ing", "ed", "es", "s", "e", "y") if word.endswith(e) and len(word) - len(e) >= 3), "")
    return word[: len(word) - len(ending)]


@functools.lru_cache(maxsize=256)
def _word_start_pattern(start: str) -> re.Pattern[str]:
    return re.compile(rf"(?<![^\W_]){re.escape(start)}", re.IGNORECASE)


def _starts_word(text: str | None, start: str) -> bool:
    """A word of the text begins with `start`, accents aside (the full-text index drops them too: "café" is in
    "Repair Cafe")."""
    return not start or (text is not None and _word_start_pattern(unaccented(start)).search(unaccented(text)) is not None)


@functools.lru_cache(maxsize=256)
def _name_pattern(word: str) -> re.Pattern[str]:
    return re.compile(rf"(?<![^\W_]){re.escape(word[:1].upper() + word[1:].lower())}(?![^\W\d_])")


def _names_word(text: str | None, word: str) -> bool:
    """The text writes the word as a name: capitalised inside a sentence of prose, and nowhere in lower case. Not in
    a heading or a table row (Title Case), not as a label's value alone ("Dinner: Pasta"), but as a full name after
    one ("Teacher: Chiara Russo"). Accents aside ("zoe" is named by "Zoë")."""
    if text is not None:
        text, word = unaccented(text), unaccented(word)
    if not word or text is None or re.search(rf"(?<![^\W_]){re.escape(word.lower())}(?![^\W\d_])", text):
        return False
    for match in _name_pattern(word).finditer(text):
        line_start = text.rfind("\n", 0, match.start()) + 1
        if text[line_start:].lstrip()[:1] in ("#", "|"):
            continue
        before = text[line_start:match.start()].rstrip(" \t\"'“‘(")
        if not before or before[-1] in ".!?;*-•>":
            continue
        if before[-1] == ":" and not re.match(r"\s+[A-Z][a-z]", text[match.end():]):
            continue
        return True
    return False


def _fts_query(text: str) -> str:
    """Words of a free-text query as an FTS5 OR query (quoted, so punctuation cannot break the syntax).

    A word is cut where FTS5's unicode61 tokenizer cuts the indexed text (at every character that is not
    a letter or digit, `_` included); a word of several such tokens (`BZ2_bzReadGetUnused`, `low-level`,
    `libtasn1.h`) becomes a phrase, so it matches those tokens side by side.
    """
    text = re.sub(r"(?<=[^\W_])['’]s\b", "", text)  # "the plumber's name": "plumber", not the phrase "plumber s"
    terms = [" ".join(t) for w in text.lower().split() if (t := _TOKEN.findall(w))]
    kept = [t for t in terms if t not in FUNCTION_WORDS] or terms
    return " OR ".join(f'"{t}"' for t in dict.fromkeys(kept))
