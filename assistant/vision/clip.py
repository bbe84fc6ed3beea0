"""CLIP-style image and text embeddings in one space (open_clip), for photo search and zero-shot labels.

The model folder has the Hugging Face open_clip layout (`open_clip_config.json` + `open_clip_model.safetensors`
or `open_clip_pytorch_model.bin`), as in laion/CLIP-ViT-B-32-laion2B-s34B-b79K. Never touches the network.
"""

from __future__ import annotations

import json
import logging
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from ..compat import ensure_torchvision
from ..errors import InputError, ModelUnavailable
from ..models.memory import module_bytes
from ..models.device import DevicePlan
from ..models.specs import ModelSpec

log = logging.getLogger(__name__)

_CONFIG = "open_clip_config.json"
_WEIGHTS = ("open_clip_model.safetensors", "open_clip_pytorch_model.bin", "open_clip_pytorch_model.safetensors",
            "open_clip_pytorch_model.pth")
# open_clip precision names; "fp16"/"bf16" keep LayerNorms in fp32 like the original OpenAI code.
_PRECISION = {"float32": "fp32", "float16": "fp16", "bfloat16": "bf16"}


class ClipEmbedder:
    """L2-normalised float32 embeddings of images and texts; `dim` columns each. Thread-safe."""

    def __init__(self, model: Any, preprocess: Any, tokenizer: Any, plan: DevicePlan, name: str,
                 batch_size: int = 32):
        import torch

        self.name = name
        self.batch_size = max(1, int(batch_size))
        self._model = model.eval()
        self._preprocess = preprocess
        self._tokenizer = tokenizer
        self._device = torch.device(plan.device)
        self._dtype = plan.torch_dtype
        self._lock = threading.Lock()  # one forward at a time: bounded memory on a shared GPU
        self.dim = int(self.embed_texts(["a photo"]).shape[1])

    def embed_images(self, images: Sequence[Any]) -> np.ndarray:
        """Images (PIL) -> array (n, dim)."""
        rows = []
        for start in range(0, len(images), self.batch_size):
            batch = [self._preprocess(_rgb(image)) for image in images[start:start + self.batch_size]]
            rows.append(self._encode(self._model.encode_image, batch, as_pixels=True))
        return self._stack(rows)

    def embed_texts(self, texts: Sequence[str]) -> np.ndarray:
        """Texts -> array (n, dim); long texts are cut to the model's context length."""
        if isinstance(texts, str):
            raise InputError("embed_texts takes a list of strings, not one string")
        rows = []
        for start in range(0, len(texts), self.batch_size):
            tokens = self._tokenizer([str(t) for t in texts[start:start + self.batch_size]])
            rows.append(self._encode(self._model.encode_text, tokens, as_pixels=False))
        return self._stack(rows)

    def memory_bytes(self) -> int:
        return module_bytes(self._model)

    def close(self) -> None:
        self._model = None

    # -- internals ---------------------------------------------------------------------------------
    def _encode(self, encode, batch, as_pixels: bool) -> np.ndarray:
        import torch

        if self._model is None:
            raise RuntimeError("this CLIP model was unloaded")
        with self._lock, torch.inference_mode():
            if as_pixels:
                batch = torch.stack(batch).to(self._device, dtype=self._dtype)
            else:
                batch = batch.to(self._device)
            features = encode(batch, normalize=True)
            return features.float().cpu().numpy()

    def _stack(self, rows: list[np.ndarray]) -> np.ndarray:
        if not rows:
            return np.zeros((0, getattr(self, "dim", 0)), dtype=np.float32)
        out = np.concatenate(rows).astype(np.float32, copy=False)
        out /= np.maximum(np.linalg.norm(out, axis=1, keepdims=True), 1e-12)  # again, in fp32
        return out


def _rgb(image: Any) -> Any:
    from PIL import Image

    if not isinstance(image, Image.Image):
        raise InputError(f"expected a PIL image, got {type(image).__name__}")
    return image if image.mode == "RGB" else image.convert("RGB")


def _checkpoint(path: Path) -> Path | None:
    return next((path / name for name in _WEIGHTS if (path / name).is_file()), None)


def load_open_clip(path: Path, spec: ModelSpec, plan: DevicePlan) -> ClipEmbedder:
    """Load an open_clip model from a local folder, through open_clip's own `local-dir:` schema."""
    ensure_torchvision()
    import open_clip

    path = Path(path)
    precision = _PRECISION.get(plan.dtype, "fp32")
    options = spec.options or {}
    if (path / _CONFIG).is_file():
        _check_config(path / _CONFIG)
        if _checkpoint(path) is None:
            raise ModelUnavailable(f"no open_clip weights ({' or '.join(_WEIGHTS[:2])}) in {path}")
        model_id = f"local-dir:{path}"
        model, preprocess = open_clip.create_model_from_pretrained(model_id, precision=precision, device=plan.device)
        tokenizer = open_clip.get_tokenizer(model_id)
    elif options.get("arch") and (path.is_file() or _checkpoint(path)):
        # A bare checkpoint: the architecture comes from open_clip's built-in configs.
        weights = path if path.is_file() else _checkpoint(path)
        arch = options["arch"]
        model, preprocess = open_clip.create_model_from_pretrained(arch, pretrained=str(weights),
                                                                   precision=precision, device=plan.device)
        tokenizer = open_clip.get_tokenizer(arch)
    else:
        raise ModelUnavailable(f"{path} is not an open_clip model folder (no {_CONFIG}); set the model's "
                               "`arch` option (e.g. \"ViT-B-32\") to load a bare checkpoint")
    embedder = ClipEmbedder(model, preprocess, tokenizer, plan, name=spec.source,
                            batch_size=int(options.get("batch_size", 32)))
    log.info("open_clip %s: %d-d embeddings on %s", spec.source, embedder.dim, plan.device)
    return embedder


def _check_config(config_path: Path) -> None:
    try:
        config = json.loads(config_path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ModelUnavailable(f"unreadable open_clip config {config_path}: {exc}") from None
    if "model_cfg" not in config:
        raise ModelUnavailable(f"{config_path} has no 'model_cfg': not an open_clip config")
