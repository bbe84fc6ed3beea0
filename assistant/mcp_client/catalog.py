"""What the rest of the app sees of the external servers: their tools, namespaced (`calendar.create_event`), with
the annotations the server gave, and each server's status. Immutable snapshots, safe to hand to any thread.

A server's state is one of:

    starting    connecting for the first time (the program starting, the handshake, the tool list)
    connected   its tools can be called
    failed      it could not start, or it stopped: `reason` says why; it is tried again after `retry_in` s
    refused     never used: it is this assistant's own MCP server (a loop), or its settings cannot work
                (a missing environment variable); `reason` says which
    disabled    `enabled = false` in its settings
    stopped     the manager was closed
"""

from __future__ import annotations

import fnmatch
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

State = Literal["starting", "connected", "failed", "refused", "disabled", "stopped"]
SEPARATOR = "."  # between the server's name and its tool's: server names have no dot


@dataclass(frozen=True)
class Annotations:
    """MCP tool annotations as the server gave them; None: not given (MCP's defaults then apply: not read-only,
    destructive, not idempotent, open world)."""

    read_only: bool | None = None
    destructive: bool | None = None
    idempotent: bool | None = None
    open_world: bool | None = None

    @classmethod
    def from_mcp(cls, annotations: Any) -> Annotations:
        if annotations is None:
            return cls()
        return cls(read_only=annotations.read_only_hint, destructive=annotations.destructive_hint,
                   idempotent=annotations.idempotent_hint, open_world=annotations.open_world_hint)

    def labels(self) -> list[str]:
        """The hints that are set, in words: "read-only", "destructive", "idempotent", "open-world" (or "not ...")."""
        out = []
        for name, value in (("read-only", self.read_only), ("destructive", self.destructive),
                            ("idempotent", self.idempotent), ("open-world", self.open_world)):
            if value is not None:
                out.append(name if value else f"not {name}")
        return out


@dataclass(frozen=True)
class ExternalTool:
    """One tool of an external server."""

    name: str  # namespaced: "calendar.create_event"
    server: str
    tool: str  # the server's own name for it: "create_event"
    description: str
    title: str | None
    input_schema: dict[str, Any]
    annotations: Annotations = field(default_factory=Annotations)
    status: State = "connected"  # its server's

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class ServerStatus:
    """One server, as it is now."""

    name: str
    state: State
    transport: Literal["stdio", "http"]
    reason: str = ""  # why it failed or was refused (empty when it is fine)
    tools: int = 0  # how many of its tools are used (after allow / deny)
    listed: int = 0  # how many it listed
    server_info: str | None = None  # the name and version it gave ("calendar-server 1.2")
    attempts: int = 0  # connections tried
    retry_in: float | None = None  # seconds to the next try, when it failed

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def namespaced(server: str, tool: str) -> str:
    return f"{server}{SEPARATOR}{tool}"


def split_name(name: str) -> tuple[str, str] | None:
    """("calendar", "create_event") from "calendar.create_event"; None when it has no server part."""
    server, sep, tool = name.partition(SEPARATOR)
    return (server, tool) if sep and server and tool else None


def allowed(tool: str, allow: Iterable[str], deny: Iterable[str]) -> bool:
    """Whether `allow` (empty: every tool) lets the tool through and `deny` does not name it (names or globs)."""
    allow = list(allow)
    if allow and not any(fnmatch.fnmatchcase(tool, pattern) for pattern in allow):
        return False
    return not any(fnmatch.fnmatchcase(tool, pattern) for pattern in deny)
