"""Streamable HTTP at `/mcp`, behind a small ASGI guard, served by uvicorn.

The guard answers before the MCP app sees anything:
- Host not one of ours -> 421, Origin not one of ours -> 403 (DNS rebinding: a web page whose name resolves
  to 127.0.0.1 must not reach the server with the browser's help). Ours: localhost, 127.0.0.1 and [::1] on any
  port (an SSH tunnel, a local auth proxy or a reverse proxy forwards from a port of its own); the bound
  address and, when bound to all interfaces, the machine's own names and addresses, on the port served;
  `mcp_allowed_hosts` entries: "name" on any port, "name:port" on that port.
- an address that sent too many wrong tokens -> 429 with Retry-After (`throttle.py`).
- no `Authorization: Bearer <token>`, or a wrong one -> 401 (compared in constant time).
- a body over the limit -> 413 (declared length here; chunked bodies are counted as they come, `posts.py`).
- a POST's JSON-RPC checks, duplicate ids, and cancelling what a departed client asked for: `posts.py`.
- request headers that take over HEADER_TIMEOUT_S (a slow-loris client) close the connection (`slow.py`).
- `/.well-known/...` -> 404: there is no OAuth to discover (clients that find some ignore a configured header).
The SDK's own Host/Origin checks stay on behind it, with the same names (defence in depth).
Binding a non-loopback address needs a token configured explicitly (not the generated one), of at least
MIN_REMOTE_TOKEN characters. Without TLS (or an SSH tunnel) the token crosses the network in clear text.
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
from .posts import Posts
from .slow import header_deadline
from .throttle import Throttle
from .token import Token

log = logging.getLogger(__name__)

MCP_PATH = "/mcp"
LOOPBACK_NAMES = ("localhost", "127.0.0.1", "[::1]")
MIN_REMOTE_TOKEN = 32  # characters, for a server reachable beyond this machine


class HostRules:
    """Which Host (and Origin) names are ours: names on any port, and names on one port."""

    def __init__(self, any_port: set[str], on_port: set[tuple[str, int]]):
        self.any_port = {_normal_host(h) for h in any_port} | set(LOOPBACK_NAMES)
        self.on_port = {(_normal_host(h), p) for h, p in on_port}

    def allows(self, name: str, port: int | None, served_port: int) -> bool:
        name = _normal_host(name)
        if name in self.any_port:
            return True
        return (name, served_port if port is None else port) in self.on_port

    def names(self) -> set[str]:
        return self.any_port | {h for h, _ in self.on_port}


class Guard:
    """ASGI middleware: Host/Origin validation, failure throttling, bearer token, body size limit."""

    def __init__(self, app: ASGIApp, token: str, rules: HostRules, port: int, max_body: int,
                 throttle: Throttle | None = None):
        self.app = app
        self.token = token.encode()
        self.rules = rules
        self.port = port
        self.max_body = max_body
        self.throttle = throttle or Throttle()
        self.posts = Posts(app, max_body)

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
        address = client_key((scope.get("client") or ("unknown",))[0])
        wait = self.throttle.wait(address)
        if wait > 0:
            return await _reply(scope, receive, send, 429, f"too many wrong tokens from {address}: try again in "
                                f"{wait:.0f} s", {"Retry-After": str(max(1, round(wait)))})
        authorization = headers.get("authorization")
        if not self.authorized(authorization):
            # Only a token that is presented and wrong counts: a request without one (a web page's <img>, a
            # CORS preflight, a client probing first) cannot guess, and must not lock the user out.
            earned = self.throttle.failed(address) if _presents_token(authorization) else 0.0
            if earned:
                log.warning("wrong MCP token from %s: refusing it for %.0f s", address, earned)
            return await _reply(scope, receive, send, 401, "missing or wrong bearer token "
                                "(Authorization: Bearer <token>; `assistant mcp --show-token` prints it)",
                                {"WWW-Authenticate": 'Bearer realm="spark-assistant"'})
        self.throttle.succeeded(address)
        _normalise_host(scope, headers.get("host") or "")  # the SDK's own check compares Host as written
        length = headers.get("content-length")
        if length is not None:
            try:
                declared = int(length)
            except ValueError:
                return await _reply(scope, receive, send, 400, "invalid Content-Length")
            if declared > self.max_body:
                return await _reply(scope, receive, send, 413, f"request body too large ({declared} bytes; "
                                                               f"limit {self.max_body})")
        if scope.get("method") == "POST" and scope.get("path") == MCP_PATH:
            return await self.posts(scope, receive, send)  # checked, tracked, cancelled when the client goes
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
        return bool(name) and port != -1 and self.rules.allows(name, port, self.port)

    def origin_ok(self, origin: str) -> bool:
        try:
            parts = urlsplit(origin)
            port = parts.port
        except ValueError:
            return False
        if parts.scheme not in ("http", "https") or not parts.hostname:
            return False
        default = 443 if parts.scheme == "https" else 80
        # an origin without a port is on its scheme's default; loopback names on any port (a local inspector)
        return self.rules.allows(parts.hostname, port if port is not None else default, self.port)


def _presents_token(header: str | None) -> bool:
    scheme, _, value = (header or "").partition(" ")
    return scheme.lower() == "bearer" and bool(value.strip())


def client_key(address: str) -> str:
    """Whom wrong tokens are counted for: an IPv4 address, or an IPv6 address's /64 (one host has them all)."""
    try:
        ip = ipaddress.ip_address(address.split("%")[0])
    except ValueError:
        return address
    if ip.version == 6 and not ip.is_loopback:
        return str(ipaddress.ip_network(f"{ip}/64", strict=False))
    return str(ip)


def _normalise_host(scope: Scope, host: str) -> None:
    """Host as the SDK's check expects it ("localhost:8765", not "LOCALHOST.:8765"), once ours accepted it."""
    name, port = _split_host(host)
    normal = name + (f":{port}" if port else "")
    if normal != host:
        scope["headers"] = [(k, normal.encode("latin-1")) if k == b"host" else (k, v) for k, v in scope["headers"]]


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
        if rest and not rest.startswith(":"):  # "[::1]evil:8765"
            return "", -1
        port = rest[1:] if rest else None
    elif host.count(":") == 1:
        name, port = host.split(":")
    else:
        name, port = host, None
    try:
        number = int(port) if port else None
    except ValueError:
        return "", -1
    if number is not None and not 0 < number < 65536:
        return "", -1
    return _normal_host(name), number


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


def allowed_hosts(host: str, port: int, extra: list[str]) -> HostRules:
    """Loopback names on any port; the bound address (or, bound to all interfaces, this machine's names and
    addresses) on the served port; configured entries: "name" on any port, "name:port" on that one."""
    any_port: set[str] = set()
    on_port: set[tuple[str, int]] = set()
    for entry in extra:
        name, entry_port = _split_host(entry)
        if not name or entry_port == -1:
            raise ConfigError(f"mcp_allowed_hosts: {entry!r} is not a host name, or a name:port")
        if entry_port is None:
            any_port.add(name)
        else:
            on_port.add((name, entry_port))
    bound = _normal_host(host)
    own = _own_names() if bound in ("0.0.0.0", "[::]") else {bound}  # all interfaces: this machine's names
    on_port |= {(name, port) for name in own}
    return HostRules(any_port, on_port)


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
    if is_loopback(host):
        return
    if not token.explicit:
        raise ConfigError(f"refusing to serve MCP on {host} (not a loopback address) without a configured token: "
                          "set ASSISTANT_MCP_TOKEN or mcp_token in the config file, or use --host 127.0.0.1")
    if len(token.value) < MIN_REMOTE_TOKEN:
        raise ConfigError(f"refusing to serve MCP on {host} (not a loopback address) with a {len(token.value)}-"
                          f"character token: use {MIN_REMOTE_TOKEN} or more (e.g. `python3 -c 'import secrets; "
                          "print(secrets.token_urlsafe(32))'`), or --host 127.0.0.1")


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
def build_app(server, token: Token, host: str, port: int, rules: HostRules, max_body: int) -> ASGIApp:
    patterns = sorted(rules.names())
    security = TransportSecuritySettings(
        enable_dns_rebinding_protection=True,
        allowed_hosts=[*patterns, *(f"{h}:*" for h in patterns)],
        allowed_origins=[f"{s}://{h}{p}" for s in ("http", "https") for h in patterns for p in ("", ":*")],
    )
    app = server.streamable_http_app(streamable_http_path=MCP_PATH, transport_security=security,
                                     max_request_body_size=max_body, host=host)
    return Guard(app, token.value, rules, port, max_body)


def serve_http(server, settings, host: str, port: int, token: Token, verbose: bool = False) -> int:
    import uvicorn

    check_bind(host, token)
    sock = bind_socket(host, port)
    port = sock.getsockname()[1]
    rules = allowed_hosts(host, port, settings.mcp_allowed_hosts)
    max_body = int(settings.mcp_max_body_mb * 1_000_000)
    app = build_app(server, token, host, port, rules, max_body)
    # proxy_headers off: X-Forwarded-For from a loopback client must not choose whom wrong tokens count for
    from uvicorn.protocols.http.auto import AutoHTTPProtocol

    config = uvicorn.Config(app, log_level="info" if verbose else "warning", access_log=verbose, lifespan="on",
                            timeout_graceful_shutdown=3, server_header=False, proxy_headers=False,
                            http=header_deadline(AutoHTTPProtocol))  # slow request headers: the connection closes
    shown = f"[{host.strip('[]')}]" if ":" in host else host
    print(f"assistant mcp: serving http://{shown}:{port}{MCP_PATH} (bearer token from {token.source}; "
          "`assistant mcp --show-token` prints it)", file=sys.stderr, flush=True)
    try:
        uvicorn.Server(config).run(sockets=[sock])
    finally:
        sock.close()
    return 0
