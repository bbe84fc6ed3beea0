"""`assistant tools [--json] [--wait S]`: every tool the assistant has: its own (`local`, and whether its models are
here) and those of the MCP servers in the settings (`[mcp_servers.NAME]`, namespaced `NAME.tool`: the servers are
started, given up to `--wait` seconds to connect, and stopped), each with its server, status and annotations."""

from __future__ import annotations

import json
import logging
from typing import Any

from . import Invocation

DEFAULT_WAIT_S = 5.0


def add(sub, shared) -> None:
    tools = sub.add_parser("tools", parents=[shared], help="list every tool: the assistant's own and those of the "
                           "MCP servers it uses")
    tools.add_argument("--json", action="store_true", help="machine-readable output")
    tools.add_argument("--wait", type=float, default=DEFAULT_WAIT_S, metavar="S",
                       help=f"seconds to wait for MCP servers to connect (default: {DEFAULT_WAIT_S:g})")
    tools.set_defaults(run=run)


def run(inv: Invocation) -> int:
    from ..mcp_client import McpClients
    from ..tools import all_tools
    from ..tools.availability import statuses

    if not inv.args.verbose:  # (what the servers' warnings say is in the list of servers below)
        logging.getLogger("assistant.mcp_client").setLevel(logging.ERROR)
    clients = McpClients.from_settings(inv.settings)
    clients.start()  # (they connect while the local tools are looked at)
    try:
        local = [_local_row(s) for s in statuses(all_tools(), inv.manager)]
        clients.wait_ready(max(0.0, inv.args.wait))
        external = [_external_row(t) for t in clients.tools()]
        servers = [s.to_dict() for s in clients.status().values()]
    finally:
        clients.close()
    rows = local + external
    if inv.args.json:
        print(json.dumps({"tools": rows, "servers": servers}, indent=2, ensure_ascii=False))
        return 0
    _print_table(rows)
    if servers:
        print("\nMCP servers:")
        width = max(len(s["name"]) for s in servers)
        for s in servers:
            print(f"  {s['name']:<{width}}  " + _server_line(s))
    return 0


def _local_row(status: Any) -> dict[str, Any]:
    tool, hints = status.tool, status.tool.hints
    return {"name": tool.name, "server": "local", "status": "available" if status.available else "unavailable",
            "reason": status.reason, "title": tool.title,
            "annotations": {"read_only": hints.read_only, "destructive": None if hints.read_only else hints.destructive,
                            "idempotent": hints.idempotent, "open_world": hints.open_world}}


def _external_row(tool: Any) -> dict[str, Any]:
    a = tool.annotations
    return {"name": tool.name, "server": tool.server, "status": tool.status, "reason": "", "title": tool.title,
            "annotations": {"read_only": a.read_only, "destructive": a.destructive, "idempotent": a.idempotent,
                            "open_world": a.open_world}}


def _labels(annotations: dict[str, bool | None]) -> str:
    """"read-only, idempotent", "writes, destructive, open-world"; "(none given)" by a server that gave none."""
    if all(value is None for value in annotations.values()):
        return "(none given)"
    words = {True: "read-only", False: "writes", None: None}[annotations["read_only"]]
    out = [words] if words else []
    out += [word for key, word in (("destructive", "destructive"), ("idempotent", "idempotent"),
                                   ("open_world", "open-world")) if annotations[key]]
    return ", ".join(out)


def _print_table(rows: list[dict[str, Any]]) -> None:
    name_w = max([len("TOOL"), *(len(r["name"]) for r in rows)])
    server_w = max([len("SERVER"), *(len(r["server"]) for r in rows)])
    status_w = max([len("STATUS"), *(len(r["status"]) for r in rows)])
    print(f"{'TOOL':<{name_w}}  {'SERVER':<{server_w}}  {'STATUS':<{status_w}}  ANNOTATIONS")
    for r in rows:
        print(f"{r['name']:<{name_w}}  {r['server']:<{server_w}}  {r['status']:<{status_w}}  "
              f"{_labels(r['annotations'])}")
    unavailable = [r for r in rows if r["server"] == "local" and r["status"] != "available"]
    for r in unavailable:
        print(f"\n{r['name']}: {r['reason']}")


def _server_line(s: dict[str, Any]) -> str:
    parts = [f"{s['state']:<9}", s["transport"]]
    if s["state"] == "connected":
        filtered = f" of {s['listed']}" if s["listed"] != s["tools"] else ""
        parts.append(f"{s['tools']}{filtered} tools")
    if s["server_info"]:
        parts.append(s["server_info"])
    if s["reason"]:
        parts.append(s["reason"])
    return "  ".join(parts)
