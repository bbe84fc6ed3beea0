"""What no client can do to the MCP server (issue 22): leave a request unanswered (bad ids, an id already in use),
keep work running after it left, hold a connection with slow headers, read a hidden file, learn what exists
outside the folder from an error, or read a server path in a reply (the agent's words and progress included).

Real `assistant mcp` processes spoken to in raw JSON-RPC (stdio pipes, HTTP), and the tool registry in-process
for the path rules."""

from __future__ import annotations

import json
import os
import re
import select
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx
import psutil
import pytest
from documents import make_photo
from speech import espeak_wav
from test_mcp import ACCEPT, REPO, free_port, stop, wait_listening

from assistant.config import load_settings
from assistant.errors import InputError
from assistant.knowledge.scan import scan
from assistant.mcp.resources import KnowledgeResources
from assistant.mcp.results import Redactor
from assistant.models import ModelManager
from assistant.models.resolve import missing_message
from assistant.roles import ROLES
from assistant.tools import all_tools
from assistant.tools.registry import ToolContext

TOKEN = "a-test-token-that-is-long-enough-0123456789"
BAD_IDS = [None, {"a": 1}, 1.5, True, [1], 1.0]
NOT_UTF8 = os.fsdecode(b"caf\xe9 notes.md")  # a Latin-1 name, as old archives have them
LONG_TEXT = "The quick brown fox jumps over the lazy dog near the quiet river bank. " * 70  # ~4,900 characters
# an absolute path of two parts or more (the redactor's "…/last" and "~/..." forms are not absolute)
ABSOLUTE = re.compile(r"(?<![\w:/.~…-])/[^\s'\"/)]+/[^\s'\")]+")


def strings(value: object) -> list[str]:
    """Every string in a JSON value, keys included (not base64 payloads: audio and image data, blobs)."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for k, v in value.items() if k not in ("data", "blob") for s in (k, *strings(v))]
    if isinstance(value, list):
        return [s for v in value for s in strings(v)]
    return []


def _env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("ASSISTANT_")}
    env.update(HF_HUB_OFFLINE="1", TOKENIZERS_PARALLELISM="false", PYTHONUNBUFFERED="1", **extra)
    return env


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    """A knowledge folder with a hidden recording (and a visible link to it), a file whose name is not UTF-8,
    and a config naming CLIP, VLM and diffusion models in folders that do not exist."""
    root = tmp_path_factory.mktemp("robust")
    knowledge = root / "knowledge"
    (knowledge / ".private").mkdir(parents=True)
    (knowledge / "notes.md").write_text("# Shed\n\nThe shed is painted green in May.\n")
    espeak_wav("the password is tangerine", knowledge / ".private" / "hidden.wav")
    (knowledge / "alias.wav").symlink_to(Path(".private") / "hidden.wav")
    (knowledge / NOT_UTF8).write_text("café au lait at nine\n")
    models = root / "models"
    (root / "config.toml").write_text(f'threads = 2\n[models]\nclip = "{models / "clip"}"\nvlm = "{models / "vlm"}"\n'
                                      f'image_gen = "{models / "sd"}"\n')
    return root


def _args(root: Path) -> list[str]:
    return ["--config", str(root / "config.toml"), "--knowledge", str(root / "knowledge"), "--data-dir",
            str(root / "data")]


class RawStdio:
    """An `assistant mcp` process spoken to line by line, every message it writes kept."""

    def __init__(self, root: Path):
        self.log = root / f"stdio-{time.monotonic_ns()}.log"
        with open(self.log, "w") as err:
            self.process = subprocess.Popen([sys.executable, "-m", "assistant", "mcp", *_args(root)],
                                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=err, cwd=REPO,
                                            env=_env())
        self.seen: list[dict] = []
        self.pending = b""

    def send(self, message: dict | str) -> None:
        line = message if isinstance(message, str) else json.dumps(message)
        assert self.process.stdin is not None
        self.process.stdin.write(line.encode() + b"\n")
        self.process.stdin.flush()

    def read(self, timeout: float, until=lambda message: False) -> list[dict]:
        """What arrives within `timeout` seconds, stopping after the first message `until` accepts. (Read from
        the descriptor, lines split here: select() cannot see lines a buffered reader already holds.)"""
        assert self.process.stdout is not None
        fd = self.process.stdout.fileno()
        got: list[dict] = []
        deadline = time.monotonic() + timeout
        while True:
            while b"\n" in self.pending:
                line, self.pending = self.pending.split(b"\n", 1)
                got.append(json.loads(line))
                if until(got[-1]):
                    self.seen += got
                    return got
            left = deadline - time.monotonic()
            if left <= 0:
                break
            ready, _, _ = select.select([fd], [], [], min(0.2, left))
            if ready:
                chunk = os.read(fd, 1 << 16)
                assert chunk, f"the server closed stdout: {self.log.read_text()[-2000:]}"
                self.pending += chunk
        self.seen += got
        return got

    def answer(self, request_id, timeout: float = 120) -> dict:
        got = self.read(timeout, lambda m: m.get("id") == request_id and ("result" in m or "error" in m))
        assert got and got[-1].get("id") == request_id, f"no answer to {request_id!r}: {got}"
        return got[-1]

    def start(self) -> None:
        self.send({"jsonrpc": "2.0", "id": "init", "method": "initialize", "params": {
            "protocolVersion": "2025-11-25", "capabilities": {}, "clientInfo": {"name": "raw", "version": "1"}}})
        assert "result" in self.answer("init", 90)
        self.send({"jsonrpc": "2.0", "method": "notifications/initialized"})


def _call(request_id, tool: str, arguments: dict, **params) -> dict:
    return {"jsonrpc": "2.0", "id": request_id, "method": "tools/call",
            "params": {"name": tool, "arguments": arguments, **params}}


def _text(answer: dict) -> str:
    return " ".join(c.get("text", "") for c in answer["result"]["content"])


def test_stdio_answers_every_request_refuses_a_duplicate_id_and_names_no_server_path(folder):
    server = RawStdio(folder)
    try:
        server.start()
        for n, bad in enumerate(BAD_IDS):  # the SDK took these for notifications and never answered
            server.send({"jsonrpc": "2.0", "id": bad, "method": "ping", "params": {"n": n}})
        errors = server.read(10, lambda m: len(server.seen) + 1 >= len(BAD_IDS))
        assert [(e["id"], e["error"]["code"]) for e in errors] == [(None, -32600)] * len(BAD_IDS), errors
        server.send({"jsonrpc": "2.0", "method": "notifications/roots/list_changed"})  # a notification: no answer

        # an id still in progress: the second request is refused at once, the first still answered
        server.send(_call(7, "synthesize_speech", {"text": LONG_TEXT[:1500]}))
        time.sleep(0.3)
        server.send(_call(7, "search_knowledge", {"query": "shed"}))
        first = server.read(60, lambda m: m.get("id") == 7)[-1]
        assert first["error"]["code"] == -32600 and "already used" in first["error"]["message"], first
        assert "result" in server.answer(7), "the first request with the id was not answered"
        server.send(_call(7, "search_knowledge", {"query": "shed"}))  # the id is free again once answered
        assert "result" in server.answer(7)

        # hidden files: one rule for tools and resources, answered like a file that is not there
        refusals = {}
        for n, name in enumerate([".private/hidden.wav", "alias.wav", "not-there.wav"]):
            server.send(_call(f"t{n}", "transcribe_audio", {"file": name}))
            answer = server.answer(f"t{n}")
            assert answer["result"]["isError"], answer
            refusals[name] = _text(answer).replace(name, "NAME")
        assert len(set(refusals.values())) == 1, refusals
        server.send({"jsonrpc": "2.0", "id": "r1", "method": "resources/read",
                     "params": {"uri": "knowledge:///.private/hidden.wav"}})
        assert "error" in server.answer("r1")

        # every listed resource reads back, a name that is not UTF-8 included
        server.send({"jsonrpc": "2.0", "id": "list", "method": "resources/list"})
        listed = server.answer("list")["result"]["resources"]
        assert {r["name"] for r in listed if not r["name"].startswith("generated/")} == {
            "notes.md", "caf\\xe9 notes.md"}, listed  # generated/: the speech above
        for n, resource in enumerate(listed):
            server.send({"jsonrpc": "2.0", "id": f"read{n}", "method": "resources/read", "params": {"uri": resource["uri"]}})
            assert "result" in server.answer(f"read{n}"), resource

        # the agent's reply and its progress name no server path (a missing model's message holds several)
        server.send(_call("ask", "ask_assistant", {"request": "Make a picture of a red bicycle"},
                          _meta={"progressToken": "p"}))
        reply = server.answer("ask", 180)
        assert "image_gen" in _text(reply), reply
        server.send({"jsonrpc": "2.0", "id": "alive", "method": "ping"})
        assert server.answer("alive", 10)["result"] == {}
    finally:
        stop(server.process)
    leaked = [(text, m) for m in server.seen for text in strings(m) if ABSOLUTE.search(text)]
    assert not leaked, leaked


def test_stdio_client_that_leaves_ends_the_server_and_its_call(folder):
    generated = folder / "knowledge" / "generated"
    before = set(generated.glob("*")) if generated.exists() else set()
    server = RawStdio(folder)
    try:
        server.start()
        server.send(_call(1, "synthesize_speech", {"text": LONG_TEXT}))
        time.sleep(1.5)
        assert server.process.stdin is not None
        server.process.stdin.close()  # the client is gone
        server.process.wait(10)  # it waited for good: the SDK's stdout writer was never told to stop
        assert server.process.returncode == 0, server.log.read_text()[-2000:]
    finally:
        stop(server.process)
    assert (set(generated.glob("*")) if generated.exists() else set()) == before


@pytest.fixture(scope="module")
def http_server(folder):
    port = free_port()
    log = folder / "http.log"
    with open(log, "w") as err:
        process = subprocess.Popen([sys.executable, "-m", "assistant", "mcp", "--http", "--port", str(port),
                                    *_args(folder)], stdout=subprocess.DEVNULL, stderr=err, cwd=REPO,
                                   env=_env(ASSISTANT_MCP_TOKEN=TOKEN))
    try:
        wait_listening(process, port, log)
        yield process, f"http://127.0.0.1:{port}/mcp", port
    finally:
        stop(process)


def _session(http: httpx.Client, url: str) -> dict[str, str]:
    headers = {**ACCEPT, "Authorization": f"Bearer {TOKEN}"}
    init = http.post(url, headers=headers, json={"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {
        "protocolVersion": "2025-11-25", "capabilities": {}, "clientInfo": {"name": "raw", "version": "1"}}})
    assert init.status_code == 200, init.text
    headers |= {"mcp-session-id": init.headers["mcp-session-id"], "mcp-protocol-version": "2025-11-25"}
    assert http.post(url, headers=headers, json={"jsonrpc": "2.0", "method": "notifications/initialized"}
                     ).status_code == 202
    return headers


def test_http_answers_bad_ids(http_server):
    _process, url, _port = http_server
    with httpx.Client(timeout=120) as http:
        headers = _session(http, url)
        for bad in BAD_IDS:  # answered 202 with nothing before
            reply = http.post(url, headers=headers, json={"jsonrpc": "2.0", "id": bad, "method": "ping"})
            assert reply.status_code == 400 and reply.json() == {"jsonrpc": "2.0", "id": None, "error": {
                "code": -32600, "message": reply.json()["error"]["message"]}}, (bad, reply.text)
        assert http.post(url, headers=headers, json={"jsonrpc": "2.0", "id": 3, "method": "ping"}).status_code == 200


def test_http_refuses_an_id_in_progress_at_once(http_server):
    _process, url, _port = http_server
    with httpx.Client(timeout=120) as http:
        headers = _session(http, url)
        answers: dict[str, tuple[int, float, str]] = {}

        def post(tag: str, arguments: dict) -> None:
            started = time.monotonic()
            reply = http.post(url, headers=headers, json=_call(5, "synthesize_speech", arguments))
            answers[tag] = (reply.status_code, time.monotonic() - started, reply.text)

        first = threading.Thread(target=post, args=("first", {"text": LONG_TEXT[:1500]}))
        first.start()
        time.sleep(0.5)
        post("second", {"text": "Hi."})  # one of the two POSTs was never answered before
        first.join(120)
        status, seconds, body = answers["second"]
        assert status == 400 and seconds < 5 and '"id":5' in body and "already used" in body, answers["second"]
        assert answers["first"][0] == 200 and '"result"' in answers["first"][2], answers["first"][:2]


def test_http_client_that_leaves_cancels_its_call(http_server, folder):
    process, url, _port = http_server
    server = psutil.Process(process.pid)
    generated = folder / "knowledge" / "generated"
    before = set(generated.glob("*")) if generated.exists() else set()
    with httpx.Client(timeout=120) as http:
        headers = _session(http, url)
        http.post(url, headers=headers, json=_call(0, "synthesize_speech", {"text": "Warm up."}))
        with pytest.raises(httpx.TimeoutException):  # the client gives up after 2 s and closes the connection
            http.post(url, headers=headers, json=_call(9, "synthesize_speech", {"text": LONG_TEXT}), timeout=2)
    time.sleep(1.5)  # the next sentence boundary
    cpu = server.cpu_times()
    time.sleep(3)
    after = server.cpu_times()
    busy = (after.user + after.system) - (cpu.user + cpu.system)
    assert busy < 0.6, f"the server kept working for nobody: {busy:.2f} s of CPU in 3 s"
    saved = (set(generated.glob("*")) if generated.exists() else set()) - before
    assert not saved, saved  # ~80 s of speech would have been written to generated/


def test_http_slow_headers_are_cut_off(http_server):
    from assistant.mcp.slow import HEADER_TIMEOUT_S

    _process, url, port = http_server
    request = b"POST /mcp HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
    with socket.create_connection(("127.0.0.1", port), timeout=2) as slow:
        started = time.monotonic()
        closed_after = None
        for byte in request:  # one byte a second: each byte used to restart uvicorn's idle timer
            try:
                slow.send(bytes([byte]))
                if slow.recv(1024) == b"":
                    closed_after = time.monotonic() - started
                    break
            except TimeoutError:
                continue
            except OSError:
                closed_after = time.monotonic() - started
                break
    assert closed_after is not None and HEADER_TIMEOUT_S - 1 <= closed_after <= HEADER_TIMEOUT_S + 3, closed_after
    with httpx.Client(timeout=30) as http:  # and the server still serves
        assert http.post(url, headers={**ACCEPT, "Authorization": f"Bearer {TOKEN}"}, json={
            "jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"protocolVersion": "2025-11-25",
                                                                          "capabilities": {}, "clientInfo": {
                                                                              "name": "raw", "version": "1"}}}
        ).status_code == 200


# -- the path rules, in-process ---------------------------------------------------------------------------------
def _context(root: Path) -> ToolContext:
    settings = load_settings(root / "config.toml", knowledge_dir=root / "knowledge", data_dir=root / "data")
    return ToolContext(settings, ModelManager(settings))


def _error(ctx: ToolContext, tool: str, arguments: dict) -> str:
    result = all_tools()[tool].run(arguments, ctx)
    assert result.is_error, (tool, arguments, result.text)
    return result.text


def test_hidden_files_are_neither_listed_indexed_nor_served(folder):
    ctx = _context(folder)
    names = {found.name for found in scan(folder / "knowledge") if not found.name.startswith("generated/")}
    assert names == {"notes.md", "caf\\xe9 notes.md"}, names  # the link to the hidden file is not indexed
    said = {name: _error(ctx, "transcribe_audio", {"file": name}).replace(name, "NAME")
            for name in (".private/hidden.wav", "alias.wav", "./.private/../.private/hidden.wav", "not-there.wav")}
    assert len(set(said.values())) == 1, said
    resources = KnowledgeResources(ctx.settings)
    for uri in ("knowledge:///.private/hidden.wav", "knowledge:///alias.wav"):
        with pytest.raises(Exception, match="no such knowledge file|not found"):
            resources.read(uri)
    listed = [r for r in resources.list() if not r.name.startswith("generated/")]  # other tests' speech
    assert {r.name for r in listed} == names
    for resource in listed:
        content, _mime = resources.read(str(resource.uri))
        assert content, resource


def test_a_generated_folder_linked_elsewhere_tells_nothing_of_what_is_there(tmp_path):
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    make_photo(outside, "secret.png")
    knowledge = tmp_path / "knowledge"
    knowledge.mkdir()
    (knowledge / "generated").symlink_to(outside)
    (tmp_path / "config.toml").write_text("threads = 2\n")
    ctx = _context(tmp_path)
    for tool, argument in (("describe_image", "image"), ("search_knowledge", "image")):
        for form in ("{}", "generated/{}"):
            there = _error(ctx, tool, {argument: form.format("secret.png")}).replace("secret.png", "NAME")
            absent = _error(ctx, tool, {argument: form.format("nothing.png")}).replace("nothing.png", "NAME")
            assert there == absent, (tool, form, there, absent)
            assert str(outside) not in there and "subpath" not in there, there
    there = _error(ctx, "embed_image", {"images": ["secret.png"]}).replace("secret.png", "NAME")
    assert there == _error(ctx, "embed_image", {"images": ["nothing.png"]}).replace("nothing.png", "NAME")


def test_no_missing_model_message_leaves_the_server_with_a_path(folder, tmp_path, monkeypatch):
    """Every role missing, two ways: configured as a local folder that is not there, and (the default
    profile's HF models) not in the Hugging Face cache; each message through the redactor's two rules."""
    monkeypatch.setenv("HF_HUB_CACHE", str(tmp_path / "hf" / "hub"))
    configured = tmp_path / "config.toml"
    configured.write_text("threads = 2\n[models]\n" + "".join(f'{role} = "{tmp_path / "gone" / role}"\n'
                                                              for role in ROLES))
    messages = []
    for config in (configured, folder / "config.toml"):
        settings = load_settings(config, knowledge_dir=folder / "knowledge", data_dir=tmp_path / "data")
        manager = ModelManager(settings)
        redactor = Redactor(settings)
        for role in ROLES:
            found = manager.locate(role)
            text = found.problem or (None if found.ready else missing_message(manager.spec(role)))
            if text is None:
                continue
            messages.append(text)
            for clean in (redactor.content(text), redactor.text(text)):
                assert not ABSOLUTE.search(clean), (role, text, clean)
    assert len(messages) >= len(ROLES) + 3, messages  # every role, then clip, vlm, image_gen again
    assert any(str(tmp_path) in m for m in messages)  # the messages did name paths before redaction


def test_a_document_path_stays_while_a_server_path_goes(folder):
    redactor = Redactor(load_settings(folder / "config.toml", knowledge_dir=folder / "knowledge",
                                      data_dir=folder / "data"))
    assert redactor.content("call GET /api/v1/users/42 then") == "call GET /api/v1/users/42 then"
    assert redactor.content(f"see {sys.prefix}/lib/x.py") == "see the Python environment/lib/x.py"
    assert redactor.content("written to /proc/self/status") == "written to …/status"
    with pytest.raises(InputError):
        from assistant.tools.paths import confine

        confine(folder / "knowledge", "bad\ud800name.wav")  # a lone surrogate from JSON: refused, not a crash


def test_long_tools_stop_at_their_next_chunk_once_taken_back(tmp_path):
    """Each long tool looks between its chunks (embedding batches, spoken sentences, transcribed blocks): taken
    back after its first one, it stops there instead of running to the end for nobody."""
    import wave

    import numpy as np

    (tmp_path / "knowledge").mkdir()
    (tmp_path / "config.toml").write_text("threads = 2\n")
    long_recording = tmp_path / "knowledge" / "long-memo.wav"  # three blocks: a sentence, then silence
    espeak_wav("the shed is painted green in May", tmp_path / "memo-start.wav")
    with wave.open(str(tmp_path / "memo-start.wav")) as start:
        rate, said = start.getframerate(), np.frombuffer(start.readframes(start.getnframes()), np.int16)
    with wave.open(str(long_recording), "wb") as out:
        out.setnchannels(1), out.setsampwidth(2), out.setframerate(rate)
        out.writeframes(np.concatenate([said, np.zeros(150 * rate, np.int16)]).tobytes())
    base = _context(tmp_path)
    for tool, arguments in (("embed_text", {"texts": [f"note {n} about the harbour" for n in range(64)]}),
                            ("synthesize_speech", {"text": "One short sentence is spoken here. " * 30}),
                            ("transcribe_audio", {"file": "long-memo.wav", "language": "en"})):
        steps: list[str | None] = []
        ctx = base.with_progress(lambda done, total=None, message=None: steps.append(message), lambda: bool(steps))
        result = all_tools()[tool].run(arguments, ctx)
        assert result.is_error and "cancelled" in result.text, (tool, result.text)
        assert len(steps) == 1, (tool, steps)
