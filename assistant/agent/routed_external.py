"""A routed turn whose request the router gave to an external MCP server's tool (issue 27, `routing/external.py`).

Its arguments are read from the request when the tool takes one string (`routing.external.words_arguments`), else
the chat model writes them under the tool's schema (`forced_call`, as `argument_filling = "model"` does for local
tools): a file name the request does not give is never written in. A tool that may change or delete something
(annotated destructive, or not annotated) is asked about first and runs on a yes in the next turn
(`ExternalCalls.answer_pending`); any other runs at once, through the same path as local tools (progress, the
turn's stop as its cancellation, the time limit). The model then answers from the result, offered no tools: nothing
in it calls another tool without the user's turn. A failure is said as it is.
"""

from __future__ import annotations

import time
from collections.abc import Collection, Generator, Iterator
from typing import TYPE_CHECKING, Any

from ..chat import schemas
from ..contracts import ToolCall
from ..roles import forced_call
from ..routing.digest import uncited_source
from ..routing.external import named_files
from ..routing.model_fill import FILL_PROMPT, FILL_TOKENS, checked
from .events import AgentEvent, TextDelta
from .external import ExternalMcpTool, confirmation_question, needs_confirmation, wire_name
from .external_calls import PendingCall
from .messages import as_openai_call, user_message

if TYPE_CHECKING:
    from ..cancel import Cancel
    from ..roles import ChatModel
    from ..routing import Plan
    from .core import Agent
    from .routed import RoutedTurn


def external_turn(turn: RoutedTurn, plan: Plan) -> Iterator[AgentEvent]:
    """The external tool the router chose: filled, asked about or run, and answered from its result."""
    agent, text = turn.agent, turn.text
    tool = agent.tool(str(plan.tool))
    assert isinstance(tool, ExternalMcpTool)
    turn.timings["decide_s"] = plan.seconds
    agent.history.append(user_message(text, None))
    arguments = dict(plan.arguments)
    if not arguments and tool.parameters.get("properties"):
        arguments = model_arguments(tool, turn.llm, text, turn.planner.files.names(), turn.stop, turn.timings)
    call = ToolCall(tool.name, arguments)
    agent.conversation.remember(text, call.name, call.arguments, [])
    if needs_confirmation(tool):  # asked first: it runs on a yes in the user's next turn
        question = confirmation_question(tool, arguments)
        agent.pending = PendingCall(call, question)
        yield from agent.finish(question, [], False, turn.started, turn.timings, say=True)
        return
    yield from run_external(agent, call, turn.llm, turn.stop, turn.started, turn.timings)


def model_arguments(tool: ExternalMcpTool, llm: ChatModel, text: str, files: Collection[str], stop: Cancel | None,
                    timings: dict[str, float]) -> dict[str, Any]:
    """The arguments the chat model writes for the request under the tool's schema (its description left out, as
    for local tools); a file name that is neither one the request gives nor one in the knowledge folder is dropped."""
    started = time.perf_counter()
    schema = schemas.compact(tool.openai_schema())
    function = {"name": schema["function"]["name"], "parameters": schema["function"]["parameters"]}
    messages = [{"role": "system", "content": FILL_PROMPT}, {"role": "user", "content": text}]
    written = forced_call(llm, messages, {**schema, "function": function}, FILL_TOKENS, stop)
    timings["fill_s"] = time.perf_counter() - started
    timings["decide_s"] = timings.get("decide_s", 0.0) + timings["fill_s"]
    return checked(written or {}, {}, tool, [*files, *named_files(text)])


def run_external(agent: Agent, call: ToolCall, llm: ChatModel, stop: Cancel | None, started: float,
                 timings: dict[str, float]) -> Generator[AgentEvent, None, None]:
    """The call, run as local tools are, and the model's answer from its result (offered no tools); a failure
    said as it is. The request is in the history already."""
    tool = agent.tool(call.name)
    if agent.policy.tool_results == "tool":  # (as routed calls are kept: `RoutedTurn._call`)
        agent.history.append({"role": "assistant", "content": "",
                              "tool_calls": [as_openai_call(ToolCall(wire_name(call.name), call.arguments), 0)]})
    done = yield from agent.call(call, 0, stop, timings)
    if stop is not None and stop.is_set():
        yield from agent.finish("", [done], True, started, timings)
        return
    if done.result.is_error:
        yield from agent.finish(failure_reply(tool, done.result.text), [done], False, started, timings, say=True)
        return
    reply, _, interrupted = yield from agent.generate(llm, None, stop, started, timings, "none")
    if not reply.strip() and not interrupted:  # nothing usable: the result's own first line
        first = done.result.text.strip().splitlines()[0] if done.result.text.strip() else "Done."
        reply = first if len(first) <= SAID_AT_MOST else first[:SAID_AT_MOST - 1].rsplit(" ", 1)[0] + "…"
        yield TextDelta(reply)
    elif not interrupted and (source := uncited_source(reply, done.result)):
        reply += source
        yield TextDelta(source)
    yield from agent.finish(reply, [done], interrupted, started, timings)


SAID_AT_MOST = 200  # characters of an external result said as it is, when the model wrote nothing


def failure_reply(tool: object, error: str) -> str:
    """ "Sorry, I couldn't run lookup on the files server: the MCP server files stopped during the call." """
    reason = error.strip().rstrip(".") or "it failed"
    if isinstance(tool, ExternalMcpTool):
        reason = reason.removeprefix(f"{tool.name}: ").removeprefix(f"{tool.name} ")
        what = f"run {tool.tool} on the {tool.server} server"
    else:
        what = "do that"
    return f"Sorry, I couldn't {what}: {reason[0].lower() + reason[1:]}."
