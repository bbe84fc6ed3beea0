"""Backend "openai": the chat model behind an OpenAI-compatible server (vLLM, llama.cpp's llama-server,
Ollama, ...) serving `POST {source}/chat/completions`. The same interface as `llm.LocalChatModel`.

Options (`models.llm.options`): `model` (else the first id of `GET {source}/models`), `api_key_env` (the
environment variable holding a bearer token; none: no Authorization header), `vision` (images may go in
the messages: `capabilities.vision`), `context_length`, `timeout` (seconds, default 120), `extra_body` (merged into
each request, e.g. `{chat_template_kwargs = {enable_thinking = false}}`).

Structured `tool_calls` from the server come back as text at the end of the reply, one
`<tool_call>\\n{"name": ..., "arguments": {...}}\\n</tool_call>` block each, which `toolcalls.parse_tool_calls`
reads like any model's own tags. Reasoning deltas are not passed on. Nothing is contacted until the
first request. `count_tokens` is an estimate (JSON characters / 4): servers differ in tokenizer endpoints.
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

import httpx

from ..errors import AssistantError, ConfigError, InputError, ModelUnavailable
from ..knowledge.images import png_data_uri
from ..roles import ChatCapabilities, StopSignal

log = logging.getLogger(__name__)
_IMAGE_TOKENS = 1024  # count_tokens' guess for one image


class OpenAIChatModel:
    """A chat model on a server. Thread-safe: each call is its own HTTP request (and connection)."""

    def __init__(self, base_url: str, *, model: str | None = None, api_key: str | None = None,
                 api_key_env: str | None = None, vision: bool = False, context_length: int | None = None,
                 timeout: float = 120.0, extra_body: dict | None = None):
        self.base_url = base_url.rstrip("/")
        self.capabilities = ChatCapabilities(vision=bool(vision), reuse_prefix=False, exact_token_counts=False)
        self.last_stats: dict[str, float] = {}  # prompt_tokens, new_tokens of the last call (if reported)
        self._model, self._context_length, self._key_env = model, context_length, api_key_env
        self._extra, self._timeout = dict(extra_body or {}), timeout
        self._listing: list[dict] | None = None
        self._lock = threading.Lock()  # model discovery
        # No kept-alive connections: each request opens its own, so `stop` can close it even before the
        # response headers arrive (a non-streamed reply sends none until it is complete).
        self._client = httpx.Client(headers={"Authorization": f"Bearer {api_key}"} if api_key else {},
                                    timeout=httpx.Timeout(timeout, connect=min(timeout, 10.0)),
                                    limits=httpx.Limits(max_keepalive_connections=0))

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
        """The whole reply as one string (one non-streamed request), tool calls as text; "" once stopped."""
        if stop is not None and stop.is_set():
            return ""
        body = self._body(messages, tools, max_new_tokens, temperature, stream=False)
        try:
            with self._request(body, stop) as response:
                data = json.loads(response.read())
        except (httpx.TransportError, OSError):
            if stop is not None and stop.is_set():
                return ""
            raise
        self._note_usage(data.get("usage"))
        message = (data.get("choices") or [{}])[0].get("message") or {}
        calls = {i: c.get("function") or {} for i, c in enumerate(message.get("tool_calls") or [])}
        return "\n".join(t for t in (message.get("content") or "", _calls_text(calls)) if t)

    def describe(self, image, question: str | None = None, max_new_tokens: int = 256) -> str:
        if not self.capabilities.vision:
            raise InputError(f"{self.name} on {self.base_url} is not marked as a vision model: it cannot look "
                             "at images (set options.vision = true if it can)")
        from ..vision.vlm import image_question

        return self.chat(image_question(image, question), max_new_tokens=max_new_tokens).strip()

    def stream(self, messages: list[dict], tools: list[dict] | None = None, max_new_tokens: int = 512,
               stop: StopSignal | None = None, temperature: float = 0.0) -> Iterator[str]:
        """Text deltas as the server sends them. Setting `stop` or closing the iterator ends the request at
        once: the connection is closed, which servers take as a cancel."""
        if stop is not None and stop.is_set():
            return
        body = self._body(messages, tools, max_new_tokens, temperature, stream=True)
        calls: dict[int, dict[str, str]] = {}
        said = False
        try:
            with self._request(body, stop) as response:
                for line in response.iter_lines():
                    data = line[5:].strip() if line.startswith("data:") else ""
                    if data == "[DONE]" or (stop is not None and stop.is_set()):
                        break
                    chunk = json.loads(data) if data else {}
                    if chunk.get("error"):
                        raise AssistantError(f"the chat server at {self.base_url} failed mid-reply: "
                                             f"{_error_text(chunk)}")
                    self._note_usage(chunk.get("usage"))
                    for choice in chunk.get("choices") or []:
                        delta = choice.get("delta") or {}
                        for fragment in delta.get("tool_calls") or []:
                            _add_fragment(calls, fragment)
                        if delta.get("content"):
                            said = True
                            yield delta["content"]
        except (httpx.TransportError, OSError):
            if stop is not None and stop.is_set():
                return  # the connection was closed for `stop`
            raise
        if calls and not (stop is not None and stop.is_set()):
            yield ("\n" if said else "") + _calls_text(calls)

    def reset_cache(self) -> None:
        """Nothing kept here: servers keep their own prefix caches."""

    def close(self) -> None:
        self._client.close()

    # -- internals --------------------------------------------------------------------------------
    def _body(self, messages, tools, max_new_tokens, temperature, stream: bool) -> dict[str, Any]:
        body: dict[str, Any] = {"model": self.model, "messages": [_wire(m) for m in messages],
                                "max_tokens": max_new_tokens, "temperature": temperature, "stream": stream}
        if stream:
            body["stream_options"] = {"include_usage": True}
        if tools:
            body["tools"] = tools
        self.last_stats = {}
        return {**body, **self._extra}

    def _note_usage(self, usage: dict | None) -> None:
        if usage:
            self.last_stats = {"prompt_tokens": usage.get("prompt_tokens", 0),
                               "new_tokens": usage.get("completion_tokens", 0)}

    def _models(self) -> list[dict]:
        with self._lock:
            if self._listing is None:
                with self._send("GET", "/models") as response:
                    self._listing = list(json.loads(response.read()).get("data") or [])
            return self._listing

    @contextlib.contextmanager
    def _request(self, body: dict, stop: StopSignal | None) -> Iterator[httpx.Response]:
        """POST /chat/completions; while it is open, setting `stop` shuts its socket down (a read blocked in
        this thread then returns at once; servers take the closed connection as a cancel)."""
        streams: list = []  # the connection's network stream(s), from httpcore's trace events
        lock = threading.Lock()
        stopped = False

        def shut_down() -> None:
            nonlocal stopped
            with lock:
                stopped = True
                sock = streams[-1].get_extra_info("socket") if streams else None
            if isinstance(sock, socket.socket):
                with contextlib.suppress(OSError):
                    socket.socket.shutdown(sock, socket.SHUT_RDWR)  # the plain socket's, even under TLS

        def trace(event: str, info: dict) -> None:
            if event in ("connection.connect_tcp.complete", "connection.start_tls.complete"):
                with lock:
                    streams.append(info.get("return_value"))
                    late = stopped
                if late:  # stopped while still connecting
                    shut_down()

        forget = stop.on_set(shut_down) if stop is not None else (lambda: None)
        try:
            with self._send("POST", "/chat/completions", body, {"trace": trace}) as response:
                yield response
        finally:
            forget()

    @contextlib.contextmanager
    def _send(self, method: str, path: str, body: dict | None = None,
              extensions: dict | None = None) -> Iterator[httpx.Response]:
        try:
            with self._client.stream(method, self.base_url + path, json=body, extensions=extensions) as response:
                if response.status_code >= 400:
                    raise self._http_error(response)
                yield response
        except httpx.ConnectError as exc:
            raise ModelUnavailable(f"cannot reach the chat server at {self.base_url} ({exc}): start it (e.g. "
                                   "`vllm serve MODEL`, `llama-server`, `ollama serve`) or fix models.llm.source"
                                   ) from None
        except httpx.TimeoutException:
            raise AssistantError(f"the chat server at {self.base_url} did not answer within {self._timeout:g} s "
                                 "(raise models.llm.options.timeout for slow first requests)") from None

    def _http_error(self, response: httpx.Response) -> AssistantError:
        response.read()
        status = response.status_code
        what = f"the chat server at {self.base_url} refused the request (HTTP {status}: {_error_text(response)})"
        if status in (401, 403):
            where = f"${self._key_env}" if self._key_env else "the variable named by models.llm.options.api_key_env"
            return AssistantError(f"{what}: put its API key in {where}")
        if status == 404:
            return ModelUnavailable(f"{what}: check models.llm.source (the base URL, e.g. ending in /v1) and "
                                    f"options.model (the server lists its models at {self.base_url}/models)")
        return AssistantError(what)


def _error_text(source: httpx.Response | dict) -> str:
    """The server's own message: OpenAI's {"error": {"message"}}, vLLM's {"message"}, {"detail"}, or the body."""
    try:
        data = source if isinstance(source, dict) else source.json()
    except ValueError:
        data = None
    error = data.get("error", data) if isinstance(data, dict) else None
    if isinstance(error, dict):
        error = error.get("message") or error.get("detail") or json.dumps(error)
    text = str(error) if error else (source.text if isinstance(source, httpx.Response) else "") or "no details"
    return " ".join(text.split())[:500]


def _add_fragment(calls: dict[int, dict[str, str]], fragment: dict) -> None:
    """Streamed tool calls come in pieces: index, id and name first, then the arguments in fragments."""
    call = calls.setdefault(int(fragment.get("index", len(calls))), {"name": "", "arguments": ""})
    function = fragment.get("function") or {}
    arguments = function.get("arguments") or ""
    call["name"] += function.get("name") or ""
    call["arguments"] += arguments if isinstance(arguments, str) else json.dumps(arguments)


def _calls_text(calls: dict[int, dict]) -> str:
    blocks = []
    for _, call in sorted(calls.items()):
        arguments = call.get("arguments") or "{}"
        with contextlib.suppress(TypeError, json.JSONDecodeError):  # not JSON: the parser repairs what it can
            arguments = json.loads(arguments)
        blocks.append("<tool_call>\n" + json.dumps({"name": call.get("name", ""), "arguments": arguments},
                                                   ensure_ascii=False) + "\n</tool_call>")
    return "\n".join(blocks)


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
                           timeout=float(options.get("timeout", 120)), extra_body=options.get("extra_body"))
