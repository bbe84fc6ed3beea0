"""The MCP server as clients see it: real `assistant mcp` processes (stdio and streamable HTTP) driven by the
official `mcp` client. Tiny random models for vlm / image_gen / clip (via `--config`), real weights for
stt / text_embed; a real index of a small knowledge folder (notes, a PDF, photos, speech)."""

from __future__ import annotations

import base64
import json
import os
import shutil
import socket
import stat
import subprocess
import sys
import tempfile
import time
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path

import anyio
import httpx
import httpx2
import numpy as np
import pytest
from documents import REPORT_FACTS, make_photo, make_report_pdf, make_sign_png
from mcp import ClientSession, StdioServerParameters, stdio_client
from mcp.client.streamable_http import streamable_http_client
from mcp.shared.exceptions import MCPError
from mcp_types import BlobResourceContents, ImageContent, TextContent, TextResourceContents
from speech import espeak_wav
from tiny_models import build_tiny_clip, build_tiny_diffusion, build_tiny_vlm

from assistant.config import load_settings
from assistant.knowledge.base import KnowledgeBase
from assistant.models import ModelManager
from assistant.mcp.ask import mcp_registry
from assistant.runtime import Runtime
from assistant.tools import all_tools

REPO = Path(__file__).resolve().parents[1]
NOTE = "# Garden\n\nTomatoes need full sun and regular watering in July.\n"
SPOKEN = "the quick brown fox jumps over the lazy dog"
READY_TIMEOUT = 90


# -- the knowledge folder, the models, the index ----------------------------------------------------------
@dataclass
class Env:
    root: Path  # the test's temporary folder
    knowledge: Path
    config: Path
    data: Path  # indexed once; each server gets its own copy
    outside: Path  # a file outside the knowledge folder that links point at

    def data_copy(self, name: str) -> Path:
        target = self.root / name
        shutil.copytree(self.data, target)
        return target

    def args(self, data: Path) -> list[str]:
        return ["--config", str(self.config), "--knowledge", str(self.knowledge), "--data-dir", str(data)]


def _server_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("ASSISTANT_")}
    env.update(HF_HUB_OFFLINE="1", TOKENIZERS_PARALLELISM="false", PYTHONUNBUFFERED="1", **extra)
    return env


@pytest.fixture(scope="module")
def env(tmp_path_factory) -> Env:
    root = tmp_path_factory.mktemp("mcp")
    models = root / "models"
    clip, vlm, sd = (build_tiny_clip(models / "clip"), build_tiny_vlm(models / "vlm"),
                     build_tiny_diffusion(models / "sd"))
    config = root / "config.toml"
    config.write_text(f'threads = 2\n[models]\nclip = "{clip}"\nvlm = "{vlm}"\nimage_gen = "{sd}"\n')

    knowledge = root / "knowledge"
    (knowledge / "pictures").mkdir(parents=True)
    (knowledge / "notes.md").write_text(NOTE)
    make_report_pdf(knowledge)
    make_photo(knowledge / "pictures", "photo.jpg")
    make_sign_png(knowledge)
    espeak_wav(SPOKEN, knowledge / "speech.wav")
    (knowledge / ".hidden.md").write_text("a hidden note\n")
    outside = root / "outside-secret.txt"
    outside.write_text("not for clients\n")
    (knowledge / "link-out.txt").symlink_to(outside)
    (knowledge / "link-out.wav").symlink_to(outside)

    data = root / "data"
    settings = load_settings(config, knowledge_dir=knowledge, data_dir=data)
    kb = KnowledgeBase(settings, ModelManager(settings))
    try:
        report = kb.index()
    finally:
        kb.close()
    assert {"notes.md", "report.pdf", "pictures/photo.jpg", "sign.png"} <= set(report.added), report.to_dict()
    return Env(root, knowledge, config, data, outside)


# -- clients ------------------------------------------------------------------------------------------------
class Recorder:
    """What a client session receives besides results: log messages, and transport errors (non-JSON output)."""

    def __init__(self):
        self.logs: list[str] = []
        self.transport_errors: list[Exception] = []

    async def on_log(self, params) -> None:
        self.logs.append(f"{params.level}: {params.data}")

    async def on_message(self, message) -> None:
        if isinstance(message, Exception):
            self.transport_errors.append(message)


@asynccontextmanager
async def stdio_session(env: Env, data: Path, recorder: Recorder, errlog):
    params = StdioServerParameters(command=sys.executable, args=["-m", "assistant", "mcp", *env.args(data)],
                                   env=_server_env(), cwd=str(REPO))
    async with stdio_client(params, errlog=errlog) as (read, write):
        async with ClientSession(read, write, read_timeout_seconds=120, logging_callback=recorder.on_log,
                                 message_handler=recorder.on_message) as session:
            await session.initialize()
            yield session


@asynccontextmanager
async def http_session(url: str, token: str, recorder: Recorder | None = None):
    recorder = recorder or Recorder()
    headers = {"Authorization": f"Bearer {token}"}
    async with httpx2.AsyncClient(headers=headers, timeout=httpx2.Timeout(60, read=300)) as http:
        async with streamable_http_client(url, http_client=http) as (read, write):
            async with ClientSession(read, write, read_timeout_seconds=120, logging_callback=recorder.on_log,
                                     message_handler=recorder.on_message) as session:
                await session.initialize()
                yield session


def text_of(result) -> str:
    return "\n".join(c.text for c in result.content if isinstance(c, TextContent))


async def call(session, name: str, arguments: dict, **kw):
    return await session.call_tool(name, arguments, **kw)


# -- what every transport must do ----------------------------------------------------------------------------
async def check_tools(session, env: Env) -> None:
    registry = mcp_registry(Runtime(load_settings(env.config, knowledge_dir=env.knowledge)))
    assert list(registry) == [*all_tools(), "ask_assistant"]  # the agent's turn beside the tools it uses
    listed = {t.name: t for t in (await session.list_tools()).tools}
    assert set(listed) == set(registry)
    for name, tool in registry.items():
        assert listed[name].description == tool.description
        assert listed[name].input_schema == tool.parameters, name  # the registry's schema, unchanged
        assert listed[name].output_schema == tool.output_schema and listed[name].title == tool.title
        hints = listed[name].annotations
        assert hints.read_only_hint is tool.hints.read_only and hints.open_world_hint is False
    assert listed["generate_image"].annotations.read_only_hint is False
    assert listed["generate_image"].annotations.destructive_hint is False


async def check_every_tool(session, env: Env) -> None:
    result = await call(session, "search_knowledge", {"query": "tomatoes need sun and watering"})
    assert not result.is_error, text_of(result)
    assert "notes.md" in text_of(result) and "Sources:" in text_of(result)
    assert result.structured_content and result.structured_content["hits"]

    result = await call(session, "lookup_pdf", {"file": "report.pdf", "pages": "2"})
    assert not result.is_error, text_of(result)
    assert REPORT_FACTS[1][2] in " ".join(text_of(result).split())
    assert "report.pdf p.2" in text_of(result)
    result = await call(session, "lookup_pdf", {"question": "What does the committee recommend planting?"})
    assert not result.is_error and text_of(result).startswith("[report.pdf, page 3]"), text_of(result)

    result = await call(session, "describe_image", {"image": "pictures/photo.jpg", "question": "What is this?"})
    assert not result.is_error, text_of(result)
    assert result.structured_content["image"] == "pictures/photo.jpg"
    inline = "data:image/png;base64," + base64.b64encode((env.knowledge / "sign.png").read_bytes()).decode()
    result = await call(session, "describe_image", {"image": inline})
    assert not result.is_error, text_of(result)
    assert result.structured_content["image"] == "inline image"

    progress: list[tuple[float, float | None, str | None]] = []

    async def on_progress(done, total, message):
        progress.append((done, total, message))

    result = await call(session, "generate_image", {"prompt": "a red bicycle", "steps": 3, "width": 64,
                                                    "height": 64, "seed": 7}, progress_callback=on_progress)
    assert not result.is_error, text_of(result)
    kinds = [type(c) for c in result.content]
    assert ImageContent in kinds
    image_at = kinds.index(ImageContent)
    caption = result.content[image_at - 1]
    assert isinstance(caption, TextContent) and caption.text.startswith("Image: a red bicycle")
    png = base64.b64decode(result.content[image_at].data)
    assert png.startswith(b"\x89PNG") and result.content[image_at].mime_type == "image/png"
    saved = env.knowledge / result.structured_content["file"]
    assert saved.read_bytes() == png
    assert [p[:2] for p in progress] == [(1, 3), (2, 3), (3, 3)], progress

    result = await call(session, "transcribe_audio", {"file": "speech.wav"})
    assert not result.is_error, text_of(result)
    assert "fox" in text_of(result).lower() and "lazy dog" in text_of(result).lower(), text_of(result)

    steps: list[tuple[float, str | None]] = []

    async def on_step(done, total, message):
        steps.append((done, message))

    result = await call(session, "ask_assistant", {"request": "What do my notes say about tomatoes?"},
                        progress_callback=on_step)
    assert not result.is_error, text_of(result)
    assert result.structured_content["tool_calls"][0]["name"] == "search_knowledge", result.structured_content
    assert "notes.md" in text_of(result) and result.structured_content["reply"].strip(), text_of(result)
    assert steps and steps[0][1] == "calling search_knowledge", steps
    assert [s[0] for s in steps] == list(range(1, len(steps) + 1))  # strictly increasing


async def check_resources(session, env: Env) -> None:
    resources = {r.uri: r for r in (await session.list_resources()).resources}
    for name in ("notes.md", "report.pdf", "pictures/photo.jpg", "sign.png", "speech.wav"):
        assert f"knowledge:///{name}" in resources, sorted(resources)
    assert not [u for u in resources if ".hidden" in u or "link-out" in u]
    assert resources["knowledge:///report.pdf"].mime_type == "application/pdf"

    pdf = (await session.read_resource("knowledge:///report.pdf")).contents[0]
    assert isinstance(pdf, BlobResourceContents) and pdf.mime_type == "application/pdf"
    assert base64.b64decode(pdf.blob) == (env.knowledge / "report.pdf").read_bytes()
    photo = (await session.read_resource("knowledge:///pictures/photo.jpg")).contents[0]
    assert isinstance(photo, BlobResourceContents) and photo.mime_type == "image/jpeg"
    assert base64.b64decode(photo.blob) == (env.knowledge / "pictures" / "photo.jpg").read_bytes()
    note = (await session.read_resource("knowledge:///notes.md")).contents[0]
    assert isinstance(note, TextResourceContents) and note.text == NOTE and note.mime_type == "text/markdown"

    for uri in ("knowledge:///..%2F..%2Fetc%2Fpasswd", "knowledge:///../../etc/passwd",
                f"knowledge:///{env.outside}", "knowledge:///link-out.txt", "knowledge:///.hidden.md",
                "file:///etc/passwd", "knowledge:///missing.md"):
        with pytest.raises(MCPError):
            await session.read_resource(uri)


async def check_errors(session, env: Env) -> None:
    async def error(name, arguments, *expected):
        result = await call(session, name, arguments)
        message = text_of(result)
        assert result.is_error, (name, arguments, message)
        assert "\n" not in message and len(result.content) == 1
        assert str(env.root) not in message and str(env.root.resolve()) not in message, message  # no server paths
        for word in expected:
            assert word in message, (word, message)
        return message

    await error("search_knowledge", {"query": "x", "limit": 1000}, "bad arguments", "limit")
    await error("search_knowledge", {"query": "x", "colour": "red"}, "bad arguments", "colour")
    await error("generate_image", {"prompt": "x", "steps": "many"}, "bad arguments", "steps")
    await error("describe_image", {}, "bad arguments", "image")
    await error("lookup_pdf", {"file": "../../etc/passwd"}, "outside the knowledge folder")
    await error("lookup_pdf", {"file": "/etc/passwd", "pages": "1"}, "outside the knowledge folder")
    await error("describe_image", {"image": "../../etc/passwd"}, "outside the knowledge folder")
    await error("describe_image", {"image": "/etc/passwd"}, "outside the knowledge folder")
    await error("describe_image", {"image": "link-out.txt"}, "outside the knowledge folder")
    await error("transcribe_audio", {"file": "link-out.wav"}, "outside the knowledge folder")
    await error("transcribe_audio", {"file": "../outside-secret.txt"}, "outside the knowledge folder")
    await error("no_such_tool", {}, "unknown tool")
    await error("transcribe_audio", {"file": "notes.md"}, "notes.md")  # named relative to the folder
    await error("describe_image", {"image": "pictures/missing.jpg"}, "pictures/missing.jpg")
    # still serving
    assert not (await call(session, "lookup_pdf", {"file": "report.pdf", "pages": "1"})).is_error


async def check_cancel(session, env: Env) -> None:
    """A client that takes a generation back (notifications/cancelled) stops it at its next step."""
    folder = env.knowledge / "generated"
    before = set(folder.glob("gen-*.png"))
    seen: list[float] = []
    two_steps = anyio.Event()

    async def on_progress(done, total, message):
        seen.append(time.perf_counter())
        if len(seen) == 2:
            two_steps.set()

    async def generate():
        await call(session, "generate_image", {"prompt": "a picture never finished", "steps": 150, "width": 64,
                                               "height": 64}, progress_callback=on_progress)

    async with anyio.create_task_group() as group:
        group.start_soon(generate)
        await two_steps.wait()
        group.cancel_scope.cancel()
    step = seen[1] - seen[0]
    await anyio.sleep(min(90.0, max(3.0, 200 * step)))  # longer than the other 148 steps would take
    assert set(folder.glob("gen-*.png")) == before
    assert not (await call(session, "lookup_pdf", {"file": "report.pdf", "pages": "1"})).is_error


# -- stdio ---------------------------------------------------------------------------------------------------
async def test_stdio_server_end_to_end(env):
    recorder = Recorder()
    with tempfile.TemporaryFile("w+") as errlog:
        with anyio.fail_after(240):
            async with stdio_session(env, env.data_copy("data-stdio"), recorder, errlog) as session:
                await call(session, "lookup_pdf", {"file": "nothing.pdf"})  # before setLevel: warnings only
                assert recorder.logs == ["warning: lookup_pdf: PDF not found in the knowledge folder: nothing.pdf"], \
                    recorder.logs
                await session.set_logging_level("info")
                await check_tools(session, env)
                await check_every_tool(session, env)
                await check_resources(session, env)
                await check_errors(session, env)
                await check_cancel(session, env)
        errlog.seek(0)
        stderr = errlog.read()
    assert not recorder.transport_errors, (recorder.transport_errors, stderr[-2000:])  # stdout: JSON-RPC only
    assert any(line.startswith("info: generate_image: done") for line in recorder.logs), recorder.logs
    assert any(line.startswith("warning: lookup_pdf: ") for line in recorder.logs), recorder.logs
    assert not any(line.startswith("debug:") for line in recorder.logs), recorder.logs  # below the level set
    assert any("loading vlm model" in line for line in recorder.logs), recorder.logs  # the server's own records
    assert not any(str(env.root) in line for line in recorder.logs), recorder.logs  # with no server paths


# -- HTTP ----------------------------------------------------------------------------------------------------
def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class HttpServer:
    process: subprocess.Popen
    port: int
    token: str
    url: str
    stderr: Path


def wait_listening(process: subprocess.Popen, port: int, stderr: Path) -> None:
    deadline = time.monotonic() + READY_TIMEOUT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"server exited with {process.returncode}: {stderr.read_text()[-3000:]}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.2)
    raise AssertionError(f"server not listening after {READY_TIMEOUT} s: {stderr.read_text()[-3000:]}")


def stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(5)


@pytest.fixture(scope="module")
def http_server(env):
    data = env.data_copy("data-http")
    port = free_port()
    stderr = env.root / "http-server.log"
    with open(stderr, "w") as err:
        process = subprocess.Popen([sys.executable, "-m", "assistant", "mcp", "--http", "--port", str(port),
                                    *env.args(data)], stdout=subprocess.DEVNULL, stderr=err, cwd=REPO,
                                   env=_server_env())
    try:
        wait_listening(process, port, stderr)
        token_file = data / "mcp-token"  # generated on first run, owner-only
        assert stat.S_IMODE(token_file.stat().st_mode) == 0o600
        token = token_file.read_text().strip()
        shown = subprocess.run([sys.executable, "-m", "assistant", "mcp", "--show-token", *env.args(data)],
                               capture_output=True, text=True, cwd=REPO, env=_server_env(), timeout=60)
        assert shown.returncode == 0 and shown.stdout.strip() == token, shown
        yield HttpServer(process, port, token, f"http://127.0.0.1:{port}/mcp", stderr)
    finally:
        stop(process)
    assert process.returncode in (0, -15), stderr.read_text()[-3000:]


async def test_http_server_end_to_end(env, http_server):
    recorder = Recorder()
    with anyio.fail_after(240):
        async with http_session(http_server.url, http_server.token, recorder) as session:
            await session.set_logging_level("info")
            await check_tools(session, env)
            await check_every_tool(session, env)
            await check_resources(session, env)
            await check_errors(session, env)
            await check_cancel(session, env)
    assert not recorder.transport_errors
    assert any(line.startswith("info: generate_image: done") for line in recorder.logs), recorder.logs


INITIALIZE = {"jsonrpc": "2.0", "id": 1, "method": "initialize",
              "params": {"protocolVersion": "2025-11-25", "capabilities": {},
                         "clientInfo": {"name": "raw", "version": "1"}}}
ACCEPT = {"Accept": "application/json, text/event-stream", "Content-Type": "application/json"}


def test_http_security(http_server):
    url, token = http_server.url, http_server.token
    good = {**ACCEPT, "Authorization": f"Bearer {token}"}
    with httpx.Client(timeout=30) as http:
        assert http.post(url, json=INITIALIZE, headers=good).status_code == 200  # the baseline works

        missing = http.post(url, json=INITIALIZE, headers=ACCEPT)
        assert missing.status_code == 401 and missing.headers["www-authenticate"].startswith("Bearer")
        assert http.post(url, json=INITIALIZE, headers={**ACCEPT, "Authorization": "Bearer wrong"}).status_code == 401
        assert http.post(url, json=INITIALIZE,
                         headers={**ACCEPT, "Authorization": f"Bearer {token}x"}).status_code == 401
        assert http.post(url, json=INITIALIZE, headers={**ACCEPT, "Authorization": token}).status_code == 401
        assert http.get(url, headers=ACCEPT).status_code == 401
        base = url.removesuffix("/mcp")
        assert http.get(f"{base}/.well-known/oauth-protected-resource").status_code == 404  # no OAuth to find
        assert http.get(f"{base}/other", headers=good).status_code == 404

        # DNS rebinding: a foreign name for this address, or a foreign page, is refused even with the token
        assert http.post(url, json=INITIALIZE, headers={**good, "Host": "evil.example"}).status_code == 421
        assert http.post(url, json=INITIALIZE,
                         headers={**good, "Host": f"evil.example:{http_server.port}"}).status_code == 421
        assert http.post(url, json=INITIALIZE, headers={**good, "Origin": "http://evil.example"}).status_code == 403
        assert http.post(url, json=INITIALIZE, headers={**good, "Origin": "null"}).status_code == 403
        for host in (f"localhost:{http_server.port}", f"127.0.0.1:{http_server.port}"):
            assert http.post(url, json=INITIALIZE, headers={**good, "Host": host,
                                                            "Origin": f"http://{host}"}).status_code == 200

        big = b'{"jsonrpc": "2.0", "id": 2, "method": "ping", "pad": "' + b"x" * 26_000_000 + b'"}'
        assert http.post(url, content=big, headers=good).status_code == 413

        def chunks():  # no Content-Length: counted as it arrives
            for _ in range(27):
                yield b"x" * 1_000_000

        assert http.post(url, content=chunks(), headers=good).status_code == 413
    assert http_server.process.poll() is None


def test_non_loopback_bind_without_token_is_refused(env, tmp_path):
    result = subprocess.run([sys.executable, "-m", "assistant", "mcp", "--http", "--host", "0.0.0.0",
                             "--port", str(free_port()), *env.args(tmp_path / "data")],
                            capture_output=True, text=True, cwd=REPO, env=_server_env(), timeout=60)
    assert result.returncode == 2, result
    assert result.stderr.count("\n") == 1 and "without a configured token" in result.stderr, result.stderr
    assert result.stdout == ""


async def test_eight_clients_mixed_calls(env, http_server):
    failures: list[str] = []
    counts = {"calls": 0}
    resources = ["knowledge:///notes.md", "knowledge:///report.pdf", "knowledge:///pictures/photo.jpg"]

    async def client(n: int) -> None:
        async with http_session(http_server.url, http_server.token) as session:
            for i in range(25):
                kind = (n + i) % 5
                try:
                    if kind == 0:
                        result = await call(session, "search_knowledge", {"query": f"tomatoes {n} {i}", "limit": 3})
                        ok = not result.is_error and "notes.md" in text_of(result)
                    elif kind == 1:
                        result = await call(session, "lookup_pdf", {"file": "report.pdf", "pages": str(1 + i % 3)})
                        ok = not result.is_error and "report.pdf" in text_of(result)
                    elif kind == 2:
                        ok = len((await session.list_tools()).tools) == len(all_tools()) + 1  # and ask_assistant
                    elif kind == 3:
                        contents = (await session.read_resource(resources[i % 3])).contents
                        ok = len(contents) == 1
                    elif i % 10 == 4 and n < 4:  # a few slow calls on the shared (locked) tiny VLM
                        result = await call(session, "describe_image", {"image": "sign.png"})
                        ok = not result.is_error
                    else:
                        result = await call(session, "search_knowledge", {"query": "cranes", "kind": "pdf"})
                        ok = not result.is_error
                except Exception as exc:  # noqa: BLE001 - every failure is counted, none stops the others
                    failures.append(f"client {n} call {i}: {type(exc).__name__}: {exc}")
                    continue
                counts["calls"] += 1
                if not ok:
                    failures.append(f"client {n} call {i} (kind {kind}): unexpected result")

    started = time.perf_counter()
    with anyio.fail_after(180):
        async with anyio.create_task_group() as group:
            for n in range(8):
                group.start_soon(client, n)
    seconds = time.perf_counter() - started
    assert not failures, failures[:5]
    assert counts["calls"] == 200
    # still healthy afterwards
    async with http_session(http_server.url, http_server.token) as session:
        assert not (await call(session, "lookup_pdf", {"file": "report.pdf", "pages": "3"})).is_error
    assert http_server.process.poll() is None
    print(f"8 clients x 25 calls in {seconds:.1f} s")


# -- pieces, in process ----------------------------------------------------------------------------------------
def test_results_map_to_content_with_captions_and_scaled_images(tmp_path):
    from documents import photo
    from PIL import Image

    from assistant.mcp.results import THUMBNAIL_SIDE, to_call_result
    from assistant.contracts import Citation, ImageOut, ToolResult

    big = tmp_path / "big.jpg"
    photo().resize((3000, 2000)).save(big, quality=95)
    small = tmp_path / "small.png"
    Image.new("RGB", (64, 48), "red").save(small)
    result = to_call_result(ToolResult(
        text="two pictures", images=[ImageOut(big, "a big photo", "image/jpeg"), ImageOut(small, "a red square")],
        citations=[Citation("report.pdf", 2), Citation("report.pdf", 2), Citation("notes.md")], data={"n": 2}))
    kinds = [c.type for c in result.content]
    assert kinds == ["text", "text", "image", "text", "image", "text"] and not result.is_error
    assert result.content[0].text == "two pictures\n\nSources:\n- report.pdf p.2\n- notes.md"
    assert result.content[1].text.startswith("Image: a big photo (big.jpg) [scaled to 512x")  # thumbnails
    scaled = Image.open(__import__("io").BytesIO(base64.b64decode(result.content[2].data)))
    assert scaled.format == "JPEG" and max(scaled.size) == THUMBNAIL_SIDE
    assert result.content[3].text == "Image: a red square (small.png)"
    assert base64.b64decode(result.content[4].data) == small.read_bytes()  # small enough: sent as it is
    assert result.structured_content["n"] == 2 and len(result.structured_content["citations"]) == 3
    assert json.loads(result.content[5].text) == result.structured_content  # the copy for older clients

    small.unlink()
    gone = to_call_result(ToolResult(text="x", images=[ImageOut(small, "a red square")]))
    assert [c.type for c in gone.content] == ["text", "text"] and "not attached" in gone.content[1].text
    error = to_call_result(ToolResult.error("it broke\n  badly"))
    assert error.is_error and error.content[0].text == "it broke badly"


def test_a_reply_stays_under_a_megabyte_and_links_what_does_not_fit(tmp_path):
    from PIL import Image

    from assistant.mcp.results import MAX_IMAGE_SIDE, MAX_MEDIA_BYTES, THUMBNAIL_SIDE, Redactor, to_call_result
    from assistant.contracts import AudioOut, ImageOut, ToolResult

    knowledge = tmp_path / "knowledge"
    knowledge.mkdir()
    redact = Redactor(load_settings(knowledge_dir=knowledge, data_dir=tmp_path / "data"))
    noise = np.random.default_rng(0)
    images = []
    for n in range(8):  # noise does not compress: ~300 KB each as a 512-px JPEG
        path = knowledge / f"noise-{n}.png"
        Image.fromarray(noise.integers(0, 255, (1200, 1200, 3), dtype=np.uint8)).save(path)
        images.append(ImageOut(path, f"noise {n}"))
    result = to_call_result(ToolResult(text="eight", images=images), redact=redact)
    media = sum(len(c.data) for c in result.content if isinstance(c, ImageContent))
    attached = [c for c in result.content if c.type == "image"]
    links = [c for c in result.content if c.type == "resource_link"]
    assert 0 < len(attached) < 8 and len(attached) + len(links) == 8 and media <= MAX_MEDIA_BYTES
    assert links[0].uri == f"knowledge:///noise-{len(attached)}.png"
    assert str(tmp_path) not in " ".join(c.text for c in result.content if c.type == "text")
    one = to_call_result(ToolResult(text="one", images=images[:1]), redact=redact)  # alone: larger
    with Image.open(__import__("io").BytesIO(base64.b64decode(one.content[2].data))) as picture:
        assert THUMBNAIL_SIDE < max(picture.size) < MAX_IMAGE_SIDE  # as large as fits

    long = to_call_result(ToolResult(text="spoke", audio=[AudioOut(b"RIFF" * 400_000, "a long story",
                                                                    saved_as="generated/speech-x.wav",
                                                                    inline=False)]))
    assert [c.type for c in long.content] == ["text", "text", "resource_link"]
    assert "too long for one reply" in long.content[1].text
    assert long.content[2].uri == "knowledge:///generated/speech-x.wav"


def test_resources_skip_hidden_files_and_a_data_dir_inside_the_folder(tmp_path):
    from mcp.server.mcpserver.exceptions import ResourceNotFoundError

    from assistant.mcp.resources import KnowledgeResources

    knowledge = tmp_path / "k"
    (knowledge / "data").mkdir(parents=True)
    (knowledge / "data" / "catalog.txt").write_text("index")
    (knowledge / ".git").mkdir()
    (knowledge / ".git" / "config").write_text("x")
    (knowledge / "a b.md").write_text("# A\n")
    (knowledge / "raw.bin").write_bytes(b"\x00\x01\xff")
    resources = KnowledgeResources(load_settings(knowledge_dir=knowledge, data_dir=knowledge / "data"))
    listed = {r.uri for r in resources.list()}
    assert listed == {"knowledge:///a%20b.md", "knowledge:///raw.bin"}
    assert resources.read("knowledge:///a%20b.md") == ("# A\n", "text/markdown")
    assert resources.read("knowledge:///raw.bin") == (b"\x00\x01\xff", "application/octet-stream")
    for uri in ("knowledge:///data/catalog.txt", "knowledge:///.git/config", "knowledge://host/a%20b.md",
                "knowledge:///", "knowledge:///%00"):
        with pytest.raises(ResourceNotFoundError):
            resources.read(uri)


def test_token_is_generated_once_owner_only_and_config_wins(tmp_path, monkeypatch):
    from assistant.mcp.token import resolve_token

    settings = load_settings(data_dir=tmp_path / "data")
    first = resolve_token(settings)
    path = tmp_path / "data" / "mcp-token"
    assert not first.explicit and stat.S_IMODE(path.stat().st_mode) == 0o600 and len(first.value) >= 40
    assert resolve_token(settings).value == first.value
    path.chmod(0o644)  # loosened by someone: tightened again
    assert resolve_token(settings).value == first.value and stat.S_IMODE(path.stat().st_mode) == 0o600
    monkeypatch.setenv("ASSISTANT_MCP_TOKEN", "configured-token-0123456789")
    configured = resolve_token(load_settings(data_dir=tmp_path / "data"))
    assert configured.explicit and configured.value == "configured-token-0123456789"
    assert "configured-token" not in repr(load_settings(data_dir=tmp_path / "data"))  # a secret in reprs


def test_guard_names_and_loopback():
    from assistant.mcp.http import Guard, allowed_hosts, is_loopback

    assert all(is_loopback(h) for h in ("127.0.0.1", "localhost", "::1", "[::1]", "127.0.0.2"))
    assert not any(is_loopback(h) for h in ("0.0.0.0", "::", "192.0.2.1"))
    guard = Guard(None, "t" * 20, allowed_hosts("127.0.0.1", 8765, ["studio.lan:8765", "proxy.lan"]), 8765, 10)
    for host in ("127.0.0.1:8765", "LOCALHOST:8765", "[::1]:8765", "studio.lan:8765", "localhost",
                 "127.0.0.1:9999", "localhost:9000", "[::1]:1234", "proxy.lan", "proxy.lan:443", "studio.lan"):
        assert guard.host_ok(host), host  # loopback and "proxy.lan" on any port: tunnels and proxies
    for host in ("studio.lan:9999", "evil.example:8765", "127.0.0.1.nip.io:8765", "", "[::1", "a:b:c",
                 "localhost:99999", "evil.example"):
        assert not guard.host_ok(host), host
    assert guard.origin_ok("http://localhost:6274") and guard.origin_ok("https://studio.lan:8765")
    assert guard.origin_ok("https://proxy.lan") and guard.origin_ok("http://proxy.lan:8080")
    assert not guard.origin_ok("http://studio.lan:9999") and not guard.origin_ok("http://evil.example")
    assert not guard.origin_ok("null") and not guard.origin_ok("file://")
    assert guard.authorized("Bearer " + "t" * 20) and guard.authorized("bearer " + "t" * 20)
    assert not guard.authorized("Bearer " + "t" * 19) and not guard.authorized("t" * 20)
    assert not guard.authorized("Basic " + "t" * 20) and not guard.authorized(None)
