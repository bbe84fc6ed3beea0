"""MCP logging: `notifications/message` to a client, at the level it asked for, and only then.

- Handshake-era clients (2025-06-18, 2025-11-25: what Claude Desktop, Claude Code and Cursor speak): the
  server declares the `logging` capability and honours `logging/setLevel` per connection; until a client
  sets a level it gets warnings and worse only.
- 2026-07-28 clients (stateless): a request opts in with its `_meta` log level; the SDK drops anything else.
- What is sent for a tool call: "started" (debug), the server's own log records made while the tool ran
  (model loading, indexing: the `assistant` loggers, from the call's worker thread), the error (warning)
  and the outcome (info).
"""

from __future__ import annotations

import asyncio
import contextvars
import logging
from collections import deque
from collections.abc import Callable
from typing import Any, Literal, cast, get_args

from mcp_types import EmptyResult, LoggingLevel, SetLevelRequestParams
from mcp_types.version import MODERN_PROTOCOL_VERSIONS

from . import sdk

log = logging.getLogger(__name__)

LEVELS: tuple[str, ...] = get_args(LoggingLevel)  # debug < info < notice < warning < error < critical < ...
DEFAULT_LEVEL = "warning"
MAX_QUEUED = 200  # records of one call waiting to be sent; older ones go first when a client is slow
LEVEL_KEY = "spark-assistant.log_level"  # in the connection's state
PYTHON_LEVELS = {logging.DEBUG: "debug", logging.INFO: "info", logging.WARNING: "warning", logging.ERROR: "error",
                 logging.CRITICAL: "critical"}

# The log sink of the tool call running in this thread (set inside the worker thread, read by RecordBridge).
_call_sink: contextvars.ContextVar[Callable[[str, str], None] | None] = contextvars.ContextVar("mcp_call_sink",
                                                                                             default=None)


def _connection_state(request_context: Any) -> dict[str, Any] | None:
    state = getattr(sdk.connection(request_context), "state", None)
    return state if isinstance(state, dict) else None


async def set_level(ctx: Any, params: SetLevelRequestParams) -> EmptyResult:
    """`logging/setLevel`: the lowest level this connection is sent from now on."""
    state = _connection_state(ctx)
    if state is not None:
        state[LEVEL_KEY] = params.level
    return EmptyResult()


def wanted(request_context: Any, level: str) -> bool:
    """Whether this request's client takes a message at `level` (2026-07-28: the SDK decides, per request)."""
    if getattr(request_context, "protocol_version", None) in MODERN_PROTOCOL_VERSIONS:
        return True
    state = _connection_state(request_context) or {}
    minimum = state.get(LEVEL_KEY, DEFAULT_LEVEL)
    return LEVELS.index(level) >= LEVELS.index(minimum)


class CallLog:
    """Log notifications for one request (a tool call), if its client wants them."""

    def __init__(self, context: Any, logger_name: str, clean: Callable[[str], str] = lambda text: text):
        self.context = context
        self.logger_name = logger_name
        self.clean = clean  # what a client may read (no server paths: `results.Redactor`)
        self.failed = False
        # Records from the worker thread wait here, never the worker: it may hold logging's handler lock,
        # which the event loop needs too whenever it logs (waiting for the loop there would deadlock).
        self._records: deque[tuple[str, str]] = deque(maxlen=MAX_QUEUED)
        self._loop = asyncio.get_running_loop()
        self._arrived = asyncio.Event()

    def _request_context(self) -> Any:
        try:
            return self.context.request_context
        except Exception:  # an in-process call has no request
            return None

    async def send(self, level: str, message: str) -> None:
        if self.context is None or self.failed:
            return
        request_context = self._request_context()
        if request_context is None or not wanted(request_context, level):
            return
        try:
            await self.context.log(cast(Literal["info"], level), self.clean(message), logger_name=self.logger_name)
        except Exception as exc:  # a closed stream: the call carries on without logs
            self.failed = True
            log.debug("log notification not sent (%s)", exc)

    def sink(self) -> Callable[[str, str], None]:
        """For the worker thread: queue a record (never waits); `forward()` sends them from the loop."""
        def queue(level: str, message: str) -> None:
            self._records.append((level, message))
            try:
                self._loop.call_soon_threadsafe(self._arrived.set)
            except RuntimeError:  # the loop is gone: nobody to tell
                pass

        return queue

    async def forward(self) -> None:
        """Send queued records as they arrive, until cancelled (then what is left is sent by `flush`)."""
        while True:
            await self._arrived.wait()
            self._arrived.clear()
            await self.flush()

    async def flush(self) -> None:
        while self._records:
            await self.send(*self._records.popleft())


def run_with_sink(sink: Callable[[str, str], None], work: Callable[[], Any]) -> Any:
    """Run `work` (in a worker thread) with the `assistant` log records it makes going to `sink` too."""
    token = _call_sink.set(sink)
    try:
        return work()
    finally:
        _call_sink.reset(token)


class RecordBridge(logging.Handler):
    """On the `assistant` logger: a record made inside a tool call also goes to that call's client."""

    def emit(self, record: logging.LogRecord) -> None:
        sink = _call_sink.get()
        if sink is None or record.name == __name__:
            return
        try:
            message = f"{record.name.removeprefix('assistant.')}: {record.getMessage()}"
        except Exception:  # a bad format string in someone's log call
            return
        sink(PYTHON_LEVELS.get(record.levelno, "info"), message)


def install_bridge() -> None:
    """Send the assistant's own log records of a call to its client: INFO records are made (the terminal's
    handlers keep their level), and the bridge is attached once."""
    root = logging.getLogger()
    for handler in root.handlers:
        if handler.level == logging.NOTSET:
            handler.setLevel(root.level)  # what the terminal showed before, it shows now
    package = logging.getLogger("assistant")
    if package.getEffectiveLevel() > logging.INFO:
        package.setLevel(logging.INFO)
    if not any(isinstance(h, RecordBridge) for h in package.handlers):
        package.addHandler(RecordBridge(logging.DEBUG))
