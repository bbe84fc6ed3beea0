"""`assistant mcp`: serve the tools and knowledge files over MCP: stdio (default), `--http [--host H]
[--port P]`, `--show-token`, or `--status` (which tools are served, and why the others are not).
`assistant mcp import FILE [--dry-run]`: use the MCP servers of a Claude Desktop / Cursor file (`mcpServers`),
written into the config file as `[mcp_servers.NAME]` tables."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

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
    actions = mcp.add_subparsers(dest="mcp_command", metavar="ACTION")
    imports = actions.add_parser("import", parents=[shared], help="use the MCP servers of a Claude Desktop or "
                                 "Cursor file (mcpServers): add them to the config file")
    imports.add_argument("file", type=Path, metavar="FILE", help="the JSON file (claude_desktop_config.json, "
                         ".cursor/mcp.json)")
    imports.add_argument("--dry-run", action="store_true", help="show what would be added; write nothing")
    imports.set_defaults(run=import_servers)


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


def import_servers(inv: Invocation) -> int:
    from ..config import Settings, default_config_file
    from ..mcp_client.importer import import_servers as add_servers

    args = inv.args
    explicit = args.config or os.environ.get("ASSISTANT_CONFIG")
    config = Path(explicit).expanduser() if explicit else default_config_file()
    if config.is_file():
        port = inv.settings.mcp_port  # (a config file that is not valid is reported, not added to)
    else:  # a config file to create: the settings of the environment and the defaults
        port = Settings().mcp_port
    report = add_servers(args.file, config, port, dry_run=args.dry_run)
    for theirs, ours in report.renamed:
        print(f"{theirs!r} is named {ours} (a server's name: letters, digits, _ and -)")
    for theirs, why in report.skipped:
        print(f"skipped {theirs}: {why}")
    if not report.added:
        print(f"nothing to add to {config}")
        return 0
    print(f"{'would add' if args.dry_run else 'added'} to {config}:\n\n{report.toml}")
    if not args.dry_run:
        print("\n`assistant tools` lists their tools.")
    return 0
