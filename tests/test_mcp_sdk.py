"""The MCP SDK's private parts the server relies on (`assistant/mcp/sdk.py`) are still there and still do what
they did: checked in-process through the SDK's own client, so an SDK upgrade that moves one fails here, by
name, rather than somewhere in a served session (tools/list_changed no longer announced, log levels ignored)."""

from __future__ import annotations

import inspect
import warnings
from importlib.metadata import version
from typing import Any

import anyio
import pytest
from mcp import Client
from mcp.server.connection import Connection
from mcp.server.lowlevel import Server
from mcp.server.mcpserver import MCPServer
from mcp.shared.exceptions import MCPDeprecationWarning
from mcp_types import EmptyResult, SetLevelRequestParams

from assistant.mcp import sdk

WRITTEN_FOR = f"assistant/mcp/sdk.py was written for mcp {sdk.SDK_VERSION}; installed: mcp {version('mcp')}"


class Probe(MCPServer):
    """A bare MCPServer set up through the adapter as `AssistantMCP` is."""

    def __init__(self) -> None:
        super().__init__(name="probe")
        self.connections: list[Any] = []
        self.levels: list[str] = []
        self.middleware.append(self._remember)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", MCPDeprecationWarning)
            sdk.add_request_handler(self, "logging/setLevel", SetLevelRequestParams, self._set_level)
        sdk.set_tool_input_schema(self, self.schema)
        sdk.advertise_tool_list_changes(self)

    def schema(self, name: str) -> dict[str, Any] | None:
        return {"type": "object", "title": name}

    async def _remember(self, ctx: Any, call_next: Any) -> Any:
        self.connections.append(sdk.connection(ctx))
        return await call_next(ctx)

    async def _set_level(self, ctx: Any, params: SetLevelRequestParams) -> EmptyResult:
        state = getattr(sdk.connection(ctx), "state", None)
        if isinstance(state, dict):
            state["level"] = params.level
            self.levels.append(params.level)
        return EmptyResult()


def test_the_private_parts_are_where_they_were():
    bare = MCPServer(name="bare")
    assert isinstance(getattr(bare, "_lowlevel_server", None), Server), \
        f"MCPServer._lowlevel_server is gone or no longer a Server: {WRITTEN_FOR}"
    assert sdk.lowlevel(bare) is bare._lowlevel_server
    hook = getattr(sdk.lowlevel(bare), "get_tool_input_schema", None)
    assert callable(hook) and getattr(hook, "__self__", None) is bare, \
        f"the low-level Server no longer asks MCPServer for tool input schemas (get_tool_input_schema): {WRITTEN_FOR}"
    options = inspect.signature(Server.create_initialization_options).parameters
    assert list(options)[:2] == ["self", "notification_options"], \
        f"Server.create_initialization_options changed its parameters {list(options)}: {WRITTEN_FOR}"
    run = inspect.signature(Server.run).parameters
    assert list(run)[:4] == ["self", "read_stream", "write_stream", "initialization_options"], \
        f"Server.run changed its parameters {list(run)}: {WRITTEN_FOR}"
    session = inspect.getsource(__import__("mcp.server.session", fromlist=["ServerSession"]).ServerSession.__init__)
    assert "self._connection = connection" in session, f"ServerSession keeps no _connection: {WRITTEN_FOR}"


@pytest.mark.filterwarnings("ignore::mcp.shared.exceptions.MCPDeprecationWarning")
def test_a_client_sees_what_the_adapter_set_up():
    server = Probe()
    assert sdk.lowlevel(server).get_tool_input_schema is not None
    assert sdk.lowlevel(server).get_tool_input_schema("search") == {"type": "object", "title": "search"}

    async def session() -> Any:
        async with Client(server, mode="legacy") as client:
            capabilities = client.server_capabilities
            await client.set_logging_level("info")
            await client.list_tools()
            return capabilities

    capabilities = anyio.run(session)
    assert capabilities.tools is not None and capabilities.tools.list_changed, \
        f"initialize no longer declares tools.listChanged (create_initialization_options): {WRITTEN_FOR}"
    assert capabilities.logging is not None, f"logging/setLevel is not served (add_request_handler): {WRITTEN_FOR}"
    assert server.connections and all(isinstance(c, Connection) for c in server.connections), \
        f"a request's context no longer leads to its Connection (session._connection): {WRITTEN_FOR}"
    assert len({id(c) for c in server.connections}) == 1  # one client, one connection, request after request
    assert server.levels == ["info"] and server.connections[0].state["level"] == "info"
    assert callable(server.connections[0].send_tool_list_changed)


def test_a_missing_private_part_is_named_with_the_version_it_was_written_for():
    with pytest.raises(sdk.SDKChanged, match=rf"written for mcp {sdk.SDK_VERSION}"):
        sdk.lowlevel(object())  # type: ignore[arg-type]
