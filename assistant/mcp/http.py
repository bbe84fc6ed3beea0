"""Streamable HTTP at `/mcp`, behind a small ASGI guard, served by uvicorn.

The guard answers before the MCP app sees anything:
- Host not one of ours -> 421, Origin not one of ours -> 403 (DNS rebinding: a web page whose name resolves
  to 127.0.0.1 must not reach the server with the browser's help). Ours: the bound address, localhost,
  127.0.0.1, [::1], the machine's own names and addresses when bound to all interfaces, `mcp_allowed_hosts`.
- no `Authorization: Bearer <token>`, or a wrong one -> 401 (compared in constant time).
- a body over the limit -> 413 (declared length here; chunked bodies are counted by the SDK with the same limit).
- `/.well-known/...` -> 404: there is no OAuth to discover (clients that find some ignore a configured header).
The SDK's own Host/Origin checks stay on behind it, with the same names (defence in depth).
Binding a non-loopback address needs a token configured explicitly (not the generated one).
"""

from __future__ import annotations

import hmac
import ipaddress
import logging
import socket
import sys
from urllib.parse import urlsplit

from mcp.server.transport_security import TransportSecuritySettings
from starlette.datastructures import Headers
from starlette.responses import PlainTextResponse
from starlette.types import ASGIApp, Receive, Scope, Send

from ..errors import ConfigError
from .token import Token

log = logging.getLogger(__name__)

MCP_PATH = "/mcp"
LOOPBACK_NAMES = ("localhost", "127.0.0.1", "[::1]")


class Guard:
    """ASGI middleware: Host/Origin validation, bearer token, body size limit."""

    def __init__(self, app: ASGIApp, token: str, allowed_hosts: set[str], port: int, max_body: int):
        self.app = app
        self.token = token.encode()
        self.allowed_hosts = {_normal_host(h) for h in allowed_hosts}
        self.port = port
        self.max_body = max_body

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "lifespan":
            return await self.app(scope, receive, send)
        if scope["type"] != "http":  # no websockets here
            if scope["type"] == "websocket":
                await send({"type": "websocket.close", "code": 1008})
            return None
        headers = Headers(scope=scope)
        host = headers.get("host")
        if not self.host_ok(host):
            log.warning("refused a request with Host %r", host)
            return await _reply(scope, receive, send, 421, f"Host {host!r} is not served here "
                                                           "(add it to mcp_allowed_hosts if it is this machine)")
        origin = headers.get("origin")
        if origin is not None and not self.origin_ok(origin):
            log.warning("refused a request with Origin %r", origin)
            return await _reply(scope, receive, send, 403, f"Origin {origin!r} is not allowed")
        if scope.get("path", "").startswith("/.well-known/"):  # no OAuth here: clients must not go looking
            return await _reply(scope, receive, send, 404, "no OAuth: send Authorization: Bearer <token>")
        if not self.authorized(headers.get("authorization")):
            return await _reply(scope, receive, send, 401, "missing or wrong bearer token "
                                "(Authorization: Bearer <token>; `assistant mcp --show-token` prints it)",
                                {"WWW-Authenticate": 'Bearer realm="spark-assistant"'})
        length = headers.get("content-length")
        if length is not None:
            try:
                declared = int(length)
            except ValueError:
                return await _reply(scope, receive, send, 400, "invalid Content-Length")
            if declared > self.max_body:
                return await _reply(scope, receive, send, 413, f"request body too large ({declared} bytes; "
                                                               f"limit {self.max_body})")
        return await self.app(scope, receive, send)

    def authorized(self, header: str | None) -> bool:
        if not header:
            return False
        scheme, _, value = header.partition(" ")
        if scheme.lower() != "bearer":
            return False
        return hmac.compare_digest(value.strip().encode(), self.token)

    def host_ok(self, host: str | None) -> bool:
        if not host:
            return False
        name, port = _split_host(host)
        if name not in self.allowed_hosts:
            return False
        return port is None or port == self.port

    def origin_ok(self, origin: str) -> bool:
        try:
            parts = urlsplit(origin)
            port = parts.port
        except ValueError:
            return False
        if parts.scheme not in ("http", "https") or not parts.hostname:
            return False
        name = _normal_host(parts.hostname)
        if name in LOOPBACK_NAMES:  # a local tool (an MCP inspector) on another port of this machine
            return True
        return name in self.allowed_hosts and (port is None or port == self.port)


def _normal_host(name: str) -> str:
    name = name.strip().lower().rstrip(".")
    if name.startswith("[") and name.endswith("]"):
        name = name[1:-1]
    try:
        address = ipaddress.ip_address(name)
    except ValueError:
        return name
    return f"[{address.compressed}]" if address.version == 6 else address.compressed


def _split_host(host: str) -> tuple[str, int | None]:
    host = host.strip()
    if host.startswith("["):
        end = host.find("]")
        name, rest = host[: end + 1], host[end + 1:]
        port = rest[1:] if rest.startswith(":") else None
    elif host.count(":") == 1:
        name, port = host.split(":")
    else:
        name, port = host, None
    try:
        return _normal_host(name), (int(port) if port else None)
    except ValueError:
        return "", -1


async def _reply(scope: Scope, receive: Receive, send: Send, status: int, message: str,
                 headers: dict[str, str] | None = None) -> None:
    await PlainTextResponse(message + "\n", status_code=status, headers=headers)(scope, receive, send)


# -- binding -------------------------------------------------------------------------------------------------
def is_loopback(host: str) -> bool:
    name = _normal_host(host).strip("[]")
    if name == "localhost":
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        pass
    try:
        infos = socket.getaddrinfo(name, None)
    except OSError:
        return False
    return bool(infos) and all(ipaddress.ip_address(str(i[4][0]).split("%")[0]).is_loopback for i in infos)


def allowed_hosts(host: str, extra: list[str]) -> set[str]:
    names = set(LOOPBACK_NAMES) | {_normal_host(h) for h in extra}
    bound = _normal_host(host)
    if bound in ("0.0.0.0", "[::]"):  # all interfaces: this machine's names and addresses
        names |= _own_names()
    else:
        names.add(bound)
    return names


def _own_names() -> set[str]:
    names = set()
    try:
        hostname = socket.gethostname()
        names |= {_normal_host(hostname), _normal_host(socket.getfqdn())}
    except OSError:
        pass
    try:
        import psutil

        for addresses in psutil.net_if_addrs().values():
            for a in addresses:
                if a.family in (socket.AF_INET, socket.AF_INET6):
                    names.add(_normal_host(a.address.split("%")[0]))
    except Exception as exc:  # interface listing is a convenience
        log.debug("could not list interface addresses: %s", exc)
    return names


def check_bind(host: str, token: Token) -> None:
    if not is_loopback(host) and not token.explicit:
        raise ConfigError(f"refusing to serve MCP on {host} (not a loopback address) without a configured token: "
                          "set ASSISTANT_MCP_TOKEN or mcp_token in the config file, or use --host 127.0.0.1")


def bind_socket(host: str, port: int) -> socket.socket:
    try:
        infos = socket.getaddrinfo(host.strip("[]"), port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
    except OSError as exc:
        raise ConfigError(f"cannot serve MCP on {host}: {exc.strerror or exc}") from None
    family, kind, proto, _, address = infos[0]
    sock = socket.socket(family, kind, proto)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind(address)
    except OSError as exc:
        sock.close()
        raise ConfigError(f"cannot serve MCP on {host}:{port}: {exc.strerror or exc}") from None
    sock.set_inheritable(True)
    return sock


# -- the app and the server ----------------------------------------------------------------------------------
def build_app(server, token: Token, host: str, port: int, allowed: set[str], max_body: int) -> ASGIApp:
    patterns = sorted(allowed)
    security = TransportSecuritySettings(
        enable_dns_rebinding_protection=True,
        allowed_hosts=[*patterns, *(f"{h}:*" for h in patterns)],
        allowed_origins=[f"{s}://{h}{p}" for s in ("http", "https") for h in patterns for p in ("", ":*")],
    )
    app = server.streamable_http_app(streamable_http_path=MCP_PATH, transport_security=security,
                                     max_request_body_size=max_body, host=host)
    return Guard(app, token.value, allowed, port, max_body)


def serve_http(server, settings, host: str, port: int, token: Token, verbose: bool = False) -> int:
    import uvicorn

    check_bind(host, token)
    sock = bind_socket(host, port)
    port = sock.getsockname()[1]
    allowed = allowed_hosts(host, settings.mcp_allowed_hosts)
    max_body = int(settings.mcp_max_body_mb * 1_000_000)
    app = build_app(server, token, host, port, allowed, max_body)
    config = uvicorn.Config(app, log_level="info" if verbose else "warning", access_log=verbose, lifespan="on",
                            timeout_graceful_shutdown=3, server_header=False)
    shown = f"[{host.strip('[]')}]" if ":" in host else host
    print(f"assistant mcp: serving http://{shown}:{port}{MCP_PATH} (bearer token from {token.source}; "
          "`assistant mcp --show-token` prints it)", file=sys.stderr, flush=True)
    try:
        uvicorn.Server(config).run(sockets=[sock])
    finally:
        sock.close()
    return 0
