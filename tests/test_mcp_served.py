"""What the MCP server offers beyond the original five tools, and how it treats clients that get things wrong:
real `assistant mcp` processes driven by the official `mcp` client (and raw JSON-RPC where a client would not
send such a thing).

- The tool list follows the models present: without CLIP/VLM/diffusion weights those tools are not listed
  (`--status` says why), and when a model appears while serving, clients get `tools/list_changed`.
- synthesize_speech returns WAV audio that Whisper transcribes back to its text; embed_text gives MiniLM's
  own vectors; embed_image gives CLIP vectors once CLIP is there.
- Completions of file names, prompts, malformed JSON-RPC (-32700/-32600), wrong-token backoff, short tokens.
"""

from __future__ import annotations

import base64
import io
import json
import os
import re
import subprocess
import sys
import time
import wave

import anyio
import httpx
import numpy as np
import pytest
from mcp import ClientSession, StdioServerParameters, stdio_client
from mcp.shared.exceptions import MCPError
from mcp_types import AudioContent, PromptReference, ResourceLink, ResourceTemplateReference
from test_mcp import ACCEPT, INITIALIZE, REPO, free_port, stop, text_of, wait_listening
from tiny_models import build_tiny_clip

from assistant.config import load_settings
from assistant.models import ModelManager

ALWAYS = {"search_knowledge", "lookup_pdf", "transcribe_audio", "synthesize_speech", "embed_text", "ask_assistant",
          "calculate", "convert_units", "date_time"}  # (the last three need no model)
TOKEN = "a-test-token-that-is-long-enough-0123456789"
SAID = "The lighthouse keeper rang the old bell at noon on Sunday."


def _env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("ASSISTANT_")}
    env.update(HF_HUB_OFFLINE="1", TOKENIZERS_PARALLELISM="false", PYTHONUNBUFFERED="1", **extra)
    return env


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    """A knowledge folder, and a config naming CLIP, VLM and diffusion models that are not there (yet)."""
    root = tmp_path_factory.mktemp("served")
    knowledge = root / "knowledge"
    (knowledge / "reports").mkdir(parents=True)
    (knowledge / "notes.md").write_text("# Lighthouse\n\nThe bell is rung at noon.\n")
    (knowledge / "reports" / "report.pdf").write_bytes(b"%PDF-1.4 not really\n")
    (knowledge / "reports" / "repair.pdf").write_bytes(b"%PDF-1.4 not really\n")
    (knowledge / "talk.wav").write_bytes(b"RIFF")
    models = root / "models"
    config = root / "config.toml"
    config.write_text(f'threads = 2\n[models]\nclip = "{models / "clip"}"\nvlm = "{models / "vlm"}"\n'
                      f'image_gen = "{models / "sd"}"\n')
    return root


def _args(root) -> list[str]:
    return ["--config", str(root / "config.toml"), "--knowledge", str(root / "knowledge"), "--data-dir",
            str(root / "data")]


class Heard:
    def __init__(self):
        self.list_changed = anyio.Event()

    async def on_message(self, message) -> None:
        method = getattr(message, "method", None) or getattr(getattr(message, "root", None), "method", None)
        if method == "notifications/tools/list_changed":
            self.list_changed.set()


async def test_tools_follow_the_models_present_and_speech_round_trips(folder):
    heard = Heard()
    params = StdioServerParameters(command=sys.executable, args=["-m", "assistant", "mcp", *_args(folder)],
                                   env=_env(ASSISTANT_MCP_TOOLS_CHECK_S="0.3"), cwd=str(REPO))
    with anyio.fail_after(240):
        async with stdio_client(params) as (read, write):
            async with ClientSession(read, write, read_timeout_seconds=120, message_handler=heard.on_message) as s:
                init = await s.initialize()
                assert init.capabilities.tools.list_changed and init.capabilities.logging is not None
                assert {t.name for t in (await s.list_tools()).tools} == ALWAYS
                refused = await s.call_tool("describe_image", {"image": "notes.md"})
                assert refused.is_error and "needs the vlm model" in text_of(refused), text_of(refused)
                assert str(folder) not in text_of(refused)

                # speech: inline WAV that Whisper hears as the text; saved on request, as a resource link
                spoken = await s.call_tool("synthesize_speech", {"text": SAID, "save": True})
                assert not spoken.is_error, text_of(spoken)
                audio = next(c for c in spoken.content if isinstance(c, AudioContent))
                link = next(c for c in spoken.content if isinstance(c, ResourceLink))
                assert audio.mime_type == "audio/wav" and SAID in text_of(spoken)
                with wave.open(io.BytesIO(base64.b64decode(audio.data))) as wav:
                    assert wav.getnchannels() == 1 and wav.getnframes() / wav.getframerate() > 1.5
                saved = spoken.structured_content["file"]
                assert link.uri == f"knowledge:///{saved}" and saved.startswith("generated/speech-")
                assert (folder / "knowledge" / saved).read_bytes() == base64.b64decode(audio.data)
                heard_back = await s.call_tool("transcribe_audio", {"file": saved})
                assert _wer(SAID, text_of(heard_back).split("\n")[0]) <= 0.2, text_of(heard_back)
                assert (await s.call_tool("synthesize_speech", {"text": "hi", "voice": "nobody"})).is_error

                # embeddings: MiniLM's own vectors
                embedded = await s.call_tool("embed_text", {"texts": ["lighthouse bell", "noon"], "kind": "query"})
                vectors = np.array(embedded.structured_content["vectors"])
                assert vectors.shape == (2, 384) and np.allclose(np.linalg.norm(vectors, axis=1), 1, atol=1e-4)
                settings = load_settings(folder / "config.toml")
                reference = ModelManager(settings).get("text_embed").embed(["lighthouse bell", "noon"], kind="query")
                assert np.allclose(vectors, reference, atol=1e-5)
                assert json.loads(embedded.content[-1].text)["vectors"] == embedded.structured_content["vectors"]

                # CLIP appears while serving: clients are told, and embed_image is listed and works
                staging = build_tiny_clip(folder / "staging-clip")
                (folder / "models").mkdir(exist_ok=True)
                staging.rename(folder / "models" / "clip")
                await heard.list_changed.wait()
                assert {t.name for t in (await s.list_tools()).tools} == ALWAYS | {"embed_image"}
                pictures = await s.call_tool("embed_image", {"images": [_png_data_url()], "texts": ["red"]})
                assert not pictures.is_error, text_of(pictures)
                assert pictures.structured_content["dim"] == 32
                assert len(pictures.structured_content["text_vectors"]) == 1


def test_status_says_which_tools_are_served_and_why(folder):
    run = subprocess.run([sys.executable, "-m", "assistant", "mcp", "--status", "--json", *_args(folder)],
                         capture_output=True, text=True, cwd=REPO, env=_env(), timeout=120)
    assert run.returncode == 0, run.stderr
    rows = {r["tool"]: r for r in json.loads(run.stdout)["tools"]}
    assert not rows["generate_image"]["served"] and "image_gen model" in rows["generate_image"]["reason"]
    assert rows["embed_text"]["served"] and "text_embed" in rows["embed_text"]["reason"]
    every = subprocess.run([sys.executable, "-m", "assistant", "mcp", "--status", "--all-tools", *_args(folder)],
                           capture_output=True, text=True, cwd=REPO, env=_env(), timeout=120)
    assert every.returncode == 0 and "MCP serves 12 of 12 tools" in every.stdout, every.stdout
    assert re.search(r"served\s+generate_image\s+needs the image_gen model", every.stdout), every.stdout


async def test_completions_and_prompts(folder):
    loop = folder / "knowledge" / "loop"
    loop.mkdir(exist_ok=True)
    (loop / "a").symlink_to(loop / "b")
    (loop / "b").symlink_to(loop / "a")  # a symlink loop: listed as nothing, named nowhere
    params = StdioServerParameters(command=sys.executable, args=["-m", "assistant", "mcp", *_args(folder)],
                                   env=_env(), cwd=str(REPO))
    with anyio.fail_after(120):
        async with stdio_client(params) as (read, write):
            async with ClientSession(read, write, read_timeout_seconds=60) as s:
                await s.initialize()
                listed = {r.uri for r in (await s.list_resources()).resources}
                assert "knowledge:///notes.md" in listed and not any("loop" in uri for uri in listed)
                pdf = await s.complete(PromptReference(type="ref/prompt", name="summarise_pdf"),
                                       {"name": "file", "value": "rep"})
                assert pdf.completion.values == ["reports/repair.pdf", "reports/report.pdf"]
                assert pdf.completion.total == 2 and pdf.completion.has_more is False
                tool = await s.complete(PromptReference(type="ref/prompt", name="transcribe_audio"),
                                        {"name": "file", "value": "ta"})
                assert tool.completion.values == ["talk.wav"]
                template = await s.complete(ResourceTemplateReference(type="ref/resource", uri="knowledge:///{+path}"),
                                            {"name": "path", "value": "NOTE"})
                assert template.completion.values == ["notes.md"]
                none = await s.complete(PromptReference(type="ref/prompt", name="find_photos"),
                                        {"name": "subject", "value": "x"})
                assert none.completion.values == []

                names = {p.name for p in (await s.list_prompts()).prompts}
                assert {"summarise_pdf", "find_photos", "transcribe_recording", "describe_picture"} <= names
                prompt = await s.get_prompt("summarise_pdf", {"file": "reports/report.pdf", "focus": "costs"})
                assert "reports/report.pdf" in prompt.messages[0].content.text and "costs" in prompt.messages[0].content.text
                for name, arguments in (("nope", {}), ("summarise_pdf", {}), ("summarise_pdf", {"file": "x.pdf"})):
                    with pytest.raises(MCPError):
                        await s.get_prompt(name, arguments)


async def test_a_2026_client_opts_in_to_logs_per_request(folder):
    """The stateless revision (2026-07-28): no handshake, no setLevel; a request asks for logs in its _meta."""
    logs: list[str] = []

    async def on_log(params) -> None:
        logs.append(f"{params.level}: {params.data}")

    params = StdioServerParameters(command=sys.executable, args=["-m", "assistant", "mcp", *_args(folder)],
                                   env=_env(), cwd=str(REPO))
    with anyio.fail_after(120):
        async with stdio_client(params) as (read, write):
            async with ClientSession(read, write, read_timeout_seconds=60, logging_callback=on_log) as s:
                found = await s.discover()
                assert found.capabilities.tools is not None
                names = {t.name for t in (await s.list_tools()).tools}  # (CLIP may be there by now)
                assert ALWAYS <= names and not names & {"describe_image", "generate_image"}
                await s.call_tool("lookup_pdf", {"file": "missing.pdf"})
                assert logs == []  # not asked for: nothing sent
                await s.call_tool("lookup_pdf", {"file": "missing.pdf"},
                                  meta={"io.modelcontextprotocol/logLevel": "info"})
                assert logs == ["warning: lookup_pdf: PDF not found in the knowledge folder: missing.pdf",
                                "info: lookup_pdf: failed in " + logs[-1].rsplit(" in ", 1)[-1]], logs


def test_malformed_json_rpc_gets_its_error_on_stdio(folder):
    initialize = json.dumps({**INITIALIZE, "params": {**INITIALIZE["params"], "protocolVersion": "2025-06-18"}})
    lines = [initialize, "this is not json", '[{"jsonrpc": "2.0", "id": 2, "method": "ping"}]',
             '{"jsonrpc": "2.0", "id": 7, "method": 5}', '{"jsonrpc": "2.0", "id": 3, "method": "ping"}']
    process = subprocess.Popen([sys.executable, "-m", "assistant", "mcp", *_args(folder)], stdin=subprocess.PIPE,
                               stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, cwd=REPO, env=_env())
    try:
        replies = []
        for line in lines:
            process.stdin.write(line + "\n")
            process.stdin.flush()
            replies.append(json.loads(process.stdout.readline()))
    finally:
        process.stdin.close()
        stop(process)
    assert replies[0]["result"]["capabilities"]["logging"] == {}
    assert replies[1] == {"jsonrpc": "2.0", "id": None, "error": replies[1]["error"]}
    assert replies[1]["error"]["code"] == -32700
    assert replies[2]["error"]["code"] == -32600 and "batch" in replies[2]["error"]["message"]
    assert replies[3]["error"]["code"] == -32600 and replies[3]["id"] == 7
    assert replies[4] == {"jsonrpc": "2.0", "id": 3, "result": {}}  # still serving


def test_http_malformed_json_rpc_and_wrong_token_backoff(folder):
    port = free_port()
    log = folder / "http.log"
    with open(log, "w") as err:
        process = subprocess.Popen([sys.executable, "-m", "assistant", "mcp", "--http", "--port", str(port),
                                    *_args(folder)], stdout=subprocess.DEVNULL, stderr=err, cwd=REPO,
                                   env=_env(ASSISTANT_MCP_TOKEN=TOKEN))
    url = f"http://127.0.0.1:{port}/mcp"
    good = {**ACCEPT, "Authorization": f"Bearer {TOKEN}"}
    try:
        wait_listening(process, port, log)
        with httpx.Client(timeout=30) as http:
            assert http.post(url, json=INITIALIZE, headers=good).status_code == 200
            parse = http.post(url, content=b"{not json", headers=good)
            assert parse.status_code == 400 and parse.json()["error"]["code"] == -32700
            batch = http.post(url, json=[{"jsonrpc": "2.0", "id": 1, "method": "ping"}], headers=good)
            assert batch.status_code == 400 and batch.json()["error"]["code"] == -32600
            invalid = http.post(url, json={"jsonrpc": "2.0", "id": 9, "method": 5}, headers=good)
            assert invalid.json() == {"jsonrpc": "2.0", "id": 9, "error": invalid.json()["error"]}
            assert invalid.json()["error"]["code"] == -32600

            # requests with no token at all (a web page's <img>, a CORS preflight) cannot guess: not counted
            assert {http.get(url).status_code for _ in range(12)} == {401}
            assert http.options(url, headers={"Origin": "http://localhost:3000"}).status_code == 401
            assert http.post(url, json=INITIALIZE, headers=good).status_code == 200
            wrong = {**ACCEPT, "Authorization": "Bearer guess", "X-Forwarded-For": "203.0.113.9"}
            codes = [http.post(url, json=INITIALIZE, headers=wrong).status_code for _ in range(6)]
            assert codes == [401] * 6  # five free; the sixth earns 1 s (X-Forwarded-For is not believed)
            time.sleep(1.2)
            assert http.post(url, json=INITIALIZE, headers=wrong).status_code == 401  # the seventh earns 2 s
            blocked = http.post(url, json=INITIALIZE, headers=good)  # the right token too, while it lasts
            assert blocked.status_code == 429 and int(blocked.headers["retry-after"]) == 2
        assert process.poll() is None
    finally:
        stop(process)


def test_a_short_token_is_refused_beyond_loopback(folder):
    run = subprocess.run([sys.executable, "-m", "assistant", "mcp", "--http", "--host", "0.0.0.0", "--port",
                          str(free_port()), *_args(folder)], capture_output=True, text=True, cwd=REPO,
                         env=_env(ASSISTANT_MCP_TOKEN="short-but-explicit-token"), timeout=60)
    assert run.returncode == 2 and "32 or more" in run.stderr, run.stderr


def test_throttle_doubles_the_wait_and_forgets():
    from assistant.mcp.throttle import FORGET_AFTER_S, MAX_ADDRESSES, MAX_WAIT_S, Throttle

    now = [1000.0]
    throttle = Throttle(clock=lambda: now[0])
    assert [throttle.failed("a") for _ in range(5)] == [0.0] * 5 and throttle.wait("a") == 0
    assert [throttle.failed("a") for _ in range(3)] == [1.0, 2.0, 4.0] and throttle.wait("a") == 4.0
    assert throttle.wait("b") == 0  # per address
    for _ in range(20):
        throttle.failed("a")
    assert throttle.wait("a") == MAX_WAIT_S
    throttle.succeeded("a")
    assert throttle.wait("a") == 0
    for _ in range(6):
        throttle.failed("c")
    now[0] += FORGET_AFTER_S + 1
    assert throttle.wait("c") == 0 and throttle.failed("c") == 0
    for n in range(MAX_ADDRESSES + 10):
        throttle.failed(f"10.0.{n // 256}.{n % 256}")
    assert len(throttle) == MAX_ADDRESSES  # bounded


async def test_log_records_never_wait_for_the_event_loop():
    """A tool's log record is queued, not sent from its thread: the thread may hold logging's handler lock,
    which the event loop also needs whenever it logs (waiting for the loop there froze the server)."""
    import threading

    from assistant.mcp.logs import CallLog

    call_log = CallLog(None, "test")
    sink = call_log.sink()
    finished = threading.Event()

    def worker() -> None:
        for n in range(50):
            sink("info", f"record {n}")
        finished.set()

    thread = threading.Thread(target=worker)
    thread.start()
    started = time.perf_counter()
    assert finished.wait(5)  # the event loop is blocked right here, and the worker still finishes
    thread.join()
    assert time.perf_counter() - started < 2 and len(call_log._records) == 50


def _png_data_url() -> str:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (40, 30), "red").save(out, format="PNG")
    return "data:image/png;base64," + base64.b64encode(out.getvalue()).decode()


def _wer(expected: str, heard: str) -> float:
    a, b = re.findall(r"[a-z']+", expected.lower()), re.findall(r"[a-z']+", heard.lower())
    d = list(range(len(b) + 1))
    for i, word in enumerate(a, 1):
        prev, d[0] = d[0], i
        for j, other in enumerate(b, 1):
            prev, d[j] = d[j], min(d[j] + 1, d[j - 1] + 1, prev + (word != other))
    return d[len(b)] / max(1, len(a))
