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
            if kind in self._collections:
                return self._collections[kind]
            self.check_model(kind, model)
            col = self.client.get_or_create_collection(
                self.names[kind], metadata={"model": model, "dim": dim},
                configuration={"hnsw": {"space": "cosine"}}, embedding_function=None)
            self._collections[kind] = col
            return col

    def existing(self, kind: str):
        """The collection if it exists (whatever model made it), for deletes; else None."""
        with self._lock:
            if kind in self._collections:
                return self._collections[kind]
        try:
            return self.client.get_collection(self.names[kind], embedding_function=None)
        except Exception:
            return None

    def add(self, kind: str, model: str, ids: list[str], vectors: np.ndarray, metadatas: list[dict],
            documents: list[str] | None = None) -> None:
        if not ids:
            return
        col = self.collection(kind, model, int(vectors.shape[1]))
        metadatas = [{k: v for k, v in m.items() if v is not None} for m in metadatas]
        for i in range(0, len(ids), self.batch):
            j = i + self.batch
            col.upsert(ids=ids[i:j], embeddings=vectors[i:j].astype(np.float32),
                       metadatas=metadatas[i:j], documents=documents[i:j] if documents else None)

    def check_model(self, kind: str, model: str) -> None:
        built = self.model_of(kind)
        if built is not None and built[0] != model:
            raise IndexMismatch(f"the knowledge index's {kind} vectors were made by {built[0]} but the configured "
                                f"model is {model}: run `assistant index --rebuild`")

    def delete_content(self, sha256: str, kind: str | None = None) -> None:
        for kind in [kind] if kind else KINDS:
            col = self.existing(kind)
            if col is not None:
                col.delete(where={"sha256": sha256})

    def query(self, kind: str, vector: np.ndarray, limit: int, where: dict | None = None) -> list[VectorHit]:
        col = self.existing(kind)
        if col is None or col.count() == 0:
            return []
        result = col.query(query_embeddings=[np.asarray(vector, dtype=np.float32)], n_results=limit,
                           where=where, include=["distances", "metadatas", "documents"])
        hits = []
        for id_, dist, meta, doc in zip(result["ids"][0], result["distances"][0], result["metadatas"][0],
                                        (result["documents"] or [[None] * len(result["ids"][0])])[0]):
            meta = meta or {}
            hits.append(VectorHit(id_, meta.get("sha256", ""), meta.get("page"), 1.0 - float(dist), meta, doc))
        return hits

    def count(self, kind: str) -> int:
        col = self.existing(kind)
        return col.count() if col is not None else 0

    def reset(self) -> None:
        with self._lock:
            for name in self.names.values():
                try:
                    self.client.delete_collection(name)
                except Exception:  # not there
                    pass
            self._collections.clear()
