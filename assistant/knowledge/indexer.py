"""Incremental indexing of the knowledge folder: scan, skip what is unchanged, embed what is new.

Per file: unchanged (size, mtime) -> nothing; known content (rename, copy) -> a catalog row; new
content -> extract, embed, write vectors, then commit it in the catalog in one transaction. A crash
between the two leaves a `pending` mark, and the next run removes that content's partial vectors first.
One bad file is reported (once) and never stops the run.
"""

from __future__ import annotations

import fnmatch
import hashlib
import logging
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path

from ..errors import AssistantError, ModelUnavailable
from . import extract
from .catalog import Catalog, ContentRow, FileRow
from .scan import Found, real_path, scan
from .store import VectorStore

log = logging.getLogger(__name__)
EMBED_BATCH = 64
_REBUILD = "rebuild"  # a `pending` marker while a rebuild empties the store and the catalog
VISUAL_BATCH = 8


@dataclass
class Progress:
    done: int
    total: int
    name: str
    action: str  # "indexing", "added", "updated", "renamed", "removed", "skipped", "visuals"


@dataclass
class IndexReport:
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    renamed: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    unchanged: int = 0
    skipped: list[dict] = field(default_factory=list)  # new problems: {"file", "reason"}
    problems: list[dict] = field(default_factory=list)  # every file that is not indexed, and why
    visuals_added: int = 0
    notes: list[str] = field(default_factory=list)
    seconds: float = 0.0

    def to_dict(self) -> dict:
        return asdict(self)


class Indexer:
    def __init__(self, settings, manager, store: VectorStore | None = None, catalog: Catalog | None = None):
        self.settings = settings
        self.manager = manager
        self.root = settings.knowledge_dir
        self.catalog = catalog or Catalog(settings.index_dir / "catalog.sqlite")
        self.store = store or VectorStore.for_settings(settings)
        self._lock = threading.Lock()

    # -- models -----------------------------------------------------------------------------------
    def text_model(self) -> str:
        return self.manager.spec("text_embed").source

    def visual_model(self) -> str | None:
        """The CLIP model if its weights are here, else None (images then go by OCR text and metadata)."""
        return self.manager.spec("clip").source if self.manager.locate("clip").ready else None

    # -- runs -------------------------------------------------------------------------------------
    def run(self, rebuild: bool = False, on_progress: Callable[[Progress], None] | None = None) -> IndexReport:
        with self._lock:
            started = time.perf_counter()
            report = IndexReport()
            if rebuild:
                self._rebuild()
            self._recover()
            self._check_models()
            visual_model = self.visual_model()
            if visual_model is None:
                report.notes.append(f"clip model {self.manager.spec('clip').source} missing: images and PDF "
                                    "pages are indexed by their text only (`assistant models` says how to get "
                                    "it; `assistant index` then adds image embeddings)")
            known = self.catalog.files()
            problems = self.catalog.problems()
            found = list(scan(self.root, skip=(self.settings.data_dir,)))
            seen = {f.name for f in found}
            missing = sorted(set(known) - seen)
            # content of files that are gone: a new path with the same content is a rename, not a new file
            moved: dict[str, list[str]] = {}
            for name in missing:
                moved.setdefault(known[name].sha256, []).append(name)
            for name in sorted(set(problems) - seen):  # a bad file that was deleted: no longer a problem
                self.catalog.remove_file(name)
            for done, item in enumerate(found, 1):
                old = known.get(item.name)
                if old and (old.size, old.mtime_ns) == (item.size, item.mtime_ns):
                    report.unchanged += 1
                    continue
                known_problem = problems.get(item.name)
                if (known_problem and known_problem[:2] == (item.size, item.mtime_ns)
                        and not self._retry(item.name, known_problem[2])):
                    continue  # a known bad file, unchanged: already reported
                _emit(on_progress, done, len(found), item.name, "indexing")
                action = self._index_one(item, old, visual_model, report, moved, known_problem)
                _emit(on_progress, done, len(found), item.name, action)
            not_renamed = {name for names in moved.values() for name in names}
            gone = [name for name in missing if name in not_renamed]
            for n, name in enumerate(gone, 1):
                self._forget(name)
                report.removed.append(name)
                _emit(on_progress, n, len(gone), name, "removed")
            if visual_model:
                report.visuals_added = self._add_missing_visuals(visual_model, on_progress)
            report.problems = [{"file": p, "reason": r[2]} for p, r in sorted(self.catalog.problems().items())]
            report.seconds = round(time.perf_counter() - started, 3)
            return report

    def _index_one(self, item: Found, old: FileRow | None, visual_model: str | None, report: IndexReport,
                   moved: dict[str, list[str]] | None = None,
                   known_problem: tuple[int, int, str] | None = None) -> str:
        try:
            if item.problem:
                raise extract.ExtractionError(item.problem)
            sha = _sha256(item.path)
            row = FileRow(item.name, sha, item.size, item.mtime_ns)
            if self.catalog.content(sha) is not None:  # content already indexed: nothing to embed
                self.catalog.set_file(row)
                if old and old.sha256 == sha:  # touched, not changed
                    action = "unchanged"
                    report.unchanged += 1
                elif old:  # changed into content another file has
                    action = "updated"
                    report.updated.append(item.name)
                elif moved and moved.get(sha):  # the same content left another path: a rename
                    self.catalog.remove_file(moved[sha].pop())
                    action = "renamed"
                    report.renamed.append(item.name)
                else:  # a copy
                    action = "added"
                    report.added.append(item.name)
            else:
                self._index_content(item, row, visual_model)
                action = "updated" if old else "added"
                (report.updated if old else report.added).append(item.name)
            if old and old.sha256 != sha and not self.catalog.paths_of([old.sha256]):
                self._drop(old.sha256)
            return action
        except (extract.ExtractionError, OSError) as exc:
            reason = getattr(exc, "reason", None) or str(exc)
        except ModelUnavailable:
            raise  # every file would fail the same way: stop with the clear message
        except AssistantError as exc:
            reason = str(exc)
        except Exception as exc:  # a library failing on a strange file must not stop the run
            log.warning("indexing %s failed", item.name, exc_info=True)
            reason = f"could not be indexed ({type(exc).__name__}: {exc})"
        if old is not None:  # the file changed into something we cannot index: its old entries go
            self._forget(item.name)
        self.catalog.set_problem(item.name, item.size, item.mtime_ns, reason)
        if known_problem != (item.size, item.mtime_ns, reason):  # each problem is reported once
            report.skipped.append({"file": item.name, "reason": reason})
        return "skipped"

    # -- one file's content -----------------------------------------------------------------------
    def _index_content(self, item: Found, row: FileRow, visual_model: str | None) -> None:
        kind = extract.detect_kind(item.path)
        if kind is None:
            raise extract.ExtractionError("unsupported file type")
        self.catalog.begin_content(row.sha256)
        try:
            if kind == "pdf":
                chunks, meta, visuals, pages = self._pdf(item, row.sha256, visual_model)
            elif kind == "image":
                chunks, meta, visuals, pages = self._image(item, row.sha256, visual_model)
            else:
                chunks, meta, visuals, pages = extract.text_chunks(item.path), {}, 0, None
            texts = self._write_text(row.sha256, kind, chunks)
            self.catalog.commit_content(
                ContentRow(row.sha256, kind, pages, meta, len(texts), visuals, self.text_model(),
                           visual_model if visuals else None), texts, row)
        except BaseException:
            self._drop(row.sha256)
            raise

    def _pdf(self, item: Found, sha: str, visual_model: str | None):
        password = self._password(item.name)
        meta = extract.pdf_info(item.path, password)
        chunks = [c for page in extract.pdf_chunks(item.path, password) for c in page.chunks]
        visuals = self._write_visuals(sha, "pdf", self._pages(item.path, password)) if visual_model else 0
        return chunks, meta, visuals, meta.get("pages")

    def _image(self, item: Found, sha: str, visual_model: str | None):
        meta = extract.image_metadata(item.path, self.settings.max_image_pixels)
        image = extract.open_image(item.path, self.settings.max_image_pixels)
        ocr = extract.image_ocr_text(image) if extract.ocr_available() else ""
        meta["ocr"] = bool(ocr)
        described = (f"Image {item.name}: {meta.get('format', '')} {meta.get('width')}x{meta.get('height')}."
                     + (f" Text in the image: {ocr}" if ocr else ""))
        chunks = [extract.TextChunk(described, None, None, 0)]
        visuals = self._write_visuals(sha, "image", iter([(None, image)])) if visual_model else 0
        return chunks, meta, visuals, None

    def _pages(self, path: Path, password: str | None) -> Iterator[tuple[int, object]]:
        return extract.pdf_page_images(path, password, max_side=448)

    def _write_text(self, sha: str, kind: str, chunks: list) -> list[tuple[str, int | None, str | None, str]]:
        rows = [(f"{sha}:t:{i}", c.page, c.heading, c.text) for i, c in enumerate(chunks) if c.text.strip()]
        if not rows:
            return rows
        embedder = self.manager.get("text_embed")
        model = self.text_model()
        for i in range(0, len(rows), EMBED_BATCH):
            batch = rows[i:i + EMBED_BATCH]
            vectors = embedder.embed([_embeddable(heading, text) for _, _, heading, text in batch], kind="document")
            self.store.add("text", model, [r[0] for r in batch], vectors,
                           [{"sha256": sha, "kind": kind, "page": page, "heading": heading}
                            for _, page, heading, _ in batch], [r[3] for r in batch])
        return rows

    def _write_visuals(self, sha: str, kind: str, images: Iterator[tuple[int | None, object]]) -> int:
        clip = self.manager.get("clip")
        model = self.manager.spec("clip").source
        count, batch = 0, []
        for item in images:
            batch.append(item)
            if len(batch) == VISUAL_BATCH:
                count += self._flush_visuals(clip, model, sha, kind, batch)
        return count + self._flush_visuals(clip, model, sha, kind, batch)

    def _flush_visuals(self, clip, model: str, sha: str, kind: str, batch: list) -> int:
        if not batch:
            return 0
        vectors = clip.embed_images([image for _, image in batch])
        ids = [f"{sha}:v:{page or 0}" for page, _ in batch]
        self.store.add("visual", model, ids, vectors, [{"sha256": sha, "kind": kind, "page": p} for p, _ in batch])
        n = len(batch)
        batch.clear()
        return n

    def _add_missing_visuals(self, visual_model: str, on_progress) -> int:
        """Content indexed while the clip model was missing gets its image embeddings now."""
        todo = [c for c in self.catalog.contents() if c.kind in ("image", "pdf") and c.visual_model is None]
        names = self.catalog.paths_of(c.sha256 for c in todo)
        added = 0
        for done, content in enumerate(todo, 1):
            path = real_path(self.root, names[content.sha256][0]) if content.sha256 in names else None
            if path is None:
                continue
            _emit(on_progress, done, len(todo), names[content.sha256][0], "visuals")
            self.catalog.begin_content(content.sha256)
            try:
                if content.kind == "pdf":
                    images = self._pages(path, self._password(names[content.sha256][0]))
                else:
                    images = iter([(None, extract.open_image(path, self.settings.max_image_pixels))])
                count = self._write_visuals(content.sha256, content.kind, images)
            except ModelUnavailable:
                self._recover()
                raise
            except Exception as exc:  # one bad file must not stop the others
                log.warning("image embeddings for %s failed: %s", path, exc)
                self._recover()
                continue
            self.catalog.set_visuals(content.sha256, count, visual_model)
            added += 1
        return added

    # -- upkeep -----------------------------------------------------------------------------------
    def _check_models(self) -> None:
        """Refuse to mix vectors of two models: the store raises IndexMismatch with the fix."""
        self.store.check_model("text", self.text_model())
        current = self.visual_model()
        if current is not None:
            self.store.check_model("visual", current)

    def _rebuild(self) -> None:
        """Empty the store and the catalog; the marker makes a rebuild cut off half-way finish next run."""
        self.catalog.begin_content(_REBUILD)
        self.store.reset()
        self.catalog.clear()

    def _recover(self) -> None:
        """Remove vectors of content whose indexing was cut off (a crash, a kill) and of content no
        file points at any more (a kill between forgetting a file and deleting its vectors)."""
        pending = self.catalog.pending()
        if _REBUILD in pending:
            self._rebuild()
            return
        for sha in self.catalog.orphans():
            self._drop(sha)
        for sha in pending:
            content = self.catalog.content(sha)
            if content is None:
                self._drop(sha)
            else:  # only its image embeddings were being added
                self.store.delete_content(sha, kind="visual")
                self.catalog.set_visuals(sha, 0, None)

    def _forget(self, name: str) -> None:
        orphan = self.catalog.remove_file(name)
        if orphan:
            self._drop(orphan)

    def _drop(self, sha: str) -> None:
        self.store.delete_content(sha)
        self.catalog.drop_content(sha)

    def _retry(self, name: str, reason: str) -> bool:
        """Whether a known, unchanged bad file is worth another try: an encrypted PDF once a
        password is configured for it (a wrong one is retried but not reported again)."""
        return reason.startswith("encrypted") and self._password(name) is not None

    def _password(self, name: str) -> str | None:
        return pdf_password(self.settings, name)


def pdf_password(settings, name: str) -> str | None:
    """The configured password for a PDF: settings.pdf_passwords maps a name or glob to it."""
    for pattern, password in settings.pdf_passwords.items():
        if fnmatch.fnmatch(name, pattern) or fnmatch.fnmatch(Path(name).name, pattern):
            return password
    return None


def _embeddable(heading: str | None, text: str) -> str:
    return f"{heading}\n{text}" if heading and heading not in text else text


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        while chunk := f.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def _emit(callback, done: int, total: int, name: str, action: str) -> None:
    if callback is not None:
        callback(Progress(done, total, name, action))

