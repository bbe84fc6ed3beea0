"""An `MCPServer` built from the tool registry and the knowledge folder.

Tools: the registry is the only source. `tools/list` gives each registry tool's name, description and JSON schema
(`Tool.parameters`) unchanged, and `tools/call` goes through `Tool.run` (the registry's validation, path
confinement and error-as-result rules), in a worker thread so the event loop keeps serving other clients.
This overrides `MCPServer.list_tools`/`call_tool` (the public methods its request handlers delegate to) rather
than registering wrapper functions: a wrapper would be validated twice, by MCPServer's own argument model and
then by the registry, with a different message for the same mistake and a schema re-derived by other rules.

Results: the text (plus a "Sources" line per citation) as text content; each image as image content with its
caption as text right before it (many clients drop images), scaled down when large; the tool's structured data
as structured content; errors as `is_error` results with one line. Progress reported by a tool
(`ToolContext.progress`) hops back to the event loop as MCP progress notifications; each call ends with a
logging notification. Each tool may hold at most MAX_CALLS_PER_TOOL worker threads, so queued generations
cannot starve searches.

Resources: the knowledge files (`resources.py`), through the public `list_resources`/`read_resource`.
"""

from __future__ import annotations

import base64
import io
import logging
import warnings
from collections.abc import Iterable
from pathlib import Path
from typing import Any, Literal

import anyio
import anyio.from_thread
import anyio.to_thread
from mcp.server.lowlevel.helper_types import ReadResourceContents
from mcp.server.mcpserver import Context, MCPServer
from mcp.shared.exceptions import MCPDeprecationWarning
from mcp_types import (
    CallToolResult,
    ContentBlock,
    ImageContent,
    TextContent,
)
from mcp_types import Resource as MCPResource
from mcp_types import ResourceTemplate as MCPResourceTemplate
from mcp_types import Tool as MCPTool

from .. import __version__
from ..runtime import Runtime
from ..tools.registry import Tool, ToolContext, ToolResult
from .resources import KnowledgeResources

log = logging.getLogger(__name__)

SERVER_NAME = "spark-assistant"
INSTRUCTIONS = (
    "Tools of a local assistant running on the user's workstation: search the user's knowledge folder "
    "(notes, PDFs, images), look things up in PDFs with page citations, describe or answer questions about "
    "images, generate images, transcribe audio. File arguments are paths relative to the knowledge folder; "
    "the files are also listed as resources (knowledge:///path)."
)
# Images go back as they are when small enough for a client to show (and a model to read); larger ones are
# scaled down and sent as JPEG (a search can return several photos of many megabytes each).
MAX_IMAGE_SIDE = 1568
MAX_IMAGE_BYTES = 4_000_000
AS_IS = {"image/png", "image/jpeg", "image/gif", "image/webp"}
MAX_CALLS_PER_TOOL = 8  # worker threads one tool may hold: queued slow calls cannot starve the other tools


class AssistantMCP(MCPServer):
    """The registry's tools and the knowledge files, served over MCP."""

    def __init__(self, runtime: Runtime):
        super().__init__(name=SERVER_NAME, title="Spark Assistant", version=__version__, instructions=INSTRUCTIONS,
                         warn_on_duplicate_tools=False)
        self.runtime = runtime  # `self.settings` is MCPServer's own; the assistant's are runtime.settings
        self.registry: dict[str, Tool] = runtime.tools
        self.tool_context: ToolContext = runtime.context
        self.knowledge_files = KnowledgeResources(runtime.settings)
        self._limiters: dict[str, anyio.CapacityLimiter] = {}

    # -- tools ------------------------------------------------------------------------------------------
    async def list_tools(self) -> list[MCPTool]:
        return [MCPTool(name=t.name, description=t.description, input_schema=t.parameters)
                for t in self.registry.values()]

    def _tool_input_schema(self, name: str) -> dict[str, Any] | None:  # used for Mcp-Param header checks
        tool = self.registry.get(name)
        return None if tool is None else tool.parameters

    async def call_tool(self, name: str, arguments: dict[str, Any],
                        context: Context | None = None) -> CallToolResult:
        tool = self.registry.get(name)
        if tool is None:
            return error_result(f"unknown tool {name!r}; the tools are: {', '.join(self.registry)}")
        if not isinstance(arguments, dict):
            return error_result(f"bad arguments for {name}: expected an object")
        tool_context = self.tool_context.with_progress(_progress_bridge(context, name))
        limiter = self._limiters.get(name)
        if limiter is None:
            limiter = self._limiters[name] = anyio.CapacityLimiter(MAX_CALLS_PER_TOOL)
        try:
            # Tool.run never raises; to_call_result reads image files: both off the event loop.
            result, mapped = await anyio.to_thread.run_sync(_run_and_map, tool, arguments, tool_context,
                                                            limiter=limiter)
        except Exception as exc:  # a bug in the mapping: still a result, never a crashed session
            log.exception("tool %s: result mapping failed", name)
            return error_result(f"{name} failed: {type(exc).__name__}: {exc}")
        level: Literal["info", "warning"] = "warning" if result.is_error else "info"
        outcome = f"error: {result.text}" if result.is_error else f"done in {result.seconds:.2f} s"
        await _notify_log(context, level, f"{name}: {outcome}")
        return mapped

    # -- resources: the knowledge files -----------------------------------------------------------------
    async def list_resources(self) -> list[MCPResource]:
        return await anyio.to_thread.run_sync(self.knowledge_files.list)

    async def list_resource_templates(self) -> list[MCPResourceTemplate]:
        return [self.knowledge_files.template()]

    async def read_resource(self, uri: Any, context: Context | None = None) -> Iterable[ReadResourceContents]:
        content, mime = await anyio.to_thread.run_sync(self.knowledge_files.read, str(uri))
        return [ReadResourceContents(content=content, mime_type=mime)]


def build_server(runtime: Runtime) -> AssistantMCP:
    """The server for a process that serves MCP (the `assistant mcp` command)."""
    # Logging notifications still reach every client on the handshake protocol versions (what Claude Desktop,
    # Claude Code and Cursor speak); the SDK flags the capability as deprecated for the 2026 revision.
    warnings.filterwarnings("ignore", message="The logging capability is deprecated", category=MCPDeprecationWarning)
    return AssistantMCP(runtime)


def serve_stdio(server: AssistantMCP) -> int:
    """JSON-RPC on stdout, nothing else: the SDK points fd 1 at stderr while it serves, and logging goes to
    stderr (set up by the CLI)."""
    log.info("serving MCP over stdio (%d tools)", len(server.registry))
    try:
        anyio.run(server.run_stdio_async)
    except KeyboardInterrupt:
        pass
    return 0


# -- ToolResult -> MCP ----------------------------------------------------------------------------------
def _run_and_map(tool: Tool, arguments: dict[str, Any], context: ToolContext) -> tuple[ToolResult, CallToolResult]:
    result = tool.run(arguments, context)
    return result, to_call_result(result, context.settings.max_image_pixels)


def to_call_result(result: ToolResult, max_pixels: int = 100_000_000) -> CallToolResult:
    if result.is_error:
        return error_result(result.text)
    text = result.text
    if result.citations:
        sources = [f"- {c.file}" + (f" p.{c.page}" if c.page else "") for c in result.citations]
        text = f"{text}\n\nSources:\n" + "\n".join(dict.fromkeys(sources))
    content: list[ContentBlock] = [TextContent(type="text", text=text)]
    for image in result.images:
        caption = f"Image: {image.caption} ({image.path.name})"
        try:
            data, mime, note = image_payload(image.path, image.mime, max_pixels)
        except Exception as exc:  # unreadable now: the caption still says what it was
            log.warning("image %s not attached: %s", image.path, exc)
            content.append(TextContent(type="text", text=f"{caption} [image not attached: {_reason(exc)}]"))
            continue
        content.append(TextContent(type="text", text=caption + note))
        content.append(ImageContent(type="image", data=base64.b64encode(data).decode("ascii"), mime_type=mime))
    structured = None
    if isinstance(result.data, dict):
        structured = dict(result.data)
        if result.citations:
            structured.setdefault("citations", [{"file": c.file, "page": c.page} for c in result.citations])
    return CallToolResult(content=content, structured_content=structured, is_error=False)


def image_payload(path: Path, mime: str, max_pixels: int) -> tuple[bytes, str, str]:
    """(bytes, MIME type, caption note): the file itself when small enough, else a scaled-down JPEG."""
    from PIL import Image

    data = path.read_bytes()
    if mime in AS_IS and len(data) <= MAX_IMAGE_BYTES:
        with Image.open(io.BytesIO(data)) as probe:  # reads the header only
            if max(probe.size) <= MAX_IMAGE_SIDE:
                return data, mime, ""
    from ..knowledge.images import open_image

    picture = open_image(path, max_pixels, max_side=MAX_IMAGE_SIDE)  # pixel bombs refused before decoding
    out = io.BytesIO()
    picture.save(out, format="JPEG", quality=85)
    return out.getvalue(), "image/jpeg", f" [scaled to {picture.width}x{picture.height}]"


def _reason(exc: Exception) -> str:
    return " ".join((getattr(exc, "strerror", None) or str(exc) or type(exc).__name__).split())[:200]


def error_result(message: str) -> CallToolResult:
    line = " ".join(str(message).split()) or "unknown error"
    return CallToolResult(content=[TextContent(type="text", text=line)], is_error=True)


# -- notifications ---------------------------------------------------------------------------------------
def _progress_bridge(context: Context | None, name: str):
    """ToolContext.progress for a call: runs in the worker thread, sends the notification from the loop."""
    if context is None:
        return None
    failed = False

    def progress(done: float, total: float | None = None, message: str | None = None) -> None:
        nonlocal failed
        if failed:
            return
        try:
            anyio.from_thread.run(context.report_progress, float(done),
                                  None if total is None else float(total), message)
        except Exception as exc:  # the client went away, or no event loop: the tool carries on regardless
            failed = True
            log.debug("tool %s: progress not sent (%s)", name, exc)

    return progress


async def _notify_log(context: Context | None, level: Literal["info", "warning"], message: str) -> None:
    if context is None:
        return
    try:
        await context.log(level, message, logger_name=SERVER_NAME)
    except Exception as exc:  # no request context (in-process call) or a closed stream
        log.debug("log notification not sent (%s)", exc)
