"""The external MCP servers, for the rest of the app: one background event loop, a synchronous API.

    clients = McpClients.from_settings(settings)
    clients.start()                      # at once: the servers connect in the background
    clients.tools()                      # [ExternalTool("calendar.create_event", ...), ...] as they are now
    clients.status()                     # {"calendar": ServerStatus(state="connected", ...), ...}
    clients.call("calendar.create_event", {"title": "Dentist"}, progress=..., cancel=turn_cancel)  # ToolResult
    clients.close()                      # ends the connections, stops the servers' programs

Every server runs on one asyncio event loop in a daemon thread (`Connection.run`: connect, serve, retry with
backoff), so neither the terminal app nor the voice loop waits for a server to start, and a server that hangs
or dies stalls nothing but its own calls. The methods above are safe from any thread. `call` blocks its caller
only: it returns an error result at once for a server that is not connected, after the server's `timeout`
(or the `timeout` given) for one that does not answer, and at once when `cancel` is set (the server is told:
`notifications/cancelled`). `progress(done, total, message)` is called on the loop's thread: it must be quick.
"""

from __future__ import annotations

import asyncio
import atexit
import concurrent.futures
import logging
import threading
import time
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import anyio

from ..cancel import Cancel
from ..config import McpServerSettings, Settings
from ..contracts import ToolResult
from .catalog import ExternalTool, ServerStatus, allowed, split_name
from .connection import CONNECT_TIMEOUT_S, Connection, Progress
from .results import MAX_RESULT_CHARS

log = logging.getLogger(__name__)

GRACE_S = 5.0  # past a call's own timeout (which the SDK enforces), the caller stops waiting anyway
CLOSE_TIMEOUT_S = 10.0  # for the servers' programs to end (the SDK: stdin closed, 2 s, SIGTERM, 2 s, SIGKILL)


class McpClients:
    """The configured external MCP servers (`Settings.mcp_servers`), connected in the background."""

    def __init__(self, servers: Mapping[str, McpServerSettings], *, log_dir: Path | None = None,
                 backoff: tuple[float, float] = (1.0, 60.0), connect_timeout: float = CONNECT_TIMEOUT_S,
                 max_result_chars: int = MAX_RESULT_CHARS):
        self._lock = threading.Lock()
        self._changed = threading.Condition(self._lock)
        self._listeners: list[Callable[[], None]] = []
        self._connections = {
            name: Connection(name, server, on_change=self._notify, log_dir=log_dir, backoff=backoff,
                             connect_timeout=connect_timeout, max_result_chars=max_result_chars)
            for name, server in servers.items()}
        self._loop: asyncio.AbstractEventLoop | None = None
        self._main: asyncio.Task[None] | None = None
        self._thread: threading.Thread | None = None
        self._closed = False

    @classmethod
    def from_settings(cls, settings: Settings, **options: Any) -> McpClients:
        """The servers of `settings`; each program's stderr goes to `data_dir/mcp-servers/NAME.log`."""
        return cls(settings.mcp_servers, log_dir=settings.data_dir / "mcp-servers", **options)

    # -- life ------------------------------------------------------------------------------------------
    def start(self) -> None:
        """Start connecting, in the background; returns at once (a second call does nothing)."""
        with self._lock:  # (the terminal app's timer and an agent's first turn may both start it)
            if self._thread is not None or self._closed:
                return
            if not any(c.settings.enabled for c in self._connections.values()):
                return
            loop = asyncio.new_event_loop()
            self._loop = loop
            self._main = loop.create_task(self._serve())
            self._thread = threading.Thread(target=self._run_loop, args=(loop,), name="mcp-clients", daemon=True)
            self._thread.start()
        atexit.register(self.close)

    def close(self, timeout: float = CLOSE_TIMEOUT_S) -> None:
        """End every connection and the servers' programs; waits up to `timeout` seconds for them."""
        if self._closed:
            return
        self._closed = True
        atexit.unregister(self.close)
        loop, main, thread = self._loop, self._main, self._thread
        if loop is not None and main is not None and thread is not None:
            try:
                loop.call_soon_threadsafe(main.cancel)
            except RuntimeError:  # the loop already ended
                pass
            if threading.current_thread() is thread:  # (a listener closing it: the loop ends after it returns)
                return
            thread.join(timeout)
            if thread.is_alive():
                log.warning("MCP servers did not all stop within %.0f s", timeout)
        self._notify()

    def __enter__(self) -> McpClients:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _run_loop(self, loop: asyncio.AbstractEventLoop) -> None:
        asyncio.set_event_loop(loop)
        assert self._main is not None
        try:
            loop.run_until_complete(self._main)
        except asyncio.CancelledError:
            pass
        except Exception:
            log.exception("the MCP client loop failed")
        finally:
            pending = [t for t in asyncio.all_tasks(loop) if not t.done()]
            for task in pending:  # calls still running: their callers get an error result
                task.cancel()
            if pending:
                loop.run_until_complete(asyncio.gather(*pending, return_exceptions=True))
            loop.run_until_complete(loop.shutdown_asyncgens())
            loop.close()

    async def _serve(self) -> None:
        async with anyio.create_task_group() as group:
            for connection in self._connections.values():
                group.start_soon(connection.run, name=f"mcp server {connection.name}")

    # -- what is there ---------------------------------------------------------------------------------
    def tools(self) -> list[ExternalTool]:
        """Every tool of every server as last listed (allow / deny applied), each with its server's state now:
        only those whose `status` is "connected" can be called."""
        with self._lock:
            return [tool for c in self._connections.values() for tool in c.tools]

    def status(self) -> dict[str, ServerStatus]:
        with self._lock:
            return {name: c.status() for name, c in self._connections.items()}

    def wait_ready(self, timeout: float) -> bool:
        """Wait until no server is still starting (connected, failed or refused), at most `timeout` seconds.
        True when none is."""
        with self._changed:
            return self._changed.wait_for(
                lambda: all(c.state != "starting" for c in self._connections.values()), timeout)

    def on_change(self, listener: Callable[[], None]) -> Callable[[], None]:
        """Call `listener()` (on the loop's thread) when a server's state or tools change; returns the function
        that stops it."""
        with self._lock:
            self._listeners.append(listener)

        def stop() -> None:
            with self._lock:
                if listener in self._listeners:
                    self._listeners.remove(listener)

        return stop

    def _notify(self) -> None:
        with self._changed:
            self._changed.notify_all()
            listeners = list(self._listeners)
        for listener in listeners:
            try:
                listener()
            except Exception:
                log.exception("an MCP change listener failed")

    # -- calls -----------------------------------------------------------------------------------------
    def call(self, name: str, arguments: dict[str, Any] | None = None, timeout: float | None = None,
             progress: Progress | None = None, cancel: Cancel | None = None) -> ToolResult:
        """Call the tool `server.tool`; every failure is an error result, never a raise."""
        started = time.perf_counter()
        result = self._call(name, arguments or {}, timeout, progress, cancel)
        result.seconds = round(time.perf_counter() - started, 3)
        return result

    def _call(self, name: str, arguments: dict[str, Any], timeout: float | None, progress: Progress | None,
              cancel: Cancel | None) -> ToolResult:
        parts = split_name(name)
        connection = self._connections.get(parts[0]) if parts else None
        if parts is None or connection is None:
            return ToolResult.error(f"{name}: no MCP server has this tool (external tools are named server.tool; "
                                    f"servers: {', '.join(self._connections) or 'none configured'})")
        server, tool = parts
        if connection.state != "connected" or self._loop is None or self._closed:
            state = "stopped" if self._closed else "not started" if self._loop is None else connection.state
            reason = connection.reason if state == connection.state else ""
            return ToolResult.error(f"{name}: the MCP server {server} is not connected ({state}"
                                    + (f": {reason})" if reason else ")"))
        if not any(t.tool == tool for t in connection.tools):
            settings = connection.settings
            why = "is not allowed (allow / deny)" if not allowed(tool, settings.allow, settings.deny) else \
                "is not among its tools"
            return ToolResult.error(f"{name}: {tool} {why} on the MCP server {server}")
        if threading.current_thread() is self._thread:
            return ToolResult.error(f"{name}: called from the MCP loop itself (it would wait for itself)")
        if cancel is not None and cancel.is_set():
            return ToolResult.error(f"{name}: cancelled by the caller")
        work = connection.call(tool, arguments, timeout, progress)
        try:
            future = asyncio.run_coroutine_threadsafe(work, self._loop)
        except RuntimeError:  # closed meanwhile
            work.close()
            return ToolResult.error(f"{name}: the MCP server {server} is not connected (stopped)")
        forget = cancel.on_set(lambda: None if future.cancel() else None) if cancel is not None else None
        limit = (timeout if timeout is not None else connection.settings.timeout) + GRACE_S
        try:
            return future.result(timeout=limit)
        except concurrent.futures.CancelledError:
            return ToolResult.error(f"{name}: cancelled" + (" by the caller" if cancel and cancel.is_set() else ""))
        except TimeoutError:
            future.cancel()
            return ToolResult.error(f"{name}: no answer in {limit - GRACE_S:g} s")
        except Exception as exc:  # a bug in the call's own code
            log.exception("calling %s failed", name)
            return ToolResult.error(f"{name} failed: {type(exc).__name__}: {exc}")
        finally:
            if forget is not None:
                forget()
