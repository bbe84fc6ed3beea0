"""How a server's failure reads, in one line ("command not found: npx", "no answer to the MCP handshake in time"),
and `Refused`: a server never to be used (its reason is the message)."""

from __future__ import annotations

from mcp.shared.exceptions import MCPError

from ..errors import first_line


class Refused(Exception):
    """Never to be used (no retry): the reason is the message."""


def refusal(exc: BaseException) -> Refused | None:
    """The Refused in `exc` (an exception group from the SDK's task groups may hold it)."""
    if isinstance(exc, Refused):
        return exc
    if isinstance(exc, BaseExceptionGroup):
        return next((r for e in exc.exceptions if (r := refusal(e)) is not None), None)
    return None


def first(text: str) -> str:
    lines = text.strip().splitlines()
    return lines[0] if lines else "no message"


def why(exc: BaseException, waiting_for: str = "answer") -> str:
    """A failure in one line: "command not found: x", "no answer to the MCP handshake in time", the SDK's message."""
    if isinstance(exc, FileNotFoundError):
        return f"command not found: {exc.filename or exc}"
    if isinstance(exc, PermissionError):
        return f"cannot run {exc.filename or 'the command'}: permission denied"
    if isinstance(exc, TimeoutError):
        return f"no {waiting_for} in time"
    if isinstance(exc, MCPError):
        return f"MCP error: {first(exc.message)}"
    if isinstance(exc, BaseExceptionGroup):
        return "; ".join(why(e, waiting_for) for e in exc.exceptions[:3])
    return f"{type(exc).__name__}: {first_line(exc)}"
