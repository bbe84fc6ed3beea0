"""The agent's side of external MCP servers' tools (a part of `Agent`, kept apart): which tools there are as each
turn begins, looking a tool up by either of its names, and the call asked about in the last reply, run on the
user's yes (`answer_pending`). The tools themselves, the names models see and yes or no: `external.py`."""

from __future__ import annotations

from collections.abc import Generator, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..cancel import Cancel
from ..contracts import ToolCall
from ..tools.registry import Tool, ToolContext
from .events import AgentEvent, ToolCallFinished
from .external import ExternalMcpTool, external_tools, wire_name, yes_or_no
from .messages import as_openai_call, user_message

if TYPE_CHECKING:
    from ..mcp_client import McpClients
    from ..roles import ChatModel
    from ..routing import Planner

DECLINED = "Okay, I won't."
FIRST_TURN_WAIT_S = 3.0  # the first turn waits this long at most for external servers still starting


@dataclass
class PendingCall:
    """An external tool call waiting for the user's yes or no (asked in the reply before)."""

    call: ToolCall
    question: str


@dataclass(frozen=True)
class Checkpoint:
    """The conversation at a moment (`Agent.checkpoint`): its messages, and the call waiting for a yes."""

    history: list[dict[str, Any]]
    pending: PendingCall | None = None


class ExternalCalls:
    """What `Agent` does with external tools; `Agent` holds the state (`mcp`, `external`, `pending`)."""

    tools: dict[str, Tool]
    external: dict[str, Tool]
    mcp: McpClients | None
    pending: PendingCall | None
    context: ToolContext
    _waited_for_servers: bool

    if TYPE_CHECKING:  # (Agent's own)
        @property
        def planner(self) -> Planner | None: ...

        @property
        def history(self) -> list[dict[str, Any]]: ...

        def chat_model(self) -> ChatModel: ...

        def say(self, text: str, started: float, timings: dict[str, float]) -> Iterator[AgentEvent]: ...

        def finish(self, reply: str, calls_done: list[ToolCallFinished], interrupted: bool, started: float,
                   timings: dict[str, float]) -> Iterator[AgentEvent]: ...

        def call(self, call: ToolCall, index: int, stop: Cancel | None, timings: dict[str, float],
                 record: bool = True) -> Generator[AgentEvent, None, ToolCallFinished]: ...

        def generate(self, llm: ChatModel, offer_tools: list[dict] | None, stop: Cancel | None, started: float,
                     timings: dict[str, float], tool_choice: Any = "auto", messages: Any = None
                     ) -> Generator[AgentEvent, None, tuple[str, list[ToolCall], bool]]: ...

    def answer_pending(self, text: str, images: list | None, stop: Cancel | None, started: float,
                       timings: dict[str, float]) -> Generator[AgentEvent, None, bool]:
        """The call asked about in the last reply: a yes runs it, a no drops it (said); anything else drops it and
        is a new request (False: the turn goes on as one)."""
        pending, self.pending = self.pending, None
        if pending is None or images:
            return False
        answer = yes_or_no(text)
        if answer == "yes":
            yield from self._confirmed(pending, text, stop, started, timings)
            return True
        if answer == "no":
            self.history.append(user_message(text, None))
            yield from self.say(DECLINED, started, timings)
            yield from self.finish(DECLINED, [], False, started, timings)
            return True
        return False

    def tool(self, name: str) -> Tool | None:
        """A tool by its name (`server.tool` for an external one) or by the name the model saw (`server__tool`)."""
        found = self.tools.get(name) or self.external.get(name)
        if found is None and name not in self.tools:
            found = next((t for t in self.external.values() if wire_name(t.name) == name), None)
        return found

    def _tool(self, name: str) -> Tool:
        found = self.tool(name)
        if found is None:
            raise KeyError(name)
        return found

    def refresh_external(self) -> None:
        """The external tools as they are now (a server connected late, its tool list changed, it died). The
        servers start on the first call (in the background); the first turn waits a little for those still
        starting."""
        if self.mcp is None:
            self.external = {}
            return
        self.mcp.start()
        if not self._waited_for_servers:
            self._waited_for_servers = True
            self.mcp.wait_ready(FIRST_TURN_WAIT_S)
        self.external = _distinct(self.tools, external_tools(self.mcp))
        if self.planner is not None:  # the router's candidates too (routing/external.py): their servers' examples
            servers = self.context.settings.mcp_servers
            self.planner.use_external(self.external, {name: s.examples for name, s in servers.items()})

    def _confirmed(self, pending: PendingCall, text: str, stop: Cancel | None, started: float,
                   timings: dict[str, float]) -> Iterator[AgentEvent]:
        """The user said yes: the call asked about runs (if its server still has the tool), and the model
        answers from its result, offered no tools."""
        llm = self.chat_model()
        self.refresh_external()
        call = pending.call
        self.history.append(user_message(text, None))
        if call.name not in self.external:  # its server went away meanwhile: the call gives the error
            self.external[call.name] = self._gone(call.name)
        if self.planner is not None:  # a routed turn's call: run and answered as the router's are
            from .routed_external import run_external

            yield from run_external(self, call, llm, stop, started, timings)  # type: ignore[arg-type]
            return
        self.history.append({"role": "assistant", "content": "", "tool_calls": [self._as_sent(call, 0)]})
        finished = yield from self.call(call, 0, stop, timings)
        if stop is not None and stop.is_set():
            yield from self.finish("", [finished], True, started, timings)
            return
        reply, _, interrupted = yield from self.generate(llm, None, stop, started, timings, "none")
        yield from self.finish(reply, [finished], interrupted, started, timings)

    def _gone(self, name: str) -> Tool:
        from ..mcp_client import ExternalTool

        server, _, tool = name.partition(".")
        assert self.mcp is not None
        return ExternalMcpTool(self.mcp, ExternalTool(name, server, tool, "", None, {}))

    def _as_sent(self, call: ToolCall, index: int) -> dict[str, Any]:
        """The call as the model's own message (named as the model saw the tool)."""
        return as_openai_call(ToolCall(wire_name(call.name), call.arguments), index)


def _distinct(local: dict[str, Tool], found: dict[str, Tool]) -> dict[str, Tool]:
    """The external tools whose names, as models see them (`wire_name`), are no other tool's: of two that would
    read the same ("a__b.c" and "a.b__c"), neither is offered (a call could not say which it meant)."""
    taken = {wire_name(name) for name in local}
    counts: dict[str, int] = {}
    for name in found:
        counts[wire_name(name)] = counts.get(wire_name(name), 0) + 1
    return {name: tool for name, tool in found.items()
            if name not in local and counts[wire_name(name)] == 1 and wire_name(name) not in taken}

