"""External MCP servers' tools as the agent's own (`Tool`s named `server.tool`), and what the agent does around them:
asking before one that may change or delete something, and the names models that choose their own tools see.

- `external_tools(clients)`: the tools of the servers connected now, as `Tool`s: their run calls
  `McpClients.call` with the call's cancellation (`ToolContext.cancel`: the turn's stop, or the agent's time
  limit), its progress (`ToolContext.progress`) and the server's own timeout. Their hints come from the MCP
  annotations; none given: MCP's defaults (not read-only, destructive).
- `wire_name("calendar.create_event")` -> "calendar__create_event": function names in chat APIs are
  `^[a-zA-Z0-9_-]{1,64}$`; the schemas and the messages the model reads use it, everything else `server.tool`.
- `needs_confirmation(tool)`: a tool that is not read-only and may be destructive is asked about first
  (`confirmation_question`), and runs only after a yes (`yes_or_no`) in the user's next turn.
"""

from __future__ import annotations

import hashlib
import re
from typing import TYPE_CHECKING, Any, Literal

from ..contracts import ToolResult
from ..tools.registry import Hints, Tool, ToolContext, one_line
from ..words import ANSWER_POLITENESS, NO_PHRASES, NO_WORDS, YES_PHRASES, YES_WORDS, plain

if TYPE_CHECKING:
    from ..mcp_client import ExternalTool, McpClients

DESCRIPTION_AT_MOST = 1000  # characters of an external tool's description in the schemas a model reads
WIRE_SEPARATOR = "__"  # between server and tool in the function names models see
MAX_WIRE = 64
_NOT_WIRE = re.compile(r"[^A-Za-z0-9_-]")


def wire_name(name: str) -> str:
    """The function name a chat API takes for the tool `name` ("files.delete_note" -> "files__delete_note"); a
    local tool's name is its own. Too long: cut, with a short hash of the whole to keep it unique."""
    wired = _NOT_WIRE.sub("_", name.replace(".", WIRE_SEPARATOR, 1))
    if len(wired) > MAX_WIRE:
        wired = wired[: MAX_WIRE - 9] + "_" + hashlib.sha1(name.encode()).hexdigest()[:8]
    return wired


def hints_of(tool: ExternalTool) -> Hints:
    """`Hints` from the MCP annotations; what the server did not say is MCP's default (not read-only,
    destructive, not idempotent, open world)."""
    given = tool.annotations
    return Hints(read_only=given.read_only is True, destructive=given.destructive is not False,
                 idempotent=given.idempotent is True, open_world=given.open_world is not False)


class ExternalMcpTool(Tool):
    """One tool of an external MCP server, run through `McpClients` (validation is the server's own)."""

    def __init__(self, clients: McpClients, spec: ExternalTool):
        described = spec.description or spec.title or spec.tool  # (a server's description, bounded for the prompt)
        described = described if len(described) <= DESCRIPTION_AT_MOST else described[:DESCRIPTION_AT_MOST - 1] + "…"
        super().__init__(spec.name, described, self._call_function,
                         hints=hints_of(spec), title=spec.title or spec.tool)
        self.clients = clients
        self.spec = spec
        self.server = spec.server
        self.tool = spec.tool

    @property
    def parameters(self) -> dict[str, Any]:
        """The server's input schema, without the name its framework gave it ("create_eventArguments", which a
        small model filling the schema wrote in as the event's title)."""
        schema = {k: v for k, v in (self.spec.input_schema or {}).items() if k != "title"}
        schema.setdefault("type", "object")
        schema["properties"] = dict(schema.get("properties") or {})
        return schema

    def openai_schema(self) -> dict[str, Any]:
        return {"type": "function", "function": {"name": wire_name(self.name), "description": self.description,
                                                 "parameters": self.parameters}}

    def _call_function(self, ctx: ToolContext, /, **arguments: Any) -> ToolResult:
        return self.clients.call(self.name, arguments, progress=ctx.progress, cancel=ctx.cancel)

    def run(self, arguments: dict[str, Any], ctx: ToolContext) -> ToolResult:
        """Never raises: a server that failed, is gone, timed out or was cancelled gives an error result."""
        if ctx.cancelled():
            return ToolResult.error(f"{self.name}: cancelled by the caller")
        result = self.clients.call(self.name, dict(arguments or {}), progress=ctx.progress, cancel=ctx.cancel)
        if result.is_error:
            result.text = one_line(result.text)
        return result


def external_tools(clients: McpClients) -> dict[str, Tool]:
    """The tools of the servers connected now, by name (`server.tool`)."""
    return {spec.name: ExternalMcpTool(clients, spec) for spec in clients.tools() if spec.status == "connected"}


def needs_confirmation(tool: Tool) -> bool:
    """An external tool that may change or delete something (annotated destructive, or not annotated at all)."""
    return isinstance(tool, ExternalMcpTool) and not tool.hints.read_only and tool.hints.destructive


def confirmation_question(tool: ExternalMcpTool, arguments: dict[str, Any]) -> str:
    """ "Shall I run delete_note on the files server (name: 'notes.md')? Say yes or no." Every argument given is
    shown (what it acts on first), each cut short: the call runs with all of them, so none is hidden."""
    shown = [f"{key}: '{_short(arguments[key])}'" for key in _in_order(tool, arguments)]
    listed = f" ({', '.join(shown)})" if shown else ""
    return f"Shall I run {tool.tool} on the {tool.server} server{listed}? Say yes or no."


def _short(value: Any, most: int = 60) -> str:
    text = " ".join(str(value).split())
    return text if len(text) <= most else text[:most - 1] + "…"


def _in_order(tool: ExternalMcpTool, arguments: dict[str, Any]) -> list[str]:
    """The arguments given, the required ones (what the call acts on) first."""
    given = [k for k, v in arguments.items() if v is not None and v != ""]
    required = [k for k in tool.parameters.get("required") or [] if k in given]
    return required + [k for k in given if k not in required]


def yes_or_no(text: str) -> Literal["yes", "no"] | None:
    """ "yes" for a reply that is only a yes ("Yes.", "yeah, do it", "sure please", "oui", "sí"), "no" for one that
    is only a no ("no", "no thanks", "don't"), None for anything else (a new request)."""
    words = [w.strip("'") for w in re.findall(r"[\w']+", plain(text))]
    words = [w for w in words if w]
    if not words or len(words) > 8:
        return None
    said: set[str] = set()
    i = 0
    while i < len(words):
        for size in (4, 3, 2, 1):
            phrase = " ".join(words[i:i + size])
            if len(words) - i < size:
                continue
            if phrase in YES_PHRASES or (size == 1 and phrase in YES_WORDS):
                said.add("yes")
            elif phrase in NO_PHRASES or (size == 1 and phrase in NO_WORDS):
                said.add("no")
            elif size == 1 and phrase in ANSWER_POLITENESS:
                pass
            else:
                continue
            i += size
            break
        else:
            return None  # a word that is neither: a request
    if said == {"yes"}:
        return "yes"
    if said == {"no"}:
        return "no"
    return None
