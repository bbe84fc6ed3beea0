"""MCP transport overhead: `search_knowledge` over stdio and streamable HTTP against the same tool in-process.

A small knowledge folder (notes and a three-page PDF, indexed with the real text embedder and a tiny CLIP) is
searched with the same queries three ways, all warm (models loaded): in-process (`Tool.run`), over stdio
(`assistant mcp` in a subprocess, the official client) and over HTTP (`assistant mcp --http`, bearer token).
The three are interleaved call by call (in a shuffled order each round), so a machine busy with something
else slows all three alike; torch runs one thread (`threads = 1`), as two OpenMP threads on a shared 2-core
machine stall whenever one core is taken. The ratio transport / in-process is the overhead. Then 8 HTTP
clients call at once (each its own session): calls per second, latency percentiles, failures.
Then, against the same HTTP server, two model tools (bench/mcp_models.py, kept apart for size): `synthesize_speech`
first-audio and total latency (library, `Tool.run`, HTTP read byte by byte) and `embed_text` throughput
(library, `Tool.run`, HTTP through the official client), interleaved the same way.
Prints the tables and writes bench/results/mcp.json (`synthesize_speech` and `embed_text` for the model tools).

    .venv/bin/python bench/mcp.py [--calls 60] [--clients 8] [--per-client 25]
                                  [--speech-calls 20] [--embed-batches 20] [--batch 32]
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import platform
import random
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from contextlib import asynccontextmanager
from pathlib import Path

HERE = Path(__file__).resolve().parent
# This file is named mcp.py: its folder must not shadow the `mcp` package.
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != HERE]
REPO = HERE.parent
sys.path.insert(0, str(REPO / "tests"))  # the test documents and the tiny CLIP builder

import anyio  # noqa: E402


_stamp_spec = importlib.util.spec_from_file_location("stamp", HERE / "stamp.py")  # (its folder is off sys.path)
assert _stamp_spec is not None and _stamp_spec.loader is not None
_stamp = importlib.util.module_from_spec(_stamp_spec)
_stamp_spec.loader.exec_module(_stamp)
stamp = _stamp.stamp
_spec = importlib.util.spec_from_file_location("mcp_models", HERE / "mcp_models.py")  # its folder is off sys.path
assert _spec is not None and _spec.loader is not None
mcp_models = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(mcp_models)

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

QUERIES = ["tomatoes need sun", "migrating cranes near the lake", "rainfall in the northern valley",
           "bake sourdough bread", "night train to Venice", "willow trees on the eastern shore",
           "quarterly survey", "species count table"]
NOTES = {
    "garden.md": "# Garden\n\nTomatoes need full sun and regular watering in July.\n",
    "notes/recipes.txt": "Bake the sourdough bread at 230 degrees for forty minutes.\n",
    "notes/travel.md": "# Trip\n\nThe night train from Vienna reaches Venice at dawn.\n",
}
WARMUP = 5


def build(root: Path) -> tuple[Path, Path, Path]:
    """(knowledge folder, config file, indexed data dir)."""
    from documents import make_report_pdf
    from tiny_models import build_tiny_clip

    from assistant.config import load_settings
    from assistant.knowledge.base import KnowledgeBase
    from assistant.models import ModelManager

    knowledge = root / "knowledge"
    for name, text in NOTES.items():
        (knowledge / name).parent.mkdir(parents=True, exist_ok=True)
        (knowledge / name).write_text(text)
    make_report_pdf(knowledge)
    clip = build_tiny_clip(root / "clip")
    config = root / "config.toml"
    config.write_text(f'threads = 1\n[models]\nclip = "{clip}"\n')
    data = root / "data"
    settings = load_settings(config, knowledge_dir=knowledge, data_dir=data)
    kb = KnowledgeBase(settings, ModelManager(settings))
    try:
        kb.index()
    finally:
        kb.close()
    return knowledge, config, data


def stats(seconds: list[float]) -> dict:
    ordered = sorted(seconds)
    return {"n": len(ordered), "median_ms": round(statistics.median(ordered) * 1000, 2),
            "mean_ms": round(statistics.fmean(ordered) * 1000, 2),
            "p95_ms": round(ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))] * 1000, 2),
            "min_ms": round(ordered[0] * 1000, 2)}


class InProcess:
    def __init__(self, knowledge: Path, config: Path, data: Path):
        from assistant.config import load_settings
        from assistant.models import ModelManager
        from assistant.tools import ToolContext, all_tools

        settings = load_settings(config, knowledge_dir=knowledge, data_dir=data)
        self.context = ToolContext(settings, ModelManager(settings))
        self.tool = all_tools()["search_knowledge"]

    async def __call__(self, query: str) -> None:
        def run():
            started = time.perf_counter()
            result = self.tool.run({"query": query}, self.context)
            assert not result.is_error, result.text
            return time.perf_counter() - started

        return await anyio.to_thread.run_sync(run)


def remote(session):
    async def call(query: str) -> float:
        started = time.perf_counter()
        result = await session.call_tool("search_knowledge", {"query": query})
        seconds = time.perf_counter() - started
        assert not result.is_error, result.content
        return seconds

    return call


def server_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("ASSISTANT_")}
    env.update(HF_HUB_OFFLINE="1", TOKENIZERS_PARALLELISM="false")
    return env


@asynccontextmanager
async def stdio_session(args: list[str], errlog):
    from mcp import ClientSession, StdioServerParameters, stdio_client

    params = StdioServerParameters(command=sys.executable, args=["-m", "assistant", "mcp", *args],
                                   env=server_env(), cwd=str(REPO))
    async with stdio_client(params, errlog=errlog) as (read, write):
        async with ClientSession(read, write, read_timeout_seconds=300) as session:
            await session.initialize()
            yield session


def session_factory(url: str, token: str):
    import httpx2
    from mcp import ClientSession
    from mcp.client.streamable_http import streamable_http_client

    @asynccontextmanager
    async def open_session():
        async with httpx2.AsyncClient(headers={"Authorization": f"Bearer {token}"},
                                      timeout=httpx2.Timeout(60, read=300)) as http:
            async with streamable_http_client(url, http_client=http) as (read, write):
                async with ClientSession(read, write, read_timeout_seconds=300) as session:
                    await session.initialize()
                    yield session

    return open_session


async def interleaved(paths: dict, calls: int) -> dict[str, dict]:
    order = list(paths)
    for i in range(WARMUP):  # loads the models in every process
        for name in order:
            await paths[name](QUERIES[i % len(QUERIES)])
    times: dict[str, list[float]] = {name: [] for name in order}
    shuffle = random.Random(0)
    for i in range(calls):
        shuffle.shuffle(order)
        for name in order:
            times[name].append(await paths[name](QUERIES[i % len(QUERIES)]))
    return {name: stats(values) for name, values in times.items()}


async def concurrent(open_session, clients: int, per_client: int) -> dict:
    latencies: list[float] = []
    failures: list[str] = []

    async def client(n: int) -> None:
        async with open_session() as session:
            for i in range(per_client):
                started = time.perf_counter()
                try:
                    result = await session.call_tool("search_knowledge", {"query": QUERIES[(n + i) % len(QUERIES)]})
                    if result.is_error:
                        failures.append(str(result.content))
                except Exception as exc:  # noqa: BLE001 - counted, not fatal
                    failures.append(f"{type(exc).__name__}: {exc}")
                latencies.append(time.perf_counter() - started)

    started = time.perf_counter()
    async with anyio.create_task_group() as group:
        for n in range(clients):
            group.start_soon(client, n)
    wall = time.perf_counter() - started
    total = clients * per_client
    return {"clients": clients, "calls": total, "failures": len(failures), "seconds": round(wall, 2),
            "calls_per_s": round(total / wall, 1), **stats(latencies)}


async def measure(local: InProcess, stdio_args: list[str], url: str, token: str, errlog, args) -> dict:
    open_session = session_factory(url, token)
    async with stdio_session(stdio_args, errlog) as stdio, open_session() as http:
        sequential = await interleaved({"in_process": local, "stdio": remote(stdio), "http": remote(http)},
                                       args.calls)
    many = await concurrent(open_session, args.clients, args.per_client)
    many["single_client_calls_per_s"] = round(1000 / sequential["http"]["median_ms"], 1)
    models = await mcp_models.measure(local.context, open_session, url, token, args, stats)
    return {**sequential, "http_concurrent": many, **models}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_http(args: list[str], data: Path, log: Path) -> tuple[subprocess.Popen, str, str]:
    port = free_port()
    with open(log, "w") as err:
        process = subprocess.Popen([sys.executable, "-m", "assistant", "mcp", "--http", "--port", str(port), *args],
                                   stdout=subprocess.DEVNULL, stderr=err, cwd=REPO, env=server_env())
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"HTTP server exited: {log.read_text()[-2000:]}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                break
        except OSError:
            time.sleep(0.2)
    token = (data / "mcp-token").read_text().strip()
    return process, f"http://127.0.0.1:{port}/mcp", token


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--calls", type=int, default=60, help="sequential calls per transport")
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--per-client", type=int, default=25)
    parser.add_argument("--speech-calls", type=int, default=20, help="synthesize_speech calls per path")
    parser.add_argument("--speech-text", default=mcp_models.SENTENCE)
    parser.add_argument("--embed-batches", type=int, default=20, help="embed_text batches per path")
    parser.add_argument("--batch", type=int, default=32, help="texts per embed_text batch")
    parser.add_argument("--out", type=Path, default=Path(__file__).parent / "results" / "mcp.json")
    args = parser.parse_args()

    root = Path(tempfile.mkdtemp(prefix="bench-mcp-"))
    try:
        print("building the knowledge folder and its index ...", file=sys.stderr)
        knowledge, config, data = build(root)
        shutil.copytree(data, root / "data-stdio")
        shutil.copytree(data, root / "data-http")

        def cli(data_dir: Path) -> list[str]:
            return ["--config", str(config), "--knowledge", str(knowledge), "--data-dir", str(data_dir)]

        print("starting the servers, measuring ...", file=sys.stderr)
        process, url, token = start_http(cli(root / "data-http"), root / "data-http", root / "http.log")
        try:
            local = InProcess(knowledge, config, data)
            with open(root / "stdio.log", "w") as errlog:
                measured = anyio.run(measure, local, cli(root / "data-stdio"), url, token, errlog, args)
            local.context.knowledge.close()
        finally:
            process.terminate()
            process.wait(15)
    finally:
        shutil.rmtree(root, ignore_errors=True)

    local, stdio, http, many = (measured["in_process"], measured["stdio"], measured["http"],
                                      measured["http_concurrent"])
    for row in (stdio, http):
        row["overhead_ratio"] = round(row["median_ms"] / local["median_ms"], 2)
        row["overhead_ms"] = round(row["median_ms"] - local["median_ms"], 2)
    results = {
        "tool": "search_knowledge", "threads": 1,
        "machine": {"platform": platform.platform(), "python": platform.python_version(),
                    "cpus": os.cpu_count(), "load_average": [round(x, 2) for x in os.getloadavg()]},
        "in_process": local, "stdio": stdio, "http": http, "http_concurrent": many,
        "synthesize_speech": measured["synthesize_speech"], "embed_text": measured["embed_text"],
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    results["stamp"] = stamp()
    args.out.write_text(json.dumps(results, indent=2) + "\n")

    print(f"\nsearch_knowledge, {args.calls} sequential warm calls each "
          f"(load average {results['machine']['load_average'][0]}, {os.cpu_count()} CPUs)")
    print(f"{'PATH':<14}{'MEDIAN ms':>11}{'P95 ms':>10}{'OVERHEAD ms':>13}{'RATIO':>8}")
    print(f"{'in-process':<14}{local['median_ms']:>11.2f}{local['p95_ms']:>10.2f}{'-':>13}{'1.00':>8}")
    for name, row in (("stdio", stdio), ("HTTP", http)):
        print(f"{name:<14}{row['median_ms']:>11.2f}{row['p95_ms']:>10.2f}{row['overhead_ms']:>13.2f}"
              f"{row['overhead_ratio']:>8.2f}")
    c = many
    print(f"\n{c['clients']} HTTP clients x {args.per_client} calls: {c['calls_per_s']} calls/s "
          f"(1 client: {c['single_client_calls_per_s']}), median {c['median_ms']} ms, p95 {c['p95_ms']} ms, "
          f"{c['failures']} failures")
    mcp_models.print_rows(results)
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
