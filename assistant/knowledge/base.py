"""The knowledge folder as one object: its index (catalog + vectors), indexing, watching and retrieval."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from pathlib import Path

from .catalog import Catalog
from .indexer import Indexer, IndexReport, Progress
from .search import Kind, Passage, Searcher, SearchResult
from .store import VectorStore

log = logging.getLogger(__name__)


class KnowledgeBase:
    def __init__(self, settings, manager):
        self.settings = settings
        self.catalog = Catalog(settings.index_dir / "catalog.sqlite")
        self.store = VectorStore.for_settings(settings)
        self.indexer = Indexer(settings, manager, self.store, self.catalog)
        self.searcher = Searcher(settings, manager, self.catalog, self.store)

    def index(self, rebuild: bool = False, on_progress: Callable[[Progress], None] | None = None,
              prune: bool = False) -> IndexReport:
        """An incremental run. `prune`: remove the files that are gone even when they are most of the index."""
        return self.indexer.run(rebuild=rebuild, on_progress=on_progress, prune=prune)

    def search_knowledge(self, query: str = "", kind: Kind = "any", limit: int = 5,
                         image: str | Path | None = None) -> SearchResult:
        """Text -> images, PDF pages and text chunks, ranked together; an image -> similar images."""
        return self.searcher.search(query, kind, limit, Path(image) if image else None)

    def warm(self) -> None:
        """Load the models indexing uses (the text embedder; speech and CLIP when their weights are here), so
        a change is indexed at once rather than after a model load."""
        manager = self.indexer.manager
        manager.get("text_embed")
        for role in ("clip", "stt"):
            if manager.locate(role).ready:
                try:
                    manager.get(role)
                except Exception as exc:  # indexing reports it when a file needs it
                    log.warning("could not load the %s model ahead of time: %s", role, exc)

    def transcript(self, name: str) -> dict | None:
        """The stored transcript of a recording (language, duration, segments [start, end, text]), if the file
        is indexed as it is now on disk; None otherwise (never indexed, changed since, not a recording)."""
        row = self.catalog.files().get(name)
        if row is None:
            return None
        try:
            st = (self.settings.knowledge_dir / name).stat()
        except OSError:
            return None
        content = self.catalog.content(row.sha256)
        if content is None or content.kind != "audio" or (st.st_size, st.st_mtime_ns) != (row.size, row.mtime_ns):
            return None
        return content.meta

    def lookup_pdf(self, question: str | None = None, file: str | None = None,
                   pages: str | list[int] | None = None, limit: int = 5) -> list[Passage]:
        """Passages answering a question (across PDFs, or in one), or given pages of one PDF verbatim."""
        return self.searcher.lookup_pdf(question, file, pages, limit)

    def watch(self, stop: threading.Event, on_report: Callable[[IndexReport], None] | None = None,
              on_progress: Callable[[Progress], None] | None = None,
              on_notice: Callable[[str], None] | None = None) -> None:
        """Index now, then again after every change in the folder, until `stop` is set. `on_notice` hears when
        watching pauses (the folder went away) and resumes."""
        from .watch import watch_folder

        watch_folder(self, stop, on_report, on_progress, on_notice)

    def close(self) -> None:
        self.catalog.close()
