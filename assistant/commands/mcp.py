"""`assistant mcp`: serve the tools and knowledge files over MCP: stdio (default), `--http [--host H]
[--port P]`, or `--show-token`."""

from __future__ import annotations

import sys

from . import Invocation


def add(sub, shared) -> None:
    mcp = sub.add_parser("mcp", parents=[shared], help="serve the tools and knowledge files over MCP (stdio; "
                         "--http)")
    mcp.add_argument("--http", action="store_true", help="streamable HTTP at /mcp instead of stdio (bearer token)")
    mcp.add_argument("--host", help="address to bind with --http (default: 127.0.0.1, or mcp_host)")
    mcp.add_argument("--port", type=int, help="port with --http (default: 8765, or mcp_port)")
    mcp.add_argument("--show-token", action="store_true", help="print the HTTP bearer token (creating it if needed)")
    mcp.set_defaults(run=run)


def run(inv: Invocation) -> int:
    from ..mcp.token import resolve_token

    args, settings = inv.args, inv.settings
    if args.show_token:
        token = resolve_token(settings)
        print(token.value)
        print(f"(from {token.source})", file=sys.stderr)
        return 0
    from ..mcp.server import build_server

    if args.http:
        from ..mcp.http import check_bind, serve_http

        host = args.host or settings.mcp_host
        port = settings.mcp_port if args.port is None else args.port
        token = resolve_token(settings)
        check_bind(host, token)  # before loading anything: a refused bind fails at once
        return serve_http(build_server(inv.runtime), settings, host, port, token, verbose=args.verbose)
    from ..mcp.server import serve_stdio

    return serve_stdio(build_server(inv.runtime))
