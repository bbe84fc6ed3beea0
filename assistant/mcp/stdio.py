"""MCP over stdio, with JSON-RPC's answers to lines that are not a message, and to ids already in use.

The SDK's stdio transport hands a line it cannot read to the server as an exception, and the server drops it
silently: a client that sent a malformed line waits forever. It also reads a request whose id is null, a
fraction, a boolean or an object as a notification, which is never answered. Here each such line gets its
error (`rpc.py`), and a request whose id is still in progress is refused at once (`rpc.InFlight`).

stdin is read from a private copy of file descriptor 0, which then points at the null device while serving
(as the SDK does for the stdin it opens itself), so a child process cannot eat the client's messages.
"""

from __future__ import annotations

import contextlib
import logging
import os
import sys
from collections.abc import AsyncIterator, Iterator
from io import TextIOWrapper
from typing import IO, Any, cast

import anyio
from anyio.streams.memory import MemoryObjectSendStream
from mcp.server.stdio import stdio_server
from mcp.shared.message import SessionMessage
from mcp_types import JSONRPCError, JSONRPCNotification, JSONRPCRequest, JSONRPCResponse

from . import rpc, sdk

log = logging.getLogger(__name__)
CANCELLED = "notifications/cancelled"


async def run_stdio(server: Any) -> None:
    """Serve `server` (an MCPServer) on stdin/stdout until stdin closes."""
    in_flight = rpc.InFlight()
    refused_send, refused = anyio.create_memory_object_stream[JSONRPCError](16)
    with _private_stdin() as stdin:
        lines = cast(Any, _Lines(anyio.wrap_file(stdin), refused_send))
        async with stdio_server(stdin=lines) as (read_stream, write_stream):
            inbound_send, inbound = anyio.create_memory_object_stream[SessionMessage | Exception](16)
            outbound, outbound_receive = anyio.create_memory_object_stream[SessionMessage](16)

            async def answer_refused_lines() -> None:
                async with refused:
                    async for error in refused:
                        await write_stream.send(SessionMessage(error))

            async def pass_messages_in() -> None:
                async with inbound_send:
                    async for item in read_stream:
                        if isinstance(item, Exception):
                            error = rpc.error_for(item)
                            log.warning("unreadable line on stdin: %s", "answered" if error else item)
                            if error is not None:
                                await write_stream.send(SessionMessage(error))
                            continue
                        message = item.message
                        if isinstance(message, JSONRPCRequest):
                            taken = in_flight.begin(None, message.id)
                            if taken is not None:
                                log.warning("request id %r already in progress: refused", message.id)
                                await write_stream.send(SessionMessage(taken))
                                continue
                        elif isinstance(message, JSONRPCNotification) and message.method == CANCELLED:
                            request_id = (message.params or {}).get("requestId")
                            if isinstance(request_id, (str, int)):  # a cancelled request may go unanswered
                                in_flight.end(None, request_id)
                        await inbound_send.send(item)

            async def pass_messages_out() -> None:
                async with outbound_receive:
                    async for item in outbound_receive:
                        message = item.message
                        if isinstance(message, (JSONRPCResponse, JSONRPCError)) and message.id is not None:
                            in_flight.end(None, message.id)
                        await write_stream.send(item)

            async with write_stream:  # closed at the end: the SDK's stdout writer waits for that to stop
                async with anyio.create_task_group() as group:
                    group.start_soon(answer_refused_lines)
                    group.start_soon(pass_messages_in)
                    group.start_soon(pass_messages_out)
                    async with outbound:
                        await sdk.serve(server, inbound, outbound)  # with the filter in between
                    group.cancel_scope.cancel()


class _Lines:
    """stdin's lines for the SDK's reader, less the requests whose id JSON-RPC does not allow: their errors go
    to `refused` (answered by `run_stdio`)."""

    def __init__(self, source: anyio.AsyncFile[str], refused: MemoryObjectSendStream[JSONRPCError]):
        self.source = source
        self.refused = refused

    def __aiter__(self) -> AsyncIterator[str]:
        return self._lines()

    async def _lines(self) -> AsyncIterator[str]:
        async with self.refused:
            async for line in self.source:
                if '"id"' in line:  # only a message with an id member can be a request with a bad one
                    _, error = rpc.read(line)
                    if error is not None and error.error.message == rpc.BAD_ID:
                        log.warning("a request with an invalid id on stdin: answered")
                        await self.refused.send(error)
                        continue
                yield line


@contextlib.contextmanager
def _private_stdin() -> Iterator[IO[str]]:
    """stdin as a text stream of its own; fd 0 points at the null device meanwhile, and is restored after."""
    try:
        private = os.dup(sys.stdin.fileno())
    except (AttributeError, OSError, ValueError):  # no real stdin (embedded): read it as it is
        yield TextIOWrapper(sys.stdin.buffer, encoding="utf-8", errors="replace")
        return
    saved = os.dup(0)
    null = os.open(os.devnull, os.O_RDONLY)
    os.dup2(null, 0)
    os.close(null)
    stream = open(private, encoding="utf-8", errors="replace", closefd=True)  # noqa: SIM115 - closed below
    try:
        yield stream
    finally:
        stream.close()
        os.dup2(saved, 0)
        os.close(saved)
