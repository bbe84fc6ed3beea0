"""An `MCPServer` built from the tool registry and the knowledge folder.

Tools: the registry is the only source (with ask_assistant, a turn of the agent on the same tools: `ask.py`).
`tools/list` gives each tool whose models are on this machine (`tools.availability`; `mcp_list_all_tools`
lists every one) with its name, title, description, JSON schema
(`Tool.parameters`), output schema and annotations (`Tool.hints`), and `tools/call` goes through `Tool.run`
(the registry's validation, path confinement and error-as-result rules) in a worker thread, so the event loop
keeps serving other clients. This overrides `MCPServer.list_tools`/`call_tool` (the public methods its request
handlers delegate to) rather than registering wrapper functions: a wrapper would be validated twice, by
MCPServer's own argument model and then by the registry, with a different message for the same mistake.

While serving, the set of runnable tools is checked every `mcp_tools_check_s` seconds; when it changes (weights
pulled, a model removed) clients are sent `notifications/tools/list_changed` (declared as `listChanged`).

Results map to MCP content in `results.py` (captions beside images and audio, structured content with a JSON
copy, no server paths). Progress reported by a tool (`ToolContext.progress`) hops back to the event loop as MCP
progress notifications; log notifications follow `logs.py`. Each tool may hold at most MAX_CALLS_PER_TOOL
worker threads, so queued generations cannot starve searches.

Resources: the knowledge files (`resources.py`). Prompts and completions of file names: `prompts.py`.
"""

from __future__ import annotations

import contextlib
import logging
import threading
import warnings
import weakref
from collections.abc import AsyncIterator, Callable, Iterable
from typing import Any

import anyio
import anyio.from_thread
import anyio.to_thread
from mcp.server.lowlevel.helper_types import ReadResourceContents
from mcp.server.mcpserver import Context, MCPServer
from mcp.server.mcpserver.exceptions import ResourceError
from mcp.server.subscriptions import InMemorySubscriptionBus, ToolsListChanged
from mcp.shared.exceptions import MCPDeprecationWarning, MCPError
from mcp_types import INTERNAL_ERROR, CallToolResult, GetPromptResult, SetLevelRequestParams, ToolAnnotations
from mcp_types import Prompt as MCPPrompt
from mcp_types import Resource as MCPResource
from mcp_types import ResourceTemplate as MCPResourceTemplate
from mcp_types import Tool as MCPTool

from .. import __version__
from ..contracts import ToolResult
from ..routing.files import FolderFiles
from ..runtime import Runtime
from ..tools.availability import available
from ..tools.registry import Tool, ToolContext
from . import logs, prompts, sdk
from .ask import mcp_registry
from .resources import TRANSCRIPT_SCHEME, KnowledgeResources
from .results import Redactor, error_result, to_call_result

log = logging.getLogger(__name__)

SERVER_NAME = "spark-assistant"
INSTRUCTIONS = (
    "Tools of a local assistant running on the user's workstation, on its own models: search the user's "
    "knowledge folder (notes, PDFs, images, recordings), look things up in PDFs with page citations, describe "
    "images, generate images, transcribe audio, speak text (WAV), and embed texts and images as vectors. File "
    "arguments are paths relative to the knowledge folder; the files are also listed as resources "
    "(knowledge:///path). Only the tools whose models are installed are listed."
)
MAX_CALLS_PER_TOOL = 8  # worker threads one tool may hold: queued slow calls cannot starve the other tools


class AssistantMCP(MCPServer):
    """The registry's tools and the knowledge files, served over MCP."""

    def __init__(self, runtime: Runtime):
        self.bus = InMemorySubscriptionBus()  # 2026-07-28 clients hear of tool list changes here
        super().__init__(name=SERVER_NAME, title="Spark Assistant", version=__version__, instructions=INSTRUCTIONS,
                         warn_on_duplicate_tools=False, subscriptions=self.bus, lifespan=_watching)
        self.runtime = runtime  # `self.settings` is MCPServer's own; the assistant's are runtime.settings
        self.registry: dict[str, Tool] = mcp_registry(runtime)
        self.tool_context: ToolContext = runtime.context
        self.knowledge_files = KnowledgeResources(runtime.settings)
        self.folder_files = FolderFiles(runtime.settings.knowledge_dir, (runtime.settings.data_dir,))
        self.redact = Redactor(runtime.settings)
        self.list_all = runtime.settings.mcp_list_all_tools
        self.runnable: frozenset[str] = available(self.registry, runtime.manager)
        self._limiters: dict[str, anyio.CapacityLimiter] = {}
        self._connections: weakref.WeakSet[Any] = weakref.WeakSet()  # handshake-era clients, for list_changed
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", MCPDeprecationWarning)  # the handshake era still has logging
            sdk.add_request_handler(self, "logging/setLevel", SetLevelRequestParams, logs.set_level)
        self.completion()(self._complete)
        self.middleware.append(self._remember_connection)
        sdk.set_tool_input_schema(self, self.tool_input_schema)
        sdk.advertise_tool_list_changes(self)

    # -- tools ------------------------------------------------------------------------------------------
    def served(self) -> list[Tool]:
        return [t for t in self.registry.values() if self.list_all or t.name in self.runnable]

    async def list_tools(self) -> list[MCPTool]:
        return [_mcp_tool(t) for t in self.served()]

    def tool_input_schema(self, name: str) -> dict[str, Any] | None:  # used for Mcp-Param header checks
        tool = self.registry.get(name)
        return None if tool is None else tool.parameters

    async def call_tool(self, name: str, arguments: dict[str, Any],
                        context: Context | None = None) -> CallToolResult:
        call_log = logs.CallLog(context, SERVER_NAME, self.redact.text)
        await call_log.send("debug", f"{name}: started")
        tool = self.registry.get(name)
        if tool is None or tool not in self.served():
            refusal = (f"unknown tool {name!r}; the tools are: {', '.join(t.name for t in self.served())}"
                       if tool is None else f"{name} cannot run here: {self._why_not(tool)}")
            await call_log.send("warning", f"{name}: {refusal}")
            await call_log.send("info", f"{name}: refused")
            return error_result(refusal)
        if not isinstance(arguments, dict):
            return error_result(f"bad arguments for {name}: expected an object")
        taken_back = threading.Event()  # notifications/cancelled: the tool stops at its next step
        tool_context = self.tool_context.with_progress(
            _progress_bridge(context, name, taken_back.is_set, self.redact.content), taken_back.is_set)
        limiter = self._limiters.get(name)
        if limiter is None:
            limiter = self._limiters[name] = anyio.CapacityLimiter(MAX_CALLS_PER_TOOL)
        sink = call_log.sink()
        done: list[tuple[ToolResult, CallToolResult]] = []

        async def flag_when_cancelled() -> None:
            try:
                await anyio.sleep_forever()
            except anyio.get_cancelled_exc_class():
                if not done:
                    taken_back.set()
                    log.info("tool %s: cancelled by the client", name)
                raise

        try:
            async with anyio.create_task_group() as group:
                group.start_soon(call_log.forward)
                group.start_soon(flag_when_cancelled)
                # Tool.run never raises; to_call_result reads image files: both off the event loop. Not
                # abandoned when cancelled: the thread keeps its slot until the tool has stopped.
                done.append(await anyio.to_thread.run_sync(
                    lambda: logs.run_with_sink(sink, lambda: self._run_and_map(tool, arguments, tool_context)),
                    limiter=limiter))
                group.cancel_scope.cancel()
        except Exception as exc:  # a bug in the mapping: still a result, never a crashed session
            log.exception("tool %s: result mapping failed", name)
            return error_result(self.redact.text(f"{name} failed: {type(exc).__name__}: {exc}"))
        await call_log.flush()
        result, mapped = done[0]
        if result.is_error:
            await call_log.send("warning", f"{name}: {getattr(mapped.content[0], 'text', '')}")
        await call_log.send("info", f"{name}: {'failed' if result.is_error else 'done'} in {result.seconds:.2f} s")
        return mapped

    def _run_and_map(self, tool: Tool, arguments: dict[str, Any],
                     context: ToolContext) -> tuple[ToolResult, CallToolResult]:
        result = tool.run(arguments, context)
        return result, to_call_result(result, context.settings.max_image_pixels, self.redact)

    def _why_not(self, tool: Tool) -> str:
        from ..tools.availability import tool_status

        return self.redact.text(tool_status(tool, self.runtime.manager).reason)

    async def check_tools(self) -> bool:
        """Look again at which tools can run; tell clients when that changed. True when it did."""
        now = await anyio.to_thread.run_sync(available, self.registry, self.runtime.manager)
        if now == self.runnable:
            return False
        gained, lost = sorted(now - self.runnable), sorted(self.runnable - now)
        log.info("tools changed: now runnable %s, no longer %s", gained or "-", lost or "-")
        self.runnable = now
        if not self.list_all:
            await self.bus.publish(ToolsListChanged())
            for connection in list(self._connections):
                with contextlib.suppress(Exception):  # a client that went away
                    await connection.send_tool_list_changed()
        return True

    async def _remember_connection(self, ctx: Any, call_next: Any) -> Any:
        connection = sdk.connection(ctx)
        if connection is not None and connection not in self._connections and hasattr(connection,
                                                                                      "send_tool_list_changed"):
            self._connections.add(connection)
        return await call_next(ctx)

    # -- resources: the knowledge files -----------------------------------------------------------------
    async def list_resources(self) -> list[MCPResource]:
        return await self._guarded(self.knowledge_files.list)

    async def list_resource_templates(self) -> list[MCPResourceTemplate]:
        return [self.knowledge_files.template(), self.knowledge_files.transcript_template()]

    async def read_resource(self, uri: Any, context: Context | None = None) -> Iterable[ReadResourceContents]:
        try:
            if str(uri).startswith(f"{TRANSCRIPT_SCHEME}:"):
                content, mime = await self._guarded(self.knowledge_files.transcript, str(uri),
                                                    self.tool_context.knowledge)
            else:
                content, mime = await self._guarded(self.knowledge_files.read, str(uri))
        except ResourceError as exc:
            raise type(exc)(self.redact.text(str(exc))) from None
        return [ReadResourceContents(content=content, mime_type=mime)]

    async def _guarded(self, work: Callable[..., Any], *args: Any) -> Any:
        """`work` in a worker thread; an unexpected failure becomes one redacted line (the SDK would send
        the exception's own text, which may name server paths)."""
        try:
            return await anyio.to_thread.run_sync(work, *args)
        except (MCPError, ResourceError):
            raise
        except Exception as exc:
            log.exception("%s failed", getattr(work, "__name__", "request"))
            raise MCPError(INTERNAL_ERROR, self.redact.text(f"{type(exc).__name__}: {exc}")) from None

    # -- prompts and completions ------------------------------------------------------------------------
    async def list_prompts(self) -> list[MCPPrompt]:
        return prompts.list_prompts()

    async def get_prompt(self, name: str, arguments: dict[str, Any] | None = None,
                         context: Context | None = None) -> GetPromptResult:
        return await self._guarded(prompts.get_prompt, name, arguments, self.folder_files)

    async def _complete(self, ref: Any, argument: Any, context: Any) -> Any:
        name = getattr(ref, "name", None) or getattr(ref, "uri", "")
        templates = {self.knowledge_files.template().uri_template: prompts.ANY,
                     self.knowledge_files.transcript_template().uri_template: "audio"}
        return await anyio.to_thread.run_sync(prompts.complete, str(ref.type), str(name), str(argument.name),
                                              str(argument.value), self.folder_files, templates)


def _mcp_tool(tool: Tool) -> MCPTool:
    hints = tool.hints
    annotations = ToolAnnotations(title=tool.title, read_only_hint=hints.read_only,
                                  destructive_hint=None if hints.read_only else hints.destructive,
                                  idempotent_hint=hints.idempotent, open_world_hint=hints.open_world)
    return MCPTool(name=tool.name, title=tool.title, description=tool.description, input_schema=tool.parameters,
                   output_schema=tool.output_schema, annotations=annotations)


@contextlib.asynccontextmanager
async def _watching(server: MCPServer) -> AsyncIterator[dict[str, Any]]:
    """While the server serves: look for tools whose models appeared or went away."""
    assert isinstance(server, AssistantMCP)
    interval = server.runtime.settings.mcp_tools_check_s

    async def watch() -> None:
        while True:
            await anyio.sleep(interval)
            try:
                await server.check_tools()
            except Exception:  # never the end of the server
                log.warning("checking which tools can run failed", exc_info=True)

    async with anyio.create_task_group() as group:
        group.start_soon(watch)
        try:
            yield {}
        finally:
            group.cancel_scope.cancel()


def build_server(runtime: Runtime) -> AssistantMCP:
    """The server for a process that serves MCP (the `assistant mcp` command)."""
    # Logging notifications still reach every client on the handshake protocol versions (what Claude Desktop,
    # Claude Code and Cursor speak); the SDK flags the capability as deprecated for the 2026 revision.
    warnings.filterwarnings("ignore", message="The logging capability is deprecated", category=MCPDeprecationWarning)
    logs.install_bridge()
    return AssistantMCP(runtime)


def serve_stdio(server: AssistantMCP) -> int:
    """JSON-RPC on stdout, nothing else: the SDK points fd 1 at stderr while it serves, and logging goes to
    stderr (set up by the CLI). Lines that are not JSON-RPC get their error (`stdio.py`)."""
    from .stdio import run_stdio

    log.info("serving MCP over stdio (%d tools)", len(server.served()))
    try:
        anyio.run(run_stdio, server)
    except KeyboardInterrupt:
        pass
    return 0


# -- notifications ---------------------------------------------------------------------------------------
def _progress_bridge(context: Context | None, name: str, cancelled: Callable[[], bool],
                     redact: Callable[[str], str]):
    """ToolContext.progress for a call: runs in the worker thread, sends the notification (its message
    redacted like results: an agent's sentence may name a server path) from the loop; nothing once the call
    is cancelled."""
    if context is None:
        return None
    failed = False

    def progress(done: float, total: float | None = None, message: str | None = None) -> None:
        nonlocal failed
        if failed or cancelled():
            return
        try:
            anyio.from_thread.run(context.report_progress, float(done),
                                  None if total is None else float(total), None if message is None else redact(message))
        except Exception as exc:  # the client went away, or no event loop: the tool carries on regardless
            failed = True
            log.debug("tool %s: progress not sent (%s)", name, exc)

    return progress
