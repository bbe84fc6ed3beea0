"""Writing the vectors of new content: embedded in batches across files, committed file by file.

The indexer extracts each new file and hands it over as a `NewContent`. Small contents (text files,
images) wait in a queue, and a batch is written when it holds TEXT_BATCH texts or VISUAL_BATCH images
(or VISUAL_PIXELS decoded pixels, to bound memory), when a PDF comes, and at the end of a run:

1. one transaction marks every content of the batch `pending`, before any of its vectors exist;
2. one text-embedding call and one CLIP call for the whole batch, one chromadb write per collection;
3. file by file, in order: the catalog commit (keyword chunks, content row and file row at once).

A kill at any point leaves the files committed so far complete and the others pending: the next run
removes their partial vectors and indexes them again. A batch that fails is undone and its contents
are written one by one, so that a bad file is reported alone. PDFs (thousands of pages, maybe) are not
queued: they are streamed through `write_texts` / `write_visuals` in bounded batches.

Batch sizes: sentence-transformers sorts one call's texts by length and pads each batch to its longest
text. On a CPU, padding is the cost that counts: the 39 chunks of a 20-page PDF embed in 1.55 s in
batches of 16 against 2.35 s in one batch of 64 (2 cores), and batches of 16 over a long sorted call
are as fast as one call over everything. A GPU gets batches of 64.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from ..errors import ModelUnavailable
from .catalog import Catalog, ContentRow, FileRow
from .store import VectorStore

TEXT_BATCH = 128  # queued texts that make a batch
VISUAL_BATCH = 32  # queued images that make a batch (also the rendered PDF pages written at once)
VISUAL_PIXELS = 32_000_000  # queued decoded pixels that make a batch (~100 MB of RGB)
STREAM_TEXTS = 64  # a PDF's chunks embedded and written at once
CPU_ENCODE_BATCH, GPU_ENCODE_BATCH = 16, 64

TextRow = tuple[str, int | None, str | None, str]  # (entry id, page, heading, text), as the catalog keeps them


@dataclass
class NewContent:
    """One new content, extracted, waiting for its vectors: written, then committed with `file`."""

    file: FileRow
    kind: str
    pages: int | None
    meta: dict
    texts: list[TextRow]
    images: list[tuple[int | None, Any]] = field(default_factory=list)  # (page, PIL image)
    jobs: list = field(default_factory=list)  # the indexer's: the files that wait on this content
    committed: bool = False

    @property
    def sha256(self) -> str:
        return self.file.sha256


Outcome = tuple[NewContent, Exception | None]  # committed (None), or why not


def text_rows(sha: str, chunks: Iterable) -> list[TextRow]:
    """Catalog rows of a content's chunks; entry ids derive from the content hash."""
    return [(f"{sha}:t:{i}", c.page, c.heading, c.text) for i, c in enumerate(chunks) if c.text.strip()]


class VectorWriter:
    def __init__(self, catalog: Catalog, store: VectorStore, manager, visual_model: str | None,
                 drop: Callable[[str], None]):
        self.catalog = catalog
        self.store = store
        self.manager = manager
        self.text_model = manager.spec("text_embed").source
        self.visual_model = visual_model  # None: no CLIP weights, no image vectors
        self.encode_batch = CPU_ENCODE_BATCH if manager.plan("text_embed").device == "cpu" else GPU_ENCODE_BATCH
        self._drop = drop  # removes a content's vectors and catalog rows (the indexer's, for its tests)
        self._queue: list[NewContent] = []

    # -- queued contents --------------------------------------------------------------------------
    def queued(self, sha: str) -> NewContent | None:
        return next((c for c in self._queue if c.sha256 == sha), None)

    def add(self, content: NewContent) -> list[Outcome]:
        """Queue a content; the outcomes of the batch this completes, if it does."""
        self._queue.append(content)
        texts = sum(len(c.texts) for c in self._queue)
        images = [image for c in self._queue for _, image in c.images]
        pixels = sum(image.width * image.height for image in images)
        full = texts >= TEXT_BATCH or len(images) >= VISUAL_BATCH or pixels >= VISUAL_PIXELS
        return self.flush() if full else []

    def flush(self) -> list[Outcome]:
        """Write every queued content: (content, None) once committed, (content, error) if it failed."""
        batch, self._queue = self._queue, []
        return self._write_batch(batch) if batch else []

    def _write_batch(self, batch: list[NewContent]) -> list[Outcome]:
        try:
            self._write(batch)
        except BaseException as exc:
            for content in batch:  # nothing half-written may stay: the next run would take it for done
                if not content.committed:
                    self._drop(content.sha256)
            if not isinstance(exc, Exception) or isinstance(exc, ModelUnavailable):
                raise  # a kill, Ctrl-C; a missing model, which every file would meet alike
            if len(batch) == 1:
                return [(batch[0], exc)]
            # one bad content spoilt the batch: write the others one by one, and find it
            return [outcome for c in batch
                    for outcome in ([(c, None)] if c.committed else self._write_batch([c]))]
        return [(c, None) for c in batch]

    def _write(self, batch: list[NewContent]) -> None:
        self.catalog.begin_contents([c.sha256 for c in batch])
        self.write_texts([(row, c.sha256, c.kind) for c in batch for row in c.texts])
        self._write_images([(c.sha256, c.kind, page, image) for c in batch for page, image in c.images])
        for c in batch:
            row = self.content_row(c.sha256, c.kind, c.pages, c.meta, len(c.texts), len(c.images))
            self.catalog.commit_content(row, c.texts, c.file)
            c.committed = True
            c.images = []  # written: the pixels can go

    def content_row(self, sha: str, kind: str, pages: int | None, meta: dict, chunks: int,
                    visuals: int) -> ContentRow:
        return ContentRow(sha, kind, pages, meta, chunks, visuals, self.text_model,
                          self.visual_model if visuals else None)

    # -- vectors ----------------------------------------------------------------------------------
    def write_texts(self, rows: list[tuple[TextRow, str, str]]) -> None:
        """Embed and store text entries ((id, page, heading, text), sha256, kind) in one call."""
        if not rows:
            return
        embedder = self.manager.get("text_embed")
        vectors = embedder.embed([_embeddable(heading, text) for (_, _, heading, text), _, _ in rows],
                                 batch_size=self.encode_batch, kind="document")
        self.store.add("text", self.text_model, [r[0][0] for r in rows], vectors,
                       [{"sha256": sha, "kind": kind, "page": page, "heading": heading}
                        for (_, page, heading, _), sha, kind in rows], [r[0][3] for r in rows])

    def write_visuals(self, sha: str, kind: str, images: Iterator[tuple[int | None, Any]]) -> int:
        """Embed and store a stream of (page, image) of one content, VISUAL_BATCH at a time."""
        count, batch = 0, []
        for page, image in images:
            batch.append((sha, kind, page, image))
            if len(batch) == VISUAL_BATCH:
                count += self._write_images(batch)
                batch = []
        return count + self._write_images(batch)

    def _write_images(self, batch: list[tuple[str, str, int | None, Any]]) -> int:
        if not batch:
            return 0
        assert self.visual_model is not None, "image vectors are only written with CLIP weights"
        vectors = self.manager.get("clip").embed_images([image for *_, image in batch])
        self.store.add("visual", self.visual_model, [f"{sha}:v:{page or 0}" for sha, _, page, _ in batch], vectors,
                       [{"sha256": sha, "kind": kind, "page": page} for sha, kind, page, _ in batch])
        return len(batch)


def _embeddable(heading: str | None, text: str) -> str:
    return f"{heading}\n{text}" if heading and heading not in text else text
