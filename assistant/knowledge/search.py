"""Retrieval over the knowledge index: hybrid search and PDF look-up, cited by file and page.

A text query runs three searches and fuses their rankings (reciprocal rank fusion):
dense text vectors (text_embed), BM25 keywords (SQLite FTS5) and CLIP (text -> images and PDF pages).
Hits on the same PDF page or image are merged; near-identical text and duplicate files are collapsed.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Literal

from ..errors import InputError, ModelUnavailable
from ..sentence_encoder import query_encoder
from .catalog import Catalog
from .store import VectorStore

Kind = Literal["any", "image", "pdf", "text", "audio"]
RRF_K = 60
# How much each ranking counts in the fusion. CLIP's text->image match is weaker evidence than a text
# match, so it counts half when the query is text; an image query has only the visual ranking.
WEIGHTS = {"text": 1.0, "keywords": 1.0, "visual_text": 0.5, "visual": 1.0}
# Below this CLIP text->image cosine a picture is not about the query (CLIP ViT models: ~0.3 for a match,
# 0.1-0.2 for unrelated pairs). A clip spec can set its own `min_text_image_similarity`.
MIN_TEXT_IMAGE_SIMILARITY = 0.2
SNIPPET = 320
MAX_PAGES = 30  # pages read verbatim in one call


@dataclass
class Hit:
    file: str  # relative to the knowledge folder
    kind: str  # image | pdf | text | audio
    page: int | None  # PDFs
    score: float  # fused rank score (higher is better)
    snippet: str
    image_path: str | None = None  # absolute path of the image file, for images
    start: float | None = None  # recordings: where the quoted words begin, in seconds (stored as the "page")
    also: list[str] = field(default_factory=list)  # other files with the same content
    matched_by: list[str] = field(default_factory=list)  # "text", "keywords", "visual"
    text: str = ""  # the whole passage the snippet is cut from (a chunk of a note, a PDF page's, a recording's)

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass
class SearchResult:
    query: str
    hits: list[Hit]
    notes: list[str] = field(default_factory=list)

    def to_dict(self) -> dict:
        return {"query": self.query, "hits": [h.to_dict() for h in self.hits], "notes": self.notes}


@dataclass
class Passage:
    file: str
    page: int
    text: str
    score: float | None = None


class Searcher:
    def __init__(self, settings, manager, catalog: Catalog, store: VectorStore):
        self.settings = settings
        self.manager = manager
        self.catalog = catalog
        self.store = store

    # -- search_knowledge -------------------------------------------------------------------------
    def search(self, query: str = "", kind: Kind = "any", limit: int = 5, image: Path | None = None,
               within: set[str] | None = None) -> SearchResult:
        if kind not in ("any", "image", "pdf", "text", "audio"):
            raise InputError(f"unknown kind {kind!r} (any, image, pdf, text or audio)")
        if not 1 <= limit <= 100:
            raise InputError("limit must be between 1 and 100")
        query = (query or "").strip()
        if not query and image is None:
            raise InputError("give a query text or an image")
        notes: list[str] = []
        depth = max(40, limit * 4)
        rankings: dict[str, list[tuple[tuple, str, int | None, str | None]]] = {}
        texts, visuals = self.catalog.has_entries()  # a side with no entries loads no model
        if image is not None:
            rankings["visual"] = self._visual(self._clip(notes, required=True).embed_images(
                [_load(image, self.settings.max_image_pixels)])[0],
                                              kind, depth, within)
        if query:
            rankings["text"] = self._dense(query, kind, depth, within) if texts else []
            rankings["keywords"] = self._keywords(query, kind, depth, within)
            clip = self._clip(notes, required=False, empty=not visuals) if kind != "text" else None
            if clip is not None:
                floor = self.manager.spec("clip").options.get("min_text_image_similarity",
                                                              MIN_TEXT_IMAGE_SIMILARITY)
                rankings["visual_text"] = self._visual(clip.embed_texts([query])[0], kind, depth, within, floor)
        return SearchResult(query, self._fuse(rankings, limit, query), notes)

    def _dense(self, query: str, kind: Kind, depth: int, within) -> list:
        model = self.manager.spec("text_embed").source
        vector = query_encoder(self.manager).embed([query], kind="query")[0]  # (in numpy when it can: no torch)
        hits = self.store.query("text", vector, depth, _where(kind, within), model=model)
        return [(_key(h.sha256, h.metadata.get("kind"), h.page, h.document), h.metadata.get("kind"), h.page,
                 h.document) for h in hits]

    def _keywords(self, query: str, kind: Kind, depth: int, within) -> list:
        hits = self.catalog.lexical(query, depth * 2, within)
        kinds = self.catalog.kinds(h.sha256 for h in hits)
        out = []
        for h in hits:
            k = kinds.get(h.sha256)
            if k is None or (kind != "any" and k != kind):
                continue
            out.append((_key(h.sha256, k, h.page, h.text), k, h.page, h.text))
        return out[:depth]

    def _visual(self, vector, kind: Kind, depth: int, within, floor: float = -1.0) -> list:
        if kind == "text":
            return []
        hits = self.store.query("visual", vector, depth, _where(kind, within), model=self.manager.spec("clip").source)
        return [(_key(h.sha256, h.metadata.get("kind"), h.page, None), h.metadata.get("kind"), h.page, None)
                for h in hits if h.similarity >= floor]

    def _fuse(self, rankings: dict[str, list], limit: int, query: str = "") -> list[Hit]:
        query_words = {w.lower() for w in re.findall(r"\w{3,}", query)}
        scores: dict[tuple, float] = {}
        info: dict[tuple, dict] = {}
        for source, ranking in rankings.items():
            best: dict[tuple, tuple] = {}  # a page's several chunks count once, at their best rank
            for entry in ranking:
                best.setdefault(entry[0], entry)
            for rank, (key, kind, page, text) in enumerate(best.values()):
                scores[key] = scores.get(key, 0.0) + WEIGHTS[source] / (RRF_K + rank + 1)
                entry = info.setdefault(key, {"kind": kind, "page": page, "text": None, "by": []})
                entry["text"] = entry["text"] or text
                label = "visual" if source.startswith("visual") else source
                if label not in entry["by"]:
                    entry["by"].append(label)
        ordered = sorted(scores, key=lambda key: scores[key], reverse=True)
        paths = self.catalog.paths_of(k[0] for k in ordered[: limit * 3])
        hits: list[Hit] = []
        for key in ordered:
            if len(hits) == limit:
                break
            names = paths.get(key[0])
            if not names:  # content no longer in the catalog (deleted meanwhile)
                continue
            entry = info[key]
            snippet = entry["text"] or self._page_text(key[0], entry["page"])
            audio = entry["kind"] == "audio"
            hits.append(Hit(
                file=names[0], kind=entry["kind"], page=None if audio else entry["page"], score=round(scores[key], 5),
                snippet=_trim(snippet or "", query_words), also=names[1:], matched_by=entry["by"],
                text=(snippet or "").strip(),
                image_path=str(self.settings.knowledge_dir / names[0]) if entry["kind"] == "image" else None,
                start=self._moment(key[0], entry["page"], entry["text"], query_words) if audio else None,
            ))
        return hits

    # -- lookup_pdf -------------------------------------------------------------------------------
    def lookup_pdf(self, question: str | None = None, file: str | None = None,
                   pages: str | list[int] | None = None, limit: int = 5) -> list[Passage]:
        sha = self._pdf_sha(file) if file else None
        if pages is not None:
            if file is None:
                raise InputError("reading pages needs a file")
            return self._read_pages(file, parse_pages(pages))
        question = (question or "").strip()
        if not question:
            raise InputError("give a question, or a file and pages to read")
        within = {sha} if sha else None
        result = self.search(question, kind="pdf", limit=limit, within=within)
        return [Passage(h.file, h.page or 1, h.text or h.snippet, h.score) for h in result.hits]

    def _pdf_sha(self, file: str) -> str:
        name = self._relative(file)
        row = self.catalog.files().get(name)
        content = self.catalog.content(row.sha256) if row else None
        if row is None or content is None or content.kind != "pdf":
            known = sorted(p for p, r in self.catalog.files().items() if p.lower().endswith(".pdf"))[:10]
            raise InputError(f"{file} is not an indexed PDF in the knowledge folder"
                             + (f" (some that are: {', '.join(known)})" if known else ""))
        return row.sha256

    def _read_pages(self, file: str, numbers: list[int]) -> list[Passage]:
        from .pdf import open_pdf, pdf_password

        name = self._relative(file)
        with open_pdf(self.settings.knowledge_dir / name, pdf_password(self.settings, name)) as doc:
            bad = [n for n in numbers if not 1 <= n <= doc.page_count]
            if bad:
                raise InputError(f"{name} has {doc.page_count} pages; no page {bad[0]}")
            return [Passage(name, n, doc.load_page(n - 1).get_text().strip()) for n in numbers]

    def _relative(self, file: str) -> str:
        root = self.settings.knowledge_dir.resolve()
        path = Path(file)
        full = (path if path.is_absolute() else root / path).resolve()
        if not full.is_relative_to(root):
            raise InputError(f"{file} is outside the knowledge folder")
        return full.relative_to(root).as_posix()

    # -- helpers ----------------------------------------------------------------------------------
    def _clip(self, notes: list[str], required: bool, empty: bool = False):
        found = self.manager.locate("clip")
        if not found.ready:
            if required:
                raise ModelUnavailable(f"image similarity search needs the clip model: {found.problem}")
            notes.append("clip model missing: images and PDF pages are matched by their text only")
            return None
        if empty and not required:  # no pictures indexed: CLIP is not loaded for nothing
            return None
        return self.manager.get("clip")

    def _moment(self, sha: str, chunk_start: int | None, chunk_text: str | None, query_words: set[str]) -> float:
        """Where in a recording a hit's words are: the chunk's segment sharing most words with the query (a
        30-60 s chunk may begin long before them); the chunk's start when none shares any."""
        start = float(chunk_start or 0)
        content = self.catalog.content(sha)
        if content is None or not chunk_text or not query_words:
            return start
        stems = {w[:5] for w in query_words}
        best, best_score = start, 0
        for begin, _end, text in content.meta.get("segments", []):
            if begin < start - 1 or begin > start + 120 or text not in chunk_text:
                continue
            score = len(stems & {w.lower()[:5] for w in re.findall(r"\w{3,}", text)})
            if score > best_score:
                best, best_score = float(begin), score
        return best

    def _page_text(self, sha: str, page: int | None) -> str | None:
        return self.catalog.page_text(sha, page) or None


def _key(sha: str, kind: str | None, page: int | None, text: str | None) -> tuple:
    """One result per PDF page and per image; text-file chunks by their content (near-duplicates merge)."""
    if kind in ("pdf", "image"):
        return (sha, page)
    normal = re.sub(r"\W+", " ", (text or "").lower()).strip()
    return (sha, hashlib.sha1(normal.encode()).hexdigest()[:16])


def _where(kind: Kind, within: set[str] | None) -> dict | None:
    clauses: list[dict[str, Any]] = []
    if kind != "any":
        clauses.append({"kind": kind})
    if within:
        clauses.append({"sha256": {"$in": sorted(within)}})
    if not clauses:
        return None
    return clauses[0] if len(clauses) == 1 else {"$and": clauses}


def _trim(text: str, words: frozenset[str] | set[str] = frozenset()) -> str:
    """About SNIPPET characters of the text, around the first query word it contains."""
    text = " ".join(text.split())
    if len(text) <= SNIPPET:
        return text
    lower = text.lower()
    found = [i for w in words if (i := lower.find(w)) >= 0]
    start = max(0, min(found) - SNIPPET // 4) if found else 0
    if start:
        start = text.find(" ", start) + 1 or start
    piece = text[start:start + SNIPPET]
    if start + SNIPPET < len(text):
        piece = piece.rsplit(" ", 1)[0] + "…"
    return ("…" if start else "") + piece


def _load(image: Path, max_pixels: int):
    from . import extract

    if not Path(image).is_file():
        raise InputError(f"image not found: {image}")
    return extract.open_image(image, max_pixels)


def parse_pages(pages: str | list[int]) -> list[int]:
    """'3', '2-5' or '1,4-6' (or a list) as page numbers; at most MAX_PAGES, refused before a range is
    expanded ('1-999999999' would be a billion numbers)."""
    if isinstance(pages, list):
        numbers = [int(p) for p in pages]
    else:
        numbers = []
        for part in str(pages).replace(" ", "").split(","):
            if not part:
                continue
            match = re.fullmatch(r"(\d+)(?:-(\d+))?", part)
            if match is None:
                raise InputError(f"bad page range {pages!r} (e.g. '3', '2-5' or '1,4-6')")
            if len(match[1]) > 9 or len(match[2] or "") > 9:  # no PDF has a billion pages
                raise InputError(f"at most {MAX_PAGES} pages at a time")
            first = int(match[1])
            last = int(match[2]) if match[2] else first
            if last < first:
                raise InputError(f"bad page range {part!r}: the last page comes before the first")
            if len(numbers) + last - first + 1 > MAX_PAGES:
                raise InputError(f"at most {MAX_PAGES} pages at a time")
            numbers.extend(range(first, last + 1))
    if not numbers:
        raise InputError("no pages given")
    if len(numbers) > MAX_PAGES:
        raise InputError(f"at most {MAX_PAGES} pages at a time")
    return numbers
