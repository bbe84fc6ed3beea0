"""A loopback reverse proxy that adds `Authorization: Bearer <token>` to every request, for MCP clients that
cannot send a header of their own (the official conformance runner, for one).

What reaches the upstream server is what the client sent, Host and Origin included, unchanged (so the server's
DNS-rebinding checks see the client's own names and ports), less the hop-by-hop headers and any Authorization
the client sent, plus the bearer token. Every method passes (POST, GET for the SSE stream, DELETE), and so do
all the other headers both ways (`mcp-session-id`, `mcp-protocol-version`, `last-event-id`, ...). Responses
are streamed chunk by chunk as they come (MCP answers with `text/event-stream`), never buffered; a client that
goes away closes its upstream response. Request bodies are read whole first (JSON-RPC messages: small).

    with bearer_proxy("http://127.0.0.1:8765", token) as port:
        ...  # clients use http://localhost:{port}/mcp

The proxy is an ASGI app on uvicorn in a thread of its own, listening on 127.0.0.1 and, where the machine has
it, [::1], on one port (clients that resolve `localhost` to either reach it).
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

import anyio
import httpx
import uvicorn

HOP_BY_HOP = {b"connection", b"keep-alive", b"proxy-authenticate", b"proxy-authorization", b"te", b"trailer",
              b"transfer-encoding", b"upgrade"}
# Not forwarded upstream: the proxy sets these itself (the token; the length of the body it sends).
REPLACED = HOP_BY_HOP | {b"authorization", b"content-length"}


class BearerProxy:
    """The ASGI app: forwards each HTTP request to `upstream` (scheme://host:port) with the bearer token added."""

    def __init__(self, upstream: str, token: str):
        self.upstream = upstream.rstrip("/")
        self.token = token
        self.client: httpx.AsyncClient | None = None
        self.requests = 0  # how many were forwarded (a test can check that its client went through us)

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] == "lifespan":
            return await self._lifespan(receive, send)
        if scope["type"] != "http":  # no websockets
            return None
        assert self.client is not None
        body = b""
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                return None
            body += message.get("body", b"")
            if not message.get("more_body", False):
                break
        headers = [(k, v) for k, v in scope["headers"] if k.lower() not in REPLACED]
        headers.append((b"authorization", f"Bearer {self.token}".encode()))
        url = self.upstream + scope.get("raw_path", scope["path"].encode()).decode("latin-1")
        if scope.get("query_string"):
            url += "?" + scope["query_string"].decode("latin-1")
        # httpx keeps a Host header it is given (the client's), instead of making one from the URL.
        request = self.client.build_request(scope["method"], url, headers=headers, content=body)
        self.requests += 1
        try:
            response = await self.client.send(request, stream=True)
        except httpx.HTTPError as exc:
            return await _reply(send, 502, f"proxy: upstream {self.upstream} failed: {exc!r}\n".encode())
        try:
            async with anyio.create_task_group() as group:
                async def watch_disconnect() -> None:  # the client went away: stop streaming to it
                    while (await receive())["type"] != "http.disconnect":
                        pass
                    group.cancel_scope.cancel()

                group.start_soon(watch_disconnect)
                await send({"type": "http.response.start", "status": response.status_code,
                            "headers": [(k, v) for k, v in response.headers.raw if k.lower() not in HOP_BY_HOP]})
                async for chunk in response.aiter_raw():  # as it comes; Content-Encoding passes through
                    await send({"type": "http.response.body", "body": chunk, "more_body": True})
                await send({"type": "http.response.body", "body": b"", "more_body": False})
                group.cancel_scope.cancel()
        finally:
            with anyio.CancelScope(shield=True):
                await response.aclose()
        return None

    async def _lifespan(self, receive, send) -> None:
        while True:
            message = await receive()
            if message["type"] == "lifespan.startup":
                # no read timeout: an SSE stream may stay quiet for long
                self.client = httpx.AsyncClient(timeout=httpx.Timeout(30, read=None), follow_redirects=False)
                await send({"type": "lifespan.startup.complete"})
            elif message["type"] == "lifespan.shutdown":
                if self.client is not None:
                    await self.client.aclose()
                await send({"type": "lifespan.shutdown.complete"})
                return


async def _reply(send, status: int, body: bytes) -> None:
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"text/plain; charset=utf-8"),
                            (b"content-length", str(len(body)).encode())]})
    await send({"type": "http.response.body", "body": body})


def _loopback_sockets() -> list[socket.socket]:
    """A listening socket on 127.0.0.1 at a free port, and one on [::1] at the same port where possible."""
    v4 = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    v4.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    v4.bind(("127.0.0.1", 0))
    sockets = [v4]
    if socket.has_ipv6:
        v6 = socket.socket(socket.AF_INET6, socket.SOCK_STREAM)
        try:
            v6.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            v6.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 1)
            v6.bind(("::1", v4.getsockname()[1]))
            sockets.append(v6)
        except OSError:  # no IPv6 loopback here, or the port is taken there
            v6.close()
    for s in sockets:
        s.listen(128)
        s.setblocking(False)
    return sockets


@contextmanager
def serve(app, lifespan: str = "on", ready_timeout: float = 15) -> Iterator[int]:
    """Serves an ASGI app with uvicorn in a thread while the block runs, on loopback; yields its port."""
    sockets = _loopback_sockets()
    port = sockets[0].getsockname()[1]
    config = uvicorn.Config(app, lifespan=lifespan, log_level="warning", access_log=False,
                            server_header=False, date_header=False,  # a proxy passes the upstream's own
                            timeout_graceful_shutdown=2)
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, kwargs={"sockets": sockets}, name=f"asgi-{port}", daemon=True)
    thread.start()
    try:
        deadline = time.monotonic() + ready_timeout
        while not server.started:
            if not thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError(f"the server on port {port} did not start")
            time.sleep(0.02)
        yield port
    finally:
        server.should_exit = True
        thread.join(15)
        for s in sockets:
            s.close()


@contextmanager
def bearer_proxy(upstream: str, token: str) -> Iterator[int]:
    """Runs a BearerProxy for `upstream` (e.g. "http://127.0.0.1:8765") while the block runs; yields its port."""
    with serve(BearerProxy(upstream, token)) as port:
        yield port
