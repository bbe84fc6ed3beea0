"""The text embedder's questions without torch: a BERT sentence-transformers model (MiniLM, the embedded
text embedder) run in numpy from its own safetensors weights and tokenizer.json.

Why: the router embeds every request and the knowledge search every question, so the first turn of a new process waits for its encoder. Loading
the same model through sentence-transformers imports torch and transformers (about 5 s of a cold `ask`
on a 2-core CPU); these few matrix products need neither (about 0.1 s to load, a few ms a request). The
vectors match sentence-transformers' to float precision (tests/test_routing.py checks it), so the
router's thresholds hold either way. Any other text embedder (another architecture, another pooling) is
used through its role as it is.
"""

from __future__ import annotations

import json
import math
from pathlib import Path

import numpy as np

MAX_TOKENS = 256
_LOADED: dict[Path, NumpySentenceEncoder] = {}


def query_encoder(manager):
    """What embeds a request or a search query: the text embedder in numpy when it is a BERT sentence model
    (loaded once per process), else the `text_embed` role as it is. Both give the same vectors."""
    found = manager.locate("text_embed")
    if found.ready and found.path is not None and NumpySentenceEncoder.supports(found.path):
        if found.path not in _LOADED:
            _LOADED[found.path] = NumpySentenceEncoder(found.path)
        return _LOADED[found.path]
    return manager.get("text_embed")


class NumpySentenceEncoder:
    """Mean-pooled, L2-normalised BERT sentence embeddings (`embed(texts) -> (n, dim)` like TextEmbedder)."""

    def __init__(self, folder: Path):
        from safetensors.numpy import load_file
        from tokenizers import Tokenizer

        config = json.loads((folder / "config.json").read_text())
        self.heads = int(config["num_attention_heads"])
        self.layers = int(config["num_hidden_layers"])
        self.eps = float(config.get("layer_norm_eps", 1e-12))
        self.w = {k.removeprefix("bert."): v.astype(np.float32, copy=False)
                  for k, v in load_file(folder / "model.safetensors").items()}
        self.dim = self.w["embeddings.word_embeddings.weight"].shape[1]
        self.tokenizer = Tokenizer.from_file(str(folder / "tokenizer.json"))
        limit = _max_tokens(folder)
        self.tokenizer.enable_truncation(limit)
        self.tokenizer.enable_padding(pad_id=int(config.get("pad_token_id", 0)))

    @classmethod
    def supports(cls, folder: Path) -> bool:
        """A sentence-transformers BERT with mean pooling and normalisation, stored as safetensors."""
        try:
            modules = [m["type"].rsplit(".", 1)[-1] for m in json.loads((folder / "modules.json").read_text())]
            pooling = json.loads((folder / "1_Pooling" / "config.json").read_text())
            config = json.loads((folder / "config.json").read_text())
        except (OSError, ValueError, KeyError, TypeError):
            return False
        return (modules == ["Transformer", "Pooling", "Normalize"] and bool(pooling.get("pooling_mode_mean_tokens"))
                and not any(v for k, v in pooling.items()
                            if k.startswith("pooling_mode_") and k != "pooling_mode_mean_tokens")
                and config.get("model_type") == "bert" and config.get("hidden_act") == "gelu"
                and config.get("position_embedding_type", "absolute") == "absolute"
                and (folder / "model.safetensors").is_file() and (folder / "tokenizer.json").is_file())

    def embed(self, texts: list[str], batch_size: int = 64, kind: str = "document") -> np.ndarray:
        if isinstance(texts, str):
            texts = [texts]
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        return np.concatenate([self._batch(texts[i:i + batch_size]) for i in range(0, len(texts), batch_size)])

    def _batch(self, texts: list[str]) -> np.ndarray:
        encodings = self.tokenizer.encode_batch(texts)
        ids = np.array([e.ids for e in encodings])
        mask = np.array([e.attention_mask for e in encodings], dtype=np.float32)
        types = np.array([e.type_ids for e in encodings])
        w = self.w
        x = (w["embeddings.word_embeddings.weight"][ids] + w["embeddings.position_embeddings.weight"][:ids.shape[1]]
             + w["embeddings.token_type_embeddings.weight"][types])
        x = self._norm(x, "embeddings.LayerNorm")
        blocked = (1.0 - mask)[:, None, None, :] * np.float32(-1e9)  # padding takes no attention
        for n in range(self.layers):
            x = self._layer(x, blocked, f"encoder.layer.{n}.")
        pooled = (x * mask[:, :, None]).sum(1) / np.maximum(mask.sum(1, keepdims=True), 1e-9)
        return (pooled / np.maximum(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12)).astype(np.float32)

    def _layer(self, x: np.ndarray, blocked: np.ndarray, p: str) -> np.ndarray:
        batch, length, dim = x.shape
        size = dim // self.heads

        def heads(name: str) -> np.ndarray:
            projected = self._dense(x, p + f"attention.self.{name}")
            return projected.reshape(batch, length, self.heads, size).transpose(0, 2, 1, 3)

        scores = heads("query") @ heads("key").transpose(0, 1, 3, 2) / np.float32(math.sqrt(size)) + blocked
        scores = np.exp(scores - scores.max(-1, keepdims=True))
        context = (scores / scores.sum(-1, keepdims=True)) @ heads("value")
        context = context.transpose(0, 2, 1, 3).reshape(batch, length, dim)
        x = self._norm(self._dense(context, p + "attention.output.dense") + x, p + "attention.output.LayerNorm")
        hidden = _gelu(self._dense(x, p + "intermediate.dense"))
        return self._norm(self._dense(hidden, p + "output.dense") + x, p + "output.LayerNorm")

    def _dense(self, x: np.ndarray, name: str) -> np.ndarray:
        return x @ self.w[name + ".weight"].T + self.w[name + ".bias"]

    def _norm(self, x: np.ndarray, name: str) -> np.ndarray:
        mean = x.mean(-1, keepdims=True)
        var = ((x - mean) ** 2).mean(-1, keepdims=True)
        return (x - mean) / np.sqrt(var + self.eps) * self.w[name + ".weight"] + self.w[name + ".bias"]


def _gelu(x: np.ndarray) -> np.ndarray:
    """BERT's exact GELU, x * Φ(x), with erf from Abramowitz-Stegun 7.1.26 (error < 1.5e-7)."""
    z = np.abs(x) / np.float32(math.sqrt(2.0))
    t = 1.0 / (1.0 + 0.3275911 * z)
    poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))))
    erf = np.sign(x) * (1.0 - poly * np.exp(-z * z))
    return (0.5 * x * (1.0 + erf)).astype(np.float32)


def _max_tokens(folder: Path) -> int:
    try:
        return int(json.loads((folder / "sentence_bert_config.json").read_text()).get("max_seq_length", MAX_TOKENS))
    except (OSError, ValueError, TypeError):
        return MAX_TOKENS
