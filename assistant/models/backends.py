"""Backend name -> loader. A loader is `load(path: Path, spec: ModelSpec, plan: DevicePlan) -> object`;
a server backend's loader gets the source URL (a str) instead of a path.

Loaders live beside the code that uses the model (audio/, vision/, chat/, embeddings.py) and are
imported only when a model is first loaded, so `assistant --help` never imports torch.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable

BACKENDS: dict[str, str] = {
    "silero-onnx": "assistant.audio.vad:load_silero",
    "smart-turn": "assistant.audio.turn_end:load_smart_turn",
    "faster-whisper": "assistant.audio.stt:load_faster_whisper",
    "transformers-whisper": "assistant.audio.stt:load_transformers_whisper",
    "piper": "assistant.audio.tts:load_piper",
    "llama.cpp": "assistant.chat.llamacpp:load_llamacpp_chat",  # GGUF files, quantised as they are
    "transformers": "assistant.chat.local:load_transformers_chat",
    "transformers-vlm": "assistant.vision.vlm:load_vlm",
    "open-clip": "assistant.vision.clip:load_open_clip",
    "diffusers": "assistant.vision.imagegen:load_diffusers",
    "sentence-transformers": "assistant.embeddings:load_sentence_transformer",
    "openai": "assistant.chat.server:load_openai_chat",  # an OpenAI-compatible server (vLLM, llama.cpp, Ollama)
}
SERVER_BACKENDS = frozenset({"openai"})  # sources are http(s) URLs, not files


def loader_for(backend: str) -> Callable:
    try:
        target = BACKENDS[backend]
    except KeyError:
        from ..errors import InputError

        raise InputError(f"unknown model backend {backend!r} (known: {', '.join(sorted(BACKENDS))})") from None
    module, _, attr = target.partition(":")
    return getattr(importlib.import_module(module), attr)
