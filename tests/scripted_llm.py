"""A scripted OpenAI-compatible chat server for tests (not a test module): a real starlette + uvicorn
server in a thread that plays queued replies the way vLLM / llama.cpp / Ollama do (SSE streams, JSON
replies, structured tool calls in fragments, errors) and records every request it gets.

    with serve() as scripted:
        scripted.replies.append(text_reply("Hello ", "there."))
        ... point an `openai` backend at scripted.url ...
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import json
import socket
import threading
import time

import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, StreamingResponse
from starlette.routing import Route


def text_reply(*pieces: str, delay: float = 0.0, first_delay: float | None = None) -> dict:
    return {"deltas": [{"content": p} for p in pieces], "delay": delay,
            "first_delay": delay if first_delay is None else first_delay}


def call_reply(*calls: tuple[str, dict], prose: str = "") -> dict:
    """Structured tool calls streamed in fragments: id and name first, then the arguments in three pieces."""
    deltas = [{"content": prose}] if prose else []
    for i, (name, arguments) in enumerate(calls):
        deltas.append({"tool_calls": [{"index": i, "id": f"chatcmpl-tool-{i}", "type": "function",
                                       "function": {"name": name, "arguments": ""}}]})
        text = json.dumps(arguments)
        cut = [0, len(text) // 3, 2 * len(text) // 3, len(text)]
        deltas += [{"tool_calls": [{"index": i, "function": {"arguments": text[a:b]}}]}
                   for a, b in itertools.pairwise(cut)]
    return {"deltas": deltas, "delay": 0.0, "first_delay": 0.0}


class Scripted:
    def __init__(self):
        self.requests: list[dict] = []
        self.replies: list[dict] = []
        self.models = [{"id": "scripted-model", "object": "model", "max_model_len": 2048}]
        self.disconnected = threading.Event()
        self.received = threading.Event()  # a chat request has arrived (and is being answered)
        self.url = ""

    def reset(self):
        self.requests.clear()
        self.replies.clear()
        self.models = [{"id": "scripted-model", "object": "model", "max_model_len": 2048}]
        self.disconnected.clear()
        self.received.clear()

    async def list_models(self, request: Request):
        self.requests.append({"path": request.url.path, "headers": dict(request.headers), "body": None})
        return JSONResponse({"object": "list", "data": self.models})

    async def completions(self, request: Request):
        body = await request.json()
        self.requests.append({"path": request.url.path, "headers": dict(request.headers), "body": body})
        self.received.set()
        reply = self.replies.pop(0) if self.replies else text_reply("ok")
        for _ in range(int(reply.get("header_delay", 0) / 0.05)):  # like a server that answers only when done
            if await request.is_disconnected():
                self.disconnected.set()
                return JSONResponse({})
            await asyncio.sleep(0.05)
        if "status" in reply:
            return JSONResponse({"error": {"message": reply["message"], "type": "invalid_request_error"}},
                                status_code=reply["status"], headers=reply.get("headers"))
        usage = {"prompt_tokens": 11, "completion_tokens": len(reply["deltas"]), "total_tokens": 0}
        if not body.get("stream"):
            calls: list[dict] = []  # the fragments joined into whole calls
            for fragment in (d["tool_calls"][0] for d in reply["deltas"] if "tool_calls" in d):
                if fragment["index"] == len(calls):
                    calls.append({"id": fragment["id"], "type": "function", "function": {"name": "", "arguments": ""}})
                for key, value in fragment["function"].items():
                    calls[fragment["index"]]["function"][key] += value
            message = {"role": "assistant", "content": "".join(d.get("content", "") for d in reply["deltas"])}
            if calls:
                message["tool_calls"] = calls
            return JSONResponse({"choices": [{"index": 0, "message": message, "finish_reason": "stop"}],
                                 "usage": usage})

        async def events():
            finished = False
            try:
                for n, delta in enumerate(reply["deltas"]):
                    await asyncio.sleep(reply["first_delay"] if n == 0 else reply["delay"])
                    yield _sse({"choices": [{"index": 0, "delta": delta, "finish_reason": None}]})
                yield _sse({"choices": [{"index": 0, "delta": {}, "finish_reason": "stop"}]})
                if (body.get("stream_options") or {}).get("include_usage"):
                    yield _sse({"choices": [], "usage": usage})
                yield "data: [DONE]\n\n"
                finished = True
            finally:
                if not finished:
                    self.disconnected.set()

        return StreamingResponse(events(), media_type="text/event-stream")


def _sse(data: dict) -> str:
    return f"data: {json.dumps(data)}\n\n"



@contextlib.contextmanager
def serve():
    """A running scripted server on a free localhost port; stopped on exit."""
    scripted = Scripted()
    app = Starlette(routes=[Route("/v1/models", scripted.list_models),
                            Route("/v1/chat/completions", scripted.completions, methods=["POST"])])
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    uv = uvicorn.Server(uvicorn.Config(app, log_level="warning", timeout_graceful_shutdown=1))
    thread = threading.Thread(target=uv.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not uv.started:
        assert time.monotonic() < deadline, "the scripted server did not start"
        time.sleep(0.02)
    scripted.url = f"http://127.0.0.1:{port}/v1"
    try:
        yield scripted
    finally:
        uv.should_exit = True
        thread.join(timeout=10)
        sock.close()
