"""`assistant mcp`: serve the tools and knowledge files over MCP: stdio (default), `--http [--host H]
[--port P]`, `--show-token`, or `--status` (which tools are served, and why the others are not)."""

from __future__ import annotations

import json
import sys

from . import Invocation


def add(sub, shared) -> None:
    mcp = sub.add_parser("mcp", parents=[shared], help="serve the tools and knowledge files over MCP (stdio; "
                         "--http)")
    mcp.add_argument("--http", action="store_true", help="streamable HTTP at /mcp instead of stdio (bearer token)")
    mcp.add_argument("--host", help="address to bind with --http (default: 127.0.0.1, or mcp_host)")
    mcp.add_argument("--port", type=int, help="port with --http (default: 8765, or mcp_port)")
    mcp.add_argument("--show-token", action="store_true", help="print the HTTP bearer token (creating it if needed)")
    mcp.add_argument("--status", action="store_true", help="print which tools would be served, and why the "
                     "others would not")
    mcp.add_argument("--all-tools", action="store_true", help="list every tool, even those whose model is "
                     "missing (they answer with what to install; setting mcp_list_all_tools)")
    mcp.add_argument("--json", action="store_true", help="with --status: machine-readable output")
    mcp.set_defaults(run=run)


def run(inv: Invocation) -> int:
    from ..mcp.token import resolve_token

    args, settings = inv.args, inv.settings
    if args.all_tools:
        settings.mcp_list_all_tools = True
    if args.show_token:
        token = resolve_token(settings)
        print(token.value)
        print(f"(from {token.source})", file=sys.stderr)
        return 0
    if args.status:
        return _status(inv)
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


def _status(inv: Invocation) -> int:
    from ..mcp.ask import mcp_registry
    from ..tools.availability import statuses

    rows = statuses(mcp_registry(inv.runtime), inv.manager)
    list_all = inv.settings.mcp_list_all_tools
    if inv.args.json:
        print(json.dumps({"list_all_tools": list_all,
                          "tools": [{**r.to_dict(), "served": r.available or list_all} for r in rows]}, indent=2))
        return 0
    served = [r for r in rows if r.available or list_all]
    print(f"MCP serves {len(served)} of {len(rows)} tools" + (" (mcp_list_all_tools: every tool is listed)"
                                                               if list_all else "") + ":")
    width = max(len(r.tool.name) for r in rows)
    for r in rows:
        mark = "served " if r.available or list_all else "hidden "
        print(f"  {mark} {r.tool.name:<{width}}  {r.reason}")
    if any(not r.available for r in rows):
        print("Missing models: `assistant models pull ROLE` (with network) fetches them; the tools appear "
              "while serving, without a restart.")
    return 0
