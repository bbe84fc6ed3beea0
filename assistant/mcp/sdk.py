"""Every reach into the MCP SDK's private parts, in one place, written for mcp 2.3.0 (`SDK_VERSION`).

The SDK offers no public way to do these, so this module does them and `tests/test_mcp_sdk.py` checks each
against the installed SDK, failing with a message that names the version this was written for:

- `lowlevel(server)`: the low-level `Server` under an `MCPServer` (`MCPServer._lowlevel_server`; the SDK's own
  in-memory client reaches it the same way, "make `lowlevel_server` public" is its to-do). Through it:
  `add_request_handler` (MCPServer has none: `logging/setLevel` is added that way), `set_tool_input_schema`
  (the schema the HTTP transport checks Mcp-Param headers against; MCPServer reads its own tool manager,
  which this server does not use), and `serve` (one connection on streams of our own: the stdio filter).
- `advertise_tool_list_changes(server)`: handshake-era clients learn from `initialize` that the tool list
  may change (`tools.listChanged`). The capability comes from `create_initialization_options`'s notification
  options, but the transports call it without any (the streamable HTTP runner, `MCPServer.run_stdio_async`),
  so the server's method is wrapped to default to `tools_changed=True`.
- `connection(request_context)`: the client's `Connection` (its per-connection `state`, and its standalone
  channel for `notifications/tools/list_changed`); a handler's context holds it only as
  `ServerSession._connection`.

Public API used elsewhere (`MCPServer.middleware`, `completion()`, `list_tools`...) needs nothing here.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from importlib.metadata import version
from typing import Any

from mcp.server.lowlevel import NotificationOptions, Server
from mcp.server.mcpserver import MCPServer

SDK_VERSION = "2.3.0"  # what this module was written for


class SDKChanged(RuntimeError):
    """A private part of the MCP SDK this server relies on is not what it was."""


def changed(what: str) -> SDKChanged:
    return SDKChanged(f"mcp {version('mcp')}: {what}; assistant/mcp/sdk.py was written for mcp {SDK_VERSION}")


def lowlevel(server: MCPServer) -> Server:
    """The low-level server an `MCPServer` serves through."""
    inner = getattr(server, "_lowlevel_server", None)
    if not isinstance(inner, Server):
        raise changed("MCPServer._lowlevel_server is no longer the low-level Server")
    return inner


def add_request_handler(server: MCPServer, method: str, params_type: type, handler: Callable[..., Any]) -> None:
    """Serve a request method MCPServer has no decorator for."""
    lowlevel(server).add_request_handler(method, params_type, handler)


def set_tool_input_schema(server: MCPServer, lookup: Callable[[str], Mapping[str, Any] | None]) -> None:
    """The input schema of a tool by name, for the HTTP transport's Mcp-Param header checks."""
    inner = lowlevel(server)
    if not callable(getattr(inner, "get_tool_input_schema", None)):
        raise changed("the low-level Server has no get_tool_input_schema")
    inner.get_tool_input_schema = lookup


def advertise_tool_list_changes(server: MCPServer) -> None:
    """Declare `tools.listChanged` to handshake-era clients, whichever transport asks for the options."""
    inner = lowlevel(server)
    plain = inner.create_initialization_options

    def with_tools_changed(notification_options: NotificationOptions | None = None, *args: Any, **kwargs: Any) -> Any:
        return plain(notification_options or NotificationOptions(tools_changed=True), *args, **kwargs)

    inner.create_initialization_options = with_tools_changed  # type: ignore[method-assign]


async def serve(server: MCPServer, read_stream: Any, write_stream: Any) -> None:
    """Serve one connection on the given streams until the read side closes (what `run_stdio_async` does,
    for a transport of our own in between; `stdio.py` can use this instead of reaching the SDK itself)."""
    inner = lowlevel(server)
    await inner.run(read_stream, write_stream, inner.create_initialization_options())


def connection(request_context: Any) -> Any | None:
    """The client connection a request came on (`mcp.server.connection.Connection`), or None when there is
    none (an in-process call)."""
    return getattr(getattr(request_context, "session", None), "_connection", None)
