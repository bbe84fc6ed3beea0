"""The chat model: a transformers causal LM (or a vision-language model) behind a small streaming API.

Messages are OpenAI-style dicts (`{"role": "user", "content": "..."}`); tools are JSON-schema
function specs (`{"type": "function", "function": {name, description, parameters}}`) rendered by the
model's own chat template. The model writes tool calls as text: they are read out of it here, privately
(`chat.toolcalls.chunks_from_text`), and leave as typed `ToolCall` chunks like every engine's.

Prompt processing dominates on a CPU, and most of each prompt (system prompt, tool schemas, earlier
turns) is the same as last time. The KV cache of the previous call is kept, and the next call reuses
it up to the longest common token prefix: only the new tokens are processed.
"""

from __future__ import annotations

import functools
import json
import logging
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ..contracts import ChatChunk, ToolChoice, Usage
from ..roles import ChatCapabilities, StopSignal
from .toolcalls import chunks_from_text

log = logging.getLogger(__name__)


class _StopOnEvent:
    """StoppingCriteria-compatible: ends generation at the next token once a signal is set."""

    def __init__(self, *events: StopSignal | threading.Event | None):
        self.events = [e for e in events if e is not None]

    def __call__(self, input_ids, scores, **kwargs):
        import torch

        stop = any(e.is_set() for e in self.events)
        return torch.full((input_ids.shape[0],), stop, dtype=torch.bool, device=input_ids.device)


class LocalChatModel:
    """One loaded chat model. Thread-safe: calls on one instance generate one at a time."""

    def __init__(self, model, tokenizer, *, processor=None, is_vlm: bool = False, name: str = "",
                 threads: int | None = None, reuse_prefix: bool = True):
        self.model = model
        self.tokenizer = tokenizer
        self.processor = processor  # VLMs: renders messages with images; None for text-only models
        self.name = name
        self.threads = threads
        # VLMs keep position state (Qwen-VL's rope deltas) from their last full prompt: no reuse there
        self.capabilities = ChatCapabilities(vision=is_vlm, reuse_prefix=reuse_prefix and not is_vlm)
        self.last_stats: dict[str, float] = {}  # prompt_tokens, reused_tokens, new_tokens of the last call
        self._lock = threading.Lock()
        self._cache = None  # KV cache of the previous call...
        self._cache_ids: list[int] = []  # ...and the tokens it holds

    # -- facts ------------------------------------------------------------------------------------
    @property
    def device(self):
        return self.model.device

    @property
    def context_length(self) -> int:
        config = self.model.config
        text = getattr(config, "text_config", None) or config
        return int(getattr(text, "max_position_embeddings", None) or getattr(config, "max_position_embeddings", None)
                   or 4096)

    def memory_bytes(self) -> int:
        from ..models.memory import module_bytes

        return module_bytes(self.model) + self._cache_bytes()

    def count_tokens(self, messages: list[dict], tools: list[dict] | None = None) -> int:
        return len(self._prompt_ids(messages, tools))

    # -- generation -------------------------------------------------------------------------------
    def chat(self, messages: list[dict], tools: list[dict] | None = None, max_new_tokens: int = 512,
             stop: StopSignal | None = None, temperature: float = 0.0) -> str:
        """The whole reply as one string, generated in the calling thread (greedy unless temperature > 0)."""
        with self._lock:
            if stop is not None and stop.is_set():
                return ""
            new = self._generate(messages, tools, max_new_tokens, temperature, None, (stop,))
        return self._decoder().decode(new, skip_special_tokens=True)

    def describe(self, image, question: str | None = None, max_new_tokens: int = 256) -> str:
        """For a chat model that is also a VLM (one model as `llm` and `vlm`): answer about an image."""
        if not self.capabilities.vision:
            from ..errors import InputError

            raise InputError(f"{self.name or 'the chat model'} is text-only: it cannot look at images")
        from .schemas import image_question

        return self.chat(image_question(image, question), max_new_tokens=max_new_tokens).strip()

    def stream(self, messages: list[dict], tools: list[dict] | None = None, max_new_tokens: int = 512,
               stop: StopSignal | None = None, temperature: float = 0.0, *, tool_choice: ToolChoice = "auto",
               response_schema: dict | None = None) -> Iterator[ChatChunk]:
        """Typed chunks as they are generated: this engine only has text, so tool calls are read out of it here
        (`toolcalls.chunks_from_text`: prose streams at once unless it opens like a call), then `Usage`.
        `response_schema` cannot be enforced by transformers' generate: the model is asked in the prompt only."""
        offered = tools if tool_choice != "none" else None
        if response_schema is not None:
            messages = [*messages, {"role": "system", "content": "Answer with JSON that fits this schema: "
                                                                 + json.dumps(response_schema)}]
        yield from chunks_from_text(self._deltas(messages, offered, max_new_tokens, stop, temperature), offered,
                                    tool_choice)
        stats = self.last_stats
        if stats:
            yield Usage(int(stats.get("prompt_tokens", 0)), int(stats.get("reused_tokens", 0)),
                        int(stats.get("new_tokens", 0)))

    def _deltas(self, messages: list[dict], tools: list[dict] | None, max_new_tokens: int,
                stop: StopSignal | None, temperature: float) -> Iterator[str]:
        """Text deltas (whole words) as they are generated, from a background thread.

        Setting `stop` ends generation at the next token; so does closing the iterator early. (Prompt
        processing itself is one forward pass and is not interrupted.) Exhaust or close the iterator:
        the instance is locked while it is open.
        """
        from transformers import TextIteratorStreamer

        with self._lock:
            if stop is not None and stop.is_set():
                return
            streamer = TextIteratorStreamer(self._decoder(), skip_prompt=True, skip_special_tokens=True)
            abandoned = threading.Event()
            failure: list[BaseException] = []

            def work():
                try:
                    self._generate(messages, tools, max_new_tokens, temperature, streamer, (stop, abandoned))
                except BaseException as exc:  # handed to the consumer below
                    failure.append(exc)
                    streamer.end()

            worker = threading.Thread(target=work, name="llm-generate", daemon=True)
            worker.start()
            try:
                for delta in streamer:
                    if failure:
                        break
                    if delta:
                        yield delta
            finally:
                abandoned.set()
                worker.join()
            if failure:
                raise failure[0]

    def warm(self, messages: list[dict], tools: list[dict] | None = None, keep: bool = False) -> None:
        """Process this prompt now: its KV cache is kept for the next call that starts the same way."""
        if self.capabilities.reuse_prefix:
            self.chat(messages, tools, max_new_tokens=1)

    def reset_cache(self) -> None:
        """Forget the kept KV cache (the next call processes its whole prompt)."""
        self._cache, self._cache_ids = None, []

    def close(self) -> None:
        self.reset_cache()

    # -- internals --------------------------------------------------------------------------------
    def _decoder(self):
        return self.tokenizer if self.processor is None else getattr(self.processor, "tokenizer", self.processor)

    def _render(self, messages: list[dict], tools: list[dict] | None) -> dict:
        """Model inputs (input_ids, attention_mask, and pixel values for images) for a chat prompt."""
        if self.processor is not None:
            return dict(self.processor.apply_chat_template(
                _structured(messages), tools=tools or None, add_generation_prompt=True, tokenize=True,
                return_dict=True, return_tensors="pt"))
        text = self.tokenizer.apply_chat_template(_plain(messages), tools=tools or None, tokenize=False,
                                                  add_generation_prompt=True)
        return dict(self.tokenizer(text, add_special_tokens=False, return_tensors="pt"))

    def _prompt_ids(self, messages: list[dict], tools: list[dict] | None) -> list[int]:
        return self._render(messages, tools)["input_ids"][0].tolist()

    def _generate(self, messages, tools, max_new_tokens, temperature, streamer, events) -> list[int]:
        import torch
        from transformers import StoppingCriteriaList

        if self.threads:
            torch.set_num_threads(self.threads)  # per OS thread under OpenMP: set it where the work runs
        inputs = {k: v.to(self.model.device) if hasattr(v, "to") else v
                  for k, v in self._render(messages, tools).items()}
        ids = inputs["input_ids"][0].tolist()
        cache, reused = self._reusable_cache(ids)
        sampling = {"do_sample": True, "temperature": temperature, "top_p": 0.95} if temperature > 0 else \
            {"do_sample": False, "temperature": None, "top_p": None, "top_k": None}
        self._cache, self._cache_ids = None, []  # in use: a failure below leaves nothing half-updated
        cache_name = _cache_argument()
        with torch.inference_mode():
            out = self.model.generate(
                **inputs, **{cache_name: cache}, max_new_tokens=max_new_tokens, streamer=streamer,
                stopping_criteria=StoppingCriteriaList([_StopOnEvent(*events)]),
                return_dict_in_generate=True, pad_token_id=self._decoder().pad_token_id, **sampling)
        sequence = out.sequences[0].tolist()
        new = sequence[len(ids):]
        self.last_stats = {"prompt_tokens": len(ids), "reused_tokens": reused, "new_tokens": len(new)}
        kept = getattr(out, cache_name, None)
        if kept is not None and self.capabilities.reuse_prefix and _croppable(kept):
            self._cache, self._cache_ids = kept, sequence[:kept.get_seq_length()]
        return new

    def _reusable_cache(self, ids: list[int]):
        """The kept cache cropped to its common prefix with `ids` (None if nothing to reuse)."""
        cache, cached = self._cache, self._cache_ids
        if not (self.capabilities.reuse_prefix and cache is not None and cached):
            return None, 0
        common = 0
        for a, b in zip(cached, ids):
            if a != b:
                break
            common += 1
        common = min(common, len(ids) - 1)  # generate needs at least one new token to process
        if common <= 0:
            return None, 0
        excess = cache.get_seq_length() - common
        if excess > 0:
            cache.crop(-excess)
        return cache, common

    def _cache_bytes(self) -> int:
        layers = getattr(self._cache, "layers", None) or []
        return sum(t.numel() * t.element_size() for layer in layers
                   for t in (getattr(layer, "keys", None), getattr(layer, "values", None)) if t is not None)


@functools.cache
def _cache_argument() -> str:
    """What `generate` calls the KV cache, in and out: `cache` since transformers 5.2x (`past_key_values`
    is deprecated there, and gone in 6.0), `past_key_values` before."""
    from transformers.generation.utils import GenerateDecoderOnlyOutput

    return "cache" if "cache" in GenerateDecoderOnlyOutput.__dataclass_fields__ else "past_key_values"


def _croppable(cache) -> bool:
    """Only plain full-attention dynamic caches can be cut back to a prefix safely."""
    from transformers.cache_utils import DynamicCache, DynamicLayer

    return type(cache) is DynamicCache and all(type(layer) is DynamicLayer for layer in cache.layers)


def _plain(messages: list[dict]) -> list[dict]:
    """Text-only models: list-of-parts content becomes its text; OpenAI-style tool-call arguments
    (a JSON string) become objects, which chat templates serialise themselves."""
    out = []
    for m in messages:
        content = m.get("content")
        if isinstance(content, list):
            content = "\n".join(p.get("text", "") for p in content if isinstance(p, dict) and p.get("type") == "text")
        m = {**m, "content": content if content is not None else ""}
        if m.get("tool_calls"):
            m["tool_calls"] = [_decoded_call(c) for c in m["tool_calls"]]
        out.append(m)
    return out


def _decoded_call(call: dict) -> dict:
    function = call.get("function", call)
    arguments = function.get("arguments")
    if isinstance(arguments, str):
        try:
            arguments = json.loads(arguments or "{}")
        except json.JSONDecodeError:
            return call
        function = {**function, "arguments": arguments}
        return {**call, "function": function} if "function" in call else function
    return call


def _structured(messages: list[dict]) -> list[dict]:
    """VLM processors want content as a list of typed parts."""
    return [{**m, "content": [{"type": "text", "text": m.get("content") or ""}]}
            if not isinstance(m.get("content"), list) else m for m in messages]


def _is_vlm_config(config: dict[str, Any]) -> bool:
    archs = " ".join(config.get("architectures") or [])
    return "vision_config" in config or "ForConditionalGeneration" in archs or "ImageTextToText" in archs


def load_transformers_chat(path: Path, spec, plan) -> LocalChatModel:
    """Backend "transformers": a local model folder (safetensors); a VLM config loads as a VLM."""
    import torch

    from ..compat import ensure_torchvision

    ensure_torchvision()
    path = Path(path)
    if plan.threads:
        torch.set_num_threads(plan.threads)
    config = json.loads((path / "config.json").read_text(encoding="utf-8"))
    options = dict(getattr(spec, "options", None) or {})
    common = {"dtype": plan.torch_dtype, "local_files_only": True}
    if _is_vlm_config(config):
        from transformers import AutoModelForImageTextToText, AutoProcessor

        processor = AutoProcessor.from_pretrained(path, local_files_only=True)
        model = AutoModelForImageTextToText.from_pretrained(path, **common)
        tokenizer = getattr(processor, "tokenizer", processor)
    else:
        from transformers import AutoModelForCausalLM, AutoTokenizer

        processor = None
        tokenizer = AutoTokenizer.from_pretrained(path, local_files_only=True)
        model = AutoModelForCausalLM.from_pretrained(path, **common)
    model.to(plan.device).eval()
    return LocalChatModel(model, tokenizer, processor=processor, is_vlm=processor is not None,
                          name=getattr(spec, "source", str(path)), threads=plan.threads,
                          reuse_prefix=bool(options.get("reuse_prefix", True)))
