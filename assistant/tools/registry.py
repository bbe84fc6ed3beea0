"""The one tool registry, read by the agent and by the MCP server.

A tool is a plain function with typed, annotated arguments that returns a `ToolResult`:

    @tool("Search the user's knowledge folder ...")
    def search_knowledge(query: Annotated[str, Field(description="what to look for")], limit: int = 5) -> ToolResult:
        ctx = current()          # settings, models, knowledge base, progress, path confinement
        ...

The JSON schema comes from the signature (pydantic), so the agent's chat template and MCP clients see
the same schema. Adding a tool is one module and one `@tool`; `load_tools()` imports the modules.
"""

from __future__ import annotations

import contextvars
import importlib
import inspect
import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ConfigDict, ValidationError, validate_call

from ..errors import AssistantError

log = logging.getLogger(__name__)

TOOL_MODULES = ("describe_image", "generate_image", "knowledge", "transcribe_audio")


@dataclass
class Citation:
    file: str  # relative to the knowledge folder
    page: int | None = None


@dataclass
class ImageOut:
    path: Path
    caption: str  # always sent beside the image: many clients drop images
    mime: str = "image/png"


@dataclass
class ToolResult:
    text: str  # what the model reads
    images: list[ImageOut] = field(default_factory=list)
    citations: list[Citation] = field(default_factory=list)
    data: dict[str, Any] | None = None  # structured result for programs
    is_error: bool = False
    seconds: float = 0.0

    @classmethod
    def error(cls, message: str) -> ToolResult:
        return cls(text=message, is_error=True)


@dataclass(frozen=True)
class Tool:
    name: str
    description: str
    func: Callable[..., ToolResult]

    @property
    def parameters(self) -> dict[str, Any]:
        """JSON schema of the arguments."""
        return _schema(self.func)

    def openai_schema(self) -> dict[str, Any]:
        return {"type": "function",
                "function": {"name": self.name, "description": self.description, "parameters": self.parameters}}

    def run(self, arguments: dict[str, Any], context: ToolContext) -> ToolResult:
        """Validate the arguments and call the tool; every failure becomes an error result, never a raise."""
        started = time.perf_counter()
        token = _current.set(context)
        try:
            result = _validated(self.func)(**(arguments or {}))
        except ValidationError as exc:
            result = ToolResult.error(f"bad arguments for {self.name}: {_validation_message(exc)}")
        except AssistantError as exc:
            result = ToolResult.error(str(exc))
        except Exception as exc:  # a bug or a library failure: the caller gets one line, the log the trace
            log.exception("tool %s failed", self.name)
            result = ToolResult.error(f"{self.name} failed: {type(exc).__name__}: {exc}")
        finally:
            _current.reset(token)
        if result.is_error:
            result.text = _one_line(result.text)
        result.seconds = round(time.perf_counter() - started, 3)
        return result


REGISTRY: dict[str, Tool] = {}


def tool(description: str, name: str | None = None) -> Callable[[Callable[..., ToolResult]], Callable[..., ToolResult]]:
    """Register a function as a tool. The description is written for a model: what it does, when to use it."""

    def register(func: Callable[..., ToolResult]) -> Callable[..., ToolResult]:
        tool_name = name or func.__name__
        REGISTRY[tool_name] = Tool(tool_name, inspect.cleandoc(description), func)
        return func

    return register


def load_tools() -> dict[str, Tool]:
    for module in TOOL_MODULES:
        importlib.import_module(f"{__package__}.{module}")
    return REGISTRY


# -- the context a tool runs in ---------------------------------------------------------------------
_current: contextvars.ContextVar[ToolContext] = contextvars.ContextVar("tool_context")


def current() -> ToolContext:
    try:
        return _current.get()
    except LookupError:
        raise RuntimeError("a tool was called outside Tool.run()") from None


class ToolContext:
    """What tools may use: settings, the model registry, the knowledge base, progress, confined paths."""

    def __init__(self, settings, manager, knowledge=None,
                 progress: Callable[[float, float | None, str | None], None] | None = None):
        self.settings = settings
        self.manager = manager
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

    def with_progress(self, progress) -> ToolContext:
        derived = ToolContext(self.settings, self.manager, None, progress)
        derived._shared = self._shared
        return derived

    def knowledge_file(self, name: str, what: str = "file") -> Path:
        """A path inside the knowledge folder, or an InputError (no '..', absolute paths, escaping symlinks)."""
        from .paths import confine

        return confine(self.settings.knowledge_dir, name, what)


def _validated(func: Callable) -> Callable:
    cached = getattr(func, "__validated__", None)
    if cached is None:
        cached = validate_call(func, config=ConfigDict(arbitrary_types_allowed=True, extra="forbid"))
        func.__validated__ = cached
    return cached


def _schema(func: Callable) -> dict[str, Any]:
    from pydantic import TypeAdapter

    adapter = TypeAdapter(func, config=ConfigDict(arbitrary_types_allowed=True))
    schema = adapter.json_schema()
    schema.pop("additionalProperties", None)
    return {"type": "object", "properties": schema.get("properties", {}), "required": schema.get("required", []),
            "additionalProperties": False}


MAX_ERROR_CHARS = 500


def _one_line(message: str) -> str:
    """An error for a model or a person: one line, bounded (library messages can span a screen)."""
    line = " ".join(str(message).split()) or "unknown error"
    return line if len(line) <= MAX_ERROR_CHARS else line[: MAX_ERROR_CHARS - 1] + "…"


def _validation_message(exc: ValidationError) -> str:
    parts = []
    for err in exc.errors():
        where = ".".join(str(p) for p in err["loc"]) or "arguments"
        parts.append(f"{where}: {err['msg']}")
    return "; ".join(parts)
