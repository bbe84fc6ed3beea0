"""Text embeddings with sentence-transformers: unit-length float32 vectors, so a dot product is cosine.

Models trained with instructions (Qwen3-Embedding, E5, BGE...) define prompts in their config
(`config_sentence_transformers.json` -> "prompts"); `embed(..., kind="query")` applies the query
prompt and `kind="document"` the document one, when the model has them. Symmetric models such as
all-MiniLM-L6-v2 have none and both kinds give the same vectors.
"""

from __future__ import annotations

import logging
import threading
from pathlib import Path
from typing import Literal

import numpy as np

log = logging.getLogger(__name__)

Kind = Literal["query", "document"]


class TextEmbedder:
    """One loaded sentence-transformers model. Thread-safe."""

    def __init__(self, model, name: str = ""):
        self.model = model
        self.name = name
        self._lock = threading.Lock()
        dim = _dimension(model)
        if not dim:  # some configs do not say: ask the model once
            dim = int(model.encode(["dimension probe"], convert_to_numpy=True).shape[1])
        self.dim = int(dim)

    @property
    def prompts(self) -> dict[str, str]:
        return dict(getattr(self.model, "prompts", None) or {})

    def embed(self, texts: list[str], batch_size: int = 64, kind: Kind = "document") -> np.ndarray:
        """(len(texts), dim) float32, each row L2-normalised."""
        if isinstance(texts, str):
            texts = [texts]
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        if kind not in ("query", "document"):
            raise ValueError(f"kind must be 'query' or 'document', not {kind!r}")
        with self._lock:
            encode = getattr(self.model, f"encode_{kind}", None)  # sentence-transformers >= 5
            if encode is None:
                prompt = kind if kind in self.prompts else None
                vectors = self.model.encode(list(texts), prompt_name=prompt, batch_size=batch_size,
                                            convert_to_numpy=True, normalize_embeddings=True,
                                            show_progress_bar=False)
            else:
                vectors = encode(list(texts), batch_size=batch_size, convert_to_numpy=True,
                                 normalize_embeddings=True, show_progress_bar=False)
        vectors = np.asarray(vectors, dtype=np.float32)
        norms = np.linalg.norm(vectors, axis=1, keepdims=True)  # normalise again: cheap, and exact in fp32
        return vectors / np.maximum(norms, 1e-12)

    def memory_bytes(self) -> int:
        from .models.memory import module_bytes

        return module_bytes(self.model)

    def close(self) -> None:
        pass


def _dimension(model) -> int | None:
    for attr in ("get_embedding_dimension", "get_sentence_embedding_dimension"):
        fn = getattr(model, attr, None)
        if callable(fn):
            try:
                dim = fn()
            except Exception:  # noqa: BLE001 - probe below instead
                continue
            if dim:
                return int(dim)
    return None


def load_sentence_transformer(path: Path, spec, plan) -> TextEmbedder:
    """Backend "sentence-transformers": a local sentence-transformers folder."""
    import torch

    from .compat import ensure_torchvision

    ensure_torchvision()
    from sentence_transformers import SentenceTransformer

    if plan.threads:
        torch.set_num_threads(plan.threads)
    model = SentenceTransformer(str(path), device=plan.device, local_files_only=True,
                                model_kwargs={"dtype": plan.torch_dtype})
    model.eval()
    return TextEmbedder(model, name=getattr(spec, "source", "") or Path(path).name)
