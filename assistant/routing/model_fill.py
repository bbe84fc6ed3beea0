"""The chosen tool's arguments filled by the chat model instead of the word lists (`PromptPolicy.argument_filling
= "model"`, issue 24 item 5): the router keeps its choice of tool and says which of its arguments the request
gives; the model writes their values, decoded under the tool's JSON schema cut to those arguments, each required
(llama.cpp's grammar-constrained decoding: always a call, always valid JSON of that shape). Offered the whole
schema, the 0.5B model filled every optional argument (4096 x 4096 pixels, 150 steps, seed 4294967295) and took
12-40 s a call; without the tool's description it no longer copies that into a picture's prompt ("Create a new
picture from a text description"). Files stay real: a file argument that names no file in the knowledge folder is
the router's instead (resolved against the real files), or dropped. Nothing usable (stopped, empty): the router's
arguments as they were.

It costs one short generation per routed call, with the tool's schema in the prompt: see bench/tool_eval.py
(`--filling model`) for what it scores against the word lists and what it costs.
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Collection, Mapping
from typing import TYPE_CHECKING, Any

from ..chat import schemas
from .arguments import Request, Subject
from ..roles import forced_call
from .planner import Plan, _read_out

if TYPE_CHECKING:
    from ..roles import ChatModel, StopSignal
    from ..tools.registry import Tool

FILL_PROMPT = (
    "You fill in a tool call's arguments from the user's request. Keep only what the request is about, in the "
    "user's own words and language. Leave out greetings, hesitations (um, like, so), politeness (please, could you, "
    "thanks) and the words that ask for the tool (draw, make an image of, search my notes for).\n"
    "Examples:\n"
    '"hey can you please draw me a dog on a skateboard" -> prompt: "a dog on a skateboard"\n'
    '"um so do I have anything about the tax return in my files?" -> query: "tax return"\n'
    '"Zeichne mir bitte einen roten Apfel" -> prompt: "einen roten Apfel"')
FILL_TOKENS = 120  # a call's arguments are a line or two
_FILE_NAME = re.compile(r"^[^\s]+\.[A-Za-z][A-Za-z0-9]{1,4}$")  # "photos/lake.jpg", not "a lake at 3.5 bar"


def model_filled(plan: Plan, tool: Tool, llm: ChatModel, request: str, subject: Subject | None,
                 files: Collection[str], compact: bool = True, stop: StopSignal | None = None,
                 timings: dict[str, float] | None = None) -> Plan:
    """`plan` with the arguments the model wrote for `plan.tool` (its tool choice kept); the time it took is
    added to the decision's (`timings`: "fill_s", and "decide_s")."""
    if not plan.arguments:  # nothing to fill in
        return plan
    started = time.perf_counter()
    written = forced_call(llm, _messages(request, subject), _schema(tool, plan.arguments, compact), FILL_TOKENS, stop)
    if timings is not None:
        timings["fill_s"] = time.perf_counter() - started
        timings["decide_s"] = timings.get("decide_s", plan.seconds) + timings["fill_s"]
    arguments = checked(written or {}, plan.arguments, tool, files)
    if not arguments:  # stopped, or nothing usable written
        return plan
    verbatim = _read_out(tool.routing, arguments) if tool.routing is not None else plan.verbatim
    return Plan(plan.tool, arguments, plan.reply, verbatim, plan.route, plan.seconds)


def checked(written: Mapping[str, Any], planned: Mapping[str, Any], tool: Tool,
            files: Collection[str]) -> dict[str, Any]:
    """The model's arguments that the tool has (no None, no empty text), each file argument a real file: one
    that is not is the router's instead (resolved against the real files), or left out."""
    known = tool.parameters.get("properties", {})
    declared = _file_argument(tool)
    real = set(files)
    arguments: dict[str, Any] = {}
    for key, value in written.items():
        if key not in known or value is None or (isinstance(value, str) and not value.strip()):
            continue
        if (key == declared or (isinstance(value, str) and _FILE_NAME.match(value.strip()))) and value not in real:
            if key in planned:
                arguments[key] = planned[key]
            continue
        arguments[key] = value
    if declared is not None and declared in planned and declared not in arguments:  # the model named none
        arguments[declared] = planned[declared]
    return arguments


def _file_argument(tool: Tool) -> str | None:
    return tool.routing.file.argument if tool.routing is not None and tool.routing.file is not None else None


def _schema(tool: Tool, planned: Mapping[str, Any], compact: bool) -> dict[str, Any]:
    """The tool's schema cut to the arguments the router filled, each required, without the tool's description."""
    schema = schemas.compact(tool.openai_schema()) if compact else schemas.untitled(tool.openai_schema())
    function = schema["function"]
    given = {k: v for k, v in function["parameters"]["properties"].items() if k in planned}
    parameters = {"type": "object", "properties": given, "required": list(given), "additionalProperties": False}
    return {**schema, "function": {"name": function["name"], "parameters": parameters}}


def _messages(request: str, subject: Subject | None) -> list[dict[str, Any]]:
    """The instruction and the request; a follow-up ("make it a watercolour instead") also gets the request
    and call it follows."""
    messages: list[dict[str, Any]] = [{"role": "system", "content": FILL_PROMPT}]
    if subject is not None and subject.tool is not None and Request(request, (), subject).follow_up:
        messages += [{"role": "user", "content": subject.request},
                     {"role": "assistant", "content": "", "tool_calls": [{
                         "id": "call_0", "type": "function",
                         "function": {"name": subject.tool, "arguments": json.dumps(subject.arguments)}}]},
                     {"role": "tool", "content": "Done.", "tool_call_id": "call_0", "name": subject.tool}]
    messages.append({"role": "user", "content": request})
    return messages
