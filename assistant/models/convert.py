"""One-off conversion of a GGUF chat model into a safetensors folder transformers loads in seconds.

transformers reads GGUF by dequantising every tensor (~40 s and ~6 GB peak for a 0.5B model on 2 CPU
cores); doing that once and saving the result makes every later load a plain `from_pretrained`.
"""

from __future__ import annotations

import gc
import json
import logging
import os
import shutil
import tempfile
import time
from pathlib import Path

log = logging.getLogger(__name__)

# Written last: its presence means the folder is complete (a crash mid-way leaves no marker).
DONE_MARKER = "conversion.json"


def is_converted(out_dir: Path) -> bool:
    return (Path(out_dir) / DONE_MARKER).is_file()


def gguf_to_safetensors(gguf_file: Path, out_dir: Path) -> Path:
    """Dequantise `gguf_file` and save model, tokenizer, generation config and chat template
    into `out_dir` (fp32 safetensors). Returns `out_dir`. Idempotent: a finished folder is reused.

    `out_dir` may be the folder holding the GGUF itself. Files are written into a temporary sibling
    folder and moved in at the end, the completion marker last, so readers never see half a model.
    """
    gguf_file, out_dir = Path(gguf_file), Path(out_dir)
    if is_converted(out_dir):
        return out_dir
    if not gguf_file.is_file():
        from ..errors import ModelUnavailable

        raise ModelUnavailable(f"GGUF file not found: {gguf_file}")

    import torch

    from ..compat import ensure_torchvision

    ensure_torchvision()  # transformers' model imports pull torchvision in; it may be a broken CUDA build
    from transformers import AutoModelForCausalLM, AutoTokenizer

    out_dir.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}-", dir=out_dir.parent))
    started = time.monotonic()
    folder, name = str(gguf_file.parent), gguf_file.name
    try:
        log.info("converting %s to safetensors (one-off, 1-2 minutes)", gguf_file)
        tokenizer = AutoTokenizer.from_pretrained(folder, gguf_file=name, local_files_only=True)
        model = AutoModelForCausalLM.from_pretrained(folder, gguf_file=name, dtype=torch.float32,
                                                     local_files_only=True)
        _drop_gguf_marking(model)
        model.save_pretrained(tmp, safe_serialization=True)
        tokenizer.save_pretrained(tmp)
        if model.generation_config is not None:
            model.generation_config.save_pretrained(tmp)
        template = getattr(tokenizer, "chat_template", None)
        if isinstance(template, str) and not (tmp / "chat_template.jinja").exists():
            (tmp / "chat_template.jinja").write_text(template, encoding="utf-8")
        del model, tokenizer
        gc.collect()
        info = {"source": str(gguf_file), "bytes": gguf_file.stat().st_size, "dtype": "float32",
                "seconds": round(time.monotonic() - started, 1)}
        out_dir.mkdir(parents=True, exist_ok=True)
        for item in tmp.iterdir():
            os.replace(item, out_dir / item.name)
        (out_dir / DONE_MARKER).write_text(json.dumps(info, indent=2), encoding="utf-8")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
        gc.collect()
        _trim_heap()
    log.info("converted in %.1f s -> %s", time.monotonic() - started, out_dir)
    return out_dir


def _drop_gguf_marking(model) -> None:
    """transformers dequantises GGUF weights on load but leaves the model flagged as GGUF-quantized,
    which `save_pretrained` refuses. Once every weight is a plain float tensor, drop the flag."""
    quantizer = getattr(model, "hf_quantizer", None)
    if quantizer is None:
        return
    packed = [n for n, p in model.named_parameters() if not p.dtype.is_floating_point]
    if packed:
        raise RuntimeError(f"GGUF weights are still packed ({packed[0]}, ...): cannot save as safetensors")
    quantizer.remove_quantization_config(model)


def _trim_heap() -> None:
    """Give freed dequantisation buffers back to the OS (glibc keeps them otherwise)."""
    try:
        import ctypes

        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):
        pass
