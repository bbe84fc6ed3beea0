"""MCP over stdio, with JSON-RPC's answers to lines that are not a message.

The SDK's stdio transport hands a line it cannot read to the server as an exception, and the server drops it
silently: a client that sent a malformed line waits forever. Here each such line gets its error (`rpc.py`).
"""

from __future__ import annotations

import logging
from typing import Any

import anyio
from mcp.server.stdio import stdio_server
from mcp.shared.message import SessionMessage

from .rpc import error_for

log = logging.getLogger(__name__)


async def run_stdio(server: Any) -> None:
    """Serve `server` (an MCPServer) on stdin/stdout until stdin closes."""
    lowlevel = server._lowlevel_server  # what MCPServer.run_stdio_async serves, with the filter in between
    async with stdio_server() as (read_stream, write_stream):
        send, receive = anyio.create_memory_object_stream[SessionMessage | Exception](16)

        async def answer_unreadable_lines() -> None:
            async with send:
                async for item in read_stream:
                    if isinstance(item, Exception):
                        error = error_for(item)
                        log.warning("unreadable line on stdin: %s", "answered" if error else item)
                        if error is not None:
                            await write_stream.send(SessionMessage(error))
                        continue
                    await send.send(item)

        async with anyio.create_task_group() as group:
            group.start_soon(answer_unreadable_lines)
            await lowlevel.run(receive, write_stream, lowlevel.create_initialization_options())
            group.cancel_scope.cancel()
