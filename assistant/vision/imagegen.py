"""Text-to-image with diffusers: SD 1.x/2.x, SD-Turbo, SDXL (+Turbo), SD3, Flux (dev/schnell).

Defaults (size, steps, guidance) follow the model family, detected from the pipeline class, the model's
name and its config; `options` in the model spec override them (`width`, `height`, `steps`,
`guidance_scale`, `family`, `max_pixels`, `max_steps`, `cpu_offload`).
"""

from __future__ import annotations

import inspect
import logging
import random
import threading
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

from ..compat import ensure_torchvision
from ..contracts import ImageDefaults
from ..errors import InputError, ModelUnavailable
from ..models.device import DevicePlan
from ..models.memory import module_bytes
from ..models.specs import ModelSpec

log = logging.getLogger(__name__)

MAX_PIXELS = 2048 * 2048
MAX_STEPS = 150
MIN_SIDE = 64


# Per family. Width/height give way to the model's native size (denoiser sample size x VAE factor), except
# for the distilled turbo/schnell models, whose configs are inherited from the base: the table is right there.
FAMILY_DEFAULTS: dict[str, ImageDefaults] = {
    "sd": ImageDefaults(512, 512, 30, 7.5),
    "sd-turbo": ImageDefaults(512, 512, 1, 0.0),
    "sdxl": ImageDefaults(1024, 1024, 30, 5.0),
    "sdxl-turbo": ImageDefaults(512, 512, 1, 0.0),
    "sd3": ImageDefaults(1024, 1024, 28, 7.0),
    "flux": ImageDefaults(1024, 1024, 28, 3.5),
    "flux-schnell": ImageDefaults(1024, 1024, 4, 0.0),
    "other": ImageDefaults(512, 512, 30, 7.5),
}


def detect_family(pipe: Any, hints: str) -> str:
    """Family of a loaded pipeline; `hints` is the model's name/path (for turbo and schnell)."""
    cls = type(pipe).__name__
    hints = hints.lower()
    if cls.startswith("Flux"):
        transformer = getattr(pipe, "transformer", None)
        guided = getattr(getattr(transformer, "config", None), "guidance_embeds", True)
        return "flux-schnell" if "schnell" in hints or not guided else "flux"
    if cls.startswith("StableDiffusion3"):
        return "sd3"
    if cls.startswith("StableDiffusionXL"):
        return "sdxl-turbo" if "turbo" in hints else "sdxl"
    if cls.startswith("StableDiffusion"):
        return "sd-turbo" if "turbo" in hints else "sd"
    return "other"


class ImageGenerator:
    """One pipeline shared by threads; calls are serialised. `generate` raises InputError on bad sizes."""

    def __init__(self, pipe: Any, family: str, name: str, options: dict[str, Any] | None = None):
        options = options or {}
        self.name = name
        self.family = family
        self._pipe = pipe
        self._lock = threading.Lock()
        self._multiple = 16 if family.startswith("flux") else 8
        self.max_pixels = int(options.get("max_pixels", MAX_PIXELS))
        self.max_steps = int(options.get("max_steps", MAX_STEPS))
        base = FAMILY_DEFAULTS[family]
        native = _native_size(pipe)
        if native and native >= MIN_SIDE and not family.endswith(("turbo", "schnell")):
            base = replace(base, width=native, height=native)
        self.defaults = ImageDefaults(
            width=int(options.get("width", base.width)), height=int(options.get("height", base.height)),
            steps=int(options.get("steps", base.steps)),
            guidance_scale=float(options.get("guidance_scale", base.guidance_scale)))
        self._accepts = set(inspect.signature(pipe.__call__).parameters)
        pipe.set_progress_bar_config(disable=True)

    def generate(self, prompt: str, negative_prompt: str | None = None, width: int | None = None,
                 height: int | None = None, steps: int | None = None, guidance_scale: float | None = None,
                 seed: int | None = None, on_step: Callable[[int, int], None] | None = None) -> Any:
        """A PIL image. `on_step(done, total)` after each denoising step (raise in it to cancel).
        The seed used is in `image.info["seed"]`."""
        import torch

        if not isinstance(prompt, str) or not prompt.strip():
            raise InputError("the image prompt is empty")
        width = self._side("width", self.defaults.width if width is None else width)
        height = self._side("height", self.defaults.height if height is None else height)
        if width * height > self.max_pixels:
            raise InputError(f"{width}x{height} is too big: at most {self.max_pixels:,} pixels "
                             f"(e.g. {self.defaults.width}x{self.defaults.height})")
        steps = self.defaults.steps if steps is None else steps
        if not isinstance(steps, int) or isinstance(steps, bool) or not 1 <= steps <= self.max_steps:
            raise InputError(f"steps must be an integer from 1 to {self.max_steps}, got {steps!r}")
        guidance = self.defaults.guidance_scale if guidance_scale is None else guidance_scale
        if not isinstance(guidance, (int, float)) or not 0.0 <= guidance <= 30.0:
            raise InputError(f"guidance_scale must be between 0 and 30, got {guidance!r}")
        if seed is None:
            seed = random.randrange(2**32)
        if not isinstance(seed, int) or not 0 <= seed < 2**63:
            raise InputError(f"seed must be a non-negative integer, got {seed!r}")

        kwargs: dict[str, Any] = {
            "prompt": prompt.strip(), "width": width, "height": height, "num_inference_steps": steps,
            "guidance_scale": float(guidance), "generator": torch.Generator("cpu").manual_seed(seed),
        }
        if negative_prompt and negative_prompt.strip() and "negative_prompt" in self._accepts:
            kwargs["negative_prompt"] = negative_prompt.strip()
            if "true_cfg_scale" in self._accepts:  # Flux: a negative prompt needs true CFG to matter
                kwargs["true_cfg_scale"] = 4.0
        if on_step is not None:
            def callback(pipe, index, timestep, tensors):
                on_step(index + 1, int(getattr(pipe, "num_timesteps", steps) or steps))
                return tensors

            kwargs["callback_on_step_end"] = callback
        with self._lock:
            if self._pipe is None:
                raise RuntimeError("this image generator was unloaded")
            image = self._pipe(**kwargs).images[0]
        image.info["seed"] = seed
        return image

    def memory_bytes(self) -> int:
        import torch

        pipe = self._pipe
        if pipe is None:
            return 0
        return module_bytes(*(m for m in pipe.components.values() if isinstance(m, torch.nn.Module)))

    def close(self) -> None:
        with self._lock:
            self._pipe = None

    def _side(self, what: str, value: Any) -> int:
        if not isinstance(value, int) or isinstance(value, bool):
            raise InputError(f"{what} must be an integer number of pixels, got {value!r}")
        if value < MIN_SIDE or value % self._multiple:
            raise InputError(f"{what} must be a multiple of {self._multiple} and at least {MIN_SIDE}, got {value}")
        return value


def _native_size(pipe: Any) -> int | None:
    """The resolution the model was trained at: sample size of the denoiser times the VAE scale factor."""
    sample = getattr(pipe, "default_sample_size", None)
    if sample is None:
        unet = getattr(pipe, "unet", None)
        sample = getattr(getattr(unet, "config", None), "sample_size", None)
    factor = getattr(pipe, "vae_scale_factor", None)
    if isinstance(sample, (list, tuple)):
        sample = sample[0]
    return int(sample * factor) if isinstance(sample, int) and isinstance(factor, int) else None


def _has_variant(path: Path, variant: str) -> bool:
    return any(path.rglob(f"*.{variant}.safetensors")) or any(path.rglob(f"*.{variant}.bin"))


def load_diffusers(path: Path, spec: ModelSpec, plan: DevicePlan) -> ImageGenerator:
    """A diffusers pipeline from a local folder (with `model_index.json`), on the plan's device and dtype."""
    ensure_torchvision()
    from diffusers import DiffusionPipeline

    path = Path(path)
    if not (path / "model_index.json").is_file():
        raise ModelUnavailable(f"{path} is not a diffusers pipeline folder (no model_index.json)")
    options = dict(spec.options or {})
    kwargs: dict[str, Any] = {"dtype": plan.torch_dtype, "local_files_only": True}
    variant = options.get("variant")
    if variant and _has_variant(path, variant):  # e.g. fp16 files only: the repo was pulled that way
        kwargs["variant"] = variant
    pipe = DiffusionPipeline.from_pretrained(path, **kwargs)
    if plan.is_cuda and options.get("cpu_offload"):
        pipe.enable_model_cpu_offload(device=plan.device)  # slower, but fits big models on small GPUs
    else:
        pipe.to(plan.device)
    family = options.get("family") or detect_family(pipe, f"{spec.source} {path}")
    if family not in FAMILY_DEFAULTS:
        raise InputError(f"unknown image model family {family!r} (known: {', '.join(FAMILY_DEFAULTS)})")
    generator = ImageGenerator(pipe, family, name=spec.source, options=options)
    log.info("image generator %s (%s, family %s) on %s, defaults %s", spec.source, type(pipe).__name__,
             family, plan.device, generator.defaults)
    return generator
