"""Vectors of the knowledge index in chromadb: on disk in the data dir, or on a Chroma server.

Two collections: `knowledge_text` (text chunks, `text_embed` role) and `knowledge_visual` (images and
rendered PDF pages, `clip` role); `chroma_prefix` renames them so several indexes can share a server. Each records the model and dimension that made it; opening it with a
different model is refused with a clear message (`assistant index --rebuild`), never mixed vectors.
Entry ids derive from the content hash, so writing a file's entries twice never duplicates them.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from ..errors import AssistantError

KINDS = ("text", "visual")


class IndexMismatch(AssistantError):
    exit_code = 2


@dataclass(frozen=True)
class VectorHit:
    id: str
    sha256: str
    page: int | None
    similarity: float  # cosine similarity in [-1, 1]
    metadata: dict[str, Any]
    document: str | None


class VectorStore:
    def __init__(self, path: Path | None = None, url: str | None = None, prefix: str = "knowledge"):
        import chromadb
        from chromadb.config import Settings as ChromaSettings

        quiet = ChromaSettings(anonymized_telemetry=False)
        if url:
            from urllib.parse import urlparse

            parsed = urlparse(url)
            self.client = chromadb.HttpClient(host=parsed.hostname or "localhost", port=parsed.port or 8000,
                                              ssl=parsed.scheme == "https", settings=quiet)
            self.where = url
        else:
            assert path is not None
            path.mkdir(parents=True, exist_ok=True)
            self.client = chromadb.PersistentClient(path=str(path), settings=quiet)
            self.where = str(path)
        self.names = {kind: f"{prefix}_{kind}" for kind in KINDS}  # e.g. knowledge_text, knowledge_visual
        self._collections: dict[str, Any] = {}
        self._lock = threading.Lock()
        self.batch = max(1, min(self.client.get_max_batch_size(), 2000))

    @classmethod
    def for_settings(cls, settings) -> VectorStore:
        return cls(settings.index_dir / "chroma", url=settings.chroma_url, prefix=settings.chroma_prefix)

    def model_of(self, kind: str) -> tuple[str, int] | None:
        """(model, dim) the collection was built with, or None if it does not exist yet."""
        try:
            meta = self.client.get_collection(self.names[kind]).metadata or {}
        except Exception:  # NotFoundError; its class moved between chromadb versions
            return None
        model = meta.get("model")
        return (str(model), int(meta.get("dim", 0))) if model else None

    def collection(self, kind: str, model: str, dim: int):
        with self._lock:
            if kind in self._collections:  # kept by `existing` too: its model checked here
                col = self._collections[kind]
                _check(kind, col.metadata, model)
                return col
            self.check_model(kind, model)
            col = self.client.get_or_create_collection(
                self.names[kind], metadata={"model": model, "dim": dim},
                configuration={"hnsw": {"space": "cosine"}}, embedding_function=None)
            self._collections[kind] = col
            return col

    def existing(self, kind: str):
        """The collection if it exists (whatever model made it), for deletes; else None. Kept once found: a
        look-up costs a round trip to chromadb (about 1 ms on disk, more on a server); `_fresh` drops it when
        another client deleted it meanwhile (a rebuild)."""
        with self._lock:
            if kind in self._collections:
                return self._collections[kind]
        try:
            col = self.client.get_collection(self.names[kind], embedding_function=None)
        except Exception:
            return None
        with self._lock:
            return self._collections.setdefault(kind, col)

    def _fresh(self, kind: str, use):
        """`use(collection)` (None when there is none); once more on a fresh collection when the kept one was
        deleted by another client (`assistant index --rebuild` in another process, another store object)."""
        col = self.existing(kind)
        try:
            return use(col)
        except Exception as exc:
            if col is None or not _gone(exc):
                raise
        self._forget(kind, col)
        return use(self.existing(kind))

    def _forget(self, kind: str, col) -> None:
        with self._lock:
            if self._collections.get(kind) is col:
                del self._collections[kind]

    def add(self, kind: str, model: str, ids: list[str], vectors: np.ndarray, metadatas: list[dict],
            documents: list[str] | None = None) -> None:
        if not ids:
            return
        metadatas = [{k: v for k, v in m.items() if v is not None} for m in metadatas]

        def write(col) -> None:
            for i in range(0, len(ids), self.batch):
                j = i + self.batch
                col.upsert(ids=ids[i:j], embeddings=vectors[i:j].astype(np.float32),
                           metadatas=metadatas[i:j], documents=documents[i:j] if documents else None)

        col = self.collection(kind, model, int(vectors.shape[1]))
        try:
            write(col)
        except Exception as exc:
            if not _gone(exc):
                raise
            self._forget(kind, col)  # deleted by another client: written again (upserts) into a new one
            write(self.collection(kind, model, int(vectors.shape[1])))

    def check_model(self, kind: str, model: str) -> None:
        built = self.model_of(kind)
        if built is not None:
            _check(kind, {"model": built[0]}, model)

    def delete_content(self, sha256: str, kind: str | None = None) -> None:
        for kind in [kind] if kind else KINDS:
            self._fresh(kind, lambda col: col.delete(where={"sha256": sha256}) if col is not None else None)

    def query(self, kind: str, vector: np.ndarray, limit: int, where: dict | None = None,
              model: str | None = None) -> list[VectorHit]:
        """The `limit` nearest entries (fewer when there are fewer; none from an empty or missing collection).
        `model`: refused (IndexMismatch) when another model made the collection, checked on the collection
        queried, so without another round trip to chromadb."""
        embedding = np.asarray(vector, dtype=np.float32)

        def run(col):
            if col is None:
                return None
            if model is not None:
                _check(kind, col.metadata, model)
            return col.query(query_embeddings=[embedding], n_results=limit, where=where,
                             include=["distances", "metadatas", "documents"])

        result = self._fresh(kind, run)
        if result is None:
            return []
        hits = []
        for id_, dist, meta, doc in zip(result["ids"][0], result["distances"][0], result["metadatas"][0],
                                        (result["documents"] or [[None] * len(result["ids"][0])])[0]):
            meta = meta or {}
            hits.append(VectorHit(id_, meta.get("sha256", ""), meta.get("page"), 1.0 - float(dist), meta, doc))
        return hits

    def count(self, kind: str) -> int:
        return self._fresh(kind, lambda col: col.count() if col is not None else 0)

    def reset(self) -> None:
        with self._lock:
            for name in self.names.values():
                try:
                    self.client.delete_collection(name)
                except Exception:  # not there
                    pass
            self._collections.clear()


def _check(kind: str, meta: dict | None, model: str) -> None:
    built = (meta or {}).get("model")
    if built and str(built) != model:
        raise IndexMismatch(f"the knowledge index's {kind} vectors were made by {built} but the configured "
                            f"model is {model}: run `assistant index --rebuild`")


def _gone(exc: Exception) -> bool:
    """A collection deleted by another client (chromadb's NotFoundError; its class moved between versions)."""
    return type(exc).__name__ in ("NotFoundError", "InvalidCollectionException") or "does not exist" in str(exc)
