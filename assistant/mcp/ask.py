"""ask_assistant: one turn of the local agent (the workstation's chat model with its tools), for other assistants.

The agent sits above the tools, so this tool is not in their list (`tools.TOOLS`): MCP serves it beside them
(`mcp_registry`), and the runtime hands it its agent (`Runtime.agent`, on the context of the call).
Each call is a conversation of its own (no memory between calls: the 2026 protocol is stateless, and two
clients must not read each other's turns). Progress reports what the turn is doing as it happens: each tool
call, then each sentence of the reply as it streams. A cancelled call stops the turn (`ToolContext.cancelled`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Annotated

from pydantic import Field

from ..contracts import Citation, ImageOut, ToolResult
from ..errors import InputError
from ..limits import MAX_REQUEST_CHARS
from ..tools.registry import Hints, Tool, ToolContext, tool

if TYPE_CHECKING:
    from ..agent import Agent
    from ..runtime import Runtime


def mcp_registry(runtime: Runtime) -> dict[str, Tool]:
    """The tools MCP serves, in the order clients see them: the registry's, then ask_assistant on the runtime's
    agent."""
    ask = ask_assistant(lambda context: runtime.agent(context=context))
    return {**runtime.tools, ask.name: ask}


def ask_assistant(agent: Callable[[ToolContext], Agent]) -> Tool:
    """The ask_assistant tool; `agent(context)` gives each call a new agent whose tools run on `context`."""

    @tool("""
        Ask the user's local assistant to do something with its own tools and knowledge: it searches the
        user's files and PDFs, looks at or makes pictures, transcribes recordings, and answers in a few
        sentences with its sources. Use it for a request in plain words when you do not want to pick the
        tools yourself. Each call starts a new conversation.
        """, name="ask_assistant", requires=("llm", "text_embed"), title="Ask the local assistant",
        for_agent=False, hints=Hints(read_only=False, destructive=False, idempotent=False))
    def run(
        ctx: ToolContext,
        request: Annotated[str, Field(min_length=1, max_length=MAX_REQUEST_CHARS,
                                      description="What to ask or ask for, as a person would say it, e.g. "
                                                  "'what do my notes say about the lake?'.")],
    ) -> ToolResult:
        request = " ".join(request.split())
        if not request:
            raise InputError("nothing to ask: the request is empty")
        quiet = ctx.with_progress(None, ctx.cancelled)  # the agent's own tool calls report nothing of their own
        return _turn(agent(quiet), request, ctx)

    return run


def _turn(agent: Agent, request: str, ctx: ToolContext) -> ToolResult:
    from ..agent import TextDelta, ToolCallFinished, ToolCallStarted, TurnDone
    from ..cancel import Cancel

    stop = Cancel()
    steps, sentence, done = 0, "", None

    def report(message: str) -> None:
        nonlocal steps
        steps += 1
        ctx.progress(steps, None, message)

    try:
        for event in agent.turn(request, stop=stop):
            if ctx.cancelled():
                stop.set()
            if isinstance(event, ToolCallStarted):
                report(f"calling {event.name}")
            elif isinstance(event, ToolCallFinished):
                report(f"{event.name} {'failed' if event.result.is_error else 'done'}")
            elif isinstance(event, TextDelta):
                sentence += event.text
                if sentence.rstrip().endswith((".", "!", "?", ":")) and len(sentence.strip()) > 1:
                    report(sentence.strip())
                    sentence = ""
            elif isinstance(event, TurnDone):
                done = event
    finally:
        agent.close()
    ctx.check()
    assert done is not None
    citations: dict[tuple[str, int | None], Citation] = {}
    images: list[ImageOut] = []
    for call in done.tool_calls:
        for citation in call.result.citations:
            citations.setdefault((citation.file, citation.page), citation)
        images.extend(call.result.images)
    reply = done.reply.strip() or "(no answer)"
    return ToolResult(
        text=reply, images=images, citations=list(citations.values()),
        data={"reply": reply, "tool_calls": [{"name": c.name, "arguments": c.arguments, "is_error": c.result.is_error,
                                              "seconds": c.result.seconds} for c in done.tool_calls]},
    )
