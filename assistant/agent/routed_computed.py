"""A routed turn whose answer is computed from what the conversation or the files said: arithmetic over the amounts
earlier answers gave ("so how much is left after the deposit?"), the days between two dates they said, an amount
they said in another unit ("what's that in miles?"), and arithmetic over what a look-up found ("I've paid 150
already, how much is left?" of a note with the price). The common shapes (a difference, a share, a total) are
code's (`grounding/shaped.py`); else, over what the conversation said, the model writes the expression, each of its
numbers one that was said (`grounding/worked_out.py`). A tool computes it, said as it is and cited where the amounts
were found.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Generator, Iterator
from typing import TYPE_CHECKING, Any

from ..contracts import Citation, ToolCall
from ..grounding import converted, personal, worked_out
from ..grounding.shaped import shape_of, shaped_dates, shaped_expression, shaped_times, states_it
from ..routing import failure_reply
from .events import AgentEvent
from .messages import user_message

if TYPE_CHECKING:
    from ..grounding.evidence import Evidence
    from ..routing_hints import Routing
    from .core import Agent
    from .events import ToolCallFinished
    from .routed import RoutedTurn


def may_work_out(turn: RoutedTurn, tool: str | None, arguments: dict[str, Any]) -> bool:
    """A follow-up that asks for arithmetic over amounts (or dates) it does not give ("what's that per night?", "so
    how much is left after the deposit?", "how many days later is that?"), which no tool, a computing tool or a search
    was chosen for, or a file's tool that no file was named for (not "add page 3 of the manual"), nor a picture; it
    refers back, or the calculator it was given cannot read it alone."""
    routing = turn.agent.tools[tool].routing if tool in turn.agent.tools else None
    computes = routing is None or routing.works_out or (routing.picture is None and (
        routing.file is None or routing.file.argument not in arguments))
    if turn.subject is None or not computes or not (
            worked_out.asks_to_work_out(turn.text) or worked_out.asks_to_count_days(turn.text) is not None or
            worked_out.asks_how_long(turn.text)):
        return False
    # it refers back, or the calculator chosen cannot read it alone ("what's the average of the three months?": the
    # amounts were said before; the calculator is asked quietly, in a millisecond)
    return personal.refers_back(turn.text) or (tool is not None and routing is not None and routing.works_out and
                                               turn.agent.run_tool(ToolCall(tool, arguments), turn.stop).unreadable)


def worked_out_turn(turn: RoutedTurn) -> Generator[AgentEvent, None, bool]:
    """Arithmetic over the conversation's facts: a common shape worked out by code, else the model writes the
    expression (or names the two dates whose days apart are asked), code checks that each of its numbers (or dates)
    was said, and a tool computes it. False (nothing done) when there is no such tool, nothing of the kind was said,
    or the model reaches for what nobody said."""
    agent, text = turn.agent, turn.text
    unit = worked_out.asks_to_count_days(text)  # ("how long after the move is the handover?": days)
    how_long = unit is None and worked_out.asks_how_long(text) and not worked_out.asks_to_work_out(text)
    if how_long:  # (nothing done when the thread said no two times: "how long is the drive?" is looked up as before)
        return (yield from _time_between(turn))
    facts = agent.conversation.recent_facts()
    tool = computing_tool(agent, lambda r: r.counts_days if unit else r.works_out)
    if tool is None or (unit is None and not worked_out.facts_hold_numbers(facts)):
        return False
    name, argument = tool
    started = time.perf_counter()
    if unit is not None:
        dates = shaped_dates(text, agent.conversation.recent_exchanges(), personal.refers_back, facts) or \
            worked_out.written_dates(turn.llm, text, facts, turn.stop)  # (the two the thread said, else the model's)
        asked = f"How many {unit} are there from {dates[0]} to {dates[1]}?" if dates else None
    else:
        schema = next(s for s in agent.tool_schemas() if s["function"]["name"] == name)
        # "per month" of the newest yearly amount is code's, so are the common shapes; else what was said goes to
        # the model first: the passages behind it hold other amounts too ("Deposit: 2,370" beside the rent), which
        # the 0.5B takes
        answers = agent.conversation.recent_facts(evidence=False)
        asked = (worked_out.per_period(text, facts) if worked_out.only_a_period(text) else None) or \
            shaped_expression(text, agent.conversation.recent_exchanges(), personal.refers_back)
        if asked is None and personal.refers_back(text) and shape_of(text) != "times":  # (the model writes one only
            # for a follow-up, and not for what a count comes to: "how much did the 2 chairs cost?" is looked up)
            asked = (worked_out.written_expression(turn.llm, text, answers, schema, turn.stop)
                     if worked_out.facts_hold_numbers(answers) else None) or \
                worked_out.written_expression(turn.llm, text, facts, schema, turn.stop)
    turn.timings["decide_s"] = turn.timings.get("decide_s", 0.0) + time.perf_counter() - started
    if asked is None:
        return False
    said_in = None if unit else converted.counted_unit(text) or worked_out.period_asked(text)
    agent.history.append(user_message(text, None))
    yield from computed(turn, name, argument, asked, said_in)
    return True


def _time_between(turn: RoutedTurn) -> Generator[AgentEvent, None, bool]:
    """"So how many hours is that from the start?": how long it is between the two times of day the thread said,
    counted by the clock tool; False (nothing done) when it did not say exactly two."""
    span = shaped_times(turn.text, turn.agent.conversation.recent_exchanges(), personal.refers_back)
    tool = computing_tool(turn.agent, lambda r: r.counts_days)
    if span is None or tool is None:
        return False
    turn.agent.history.append(user_message(turn.text, None))
    yield from computed(turn, tool[0], tool[1], f"How long is it from {span[0]} to {span[1]}?")
    return True


def worked_out_from(turn: RoutedTurn, evidence: Evidence, done: ToolCallFinished) -> Generator[AgentEvent, None, bool]:
    """A question that asks to work something out from what a look-up found ("I've paid 150 already, how much is
    left?", "what percentage of the list has paid?"): the evidence's answering sentences, as this turn's answer in the
    conversation's thread, give the amounts, and code works out a difference with the question's own amount, a share
    or a share-out, when exactly the amounts it needs are there. False (nothing done: the turn answers from the
    evidence, or says it found nothing, as any other) for any other question."""
    agent, text = turn.agent, turn.text
    tool = computing_tool(agent, lambda r: r.works_out)
    found, shape = evidence.text, shape_of(text)
    if tool is None or not worked_out.asks_to_work_out(text) or worked_out.only_a_period(text) or \
            states_it(text, found) or shape not in ("difference", "percent", "per", "times") or \
            (shape == "difference" and not worked_out.amounts_in(text)):
        return False  # (a comparison is with what the conversation said: the passage may hold the other side's
        # amount, or another altogether: "how much cheaper is Kessler?" of a note with his quote and his deposit; a
        # passage's amounts added up are seat numbers and prices alike: "voiture 14 place 82, 39 €")
    name, argument = tool
    started = time.perf_counter()
    asked = shaped_expression(text, [*agent.conversation.recent_exchanges(), (text, found)], personal.refers_back)
    turn.timings["decide_s"] = turn.timings.get("decide_s", 0.0) + time.perf_counter() - started
    if asked is None:
        return False
    agent.conversation.keep_source(found, evidence.passage.citation)
    yield from computed(turn, name, argument, asked, converted.counted_unit(text), looked_up=done)
    return True


def converted_turn(turn: RoutedTurn, unit: str) -> Generator[AgentEvent, None, bool]:
    """A follow-up asking for what the conversation said in another unit ("what's that in miles?"): the newest
    amount it said that converts to that unit, converted by the tool (cited where the files said it). False
    (nothing done) without a converting tool or such an amount."""
    agent = turn.agent
    tool = computing_tool(agent, lambda r: r.converts)
    quantity = (converted.said_quantity(agent.conversation.recent_facts(evidence=False), unit) or  # what was said, then the
                converted.said_quantity(agent.conversation.recent_facts(), unit)) if tool is not None else None  # passages
    if tool is None or quantity is None:
        return False
    name, argument = tool
    agent.history.append(user_message(turn.text, None))
    yield from computed(turn, name, argument, f"{quantity} in {unit}")
    return True


def computing_tool(agent: Agent, does: Callable[[Routing], bool]) -> tuple[str, str] | None:
    """The tool whose routing says it does this computing, with the argument that takes what to compute."""
    return next(((name, t.routing.question) for name, t in agent.tools.items()
                 if t.routing is not None and t.routing.question and does(t.routing)), None)


def computed(turn: RoutedTurn, name: str, argument: str, asked: str, unit: str | None = None,
             looked_up: ToolCallFinished | None = None) -> Iterator[AgentEvent]:
    """The computing tool's answer to what the conversation (or this turn's look-up, `looked_up`) said (`asked`:
    "965 - 780", "390 km in miles"), said as it is (in the `unit` the question counted it in); the amounts (or
    dates) came from the user's files: cited like any answer from them."""
    agent = turn.agent
    call = ToolCall(name, {argument: asked})
    done = yield from agent.call(call, 0, turn.stop, turn.timings, record=False)
    thread = turn.subject
    if looked_up is None and thread is not None and thread.tool is not None and agent.reads_the_files(thread.tool):
        # a sum over what the files said is an aside: the next follow-up ("And who does the year-end accounts?")
        # is still about what was looked up
        agent.conversation.remember(thread.request, thread.tool, thread.arguments, thread.files, thread.root)
    elif looked_up is None:
        agent.conversation.remember(turn.text, name, call.arguments, [])
    if done.result.is_error:
        reply = failure_reply(agent.tools[name], done.result.text)
    else:
        cited: list[Citation] = worked_out.sources_of(asked, agent.conversation.recent_sources(), turn.text)
        said = converted.with_unit(done.result.text, unit) if unit else done.result.text
        reply = said + (f" ({'; '.join(c.label() for c in cited)})" if cited else "")
    yield from agent.finish(reply, [*([looked_up] if looked_up else []), done], False, turn.started, turn.timings,
                            say=True)
