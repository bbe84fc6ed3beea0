"""Backend "llama.cpp": a GGUF chat model run by llama.cpp in this process (the `xllamacpp` wheels: no
compiler needed, x86-64 and aarch64), straight from the quantised file: no de-quantisation, no fp32 copy.

llama.cpp's own server loop runs inside the process: chat requests go to it directly (streaming through a
callback, which also stops generation: a stop is seen at the next token), and its small HTTP side, bound
to 127.0.0.1 with a random key, renders and counts prompts and saves the KV cache. The GGUF's own chat
template renders the messages (Jinja). The KV cache of the last prompt is reused up to the common prefix,
and `warm()` keeps the fixed start of every prompt (system prompt + tool schemas) in a file beside the
model, so even the first turn after a start skips processing it (seconds on a small CPU).

Options (`models.llm.options`): `context_tokens` also sizes the context (default 4096), `threads` (default:
every core), `gpu_layers` (a CUDA build of llama.cpp: layers to offload; 0 on a CPU build).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
import queue
import secrets
import threading
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ..contracts import ChatChunk, Text, ToolCall, ToolChoice, Usage, forced_call_schema, text_of
from ..errors import AssistantError, InputError, ModelUnavailable
from ..roles import ChatCapabilities, StopSignal
from .toolcalls import json_arguments

log = logging.getLogger(__name__)
_END = object()
DEFAULT_CONTEXT = 4096
STATE_DIR = ".prompt-cache"  # beside the model file: the saved KV caches of warmed prefixes
# tool_choice "none": an answer, never a call written as text (a small model writes the calls it saw in the
# conversation, offered or not): the reply may not open with "{", "[" or "<" (code fences stay allowed)
PROSE_GRAMMAR = r"root ::= ([^{\[<\x20\x09\x0A] [^\x00]*)?"


class LlamaCppChatModel:
    """One GGUF model with one slot (one request at a time; others queue in llama.cpp)."""

    capabilities = ChatCapabilities(vision=False, reuse_prefix=True, exact_token_counts=True)

    def __init__(self, path: Path, *, name: str, context_length: int = DEFAULT_CONTEXT, threads: int | None = None,
                 gpu_layers: int = 0):
        import xllamacpp

        self.path = Path(path)
        self.name = name
        self.context_length = int(context_length)
        self.last_stats: dict[str, float] = {}
        self._state_dir = self.path.parent / STATE_DIR
        with contextlib.suppress(OSError):
            self._state_dir.mkdir(exist_ok=True)
        self._key = secrets.token_urlsafe(24)
        params = xllamacpp.CommonParams()
        params.model.path = str(self.path)
        params.n_ctx = self.context_length
        params.n_parallel = 1
        threads = threads or os.cpu_count() or 2
        params.cpuparams.n_threads = threads
        params.cpuparams_batch.n_threads = threads
        params.n_gpu_layers = gpu_layers
        if gpu_layers == 0 and hasattr(params, "fit_params"):  # fitting layers and context to GPU memory: on a
            params.fit_params = False  # CPU there is none to fit, and the probing took 0.5 s of a 1.1 s load
        params.warmup = False  # warm() processes the real prefix instead
        params.cache_prompt = True  # the slot keeps its KV cache: the next prompt reuses the common prefix
        params.cache_ram_mib = 0  # no second cache of other prompts in RAM (up to 8 GiB by default)
        params.slot_save_path = str(self._state_dir) + os.sep  # (llama.cpp joins it to file names as is)
        params.api_keys = [self._key]  # its HTTP side answers this process only
        params.verbosity = -1  # nothing on stderr (the terminal app draws there)
        try:
            self._server = xllamacpp.Server(params)
        except Exception as exc:
            raise ModelUnavailable(f"llama.cpp could not load {self.path}: {exc}") from None
        self._url = self._server.listening_address

    # -- facts ------------------------------------------------------------------------------------
    def memory_bytes(self) -> int:
        return self.path.stat().st_size  # the weights are mapped as they are; the KV cache is small

    def count_tokens(self, messages: list[dict], tools: list[dict] | None = None) -> int:
        return len(self._tokens(self._render(messages, tools)))

    # -- generation -------------------------------------------------------------------------------
    def stream(self, messages: list[dict], tools: list[dict] | None = None, max_new_tokens: int = 512,
               stop: StopSignal | None = None, temperature: float = 0.0, *, tool_choice: ToolChoice = "auto",
               response_schema: dict | None = None, grammar: str | None = None) -> Iterator[ChatChunk]:
        """Typed chunks as they are generated: prose as `Text`, each tool call llama.cpp parsed out as one
        `ToolCall` (at the end of the reply), then `Usage`. A call `tool_choice` demands (a tool's name, or
        "required") is decoded under a grammar made from the tool's JSON schema, so it is a call whatever the
        model would have written. `grammar` (this engine only): the reply follows that GBNF grammar. Setting
        `stop` (or closing the iterator) ends generation at the next token."""
        if grammar is not None and (response_schema is not None or (tools and tool_choice not in ("auto", "none"))):
            raise ValueError("a grammar, or a JSON schema (response_schema, a demanded call): not both")
        if stop is not None and stop.is_set():
            return
        offered = tools if tools and tool_choice != "none" else None
        forced, schema = (None, response_schema)
        if offered and tool_choice != "auto":
            forced, schema = forced_call_schema(offered, tool_choice)
            forced = forced or ""  # "required": the name comes with the call
        body = self._body(messages, offered, max_new_tokens, temperature, stream=True)
        if schema is not None:
            body["json_schema"] = schema
        elif grammar is not None or tool_choice == "none":
            body["grammar"] = grammar if grammar is not None else PROSE_GRAMMAR
        calls: dict[int, dict[str, str]] = {}
        written: list[str] = []  # a forced call's JSON, as it is decoded
        for chunk in self._chunks(body, stop):
            for choice in chunk.get("choices") or []:
                delta = choice.get("delta") or {}
                for fragment in delta.get("tool_calls") or []:
                    _add_fragment(calls, fragment)
                if delta.get("content"):
                    if forced is None:
                        yield Text(delta["content"])
                    else:
                        written.append(delta["content"])
        stopped = stop is not None and stop.is_set()
        if forced is not None and not stopped:
            yield _forced_call(forced, "".join(written))
        elif calls and not stopped:
            for _, call in sorted(calls.items()):
                yield ToolCall(call["name"], json_arguments(call["arguments"]), call.get("id") or None)
        if self.last_stats:
            yield Usage(int(self.last_stats.get("prompt_tokens", 0)), int(self.last_stats.get("reused_tokens", 0)),
                        int(self.last_stats.get("new_tokens", 0)))

    def _chunks(self, body: dict[str, Any], stop: StopSignal | None) -> Iterator[dict]:
        """llama.cpp's streamed chunks for one request, from its worker thread; ends it when closed early."""
        chunks: queue.Queue = queue.Queue()
        abandoned = threading.Event()

        def on_chunk(chunk: dict) -> bool:
            chunks.put(chunk)
            return abandoned.is_set() or (stop is not None and stop.is_set())  # True: stop generating

        def work() -> None:
            try:
                self._server.handle_chat_completions(body, on_chunk)
            except BaseException as exc:  # handed to the consumer
                chunks.put(exc)
            finally:
                chunks.put(_END)

        worker = threading.Thread(target=work, name="llama.cpp", daemon=True)
        worker.start()
        produced = 0  # tokens seen (a stopped reply has no usage report)
        try:
            while (chunk := chunks.get()) is not _END:
                if isinstance(chunk, BaseException):
                    raise AssistantError(f"llama.cpp failed: {chunk}") from None
                self._check(chunk)
                self._note(chunk)
                if abandoned.is_set():
                    continue
                produced += any((c.get("delta") or {}).get("content") or (c.get("delta") or {}).get("tool_calls")
                                for c in chunk.get("choices") or [])
                yield chunk
        finally:
            abandoned.set()
            worker.join()
            self.last_stats.setdefault("new_tokens", produced)

    def chat(self, messages: list[dict], tools: list[dict] | None = None, max_new_tokens: int = 512,
             stop: StopSignal | None = None, temperature: float = 0.0) -> str:
        return text_of(self.stream(messages, tools, max_new_tokens, stop, temperature))

    def describe(self, image, question: str | None = None, max_new_tokens: int = 256) -> str:
        raise InputError(f"{self.name} is text-only: it cannot look at images")

    def warm(self, messages: list[dict], tools: list[dict] | None = None, keep: bool = False) -> None:
        """Have the KV cache of this prompt ready. With `keep`: restored from its file when an earlier run
        saved it, else processed now and saved for the next start."""
        if not keep:
            self.chat(messages, tools, max_new_tokens=1)
            return
        digest = hashlib.sha256(f"{self.path.name}:{self.path.stat().st_size}:{self.context_length}:"
                                .encode() + self._render(messages, tools).encode()).hexdigest()[:24]
        name = f"{digest}.slot"
        if (self._state_dir / name).is_file():
            try:
                self._post("/slots/0?action=restore", {"filename": name})
                return
            except AssistantError as exc:  # a file from another llama.cpp version: make it again
                log.info("could not restore %s (%s); processing the prefix again", name, exc)
        self.chat(messages, tools, max_new_tokens=1)
        with contextlib.suppress(AssistantError):  # a read-only model folder: nothing kept, still warm
            self._post("/slots/0?action=save", {"filename": name})

    def reset_cache(self) -> None:
        with contextlib.suppress(AssistantError):
            self._post("/slots/0?action=erase", {})

    def close(self) -> None:
        server, self._server = self._server, None
        del server  # llama.cpp's loop exits and frees the model

    # -- internals --------------------------------------------------------------------------------
    def _body(self, messages, tools, max_new_tokens: int, temperature: float, stream: bool) -> dict[str, Any]:
        body: dict[str, Any] = {"messages": [_plain(m) for m in messages], "max_tokens": max_new_tokens,
                                "temperature": temperature, "stream": stream, "cache_prompt": True,
                                "dry_multiplier": 0.8}  # DRY: no loops of repeated sentences
        if stream:
            body["stream_options"] = {"include_usage": True}
        if tools:
            body["tools"] = tools
        self.last_stats = {}
        return body

    def _check(self, chunk: dict) -> None:
        error = chunk.get("error")
        if error:
            message = error.get("message") if isinstance(error, dict) else str(error)
            raise AssistantError(f"llama.cpp refused the request: {message}")

    def _note(self, chunk: dict) -> None:
        usage = chunk.get("usage")
        if usage:
            cached = (usage.get("prompt_tokens_details") or {}).get("cached_tokens", 0)
            self.last_stats = {"prompt_tokens": usage.get("prompt_tokens", 0), "reused_tokens": cached,
                               "new_tokens": usage.get("completion_tokens", 0)}

    def _render(self, messages: list[dict], tools: list[dict] | None) -> str:
        body: dict[str, Any] = {"messages": [_plain(m) for m in messages]}
        if tools:
            body["tools"] = tools
        return str(self._post("/apply-template", body)["prompt"])

    def _tokens(self, text: str) -> list[int]:
        return list(self._post("/tokenize", {"content": text, "add_special": False})["tokens"])

    def _post(self, path: str, body: dict) -> dict:
        request = urllib.request.Request(self._url + path, json.dumps(body).encode(), method="POST", headers={
            "Content-Type": "application/json", "Authorization": f"Bearer {self._key}"})
        try:
            with urllib.request.urlopen(request, timeout=120) as response:
                return json.loads(response.read())
        except urllib.error.HTTPError as exc:
            raise AssistantError(f"llama.cpp: {path} failed (HTTP {exc.code}: {exc.read()[:300]!r})") from None
        except OSError as exc:
            raise AssistantError(f"llama.cpp: {path} failed ({exc})") from None


def _plain(message: dict) -> dict:
    """Text-only: list-of-parts content becomes its text; tool-call arguments stay as llama.cpp takes them."""
    content = message.get("content")
    if isinstance(content, list):
        content = "\n".join(p.get("text", "") for p in content if isinstance(p, dict) and p.get("type") == "text")
    out = {**message, "content": content or ""}
    if out.get("tool_calls"):
        out["tool_calls"] = [{"id": c.get("id") or f"call_{i}", "type": "function", "function": {
            "name": (c.get("function") or c).get("name", ""),
            "arguments": _json_text((c.get("function") or c).get("arguments"))}} for i, c in enumerate(out["tool_calls"])]
    return out


def _json_text(arguments: Any) -> str:
    return arguments if isinstance(arguments, str) else json.dumps(arguments or {})


def _add_fragment(calls: dict[int, dict[str, str]], fragment: dict) -> None:
    """Streamed tool calls come in pieces: index, id and name first, then the arguments in fragments."""
    call = calls.setdefault(int(fragment.get("index", len(calls))), {"name": "", "arguments": "", "id": ""})
    function = fragment.get("function") or {}
    call["name"] += function.get("name") or ""
    call["arguments"] += _json_text(function.get("arguments") or "")
    call["id"] = call["id"] or fragment.get("id") or ""


def _forced_call(name: str, written: str) -> ToolCall:
    """The call a constrained reply wrote: the arguments of tool `name`, or (`name` "") {"name", "arguments"}."""
    value = json_arguments(written)
    if name:
        return ToolCall(name, value)
    arguments = value.get("arguments")
    return ToolCall(str(value.get("name", "")), arguments if isinstance(arguments, dict) else {})


def load_llamacpp_chat(path: Path, spec, plan) -> LlamaCppChatModel:
    """Backend "llama.cpp": `path` is a .gguf file (or a folder holding one)."""
    path = Path(path)
    if path.is_dir():
        found = sorted(path.glob("*.gguf"))
        if not found:
            raise ModelUnavailable(f"no .gguf file in {path}")
        path = found[0]
    if not path.is_file():
        raise ModelUnavailable(f"GGUF model file not found: {path}")
    try:
        import xllamacpp  # noqa: F401
    except ImportError as exc:
        raise ModelUnavailable(f"the llama.cpp engine is not installed ({exc}): run `bash scripts/setup.sh`") from None
    options = dict(getattr(spec, "options", None) or {})
    return LlamaCppChatModel(path, name=getattr(spec, "source", path.name),
                             context_length=int(options.get("context_tokens") or DEFAULT_CONTEXT),
                             threads=options.get("threads") or (plan.threads if plan is not None else None),
                             gpu_layers=int(options.get("gpu_layers", 99 if plan is not None and plan.is_cuda else 0)))
