"""One external MCP server, kept connected: the official SDK's client (`stdio_client` or `streamable_http_client`,
then a `ClientSession` and its `initialize` handshake), its tool list (every page, filtered by allow / deny, read
again on `notifications/tools/list_changed`), and its calls (the per-server timeout, progress, cancellation).

`run()` is the server's life on the manager's event loop: connect, serve until the connection ends, and when it
could not start or it stopped, say so once (a warning and the status's `reason`) and try again after a delay that
doubles from `backoff[0]` to `backoff[1]` (1 s to 60 s; back to the start after a connection that lasted). A server that
is this assistant's own, or whose settings cannot work (a missing environment variable), is refused: reported,
never tried again. A call to a server that is not connected answers at once with an error result.

The connection's end is seen, not guessed: the messages from the transport pass through `_forward`, which marks
the connection closed when the server's output ends (its process exited), and a call that finds the connection
gone (`CONNECTION_CLOSED`: a dead process, an HTTP server that no longer answers) marks it too.
"""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Callable
from contextlib import AsyncExitStack
from pathlib import Path
from typing import Any

import anyio
import httpx2
from anyio.streams.memory import MemoryObjectReceiveStream, MemoryObjectSendStream
from mcp.client.session import ClientSession
from mcp.client.stdio import StdioServerParameters, stdio_client
from mcp.client.streamable_http import streamable_http_client
from mcp.shared.exceptions import MCPError
from mcp.shared.message import SessionMessage
from mcp_types import (CONNECTION_CLOSED, REQUEST_TIMEOUT, Implementation, PaginatedRequestParams,
                       ToolListChangedNotification)

from .. import __version__
from ..config import APP_NAME, McpServerSettings
from ..contracts import ToolResult
from .catalog import Annotations, ExternalTool, ServerStatus, State, allowed, namespaced
from .expand import MissingVariable, expand_all
from .failures import Refused, first, refusal, why
from .own import REFUSED, is_own_command, is_own_server_name
from .results import MAX_RESULT_CHARS, to_tool_result
from .stderr import ServerLog

log = logging.getLogger(__name__)

CONNECT_TIMEOUT_S = 30.0  # the program's start, the handshake and the first tool list
STABLE_S = 60.0  # a connection that lasted this long starts the backoff over
MAX_PAGES = 50  # of tools/list: a server whose cursor never ends cannot hang the connection
MAX_TOOLS = 1000
Progress = Callable[[float, float | None, str | None], None]


class Connection:
    """One server's connection; every method runs on the manager's event loop, `status`/`tools` are read from
    any thread (immutable values, replaced whole)."""

    def __init__(self, name: str, settings: McpServerSettings, *, on_change: Callable[[], None],
                 log_dir: Path | None = None, backoff: tuple[float, float] = (1.0, 60.0),
                 connect_timeout: float = CONNECT_TIMEOUT_S, max_result_chars: int = MAX_RESULT_CHARS):
        self.name = name
        self.settings = settings
        self.transport: Any = "stdio" if settings.command is not None else "http"
        self._on_change = on_change
        self._stderr = ServerLog(log_dir, name)
        self._backoff = backoff
        self._connect_timeout = connect_timeout
        self._max_result_chars = max_result_chars
        self._session: ClientSession | None = None
        self._closed: anyio.Event | None = None
        self._list_changed: anyio.Event | None = None
        self.state: State = "starting" if settings.enabled else "disabled"
        self.reason = ""
        self._listed = 0
        self._server_info: str | None = None
        self._attempts = 0
        self._lost = False  # the connection that just ended had been up
        self._retry_at: float | None = None
        self.tools: tuple[ExternalTool, ...] = ()

    # -- what others read ------------------------------------------------------------------------------
    def status(self) -> ServerStatus:
        retry_in = None if self._retry_at is None else round(max(0.0, self._retry_at - time.monotonic()), 1)
        return ServerStatus(self.name, self.state, self.transport, self.reason, len(self.tools), self._listed,
                            self._server_info, self._attempts, retry_in if self.state == "failed" else None)

    def _set(self, state: State, reason: str = "") -> None:
        self.state, self.reason = state, reason
        self.tools = tuple(_with_status(t, state) for t in self.tools)
        self._on_change()

    def _lose(self, reason: str) -> None:
        """The connection ended: no more calls (the status says so at once; `run` reports it and retries)."""
        if self._closed is not None:
            self._closed.set()
        self._session = None
        if self.state == "connected":
            self._lost = True
            self._set("failed", reason)

    # -- its life --------------------------------------------------------------------------------------
    async def run(self) -> None:
        """Connect, and connect again after each failure, until cancelled (the manager closing)."""
        if not self.settings.enabled:
            return
        delay, start, limit = self._backoff[0], *self._backoff
        reported = False
        try:
            while True:
                self._attempts += 1
                began = time.monotonic()
                try:
                    reason = await self._connect_once()
                except Exception as exc:  # it could not start, or its connection broke
                    refused = refusal(exc)
                    if refused is not None:
                        log.warning("MCP server %s refused: %s", self.name, refused)
                        self._set("refused", str(refused))
                        return
                    reason = why(exc, "answer to the MCP handshake") + self._stderr.tail()
                if time.monotonic() - began >= STABLE_S:
                    delay = start
                self._retry_at = time.monotonic() + delay
                if not reported or self._lost:  # once per episode, not once per retry
                    log.warning("MCP server %s: %s (trying again in %.0f s, then less often)", self.name, reason,
                                delay)
                    reported = True
                else:
                    log.debug("MCP server %s: still failing: %s", self.name, reason)
                self._lost = False
                self._set("failed", reason)
                await anyio.sleep(delay)
                delay = min(delay * 2, limit)
        finally:
            if self.state not in ("refused", "disabled"):
                self._session = None
                self.state, self.reason = "stopped", ""
                self.tools = tuple(_with_status(t, "stopped") for t in self.tools)

    async def _connect_once(self) -> str:
        """One connection, from start to end; returns why it ended (raises when it could not start)."""
        async with AsyncExitStack() as stack:
            # (Contexts are entered outside the time limit: anyio scopes must end in the order they began.)
            read, write = await self._open_transport(stack)
            closed = anyio.Event()
            inbound_send, inbound = anyio.create_memory_object_stream[SessionMessage | Exception](0)
            group = await stack.enter_async_context(anyio.create_task_group())
            stack.callback(group.cancel_scope.cancel)  # (on the way out: after the session, before the transport)
            group.start_soon(_forward, read, inbound_send, closed)
            session = await stack.enter_async_context(ClientSession(
                inbound, write, message_handler=self._on_message,
                client_info=Implementation(name=APP_NAME, version=__version__)))
            with anyio.fail_after(self._connect_timeout):
                initialized = await session.initialize()
                info = initialized.server_info
                self._server_info = f"{info.name} {info.version}".strip() if info else None
                if info is not None and is_own_server_name(info.name):
                    raise Refused(REFUSED)
                self._list_changed = anyio.Event()
                await self._refresh(session)
            self._session, self._closed = session, closed
            group.start_soon(self._refresh_on_change, session)
            was_failing = self._attempts > 1
            self._set("connected")
            log.log(logging.WARNING if was_failing else logging.INFO, "MCP server %s connected (%d tools)",
                    self.name, len(self.tools))
            try:
                await closed.wait()
                await anyio.sleep(0.05)  # (the program's last words on stderr)
            finally:
                self._lose("the server stopped" + self._stderr.tail())
            return self.reason

    async def _open_transport(self, stack: AsyncExitStack) -> tuple[Any, Any]:
        s = self.settings
        try:
            if s.command is not None:
                env = expand_all(s.env, os.environ, "env")
                if is_own_command(s.command, s.args, env.get("PATH") or os.environ.get("PATH")):
                    raise Refused(REFUSED)
                params = StdioServerParameters(command=s.command, args=list(s.args), env=env or None,
                                               cwd=str(s.cwd) if s.cwd else None)
                errlog = stack.enter_context(self._stderr.open(s.command))
                return await stack.enter_async_context(stdio_client(params, errlog=errlog))
            headers = expand_all(s.headers, os.environ, "headers")
        except MissingVariable as exc:
            raise Refused(str(exc)) from None
        assert s.url is not None
        http = await stack.enter_async_context(httpx2.AsyncClient(
            headers=headers, timeout=httpx2.Timeout(30.0, read=max(300.0, s.timeout))))
        return await stack.enter_async_context(streamable_http_client(s.url, http_client=http))

    # -- its tools -------------------------------------------------------------------------------------
    async def _refresh(self, session: ClientSession) -> None:
        listed, cursor = [], None
        for _ in range(MAX_PAGES):
            page = await session.list_tools(params=PaginatedRequestParams(cursor=cursor) if cursor else None)
            listed.extend(page.tools)
            cursor = page.next_cursor
            if not cursor or len(listed) >= MAX_TOOLS:
                break
        s = self.settings
        self._listed = len(listed)
        self.tools = tuple(
            ExternalTool(name=namespaced(self.name, t.name), server=self.name, tool=t.name,
                         description=t.description or "", title=t.title or getattr(t.annotations, "title", None),
                         input_schema=dict(t.input_schema or {}), annotations=Annotations.from_mcp(t.annotations),
                         status=self.state)
            for t in listed[:MAX_TOOLS] if allowed(t.name, s.allow, s.deny))
        self._on_change()

    async def _on_message(self, message: Any) -> None:
        if isinstance(message, ToolListChangedNotification):
            if self._list_changed is not None:
                self._list_changed.set()
        elif isinstance(message, Exception):
            log.debug("MCP server %s sent what is no message: %s", self.name, message)

    async def _refresh_on_change(self, session: ClientSession) -> None:
        while True:
            assert self._list_changed is not None
            await self._list_changed.wait()
            self._list_changed = anyio.Event()
            try:
                with anyio.fail_after(self._connect_timeout):
                    await self._refresh(session)
                log.info("MCP server %s: the tool list changed (%d tools)", self.name, len(self.tools))
            except Exception as exc:
                log.warning("MCP server %s: reading its changed tool list failed: %s", self.name, why(exc))

    # -- a call ----------------------------------------------------------------------------------------
    async def call(self, tool: str, arguments: dict[str, Any], timeout: float | None,
                   progress: Progress | None) -> ToolResult:
        label = namespaced(self.name, tool)
        session = self._session
        if session is None or self.state != "connected":
            return ToolResult.error(f"{label}: the MCP server {self.name} is not connected ({self.state}"
                                    + (f": {self.reason})" if self.reason else ")"))
        limit = timeout if timeout is not None else self.settings.timeout

        report = progress

        async def on_progress(progress: float, total: float | None, message: str | None) -> None:
            if report is not None:
                try:
                    report(progress, total, message)
                except Exception:  # the caller's callback must not break the call
                    log.debug("a progress callback failed", exc_info=True)

        try:
            result = await session.call_tool(tool, arguments, read_timeout_seconds=limit,
                                             progress_callback=on_progress if progress is not None else None)
        except MCPError as exc:
            if exc.code == CONNECTION_CLOSED:
                self._lose(f"the server stopped during a call of {tool}")
                return ToolResult.error(f"{label}: the MCP server {self.name} stopped during the call")
            if exc.code == REQUEST_TIMEOUT:
                return ToolResult.error(f"{label}: no answer in {limit:g} s (the call was cancelled)")
            return ToolResult.error(f"{label}: {first(exc.message) if exc.message else exc.code}")
        except TimeoutError:
            return ToolResult.error(f"{label}: no answer in {limit:g} s")
        except Exception as exc:  # a transport failure, an answer that is not a result
            return ToolResult.error(f"{label} failed: {why(exc)}")
        return to_tool_result(result, self._max_result_chars)


async def _forward(read: MemoryObjectReceiveStream[Any], send: MemoryObjectSendStream[Any], closed: anyio.Event) -> None:
    """Pass the transport's messages on to the session; when they end, the connection is closed."""
    try:
        async with send:
            async for item in read:
                await send.send(item)
    except (anyio.BrokenResourceError, anyio.ClosedResourceError):
        pass
    finally:
        closed.set()


def _with_status(tool: ExternalTool, state: State) -> ExternalTool:
    if tool.status == state:
        return tool
    return ExternalTool(tool.name, tool.server, tool.tool, tool.description, tool.title, tool.input_schema,
                        tool.annotations, state)
