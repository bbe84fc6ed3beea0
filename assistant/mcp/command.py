"""`assistant mcp`: stdio (default), `--http [--host H] [--port P]`, or `--show-token`."""

from __future__ import annotations

import logging
import sys

log = logging.getLogger(__name__)


def mcp_command(settings, manager, args) -> int:
    from .token import resolve_token

    if getattr(args, "show_token", False):
        token = resolve_token(settings)
        print(token.value)
        print(f"(from {token.source})", file=sys.stderr)
        return 0
    if getattr(args, "http", False):
        from .http import check_bind, serve_http

        host = args.host or settings.mcp_host
        port = settings.mcp_port if args.port is None else args.port
        token = resolve_token(settings)
        check_bind(host, token)  # before loading anything: a refused bind fails at once
        return serve_http(_server(settings, manager), settings, host, port, token, verbose=args.verbose)
    return serve_stdio(_server(settings, manager))


def _server(settings, manager):
    from .server import build_server

    return build_server(settings, manager)


def serve_stdio(server) -> int:
    """JSON-RPC on stdout, nothing else: the SDK points fd 1 at stderr while it serves, and logging goes to
    stderr (set up by the CLI)."""
    import anyio

    log.info("serving MCP over stdio (%d tools)", len(server.registry))
    try:
        anyio.run(server.run_stdio_async)
    except KeyboardInterrupt:
        pass
    return 0
