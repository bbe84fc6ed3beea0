"""Vision-language model: describe a picture or answer a question about it.

Any transformers model that `AutoModelForImageTextToText` and `AutoProcessor` load from a local folder and
whose processor has a chat template with image parts: Qwen2-VL, Qwen2.5-VL, Qwen3-VL, SmolVLM, LLaVA, ...
"""

from __future__ import annotations

import copy
import logging
import threading
import time
from pathlib import Path
from typing import Any

from ..compat import ensure_torchvision
from ..errors import InputError, ModelUnavailable
from ..models.memory import module_bytes
from ..models.device import DevicePlan
from ..models.specs import ModelSpec
from ..roles import DESCRIBE_QUESTION

log = logging.getLogger(__name__)

MAX_IMAGE_SIDE = 1024  # bigger photos are scaled down first: vision tokens grow with the pixel count


class VisionLanguageModel:
    """One model shared by threads; calls are serialised. Greedy decoding: same input, same answer."""

    def __init__(self, model: Any, processor: Any, name: str, max_image_side: int = MAX_IMAGE_SIDE):
        self.name = name
        self.max_image_side = max_image_side
        self._model = model.eval()
        self._processor = processor
        self._lock = threading.Lock()
        self.last_stats: dict[str, float] = {}  # tokens, prompt_tokens, seconds of the last call

    def describe(self, image: Any, question: str | None = None, max_new_tokens: int = 256) -> str:
        """Answer `question` about `image` (a PIL image); no question: a short description."""
        import torch

        if not isinstance(max_new_tokens, int) or max_new_tokens < 1:
            raise InputError(f"max_new_tokens must be a positive integer, got {max_new_tokens!r}")
        question = (question or "").strip() or DESCRIBE_QUESTION
        image = self._prepare(image)
        messages = [{"role": "user", "content": [{"type": "image", "image": image},
                                                  {"type": "text", "text": question}]}]
        with self._lock:
            model = self._model
            if model is None:
                raise RuntimeError("this vision-language model was unloaded")
            started = time.perf_counter()
            inputs = self._processor.apply_chat_template(
                messages, add_generation_prompt=True, tokenize=True, return_dict=True, return_tensors="pt")
            inputs = inputs.to(model.device, dtype=model.dtype)  # dtype: floating tensors only (pixels)
            with torch.inference_mode():
                output = model.generate(**inputs, generation_config=self._greedy(max_new_tokens))
            prompt_len = inputs["input_ids"].shape[1]
            new_tokens = output[0, prompt_len:]
            self.last_stats = {"tokens": int(new_tokens.numel()), "prompt_tokens": int(prompt_len),
                               "seconds": time.perf_counter() - started}
        return self._processor.decode(new_tokens, skip_special_tokens=True).strip()

    def memory_bytes(self) -> int:
        return module_bytes(self._model)

    def close(self) -> None:
        with self._lock:
            self._model = None

    # -- internals ---------------------------------------------------------------------------------
    def _prepare(self, image: Any) -> Any:
        from PIL import Image

        if not isinstance(image, Image.Image):
            raise InputError(f"expected a PIL image, got {type(image).__name__}")
        image = image if image.mode == "RGB" else image.convert("RGB")
        if max(image.size) > self.max_image_side:
            image = image.copy()
            image.thumbnail((self.max_image_side, self.max_image_side), Image.Resampling.BICUBIC)
        return image

    def _greedy(self, max_new_tokens: int) -> Any:
        config = copy.deepcopy(self._model.generation_config)
        config.do_sample = False
        config.num_beams = 1
        # Neutral values, not None: generate() fills None from the model's (sampling) defaults, then warns.
        config.temperature, config.top_p, config.top_k, config.min_p, config.typical_p = 1.0, 1.0, 50, None, 1.0
        config.max_new_tokens = max_new_tokens
        config.max_length = None
        if config.pad_token_id is None:
            config.pad_token_id = self._pad_token_id(config)
        return config

    def _pad_token_id(self, config: Any) -> int | None:
        tokenizer = getattr(self._processor, "tokenizer", None)
        pad = getattr(tokenizer, "pad_token_id", None)
        if pad is not None:
            return pad
        eos = config.eos_token_id
        return eos[0] if isinstance(eos, list) and eos else eos


def load_vlm(path: Path, spec: ModelSpec, plan: DevicePlan) -> VisionLanguageModel:
    """Processor + model from a local folder, in the plan's dtype, on the plan's device."""
    ensure_torchvision()
    from transformers import AutoModelForImageTextToText, AutoProcessor

    path = Path(path)
    if not (path / "config.json").is_file():
        raise ModelUnavailable(f"{path} is not a transformers model folder (no config.json)")
    options = spec.options or {}
    trust = bool(options.get("trust_remote_code", False))
    processor = AutoProcessor.from_pretrained(path, local_files_only=True, trust_remote_code=trust)
    if getattr(processor, "chat_template", None) is None:
        raise ModelUnavailable(f"the processor in {path} has no chat template: cannot build an image prompt")
    kwargs: dict[str, Any] = {"dtype": plan.torch_dtype, "local_files_only": True, "trust_remote_code": trust}
    if plan.is_cuda:
        kwargs["device_map"] = plan.device  # load straight onto the GPU
    model = AutoModelForImageTextToText.from_pretrained(path, **kwargs)
    if not plan.is_cuda:
        model.to(plan.device)  # type: ignore[arg-type]  # transformers types .to() through a wrapper
    vlm = VisionLanguageModel(model, processor, name=spec.source,
                              max_image_side=int(options.get("max_image_side", MAX_IMAGE_SIDE)))
    log.info("vision-language model %s (%s) on %s", spec.source, type(model).__name__, plan.device)
    return vlm
