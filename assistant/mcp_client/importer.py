"""`assistant mcp import FILE`: the servers of a Claude Desktop / Cursor / Claude Code file (`{"mcpServers":
{NAME: {command, args, env} | {url, headers}}}`) as `[mcp_servers.NAME]` tables in the assistant's config file.

The file is edited, not rewritten: its content and comments stay (tomlkit, as the terminal app saves settings),
and it is replaced at once (a temporary file renamed over it). A server already in the config file is left as it
is; one that is this assistant itself is refused (a loop); one the settings cannot take (an SSE server, no
command and no URL) is skipped; each with its reason. A name the settings do not take as it is ("brave search")
is made one ("brave_search").
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from ..config import MCP_SERVER_NAME, McpServerSettings
from ..config_file import replace_text
from ..errors import InputError

@dataclass
class ImportReport:
    added: dict[str, dict[str, Any]] = field(default_factory=dict)  # our name -> the table written
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (their name, why)
    renamed: list[tuple[str, str]] = field(default_factory=list)  # (their name, ours)
    toml: str = ""  # what was (or, with dry_run, would be) added to the config file


def read_client_file(path: Path) -> dict[str, Any]:
    """The `mcpServers` object of a client's JSON file (VS Code's `servers` too)."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise InputError(f"no such file: {path}") from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InputError(f"{path} is not a JSON file: {exc}") from None
    servers = data.get("mcpServers", data.get("servers")) if isinstance(data, dict) else None
    if not isinstance(servers, dict):
        raise InputError(f"{path} has no \"mcpServers\" object (Claude Desktop's and Cursor's MCP configuration)")
    return servers


def safe_name(name: str) -> str | None:
    """`name` as a server name the settings take (letters, digits, _ and -, starting with a letter)."""
    cleaned = re.sub(r"[^A-Za-z0-9_-]+", "_", name.strip()).strip("_-")[:40]
    if cleaned and not cleaned[0].isalpha():
        cleaned = f"server_{cleaned}"[:40]
    return cleaned if re.fullmatch(MCP_SERVER_NAME, cleaned) else None


def to_table(entry: Any) -> dict[str, Any]:
    """Our table for one of their entries; ValueError with the reason when it cannot be one."""
    if not isinstance(entry, dict):
        raise ValueError("its entry is not an object")
    kind = str(entry.get("type") or entry.get("transport") or "").lower()
    if kind == "sse":
        raise ValueError("an SSE server (the assistant connects to stdio and streamable HTTP servers)")
    table = {key: entry[key] for key in ("command", "args", "env", "cwd", "url", "headers")
             if entry.get(key) not in (None, [], {})}
    for key in ("env", "headers"):  # (numbers and booleans as the strings they stand for)
        if isinstance(table.get(key), dict):
            table[key] = {str(k): v if isinstance(v, str) else json.dumps(v) for k, v in table[key].items()}
    if isinstance(table.get("args"), list):
        table["args"] = [a if isinstance(a, str) else json.dumps(a) for a in table["args"]]
    if entry.get("disabled") is True or entry.get("enabled") is False:
        table["enabled"] = False
    try:
        McpServerSettings.model_validate(table)
    except ValidationError as exc:
        raise ValueError("; ".join(e["msg"].removeprefix("Value error, ") for e in exc.errors())) from None
    return table


def import_servers(source: Path, config: Path, mcp_port: int, dry_run: bool = False) -> ImportReport:
    """Add the servers of `source` to the TOML file `config` (created if missing); nothing is written with
    `dry_run`."""
    import tomlkit

    from .own import looks_like_assistant

    servers = read_client_file(source)
    config = Path(config)
    try:
        document = tomlkit.parse(config.read_text(encoding="utf-8")) if config.is_file() else tomlkit.document()
    except Exception as exc:  # a TOML syntax error: nothing is written over a file it cannot read
        raise InputError(f"cannot read the config file {config}: {exc}") from None
    report = ImportReport()
    added = tomlkit.document()
    for theirs, entry in servers.items():
        ours = safe_name(str(theirs))
        if ours is None:
            report.skipped.append((theirs, "no usable name"))
            continue
        if ours in (document.get("mcp_servers") or {}):
            report.skipped.append((theirs, f"[mcp_servers.{ours}] is already in the config file"))
            continue
        try:
            table = to_table(entry)
        except ValueError as exc:
            report.skipped.append((theirs, str(exc)))
            continue
        if looks_like_assistant(table.get("command"), [str(a) for a in table.get("args", [])], table.get("url"),
                                mcp_port):
            report.skipped.append((theirs, "this is the assistant itself (its tools would call themselves)"))
            continue
        if ours != theirs:
            report.renamed.append((theirs, ours))
        report.added[ours] = table
        _add(added, ours, table)
        _add(document, ours, table)
    report.toml = _masked(tomlkit.dumps(added).strip())
    if report.added and not dry_run:
        replace_text(config, tomlkit.dumps(document))
    return report


_SECRET = re.compile(r'^(\s*(?:env|headers)\s*=\s*\{)(.*)(\}\s*)$', re.M)
_VALUE = re.compile(r'(=\s*)"((?:[^"\\]|\\.)*)"')


def _masked(toml: str) -> str:
    """The tables as shown on the terminal: `env` and `headers` values (keys, tokens) as "…", except references
    to the environment (`${VAR}`), which hold no secret."""
    def mask(line: re.Match[str]) -> str:
        inner = _VALUE.sub(lambda v: v.group(0) if "${" in v.group(2) else f'{v.group(1)}"…"', line.group(2))
        return line.group(1) + inner + line.group(3)
    return _SECRET.sub(mask, toml)


def _add(document: Any, name: str, values: dict[str, Any]) -> None:
    import tomlkit

    servers = document.get("mcp_servers")
    if servers is None:
        servers = tomlkit.table(is_super_table=True)
        document["mcp_servers"] = servers
    table = tomlkit.table()
    for key, value in values.items():
        if isinstance(value, dict):
            inline = tomlkit.inline_table()
            inline.update({str(k): str(v) for k, v in value.items()})
            table[key] = inline
        else:
            table[key] = value
    servers[name] = table
