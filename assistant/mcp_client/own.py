"""This assistant's own MCP server is never one of its external servers: its tools would call themselves.

Caught before it starts where the command shows it (this install's `assistant mcp`, or `python -m assistant mcp`
with this interpreter), and after the handshake by the name the server gives (`serverInfo.name`: the name
`assistant/mcp/server.py` serves under, which is the app's name), whichever install or address it runs at.
`looks_like_assistant` is the wider test `assistant mcp import` uses on other programs' files: any
spark-assistant command line, and a bridge or URL to this machine's MCP port.
"""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Sequence
from pathlib import Path
from urllib.parse import urlsplit

from ..config import APP_NAME

OWN_SERVER_NAME = APP_NAME  # what `assistant mcp` says it is (assistant/mcp/server.py SERVER_NAME)
REFUSED = "this is the assistant's own MCP server (its tools would call themselves)"
_LOOPBACK = {"127.0.0.1", "localhost", "::1", "0.0.0.0"}


def _resolve(command: str, path: str | None = None) -> Path | None:
    found = shutil.which(command, path=path) if os.sep not in command else command
    return Path(found).resolve() if found and Path(found).exists() else None


def _this_install_script() -> Path | None:
    """The `assistant` script of this install (beside this interpreter)."""
    script = Path(sys.executable).parent / "assistant"
    return script.resolve() if script.exists() else None


def is_own_command(command: str, args: Sequence[str], path: str | None = None) -> bool:
    """Whether `command args` starts this install's MCP server."""
    if "mcp" not in args:
        return False
    resolved = _resolve(command, path)
    if resolved is None:
        return False
    script = _this_install_script()
    if script is not None and resolved == script:
        return True
    interpreter = Path(sys.executable).resolve()
    return resolved == interpreter and list(args[:2]) == ["-m", "assistant"]


def is_own_server_name(name: str | None) -> bool:
    return name == OWN_SERVER_NAME


def looks_like_assistant(command: str | None, args: Sequence[str], url: str | None, mcp_port: int) -> bool:
    """Whether an entry of another client's config is some spark-assistant's MCP server: this install's command,
    any `assistant mcp` command line, or a URL (given, or an argument of a bridge such as mcp-remote) to this
    machine's MCP port."""
    if command is not None:
        if is_own_command(command, args):
            return True
        name = Path(command).name
        if name == "assistant" and args[:1] == ["mcp"]:
            return True
        if Path(name).stem.startswith("python") and list(args[:3]) == ["-m", "assistant", "mcp"]:
            return True
    return any(_is_local_mcp_url(u, mcp_port) for u in [url, *args] if u)


def _is_local_mcp_url(text: str, mcp_port: int) -> bool:
    if not text.startswith(("http://", "https://")):
        return False
    try:
        parts = urlsplit(text)
        port = parts.port
    except ValueError:
        return False
    return (parts.hostname or "") in _LOOPBACK and port == mcp_port
