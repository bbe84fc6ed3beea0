"""Backend "openai": the chat model behind an OpenAI-compatible server (vLLM, llama.cpp's llama-server,
Ollama, ...), through the official `openai` SDK pointed at the server's base URL (typed errors, retries).

Options (`models.llm.options`): `model` (else the first id of `GET {source}/models`), `api_key_env` (the
environment variable holding a bearer token; none: no Authorization header), `vision` (images may go in
the messages: `capabilities.vision`), `context_length`, `timeout` (seconds, default 120), `max_retries`
(default 1), `extra_body` (merged into each request, e.g. `{chat_template_kwargs = {enable_thinking =
false}}`).

Structured `tool_calls` from the server come back as typed `ToolCall` chunks (`contracts.py`), assembled
from their streamed fragments; nothing is turned into text to be parsed again. Reasoning deltas are not
passed on. Nothing is contacted until the
first request. `count_tokens` is an estimate (JSON characters / 4): servers differ in tokenizer endpoints.

Stopping: a reply is abandoned by shutting its socket down the moment `stop` is set (a read blocked in the
calling thread returns at once, and servers take the closed connection as a cancel); a request about to
start after `stop` is not sent. Retries (a refused connection, 429, 5xx: `max_retries`) are made here, not
by the SDK, because the SDK's wait before a retry (up to a server's Retry-After) cannot be interrupted.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import socket
import threading
from collections.abc import Iterator
from typing import Any

from ..errors import AssistantError, ConfigError, InputError, ModelUnavailable
from ..contracts import ChatChunk, Text, ToolCall, ToolChoice, Usage, text_of
from ..roles import ChatCapabilities, StopSignal
from .schemas import png_data_uri
from .toolcalls import json_arguments

log = logging.getLogger(__name__)
_IMAGE_TOKENS = 1024  # count_tokens' guess for one image
RETRY_STATUSES = frozenset({408, 409, 429, 500, 502, 503, 504})  # "try again" answers
MAX_RETRY_WAIT = 10.0  # seconds, whatever a server's Retry-After says


class _Stopped(BaseException):
    """Raised from the HTTP client's request hook once `stop` is set: a BaseException, so that the SDK's
    retry loop (which retries Exceptions) lets it through."""


class OpenAIChatModel:
    """A chat model on a server. Thread-safe: each call is its own HTTP request (and connection)."""

    def __init__(self, base_url: str, *, model: str | None = None, api_key: str | None = None,
                 api_key_env: str | None = None, vision: bool = False, context_length: int | None = None,
                 timeout: float = 120.0, max_retries: int = 1, extra_body: dict | None = None):
        import httpx2
        import openai

        self.base_url = base_url.rstrip("/")
        self.capabilities = ChatCapabilities(vision=bool(vision), reuse_prefix=False, exact_token_counts=False)
        self.last_stats: dict[str, float] = {}  # prompt_tokens, new_tokens of the last call (if reported)
        self._model, self._context_length, self._key_env = model, context_length, api_key_env
        self._extra, self._timeout = dict(extra_body or {}), timeout
        self._listing: list[dict] | None = None
        self._lock = threading.Lock()  # model discovery
        self._call = threading.local()  # the stop watch of the request running in this thread
        # No kept-alive connections: each request opens its own, so `stop` can close it even before the
        # response headers arrive (a non-streamed reply sends none until it is complete).
        http = httpx2.Client(timeout=httpx2.Timeout(timeout, connect=min(timeout, 10.0)),
                             limits=httpx2.Limits(max_keepalive_connections=0),
                             event_hooks={"request": [self._watch_request]})
        self._headers: dict[str, Any] = {} if api_key else {"Authorization": openai.Omit()}
        self._retries = max_retries
        self._client = openai.OpenAI(base_url=self.base_url, api_key=api_key or "none", http_client=http,
                                     max_retries=0, timeout=timeout)

    # -- facts ------------------------------------------------------------------------------------
    @property
    def name(self) -> str:
        return self._model or self.base_url

    @property
    def model(self) -> str:
        """The model id requests name: the configured one, else the first one the server lists."""
        if self._model is None:
            ids = [m["id"] for m in self._models() if m.get("id")]
            if not ids:
                raise ModelUnavailable(f"the chat server at {self.base_url} lists no models ({self.base_url}"
                                       "/models): set models.llm.options.model")
            self._model = ids[0]
        return self._model

    @property
    def context_length(self) -> int:
        """options.context_length, else vLLM's max_model_len from the model list, else 4096."""
        if self._context_length is None:
            try:
                entry = next((m for m in self._models() if m.get("id") == self.model), {})
            except AssistantError:
                return 4096  # unknown while the server is down; asked again next time
            self._context_length = int(entry.get("max_model_len") or 4096)
        return self._context_length

    def memory_bytes(self) -> int:
        return 0  # the server holds the weights

    def count_tokens(self, messages: list[dict], tools: list[dict] | None = None) -> int:
        """An estimate: JSON characters / 4, plus a fixed guess per image (no tokenizer here)."""
        parts = [p for m in messages if isinstance(m.get("content"), list) for p in m["content"]]
        images = sum(1 for p in parts if isinstance(p, dict) and p.get("type") in ("image", "image_url"))
        text = [{**m, "content": " ".join(p.get("text", "") for p in m["content"] if isinstance(p, dict))}
                if isinstance(m.get("content"), list) else m for m in messages]
        return len(json.dumps([text, tools or []], ensure_ascii=False)) // 4 + images * _IMAGE_TOKENS

    # -- generation -------------------------------------------------------------------------------
    def chat(self, messages: list[dict], tools: list[dict] | None = None, max_new_tokens: int = 512,
             stop: StopSignal | None = None, temperature: float = 0.0) -> str:
        """The reply's prose as one string (one non-streamed request); "" once stopped."""
        return text_of(self.reply(messages, tools, max_new_tokens, stop, temperature))

    def reply(self, messages: list[dict], tools: list[dict] | None = None, max_new_tokens: int = 512,
              stop: StopSignal | None = None, temperature: float = 0.0, *, tool_choice: ToolChoice = "auto",
              response_schema: dict | None = None) -> list[ChatChunk]:
        """The whole reply in one non-streamed request, as the chunks `stream` would give; [] once stopped."""
        if stop is not None and stop.is_set():
            return []
        with self._request(stop) as stopped:
            reply = self._create(messages, tools, max_new_tokens, temperature, stream=False,
                                 tool_choice=tool_choice, response_schema=response_schema)
        if reply is None or stopped():
            return []
        self._note_usage(reply.usage)
        message = reply.choices[0].message if reply.choices else None
        chunks: list[ChatChunk] = [Text(message.content)] if message and message.content else []
        chunks += [ToolCall(c.function.name or "", json_arguments(c.function.arguments), c.id or None)
                   for c in ((message.tool_calls if message else None) or []) if c.type == "function"]
        return chunks + self._usage()

    def describe(self, image, question: str | None = None, max_new_tokens: int = 256) -> str:
        if not self.capabilities.vision:
            raise InputError(f"{self.name} on {self.base_url} is not marked as a vision model: it cannot look "
                             "at images (set options.vision = true if it can)")
        from .schemas import image_question

        return self.chat(image_question(image, question), max_new_tokens=max_new_tokens).strip()

    def stream(self, messages: list[dict], tools: list[dict] | None = None, max_new_tokens: int = 512,
               stop: StopSignal | None = None, temperature: float = 0.0, *, tool_choice: ToolChoice = "auto",
               response_schema: dict | None = None) -> Iterator[ChatChunk]:
        """Typed chunks as the server sends them: prose as `Text`, each tool call the server parsed out as one
        `ToolCall` (assembled from its streamed fragments, at the end), then `Usage`. `tool_choice` and
        `response_schema` go to the server as OpenAI's `tool_choice` and `response_format`. Setting `stop` or
        closing the iterator ends the request at once: the connection is closed, which servers take as a
        cancel."""
        import openai

        if stop is not None and stop.is_set():
            return
        calls: dict[int, dict[str, str]] = {}
        with self._request(stop) as stopped:
            chunks = self._create(messages, tools, max_new_tokens, temperature, stream=True, tool_choice=tool_choice,
                                  response_schema=response_schema)
            if chunks is None:
                return
            try:
                with chunks:
                    for chunk in chunks:
                        if stopped():
                            return
                        if chunk.usage:
                            self._note_usage(chunk.usage)
                        for choice in chunk.choices:
                            for fragment in choice.delta.tool_calls or []:
                                _add_fragment(calls, fragment.index, fragment.function, fragment.id)
                            if choice.delta.content:
                                yield Text(choice.delta.content)
            except Exception as exc:
                if stopped():
                    return  # the connection was closed for `stop`
                if isinstance(exc, openai.APIConnectionError):
                    raise AssistantError(f"the connection to the chat server at {self.base_url} broke mid-reply "
                                         f"({_cause(exc)})") from None
                if isinstance(exc, openai.APIError):  # an error event in the stream (the HTTP status was 200)
                    raise AssistantError(f"the chat server at {self.base_url} failed mid-reply: "
                                         f"{_one_line(exc.message)}") from None
                raise
        if stopped():
            return
        for _, call in sorted(calls.items()):
            yield ToolCall(call["name"], json_arguments(call["arguments"]), call["id"] or None)
        yield from self._usage()

    def _usage(self) -> list[ChatChunk]:
        stats = self.last_stats
        return [Usage(int(stats.get("prompt_tokens", 0)), 0, int(stats.get("new_tokens", 0)))] if stats else []

    def warm(self, messages: list[dict], tools: list[dict] | None = None, keep: bool = False) -> None:
        """Nothing to do here: servers keep their own prefix caches."""

    def reset_cache(self) -> None:
        """Nothing kept here: servers keep their own prefix caches."""

    def close(self) -> None:
        self._client.close()

    # -- internals --------------------------------------------------------------------------------
    def _create(self, messages, tools, max_new_tokens, temperature, stream: bool, tool_choice: ToolChoice = "auto",
                response_schema: dict | None = None):
        """The SDK's request, with its errors as the assistant's (one line naming the server); None when it
        was stopped before or while it was sent."""
        import openai

        body: dict[str, Any] = {"model": self.model, "messages": [_wire(m) for m in messages],
                                "max_tokens": max_new_tokens, "temperature": temperature, "stream": stream}
        if stream:
            body["stream_options"] = {"include_usage": True}
        if tools and tool_choice != "none":
            body["tools"] = tools
            if tool_choice != "auto":
                body["tool_choice"] = tool_choice if tool_choice == "required" else {
                    "type": "function", "function": {"name": tool_choice}}
        if response_schema is not None:
            body["response_format"] = {"type": "json_schema", "json_schema": {"name": "reply",
                                                                              "schema": response_schema}}
        self.last_stats = {}
        for attempt in range(self._retries + 1):
            last = attempt == self._retries
            try:
                return self._client.chat.completions.create(**body, extra_body=self._extra or None,
                                                            extra_headers=self._headers)
            except _Stopped:
                return None
            except openai.APIStatusError as exc:
                if self._stopped_here():
                    return None
                if last or exc.status_code not in RETRY_STATUSES:
                    raise self._status_error(exc) from None
                if self._pause(_retry_after(exc.response) or 0.5 * 2 ** attempt):
                    return None
            except openai.APITimeoutError:
                if self._stopped_here():
                    return None
                raise AssistantError(f"the chat server at {self.base_url} did not answer within {self._timeout:g} "
                                     "s (raise models.llm.options.timeout for slow first requests)") from None
            except openai.APIConnectionError as exc:
                if self._stopped_here():
                    return None
                if last:
                    raise ModelUnavailable(f"cannot reach the chat server at {self.base_url} ({_cause(exc)}): start "
                                           "it (e.g. `vllm serve MODEL`, `llama-server`, `ollama serve`) or fix "
                                           "models.llm.source") from None
                if self._pause(0.5 * 2 ** attempt):
                    return None
        return None  # not reached: the last attempt returns or raises

    def _note_usage(self, usage) -> None:
        if usage is not None:
            self.last_stats = {"prompt_tokens": usage.prompt_tokens or 0, "new_tokens": usage.completion_tokens or 0}

    def _models(self) -> list[dict]:
        import openai

        with self._lock:
            if self._listing is None:
                try:
                    page = self._client.models.list(extra_headers=self._headers)
                except openai.APIStatusError as exc:
                    raise self._status_error(exc) from None
                except openai.APIConnectionError as exc:
                    raise ModelUnavailable(f"cannot reach the chat server at {self.base_url} ({_cause(exc)}): "
                                           "start it or fix models.llm.source") from None
                self._listing = [m.model_dump() for m in page.data]
            return self._listing

    @contextlib.contextmanager
    def _request(self, stop: StopSignal | None) -> Iterator[Any]:
        """While it is open, requests this thread sends are watched: setting `stop` shuts their socket down,
        and a request about to start after it is not sent. Yields `stopped()`."""
        watch = _Watch()
        forget = stop.on_set(watch.stop) if stop is not None else (lambda: None)
        self._call.watch = watch
        try:
            yield watch.is_stopped
        finally:
            self._call.watch = None
            forget()

    def _watch_request(self, request) -> None:
        """httpx2's request hook: put this thread's watch on the request (its connection's socket is traced)."""
        watch = getattr(self._call, "watch", None)
        if watch is None:
            return
        if watch.is_stopped():
            raise _Stopped()
        request.extensions["trace"] = watch.trace

    def _stopped_here(self) -> bool:
        watch = getattr(self._call, "watch", None)
        return watch is not None and watch.is_stopped()

    def _pause(self, seconds: float) -> bool:
        """Wait before a retry; True when `stop` came meanwhile (the wait ends then)."""
        watch = getattr(self._call, "watch", None)
        seconds = min(seconds, MAX_RETRY_WAIT)
        if watch is None:
            threading.Event().wait(seconds)
            return False
        return watch.wait(seconds)

    def _status_error(self, exc) -> AssistantError:
        status = exc.status_code
        what = (f"the chat server at {self.base_url} refused the request (HTTP {status}: "
                f"{_error_text(exc.body, exc.message)})")
        if status in (401, 403):
            where = f"${self._key_env}" if self._key_env else "the variable named by models.llm.options.api_key_env"
            return AssistantError(f"{what}: put its API key in {where}")
        if status == 404:
            return ModelUnavailable(f"{what}: check models.llm.source (the base URL, e.g. ending in /v1) and "
                                    f"options.model (the server lists its models at {self.base_url}/models)")
        return AssistantError(what)


class _Watch:
    """One call's view of its connection: the network streams httpcore opened, and whether `stop` came."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._streams: list = []
        self._stopped = False
        self._event = threading.Event()

    def trace(self, event: str, info: dict) -> None:
        if event in ("connection.connect_tcp.complete", "connection.start_tls.complete"):
            with self._lock:
                self._streams.append(info.get("return_value"))
                late = self._stopped
            if late:  # stopped while still connecting
                self.stop()

    def stop(self) -> None:
        with self._lock:
            self._stopped = True
            streams = list(self._streams)
        self._event.set()
        for stream in streams:
            sock = stream.get_extra_info("socket") if stream is not None else None
            if isinstance(sock, socket.socket):
                with contextlib.suppress(OSError):
                    socket.socket.shutdown(sock, socket.SHUT_RDWR)  # the plain socket's, even under TLS

    def is_stopped(self) -> bool:
        with self._lock:
            return self._stopped

    def wait(self, seconds: float) -> bool:
        return self._event.wait(seconds)


def _retry_after(response) -> float | None:
    """A server's Retry-After (seconds) when it gave one."""
    try:
        return float(response.headers.get("retry-after"))
    except (TypeError, ValueError, AttributeError):
        return None


def _cause(exc: BaseException) -> str:
    cause = exc.__cause__ or exc.__context__
    return _one_line(str(cause) or type(cause).__name__) if cause else _one_line(str(exc))


def _one_line(text: str) -> str:
    return " ".join(str(text).split())[:500]


def _error_text(body: object, fallback: str) -> str:
    """The server's own message: OpenAI's {"error": {"message"}}, vLLM's {"message"}, {"detail"}, or the text."""
    error = body.get("error", body) if isinstance(body, dict) else body
    if isinstance(error, dict):
        error = error.get("message") or error.get("detail") or json.dumps(error)
    return _one_line(str(error)) if error else _one_line(fallback) or "no details"


def _add_fragment(calls: dict[int, dict[str, str]], index: int | None, function, call_id: str | None) -> None:
    """Streamed tool calls come in pieces: index, id and name first, then the arguments in fragments."""
    call = calls.setdefault(len(calls) if index is None else int(index), {"name": "", "arguments": "", "id": ""})
    call["id"] = call["id"] or call_id or ""
    if function is not None:
        call["name"] += function.name or ""
        call["arguments"] += function.arguments or ""


def _wire(message: dict) -> dict:
    """A message as servers take it: image parts as data-URI image_url parts, tool-call arguments as JSON
    strings (tool results keep their tool_call_id)."""
    out = {**message, "content": message.get("content") or ""}
    if isinstance(out["content"], list):
        out["content"] = [{"type": "image_url", "image_url": {"url": png_data_uri(p.get("image"))}}
                          if isinstance(p, dict) and p.get("type") == "image" else p for p in out["content"]]
    if out.get("tool_calls"):
        out["tool_calls"] = [_wire_call(c, i) for i, c in enumerate(out["tool_calls"])]
    return out


def _wire_call(call: dict, index: int) -> dict:
    function = call.get("function", call)
    arguments = function.get("arguments")
    return {"id": call.get("id") or f"call_{index}", "type": "function", "function": {
        "name": function.get("name", ""),
        "arguments": arguments if isinstance(arguments, str) else json.dumps(arguments or {})}}


def load_openai_chat(path_or_url, spec, plan) -> OpenAIChatModel:
    """Backend "openai": `spec.source` is the server's base URL (e.g. http://localhost:8000/v1). Lazy:
    nothing is contacted here, so the server may start later."""
    url = str(path_or_url)
    if not url.startswith(("http://", "https://")):
        raise ConfigError(f"backend \"openai\" needs a server URL as models.{spec.role}.source "
                          f"(e.g. http://localhost:8000/v1), not {url!r}")
    options = dict(getattr(spec, "options", None) or {})
    key_env = options.get("api_key_env")
    api_key = os.environ.get(key_env) if key_env else None
    if key_env and not api_key:
        log.warning("$%s (models.%s.options.api_key_env) is not set: no API key is sent", key_env, spec.role)
    return OpenAIChatModel(url, model=options.get("model"), api_key=api_key, api_key_env=key_env,
                           vision=bool(options.get("vision", False)), context_length=options.get("context_length"),
                           timeout=float(options.get("timeout", 120)), max_retries=int(options.get("max_retries", 1)),
                           extra_body=options.get("extra_body"))
