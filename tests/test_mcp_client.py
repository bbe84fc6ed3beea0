"""The assistant as an MCP client (`assistant/mcp_client/`): real servers, real processes, the official SDK on both
sides. The server is `tests/mcp_test_server.py` (the SDK's `MCPServer`): tools with each annotation, a slow one
with progress, one that kills its own process, 100 more on demand, one that changes the tool list."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from assistant.cancel import Cancel
from assistant.config import McpServerSettings, load_settings
from assistant.errors import ConfigError
from assistant.mcp_client import McpClients
from assistant.mcp_client.expand import MissingVariable, expand
from assistant.mcp_client.own import OWN_SERVER_NAME

REPO = Path(__file__).resolve().parents[1]
SERVER = str(REPO / "tests" / "mcp_test_server.py")
ASSISTANT = str(Path(sys.executable).parent / "assistant")  # this install's command
SECRET_VAR = "MCP_CLIENT_TEST_SECRET"
BASE_TOOLS = {"lookup", "delete_note", "echo", "echo_env", "slow", "whoami", "crash", "fail", "big", "picture",
              "add_tool"}


def server(allow=(), deny=(), timeout=30.0, **env: str) -> McpServerSettings:
    return McpServerSettings(command=sys.executable, args=[SERVER], env=env, allow=list(allow), deny=list(deny),
                             timeout=timeout)


def wait_for(check, timeout: float = 10.0, what: str = "the condition"):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = check()
        if value:
            return value
        time.sleep(0.02)
    raise AssertionError(f"{what} did not happen within {timeout} s")


@pytest.fixture(scope="module")
def clients():
    """One manager for the checks that leave the servers as they were."""
    os.environ[SECRET_VAR] = "s3cret"
    servers = {
        "t": server(TEST_MCP_SECRET=f"${{env:{SECRET_VAR}}}"),
        "limited": server(allow=["lookup", "echo*", "delete_note"], deny=["echo_env"]),
        "impostor": server(TEST_MCP_NAME=OWN_SERVER_NAME),  # says it is this assistant
        "own": McpServerSettings(command=ASSISTANT, args=["mcp"]),  # this install's `assistant mcp`
        "unset": server(TEST_MCP_SECRET="${NO_SUCH_VARIABLE_FOR_MCP_TESTS}"),
        "off": McpServerSettings(command="never-started", enabled=False),
    }
    manager = McpClients(servers)
    started = time.perf_counter()
    manager.start()
    assert time.perf_counter() - started < 0.5  # the servers start in the background
    assert manager.wait_ready(30), manager.status()
    yield manager
    manager.close()
    os.environ.pop(SECRET_VAR, None)


# -- settings --------------------------------------------------------------------------------------------------
def test_settings_take_exactly_one_of_command_and_url(tmp_path):
    config = tmp_path / "config.toml"
    cases = {
        '[mcp_servers.cal]\ncommand = "npx"\nurl = "http://x/mcp"\n': "not both",
        '[mcp_servers.cal]\nargs = ["x"]\n': "not neither",
        '[mcp_servers.cal]\nurl = "ftp://x"\n': "http:// or https://",
        '[mcp_servers.cal]\ncommand = "npx"\nheaders = { A = "b" }\n': "`headers` is for a `url` server",
        '[mcp_servers.cal]\nurl = "http://x/mcp"\nenv = { A = "b" }\n': "`env` is for a `command` server",
        '[mcp_servers."my.cal"]\ncommand = "npx"\n': "MCP server name 'my.cal'",
        '[mcp_servers.cal]\ncommand = "npx"\ntimeout = 0\n': "timeout",
        '[mcp_servers.cal]\ncommand = "npx"\nallowed = ["x"]\n': "allowed",
    }
    for text, words in cases.items():
        config.write_text(text)
        with pytest.raises(ConfigError, match="mcp_servers") as caught:
            load_settings(config)
        assert words in str(caught.value), (text, str(caught.value))
    config.write_text('[mcp_servers.cal]\ncommand = "npx"\nargs = ["-y", "cal"]\ncwd = "~/cal"\n'
                      '[mcp_servers.docs]\nurl = "https://docs.example.com/mcp"\n'
                      'headers = { Authorization = "Bearer ${env:DOCS_TOKEN}" }\nallow = ["search_*"]\n')
    settings = load_settings(config)
    cal, docs = settings.mcp_servers["cal"], settings.mcp_servers["docs"]
    assert cal.cwd == Path.home() / "cal" and cal.timeout == 60 and cal.enabled
    assert docs.headers["Authorization"] == "Bearer ${env:DOCS_TOKEN}"  # expanded when it connects, not here


def test_variables_expand_from_the_environment():
    environ = {"TOKEN": "abc", "USER_NAME": "me"}
    assert expand("Bearer ${env:TOKEN}", environ) == "Bearer abc"
    assert expand("${USER_NAME}:${TOKEN}", environ) == "me:abc"
    assert expand("$TOKEN and ${not a variable}", environ) == "$TOKEN and ${not a variable}"
    with pytest.raises(MissingVariable, match="MISSING is not set.*headers.Authorization"):
        expand("Bearer ${env:MISSING}", environ, "headers.Authorization")


def test_our_server_name_is_what_the_refusal_looks_for():
    from assistant.mcp.server import SERVER_NAME

    assert SERVER_NAME == OWN_SERVER_NAME


# -- connecting, listing, calling --------------------------------------------------------------------------------
def test_tools_are_listed_namespaced_with_their_annotations(clients):
    tools = {t.name: t for t in clients.tools() if t.server == "t"}
    assert set(tools) == {f"t.{name}" for name in BASE_TOOLS}
    lookup = tools["t.lookup"]
    assert (lookup.tool, lookup.server, lookup.status, lookup.title) == ("lookup", "t", "connected", "Look up")
    assert lookup.description == "Look a key up." and lookup.input_schema["required"] == ["key"]
    assert (lookup.annotations.read_only, lookup.annotations.open_world) == (True, False)
    delete = tools["t.delete_note"].annotations
    assert (delete.read_only, delete.destructive, delete.idempotent, delete.open_world) == (False, True, False, True)
    assert tools["t.echo"].annotations.labels() == []  # none given
    status = clients.status()["t"]
    assert (status.state, status.transport, status.server_info, status.tools) == \
        ("connected", "stdio", "test-server 1.0", len(BASE_TOOLS))


def test_calls_go_to_the_server_and_come_back_as_tool_results(clients):
    result = clients.call("t.lookup", {"key": "door"})
    assert not result.is_error and result.text == "value of door" and result.data == {"result": "value of door"}
    assert 0 < result.seconds < 5
    assert clients.call("t.echo_env").text == "s3cret"  # `${env:VAR}` in its env, read when it started
    failed = clients.call("t.fail")
    assert failed.is_error and "fail" in failed.text
    picture = clients.call("t.picture")
    assert picture.text == "a red pixel\n[image: image/png, 70 bytes]"
    big = clients.call("t.big", {"chars": 50_000})
    assert big.text.startswith("x" * 20_000) and len(big.text) < 20_200
    assert "cut: the result has 50,000 characters; the first 20,000 are shown" in big.text
    bad = clients.call("t.lookup", {"wrong": 1})
    assert bad.is_error


def test_names_that_lead_nowhere_are_errors_at_once(clients):
    for name, words in (("lookup", "no MCP server has this tool"), ("nobody.lookup", "no MCP server has this tool"),
                        ("t.nothing", "nothing is not among its tools"), ("off.x", "not connected (disabled)")):
        started = time.perf_counter()
        result = clients.call(name, {})
        assert result.is_error and words in result.text, result.text
        assert time.perf_counter() - started < 0.1


def test_allow_and_deny_choose_the_tools(clients):
    names = {t.tool for t in clients.tools() if t.server == "limited"}
    assert names == {"lookup", "echo", "delete_note"}  # echo_env: allowed by the glob, then denied
    status = clients.status()["limited"]
    assert (status.tools, status.listed) == (3, len(BASE_TOOLS))
    result = clients.call("limited.echo_env")
    assert result.is_error and "not allowed" in result.text
    assert clients.call("limited.echo", {"text": "hi"}).text == "hi"


def test_a_slow_call_reports_progress(clients):
    seen: list[tuple[float, float | None, str | None]] = []
    result = clients.call("t.slow", {"steps": 4, "delay": 0.05},
                          progress=lambda done, total, message: seen.append((done, total, message)))
    assert result.text == "done after 4 steps"
    assert seen == [(1, 4, "step 1"), (2, 4, "step 2"), (3, 4, "step 3"), (4, 4, "step 4")]


def test_a_call_is_given_up_after_its_timeout_and_can_be_cancelled(clients):
    started = time.perf_counter()
    result = clients.call("t.slow", {"steps": 100, "delay": 0.1}, timeout=0.5)
    assert result.is_error and "no answer in 0.5 s" in result.text
    assert 0.4 < time.perf_counter() - started < 2
    cancel = Cancel()
    threading.Timer(0.3, cancel.set).start()
    started = time.perf_counter()
    result = clients.call("t.slow", {"steps": 100, "delay": 0.1}, cancel=cancel)
    assert result.is_error and "cancelled by the caller" in result.text
    assert time.perf_counter() - started < 1.5
    assert clients.call("t.echo", {"text": "still here"}).text == "still here"


def test_our_own_server_and_unset_variables_are_refused(clients):
    status = clients.status()
    assert status["own"].state == "refused" and "own MCP server" in status["own"].reason  # never started
    assert status["own"].server_info is None
    impostor = status["impostor"]  # refused after the handshake, by the name it gave
    assert impostor.state == "refused" and "own MCP server" in impostor.reason
    assert impostor.server_info == f"{OWN_SERVER_NAME} 1.0"
    assert status["unset"].state == "refused"
    assert "NO_SUCH_VARIABLE_FOR_MCP_TESTS is not set (named in env.TEST_MCP_SECRET)" in status["unset"].reason
    assert status["off"].state == "disabled"
    assert not [t for t in clients.tools() if t.server in ("own", "impostor", "unset", "off")]
    result = clients.call("impostor.lookup", {"key": "x"})
    assert result.is_error and "not connected (refused" in result.text


# -- servers that fail --------------------------------------------------------------------------------------------
def test_a_server_killed_mid_call_is_reported_once_and_reconnected(tmp_path, caplog):
    pids = tmp_path / "pids"
    with McpClients({"k": server(TEST_MCP_MARK=str(pids))}, log_dir=tmp_path / "logs") as clients:
        assert clients.wait_ready(20) and clients.status()["k"].state == "connected"
        first = int(pids.read_text().split()[0])
        progressed = threading.Event()
        results = []
        caller = threading.Thread(target=lambda: results.append(clients.call(
            "k.slow", {"steps": 100, "delay": 0.1}, progress=lambda *_: progressed.set())))
        caller.start()
        assert progressed.wait(10)
        killed = time.perf_counter()
        os.kill(first, signal.SIGKILL)
        caller.join(5)
        assert results and results[0].is_error and "stopped during the call" in results[0].text
        assert time.perf_counter() - killed < 2
        status = clients.status()["k"]
        assert status.state == "failed" and "stopped" in status.reason
        started = time.perf_counter()
        result = clients.call("k.echo", {"text": "x"})  # a dead server answers at once
        assert result.is_error and "not connected (failed" in result.text
        assert time.perf_counter() - started < 0.1
        assert {t.status for t in clients.tools()} == {"failed"}
        wait_for(lambda: clients.status()["k"].state == "connected", 15, "the reconnection")
        assert time.perf_counter() - killed > 0.9  # after the backoff's first second
        assert clients.status()["k"].attempts == 2
        assert len(pids.read_text().split()) == 2
        assert clients.call("k.echo", {"text": "back"}).text == "back"
    warnings = [r for r in caplog.records if r.levelname == "WARNING" and "MCP server k:" in r.getMessage()]
    assert len(warnings) == 1, [r.getMessage() for r in warnings]
    assert clients.status()["k"].state == "stopped"


def test_a_hundred_tools_in_pages_a_changed_list_and_a_crash(tmp_path):
    changes = []
    with McpClients({"many": server(TEST_MCP_TOOLS="100", TEST_MCP_PAGE="30")}) as clients:
        clients.on_change(lambda: changes.append(1))
        assert clients.wait_ready(20)
        names = {t.name for t in clients.tools()}
        assert len(names) == len(BASE_TOOLS) + 100 and {"many.n000", "many.n099"} <= names
        assert clients.call("many.n042").text == "tool 42"
        before = len(changes)
        assert clients.call("many.add_tool", {"name": "fresh"}).text == "added fresh"
        wait_for(lambda: "many.fresh" in {t.name for t in clients.tools()}, 10, "the tools/list_changed refresh")
        assert len(changes) > before
        assert clients.call("many.fresh").text == "I am fresh"
        started = time.perf_counter()
        result = clients.call("many.crash")
        assert result.is_error and "stopped during the call" in result.text
        assert time.perf_counter() - started < 2
        assert clients.status()["many"].state == "failed"


def test_servers_that_hang_or_do_not_exist_never_block(tmp_path, caplog):
    servers = {
        "hangs": McpServerSettings(command=sys.executable, args=["-c", "import time; time.sleep(60)"]),
        "missing": McpServerSettings(command="no-such-mcp-server-command"),
    }
    clients = McpClients(servers, backoff=(0.1, 0.2), connect_timeout=1.0, log_dir=tmp_path)
    started = time.perf_counter()
    clients.start()
    assert time.perf_counter() - started < 0.2
    result = clients.call("hangs.anything", {})
    assert result.is_error and "not connected (starting)" in result.text and result.seconds < 0.1
    wait_for(lambda: clients.status()["missing"].attempts >= 3, 10, "three tries")
    missing = clients.status()["missing"]
    assert missing.state == "failed" and "command not found: no-such-mcp-server-command" in missing.reason
    wait_for(lambda: clients.status()["hangs"].state == "failed", 10, "the handshake's time limit")
    assert "no answer to the MCP handshake" in clients.status()["hangs"].reason
    started = time.perf_counter()
    clients.close()
    assert time.perf_counter() - started < 8
    warnings = [r.getMessage() for r in caplog.records if r.levelname == "WARNING" and "MCP server missing" in
                r.getMessage()]
    assert len(warnings) == 1, warnings  # reported once, however often it was tried


def test_a_streamable_http_server_with_a_token_from_the_environment(monkeypatch):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    process = subprocess.Popen([sys.executable, SERVER, "--http", str(port)], stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
    try:
        wait_for(lambda: _listening(port), 20, "the HTTP server")
        monkeypatch.setenv("MCP_TEST_TOKEN", "abc123")
        settings = McpServerSettings(url=f"http://127.0.0.1:{port}/mcp",
                                     headers={"Authorization": "Bearer ${env:MCP_TEST_TOKEN}"})
        with McpClients({"web": settings}) as clients:
            assert clients.wait_ready(20) and clients.status()["web"].transport == "http"
            assert clients.call("web.whoami").text == "Bearer abc123"
            process.kill()
            process.wait()
            started = time.perf_counter()
            result = clients.call("web.echo", {"text": "x"})
            assert result.is_error and time.perf_counter() - started < 5
            wait_for(lambda: clients.status()["web"].state == "failed", 5, "the failure")
    finally:
        process.kill()


def _listening(port: int) -> bool:
    try:
        socket.create_connection(("127.0.0.1", port), 0.2).close()
        return True
    except OSError:
        return False


# -- the commands -----------------------------------------------------------------------------------------------
def run_cli(*args: str, tmp_path: Path) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith("ASSISTANT_")}
    env["HF_HUB_OFFLINE"] = "1"
    return subprocess.run([sys.executable, "-m", "assistant", "--data-dir", str(tmp_path / "data"), *args],
                          capture_output=True, text=True, timeout=120, env=env, cwd=tmp_path)


CLAUDE_DESKTOP = {"mcpServers": {
    "calendar": {"command": "npx", "args": ["-y", "@acme/calendar-mcp"], "env": {"CAL_TOKEN": "${env:CAL_TOKEN}"}},
    "remote docs": {"url": "https://docs.example.com/mcp", "headers": {"Authorization": "Bearer ${env:DOCS}"}},
    "spark-assistant": {"command": "/path/to/spark-assistant/.venv/bin/assistant",
                        "args": ["mcp", "--knowledge", "/home/me/knowledge"]},
    "bridge": {"command": "npx", "args": ["-y", "mcp-remote", "http://127.0.0.1:8765/mcp", "--header",
                                          "Authorization:${AUTH_HEADER}"]},
    "notes": {"command": "uvx", "args": ["other-notes"]},
    "events": {"type": "sse", "url": "http://localhost:9000/sse"},
    "broken": {"args": ["x"]},
}}
CONFIG = """\
# my settings
profile = "embedded"  # small models

[mcp_servers.notes]
command = "uvx"  # my own notes server
args = ["notes-mcp", "--dir", "~/notes"]
"""


def test_mcp_import_adds_claude_desktop_servers_and_keeps_the_file(tmp_path):
    source, config = tmp_path / "claude_desktop_config.json", tmp_path / "config.toml"
    source.write_text(json.dumps(CLAUDE_DESKTOP))
    config.write_text(CONFIG)
    dry = run_cli("--config", str(config), "mcp", "import", str(source), "--dry-run", tmp_path=tmp_path)
    assert dry.returncode == 0, dry.stderr
    assert "would add to" in dry.stdout and "[mcp_servers.calendar]" in dry.stdout
    assert config.read_text() == CONFIG
    done = run_cli("mcp", "import", str(source), "--config", str(config), tmp_path=tmp_path)
    assert done.returncode == 0, done.stderr
    out = done.stdout
    assert "skipped notes: [mcp_servers.notes] is already in the config file" in out
    assert "skipped spark-assistant: this is the assistant itself" in out
    assert "skipped bridge: this is the assistant itself" in out
    assert "skipped events: an SSE server" in out
    assert "skipped broken: give either `command`" in out
    assert "'remote docs' is named remote_docs" in out
    text = config.read_text()
    assert text.startswith(CONFIG)  # the file as it was, comments and all, then the new tables
    assert "[mcp_servers.calendar]" in text and "[mcp_servers.remote_docs]" in text
    settings = load_settings(config)
    assert set(settings.mcp_servers) == {"notes", "calendar", "remote_docs"}
    assert settings.mcp_servers["calendar"].env == {"CAL_TOKEN": "${env:CAL_TOKEN}"}
    assert settings.mcp_servers["remote_docs"].headers == {"Authorization": "Bearer ${env:DOCS}"}
    assert settings.mcp_servers["notes"].args == ["notes-mcp", "--dir", "~/notes"]
    again = run_cli("--config", str(config), "mcp", "import", str(source), tmp_path=tmp_path)
    assert "nothing to add" in again.stdout and config.read_text() == text


def test_mcp_import_of_a_file_that_is_no_client_config(tmp_path):
    source = tmp_path / "other.json"
    source.write_text('{"servers": 3}')
    result = run_cli("--config", str(tmp_path / "new.toml"), "mcp", "import", str(source), tmp_path=tmp_path)
    assert result.returncode == 2 and "has no \"mcpServers\" object" in result.stderr
    assert not (tmp_path / "new.toml").exists()


def test_tools_command_lists_local_and_external_tools(tmp_path):
    config = tmp_path / "config.toml"
    config.write_text(f'[mcp_servers.t]\ncommand = {json.dumps(sys.executable)}\nargs = [{json.dumps(SERVER)}]\n'
                      f'deny = ["crash"]\n[mcp_servers.gone]\ncommand = "no-such-mcp-server-command"\n')
    result = run_cli("--config", str(config), "tools", "--json", "--wait", "20", tmp_path=tmp_path)
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    rows = {r["name"]: r for r in data["tools"]}
    assert rows["calculate"]["server"] == "local" and rows["calculate"]["status"] == "available"
    assert rows["calculate"]["annotations"]["read_only"] is True
    assert rows["t.delete_note"]["server"] == "t" and rows["t.delete_note"]["status"] == "connected"
    assert rows["t.delete_note"]["annotations"] == {"read_only": False, "destructive": True, "idempotent": False,
                                                    "open_world": True}
    assert "t.crash" not in rows
    servers = {s["name"]: s for s in data["servers"]}
    assert servers["t"]["state"] == "connected"
    assert servers["gone"]["state"] == "failed" and "command not found" in servers["gone"]["reason"]
    text = run_cli("--config", str(config), "tools", "--wait", "20", tmp_path=tmp_path)
    assert text.returncode == 0, text.stderr
    assert "t.delete_note" in text.stdout and "writes, destructive, open-world" in text.stdout
    assert "(none given)" in text.stdout and "MCP servers:" in text.stdout


def test_mcp_import_keeps_keys_off_the_terminal_and_the_file_to_its_owner(tmp_path):
    """A desktop client's file often holds API keys in `env` and `headers`: they are written (the server needs
    them) but printed as "…", a new config file is the owner's only, an existing one keeps its permissions, and a
    config that is a link is written where it points."""
    import os
    import stat

    source = tmp_path / "claude_desktop_config.json"
    source.write_text(json.dumps({"mcpServers": {
        "search": {"command": "search-mcp", "env": {"SEARCH_API_KEY": "sk-live-1234567890", "REGION": "${env:R}"}},
        "docs": {"url": "https://docs.example/mcp", "headers": {"Authorization": "Bearer tok-abcdef"}}}}))
    fresh = tmp_path / "fresh.toml"
    done = run_cli("--config", str(fresh), "mcp", "import", str(source), tmp_path=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "sk-live-1234567890" not in done.stdout and "tok-abcdef" not in done.stdout
    assert '"…"' in done.stdout and "${env:R}" in done.stdout
    assert "sk-live-1234567890" in fresh.read_text()
    assert stat.S_IMODE(fresh.stat().st_mode) == 0o600
    real = tmp_path / "dotfiles" / "config.toml"
    real.parent.mkdir()
    real.write_text("# mine\n")
    os.chmod(real, 0o640)
    link = tmp_path / "config.toml"
    link.symlink_to(real)
    done = run_cli("--config", str(link), "mcp", "import", str(source), tmp_path=tmp_path)
    assert done.returncode == 0, done.stderr
    assert link.is_symlink() and "[mcp_servers.search]" in real.read_text()
    assert stat.S_IMODE(real.stat().st_mode) == 0o640
