"""MCP overhead on model tools, for bench/mcp.py: `synthesize_speech` latency and `embed_text` throughput.

bench/mcp.py imports this (its HTTP server, in-process ToolContext and `stats` are passed in; results go
into the same bench/results/mcp.json under `synthesize_speech` and `embed_text`). Like the search benchmark,
every path is warm and the paths are interleaved call by call, in a shuffled order each round.

- synthesize_speech, one sentence: the library (`PiperTTS.synthesize`, a generator with one int16 array per
  sentence: first `next()` = first audio, then the rest), `Tool.run` in-process (first audio = its first
  `ctx.progress` call, made after each sentence; total = the WAV result) and HTTP. Over MCP the whole WAV
  comes back in one result, so HTTP uses a bare client (httpx2, the SDK's own HTTP library, without the
  SDK): initialize with the bearer token, keep `mcp-session-id`, send notifications/initialized, then
  POST tools/call with a progressToken and read the SSE response as it streams. First byte = the first
  body chunk, which is the progress notification the server sends when the first sentence is synthesised
  (the same moment as the in-process first audio); total = the `result` event received and parsed. The
  official client is not used here because it hides when bytes arrive (and its progress callback runs
  after the SDK's own parsing). Response headers arrive before the tool runs; their time is kept too.
  With one sentence the library's first audio is all of it: the first/total gap is WAV + transport.
- embed_text: batches of short texts, all different (no path sees a text twice): the library
  (`TextEmbedder.embed`), `Tool.run` in-process and HTTP through the official client (`call_tool`, which
  also validates the structured result: ~32 x 384 numbers, in structuredContent and its JSON copy).
"""

from __future__ import annotations

import base64
import json
import random
import re
import statistics
import time
from collections import Counter
from collections.abc import Awaitable, Callable
from typing import Any

import anyio

SENTENCE = "The lighthouse keeper rang the old bell at noon on Sunday."
WARMUP = 3
WORDS = ("amber", "harbour", "quiet", "orchard", "copper", "lantern", "meadow", "river", "winter", "falcon",
         "granite", "velvet", "signal", "market", "cedar", "thunder", "pebble", "saddle", "violet", "canyon",
         "ferry", "bakery", "glacier", "compass", "ribbon", "tunnel", "maple", "ledger", "island", "whistle")
EVENT_END = re.compile(rb"\r\n\r\n|\n\n|\r\r")


def texts_source(seed: int = 1) -> Callable[[int], list[str]]:
    """Batches of distinct short texts (9 words and a serial number each), never repeated."""
    rng, serial = random.Random(seed), 0

    def batch(size: int) -> list[str]:
        nonlocal serial
        out = []
        for _ in range(size):
            serial += 1
            out.append(f"{' '.join(rng.choice(WORDS) for _ in range(9))} {serial}")
        return out

    return batch


def threaded(fn: Callable[[], Any]) -> Callable[[], Awaitable[Any]]:
    return lambda: anyio.to_thread.run_sync(fn)


async def interleave(paths: dict[str, Callable[[], Awaitable[Any]]], rounds: int) -> dict[str, list]:
    order = list(paths)
    for _ in range(WARMUP):  # loads the models in both processes
        for name in order:
            await paths[name]()
    measured: dict[str, list] = {name: [] for name in order}
    shuffle = random.Random(0)
    for _ in range(rounds):
        shuffle.shuffle(order)
        for name in order:
            measured[name].append(await paths[name]())
    return measured


# -- a bare MCP client over HTTP: SSE bytes as they arrive ----------------------------------------------------
def _message(event: bytes) -> dict | None:
    data = [line[5:].removeprefix(b" ") for line in event.splitlines() if line.startswith(b"data:")]
    return json.loads(b"\n".join(data)) if data and any(data) else None


class RawHTTP:
    def __init__(self, url: str, token: str):
        import httpx2

        self.url, self.ids = url, 1
        self.http = httpx2.AsyncClient(headers={"Authorization": f"Bearer {token}",
                                                "Accept": "application/json, text/event-stream"},
                                       timeout=httpx2.Timeout(60, read=300))

    async def __aenter__(self) -> RawHTTP:
        init = {"jsonrpc": "2.0", "id": 1, "method": "initialize",
                "params": {"protocolVersion": "2025-11-25", "capabilities": {},
                           "clientInfo": {"name": "bench-raw", "version": "1"}}}
        reply = await self.http.post(self.url, json=init)
        assert reply.status_code == 200, reply.text
        self.http.headers["Mcp-Session-Id"] = reply.headers["mcp-session-id"]
        result = next(m for m in map(_message, EVENT_END.split(reply.content)) if m and m.get("id") == 1)
        self.http.headers["Mcp-Protocol-Version"] = result["result"]["protocolVersion"]
        done = await self.http.post(self.url, json={"jsonrpc": "2.0", "method": "notifications/initialized"})
        assert done.status_code == 202, done.text
        return self

    async def __aexit__(self, *exc) -> None:
        try:
            await self.http.delete(self.url)
        finally:
            await self.http.aclose()

    async def call(self, name: str, arguments: dict) -> tuple[float, float, float, str, dict]:
        """(response headers, first body byte, result) in seconds from the request, the first event's method
        ("result" when the result came first) and the result."""
        self.ids += 1
        body = {"jsonrpc": "2.0", "id": self.ids, "method": "tools/call",
                "params": {"name": name, "arguments": arguments, "_meta": {"progressToken": f"p{self.ids}"}}}
        first = total = None
        result: dict | None = None
        first_event = None
        buffer = b""
        started = time.perf_counter()
        async with self.http.stream("POST", self.url, json=body) as response:
            headers = time.perf_counter() - started
            assert response.status_code == 200, await response.aread()
            async for chunk in response.aiter_bytes():
                if first is None and chunk:
                    first = time.perf_counter() - started
                buffer += chunk
                *events, buffer = EVENT_END.split(buffer)
                for message in filter(None, map(_message, events)):
                    first_event = first_event or message.get("method", "result")
                    if message.get("id") == self.ids:
                        total, result = time.perf_counter() - started, message
        assert first is not None and total is not None and result is not None, "no result in the response"
        assert "result" in result and not result["result"].get("isError"), result
        return headers, first, total, str(first_event), result["result"]


# -- the measurements -----------------------------------------------------------------------------------------
async def speech(context, url: str, token: str, rounds: int, text: str) -> dict[str, Any]:
    from assistant.tools import all_tools

    tool = all_tools()["synthesize_speech"]
    tts = context.manager.get("tts")
    audio: list[float] = []

    def library() -> tuple[float, float]:
        started = time.perf_counter()
        chunks = tts.synthesize(text)
        first_chunk = next(chunks)
        first = time.perf_counter() - started
        rest = list(chunks)
        total = time.perf_counter() - started
        audio.append((first_chunk.size + sum(c.size for c in rest)) / tts.sample_rate)
        return first, total

    def tool_run() -> tuple[float, float]:
        marks: list[float] = []
        ctx = context.with_progress(lambda *_: marks.append(time.perf_counter()))
        started = time.perf_counter()
        result = tool.run({"text": text}, ctx)
        total = time.perf_counter() - started
        assert not result.is_error and result.audio and result.audio[0].data[:4] == b"RIFF", result.text
        return marks[0] - started, total

    async with RawHTTP(url, token) as raw:
        async def http() -> tuple[float, float, float, str]:
            headers, first, total, first_event, result = await raw.call("synthesize_speech", {"text": text})
            wav = next(c for c in result["content"] if c["type"] == "audio")
            assert base64.b64decode(wav["data"])[:4] == b"RIFF", wav["mimeType"]
            return first, total, headers, first_event

        times = await interleave({"library": threaded(library), "tool_run": threaded(tool_run), "http": http},
                                 rounds)
    out: dict[str, Any] = {name: {"first": [t[0] for t in values], "total": [t[1] for t in values]}
                           for name, values in times.items()}
    out["http"]["headers"] = [t[2] for t in times["http"]]
    out["audio_seconds"] = audio[WARMUP:]
    out["http_first_event"] = dict(Counter(t[3] for t in times["http"]))
    return out


async def embeddings(context, open_session, rounds: int, batch: int) -> dict[str, list[float]]:
    from assistant.tools import all_tools

    tool = all_tools()["embed_text"]
    model = context.manager.get("text_embed")
    texts = texts_source()

    def library() -> float:
        chunk = texts(batch)
        started = time.perf_counter()
        vectors = model.embed(chunk)
        seconds = time.perf_counter() - started
        assert vectors.shape[0] == batch
        return seconds

    def tool_run() -> float:
        chunk = texts(batch)
        started = time.perf_counter()
        result = tool.run({"texts": chunk}, context)
        seconds = time.perf_counter() - started
        assert not result.is_error and result.data["count"] == batch, result.text
        return seconds

    async with open_session() as session:
        async def http() -> float:
            chunk = texts(batch)
            started = time.perf_counter()
            result = await session.call_tool("embed_text", {"texts": chunk})
            seconds = time.perf_counter() - started
            assert not result.is_error and result.structured_content["count"] == batch, result.content
            return seconds

        return await interleave({"library": threaded(library), "tool_run": threaded(tool_run), "http": http}, rounds)


async def measure(context, open_session, url: str, token: str, args, stats) -> dict:
    """Both measurements, summarised with bench/mcp.py's `stats` (ms): the JSON's new keys."""
    spoken = await speech(context, url, token, args.speech_calls, args.speech_text)
    embedded = await embeddings(context, open_session, args.embed_batches, args.batch)

    lib = {part: stats(spoken["library"][part]) for part in ("first", "total")}
    speech_rows: dict[str, Any] = {"text": args.speech_text, "calls": args.speech_calls,
                                   "audio_seconds_median": round(statistics.median(spoken["audio_seconds"]), 2)}
    for name in ("library", "tool_run", "http"):
        row = {part: stats(values) for part, values in spoken[name].items()}
        for part in ("first", "total"):
            row[part]["ratio_to_library"] = round(row[part]["median_ms"] / lib[part]["median_ms"], 2)
        speech_rows[name] = row
    speech_rows["http"]["first_event"] = spoken["http_first_event"]

    embed_rows: dict[str, Any] = {"batch": args.batch, "batches": args.embed_batches}
    for name in ("library", "tool_run", "http"):
        embed_rows[name] = row = stats(embedded[name])
        row["texts_per_s"] = round(args.batch / (row["median_ms"] / 1000), 1)
    for name in ("library", "tool_run", "http"):
        row = embed_rows[name]
        row["ratio_to_tool_run"] = round(row["median_ms"] / embed_rows["tool_run"]["median_ms"], 2)
        row["ratio_to_library"] = round(row["median_ms"] / embed_rows["library"]["median_ms"], 2)
    return {"synthesize_speech": speech_rows, "embed_text": embed_rows}


def print_rows(results: dict) -> None:
    s = results["synthesize_speech"]
    print(f"\nsynthesize_speech {s['text']!r} ({s['audio_seconds_median']} s of audio), {s['calls']} "
          "interleaved warm calls each; ratios against the library")
    print(f"{'PATH':<24}{'FIRST ms':>10}{'P95':>8}{'TOTAL ms':>10}{'P95':>8}{'FIRST x':>9}{'TOTAL x':>9}")
    for name, label in (("library", "library (PiperTTS)"), ("tool_run", "Tool.run in-process"),
                        ("http", "HTTP (SSE bytes)")):
        first, total = s[name]["first"], s[name]["total"]
        print(f"{label:<24}{first['median_ms']:>10.1f}{first['p95_ms']:>8.1f}{total['median_ms']:>10.1f}"
              f"{total['p95_ms']:>8.1f}{first['ratio_to_library']:>9.2f}{total['ratio_to_library']:>9.2f}")
    print(f"  HTTP response headers after {s['http']['headers']['median_ms']} ms (median); first SSE event: "
          + ", ".join(f"{k} x{v}" for k, v in s["http"]["first_event"].items()))
    e = results["embed_text"]
    print(f"\nembed_text, {e['batches']} interleaved warm batches of {e['batch']} distinct texts each")
    print(f"{'PATH':<24}{'MEDIAN ms':>10}{'P95':>8}{'TEXTS/s':>9}{'x RUN':>8}{'x LIB':>8}")
    for name, label in (("library", "library (embed)"), ("tool_run", "Tool.run in-process"),
                        ("http", "HTTP (official client)")):
        row = e[name]
        print(f"{label:<24}{row['median_ms']:>10.1f}{row['p95_ms']:>8.1f}{row['texts_per_s']:>9.1f}"
              f"{row['ratio_to_tool_run']:>8.2f}{row['ratio_to_library']:>8.2f}")
