"""Tools: typed functions the agent and the MCP server both call, and the context they run in.

A tool is a plain function whose first parameter is its `ToolContext` (settings, models, the knowledge
base, progress, path confinement: passed in, never looked up) and whose other parameters are typed and
annotated; it returns a `contracts.ToolResult`:

    @tool("Search the user's knowledge folder ...")
    def search_knowledge(ctx: ToolContext, query: Annotated[str, Field(description="what to look for")],
                         limit: int = 5) -> ToolResult:
        ...

`@tool` makes a `Tool`: the JSON schema of its arguments comes from the signature (pydantic), so the
agent's chat template and MCP clients see the same schema, and `Tool.run(arguments, ctx)` validates them
and turns every failure into an error result. A `Tool` is also callable as the function itself
(`search_knowledge(ctx, query="lake")`), for tests. The list of tools is `tools.TOOLS`.
"""

from __future__ import annotations

import inspect
import logging
import threading
import time
import typing
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, ValidationError, create_model

from ..cancel import Cancel
from ..contracts import ToolResult
from ..errors import AssistantError, Cancelled, UnreadableRequest

if typing.TYPE_CHECKING:
    from ..routing_hints import Routing

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Hints:
    """What a tool does to the world, for clients deciding whether to ask the user first (MCP tool annotations)."""
    read_only: bool = True  # changes nothing (else: it writes, e.g. a file in the knowledge folder)
    destructive: bool = False  # may overwrite or delete what exists (only meaningful when not read-only)
    idempotent: bool = True  # the same call twice has no further effect
    open_world: bool = False  # reaches outside this machine (no tool here does)


class Tool:
    def __init__(self, name: str, description: str, func: Callable[..., ToolResult], examples: tuple[str, ...] = (),
                 keywords: tuple[str, ...] = (), requires: tuple[str, ...] = (), hints: Hints = Hints(),
                 title: str | None = None, for_agent: bool = True, output_schema: dict[str, Any] | None = None,
                 routing: Routing | None = None):
        self.name = name
        self.description = description
        self.func = func
        self.examples = examples  # requests this tool serves, in users' words (the router learns from them)
        self.keywords = keywords  # words (or word starts, several languages) that ask for this tool
        self.requires = requires  # the model roles it cannot run without (`tools.availability`)
        self.hints = hints
        self.title = title or name.replace("_", " ").capitalize()
        self.for_agent = for_agent  # offered to the chat model too (else: served to MCP clients only)
        self.output_schema = output_schema  # JSON schema of `ToolResult.data`, when the tool always gives data
        self.routing = routing  # how the router fills its arguments from a request (`routing_hints.py`)

    def __call__(self, ctx: ToolContext, /, **arguments: Any) -> ToolResult:
        """The function itself, unvalidated (tests call tools this way)."""
        return self.func(ctx, **arguments)

    def __repr__(self) -> str:
        return f"Tool({self.name!r})"

    @cached_property
    def arguments_model(self) -> type[BaseModel]:
        """A pydantic model of the arguments (every parameter after the context)."""
        hints = typing.get_type_hints(self.func, include_extras=True)
        params = list(inspect.signature(self.func).parameters.values())[1:]
        fields: dict[str, Any] = {
            p.name: (hints[p.name], ... if p.default is inspect.Parameter.empty else p.default) for p in params}
        return create_model(f"{self.name}_arguments", __config__=ConfigDict(extra="forbid"), **fields)

    @cached_property
    def parameters(self) -> dict[str, Any]:
        """JSON schema of the arguments."""
        schema = self.arguments_model.model_json_schema()
        out = {"type": "object", "properties": schema.get("properties", {}), "required": schema.get("required", []),
               "additionalProperties": False}
        if "$defs" in schema:
            out["$defs"] = schema["$defs"]
        return out

    def openai_schema(self) -> dict[str, Any]:
        return {"type": "function",
                "function": {"name": self.name, "description": self.description, "parameters": self.parameters}}

    def run(self, arguments: dict[str, Any], ctx: ToolContext) -> ToolResult:
        """Validate the arguments and call the tool; every failure becomes an error result, never a raise."""
        started = time.perf_counter()
        try:
            ctx.check()  # taken back while it waited for a thread
            valid = self.arguments_model.model_validate(arguments or {})
            result = self.func(ctx, **{name: getattr(valid, name) for name in type(valid).model_fields})
        except ValidationError as exc:
            known = list(self.arguments_model.model_fields)
            result = ToolResult.error(f"bad arguments for {self.name}: {_validation_message(exc, known)}",
                                      unreadable=True)
        except UnreadableRequest as exc:  # the request is no calculation, no date, ...: another tool may read it
            result = ToolResult.error(str(exc), unreadable=True)
        except AssistantError as exc:
            result = ToolResult.error(str(exc))
        except Exception as exc:  # a bug or a library failure: the caller gets one line, the log the trace
            log.exception("tool %s failed", self.name)
            result = ToolResult.error(f"{self.name} failed: {type(exc).__name__}: {exc}")
        if result.is_error:
            result.text = one_line(result.text)
        result.seconds = round(time.perf_counter() - started, 3)
        return result


def tool(description: str, name: str | None = None, examples: tuple[str, ...] = (),
         keywords: tuple[str, ...] = (), **details: Any) -> Callable[[Callable[..., ToolResult]], Tool]:
    """Make a function a tool. The description is written for a model: what it does, when to use it;
    `examples` are requests it serves, phrased as users do, and `keywords` words that ask for it
    (`routing.ToolRouter` picks tools by both). `details`: the other `Tool` fields (requires, hints, title,
    for_agent, output_schema, routing: how the router fills in the arguments, `routing_hints.Routing`)."""

    def make(func: Callable[..., ToolResult]) -> Tool:
        return Tool(name or func.__name__, inspect.cleandoc(description), func, tuple(examples), tuple(keywords),
                    **details)

    return make


# -- the context a tool runs in ---------------------------------------------------------------------
class ToolContext:
    """What tools may use: settings, the model registry, the knowledge base, progress, confined paths."""

    def __init__(self, settings, manager, knowledge=None,
                 progress: Callable[[float, float | None, str | None], None] | None = None,
                 cancelled: Callable[[], bool] | None = None, cancel: Cancel | None = None):
        self.settings = settings
        self.manager = manager
        self.cancelled = cancelled or (lambda: False)  # long tools look between steps, and stop (`check`)
        # The same as a signal, when the caller has one (the agent's tool calls): work that waits on something
        # else (an external MCP server's answer) registers a callback on it instead of looking
        self.cancel = cancel
        # Shared by every context derived with `with_progress`: one KnowledgeBase (one indexer lock, one
        # catalog connection) however many calls run at once, created once even when they race.
        self._shared = {"knowledge": knowledge, "lock": threading.Lock()}
        self.progress = progress or (lambda done, total, message: None)

    @property
    def knowledge(self):
        shared = self._shared
        if shared["knowledge"] is None:
            with shared["lock"]:
                if shared["knowledge"] is None:
                    from ..knowledge.base import KnowledgeBase

                    shared["knowledge"] = KnowledgeBase(self.settings, self.manager)
        return shared["knowledge"]

    def with_progress(self, progress, cancelled: Callable[[], bool] | None = None,
                      cancel: Cancel | None = None) -> ToolContext:
        derived = ToolContext(self.settings, self.manager, None, progress, cancelled, cancel)
        derived._shared = self._shared
        return derived

    def check(self) -> None:
        """Stop here (raise Cancelled) if the caller took the request back."""
        if self.cancelled():
            raise Cancelled("cancelled by the caller")

    def knowledge_file(self, name: str, what: str = "file") -> Path:
        """A path inside the knowledge folder, or an InputError (no '..', absolute paths, escaping symlinks)."""
        from .paths import confine

        return confine(self.settings.knowledge_dir, name, what)


MAX_ERROR_CHARS = 500


def one_line(message: str) -> str:
    """An error for a model or a person: one line, bounded (library messages can span a screen)."""
    line = " ".join(str(message).split()) or "unknown error"
    return line if len(line) <= MAX_ERROR_CHARS else line[: MAX_ERROR_CHARS - 1] + "…"


def _validation_message(exc: ValidationError, known: list[str]) -> str:
    parts = []
    for err in exc.errors():
        where = ".".join(str(p) for p in err["loc"]) or "arguments"
        if err["type"] == "extra_forbidden":
            parts.append(f"{where}: unexpected argument (the arguments are {', '.join(known)})")
        elif err["type"] == "missing":
            parts.append(f"{where}: missing (a required argument)")
        else:
            parts.append(f"{where}: {err['msg']}")
    return "; ".join(parts)
