"""The agent: one conversation with the chat model, streaming, calling tools from the registry.

`Agent.turn(text)` yields events as they happen: text deltas (prose streams out while it is generated;
a reply that opens like a tool call is held back until it is known), tool calls and their results, and
a final `TurnDone`. Tool calls are parsed from the reply text (`chat/toolcalls.py`), run with a timeout, and
their results go back to the model as the model handles best (`tool_results`: "tool" messages for
models trained on them; a "user" message for small models that loop on tool messages). At most
`max_rounds` tool rounds per turn. A stop event ends generation promptly (barge-in); the history
then keeps only what the caller says was delivered, marked as interrupted.
"""

from __future__ import annotations

import concurrent.futures
import json
import threading
import time
from collections.abc import Generator, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .knowledge.images import png_data_uri
from .cancel import Cancel
from .chat.policy import PromptPolicy
from .chat.toolcalls import ToolCall, complete_tool_calls, parse_tool_calls, strip_tool_calls
from .tools.registry import Tool, ToolContext, ToolResult

if TYPE_CHECKING:
    from .models import ModelManager
    from .roles import ChatModel

SYSTEM_PROMPT = """You are spark-assistant, a voice assistant running on the user's own computer.
Answer briefly in plain spoken sentences: no Markdown tables, no code blocks, no lists unless asked.
When a tool fits the request, call it; otherwise answer directly. Cite files and pages you used."""

# Openings that mean "this reply may be a tool call": hold the text back until the reply is complete.
_CALL_OPENINGS = ("{", "[", "```", "<tool_call>", "<|tool_call|>")


@dataclass
class FirstToken:
    """The model's first token of the turn arrived (what it says may still be held back: a tool call)."""


@dataclass
class TextDelta:
    text: str


@dataclass
class ToolCallStarted:
    name: str
    arguments: dict[str, Any]


@dataclass
class ToolCallFinished:
    name: str
    arguments: dict[str, Any]
    result: ToolResult


@dataclass
class TurnDone:
    reply: str
    tool_calls: list[ToolCallFinished] = field(default_factory=list)
    interrupted: bool = False
    timings: dict[str, float] = field(default_factory=dict)


AgentEvent = FirstToken | TextDelta | ToolCallStarted | ToolCallFinished | TurnDone


class Agent:
    def __init__(self, manager: ModelManager, tools: dict[str, Tool], context: ToolContext,
                 policy: PromptPolicy | None = None, system_prompt: str = SYSTEM_PROMPT, max_rounds: int = 3,
                 tool_timeout: float = 300.0, max_new_tokens: int = 400):
        self.manager = manager
        self.tools = tools
        self.context = context
        self.policy = policy or PromptPolicy.from_options(manager.spec("llm").options)
        self.system_prompt = system_prompt
        self.max_rounds = max_rounds
        self.tool_timeout = tool_timeout
        self.max_new_tokens = max_new_tokens
        self.history: list[dict[str, Any]] = []
        self._pool = concurrent.futures.ThreadPoolExecutor(max_workers=2, thread_name_prefix="tool")

    def reset(self) -> None:
        """Forget the conversation (a new session)."""
        self.history.clear()

    def messages(self) -> list[dict[str, Any]]:
        return [{"role": "system", "content": self.system_prompt}, *self.history]

    def tool_schemas(self) -> list[dict[str, Any]]:
        compact = self.policy.compact_tools
        return [_compact(t.openai_schema()) if compact else _untitled(t.openai_schema()) for t in self.tools.values()]

    def context_budget(self, llm: ChatModel) -> int:
        """Prompt tokens a turn may use: the model's context (or the policy's `context_tokens`, which keeps a
        CPU model's prompts short enough to be quick) minus room for the reply."""
        limit = self.policy.context_tokens or llm.context_length
        return max(256, int(limit) - self.max_new_tokens)

    def warm_up(self) -> None:
        """Process the fixed start of every prompt (system prompt, tool schemas) once, so that a local
        model with prefix reuse answers the first real turn as quickly as the later ones."""
        self.manager.get("llm").warm([*self.messages(), {"role": "user", "content": "Hello."}], self.tool_schemas(),
                                     keep=True)

    def checkpoint(self) -> list[dict[str, Any]]:
        """The conversation as it is now, for `restore` (a reply begun before its turn was confirmed is taken
        back if the user goes on)."""
        return list(self.history)

    def restore(self, checkpoint: list[dict[str, Any]]) -> None:
        self.history[:] = checkpoint

    def _trim(self, llm: ChatModel, tools: list[dict] | None) -> None:
        """Drop the oldest exchanges until the prompt fits the context budget (the current one stays)."""
        budget = self.context_budget(llm)
        while llm.count_tokens(self.messages(), tools) > budget:
            starts = [i for i, m in enumerate(self.history) if i > 0 and _is_request(m)]
            if not starts:  # only the current exchange is left: it is sent as it is
                return
            del self.history[:starts[0]]

    # -- one turn ---------------------------------------------------------------------------------
    def turn(self, text: str, images: list | None = None, stop: Cancel | None = None) -> Iterator[AgentEvent]:
        """One turn; on an error the history is as it was before it (no user message left unanswered)."""
        before = list(self.history)
        try:
            yield from self._turn(text, images, stop)
        except BaseException:
            self.history[:] = before
            raise

    def _turn(self, text: str, images: list | None, stop: Cancel | None) -> Iterator[AgentEvent]:
        started = time.perf_counter()
        timings: dict[str, float] = {"tool_s": 0.0}
        llm = self.manager.get("llm")
        if images and not llm.capabilities.vision:  # a text-only brain: let the VLM look first
            described = yield from self._describe_attachments(images, stop)
            text = f"{text}\n\n{described}"
            images = None
        self.history.append(_user_message(text, images))
        schemas = self.tool_schemas()
        single_call = self.policy.single_tool_call
        calls_done: list[ToolCallFinished] = []
        for round_ in range(self.max_rounds + 1):
            offer_tools = schemas if round_ < self.max_rounds else None  # last round: answer, no more calls
            reply, held, interrupted = "", True, False
            self._trim(llm, offer_tools)
            # a small model's first complete call: stop it reciting more. Complete means closed: a prefix
            # that would parse once closed may still be growing its arguments.
            enough = Cancel(stop)
            for delta in llm.stream(self.messages(), tools=offer_tools, max_new_tokens=self.max_new_tokens,
                                    stop=enough):
                if "first_token_s" not in timings:
                    timings["first_token_s"] = time.perf_counter() - started
                    yield FirstToken()
                reply += delta
                if held and reply.strip():
                    held = offer_tools is not None and _may_be_call(reply)
                    if not held:
                        yield TextDelta(reply)
                        continue
                if not held:
                    yield TextDelta(delta)
                elif single_call and complete_tool_calls(reply, set(self.tools)):
                    enough.set()
            if stop is not None and stop.is_set():
                interrupted = True
            calls = parse_tool_calls(reply, set(self.tools)) if offer_tools and not interrupted else []
            calls = [self._usable(c) for c in (_distinct(calls)[:1] if single_call else _distinct(calls))]
            if not calls:
                if held and reply.strip():  # held back but not a call after all: it is the answer
                    yield TextDelta(reply)
                self.history.append({"role": "assistant", "content": reply})
                timings["total_s"] = time.perf_counter() - started
                yield TurnDone(reply, calls_done, interrupted, timings)
                return
            self.history.append({"role": "assistant", "content": strip_tool_calls(reply),
                                 "tool_calls": [_as_openai_call(c, i) for i, c in enumerate(calls)]})
            for i, call in enumerate(calls):
                yield ToolCallStarted(call.name, call.arguments)
                t0 = time.perf_counter()
                result = self._run_tool(call, stop)
                timings["tool_s"] += time.perf_counter() - t0
                finished = ToolCallFinished(call.name, call.arguments, result)
                calls_done.append(finished)
                yield finished
                self.history.append(self._result_message(call, result, i))
        raise AssertionError("unreachable: the last round offers no tools")

    def mark_interrupted(self, spoken: str) -> None:
        """After a barge-in: the last request's answer (tool rounds included) becomes only what was
        actually heard, marked as interrupted."""
        request = max((i for i, m in enumerate(self.history) if _is_request(m)), default=None)
        if request is None:
            return
        del self.history[request + 1:]
        self.history.append({"role": "assistant", "content": f"{spoken.strip()} [interrupted by the user]".strip()})

    def _describe_attachments(self, images: list, stop: Cancel | None = None) -> Generator[AgentEvent, None, str]:
        """Run describe_image on each attached image; the descriptions join the user's message."""
        notes = []
        for n, image in enumerate(images, 1):
            call = ToolCall("describe_image", {"image": png_data_uri(image)})
            yield ToolCallStarted(call.name, {"image": f"<attached image {n}>"})
            result = self._run_tool(call, stop)
            yield ToolCallFinished(call.name, {"image": f"<attached image {n}>"}, result)
            notes.append(f"[Attached image {n}: " + ("could not be described: " if result.is_error else "")
                         + result.text + "]")
        return "\n".join(notes)

    def _run_tool(self, call: ToolCall, stop: Cancel | None = None) -> ToolResult:
        """Run a tool with the time limit; a stop (barge-in, Esc) abandons it at once (it finishes in the
        background, its result unused)."""
        if stop is not None and stop.is_set():
            return ToolResult.error(f"{call.name} was not run: the user interrupted")
        future = self._pool.submit(self.tools[call.name].run, call.arguments, self.context)
        settled = threading.Event()  # the tool finished, or the turn was cancelled
        future.add_done_callback(lambda _: settled.set())
        forget = stop.on_set(settled.set) if stop is not None else (lambda: None)
        try:
            settled.wait(self.tool_timeout)
        finally:
            forget()
        if future.done():
            return future.result()  # Tool.run turns every failure into an error result: this never raises
        future.cancel()  # still queued behind another tool: it never starts
        if stop is not None and stop.is_set():
            return ToolResult.error(f"{call.name} was abandoned: the user interrupted")
        return ToolResult.error(f"{call.name} took longer than {self.tool_timeout:.0f} s and was abandoned")

    def _usable(self, call: ToolCall) -> ToolCall:
        """Models add arguments that do not exist, or copy a parameter's schema as its value: drop those
        rather than fail the call (MCP stays strict)."""
        known = self.tools[call.name].parameters["properties"]
        return ToolCall(call.name, {k: v for k, v in call.arguments.items()
                                    if k in known and v is not None and not _echoed_schema(v, known[k])})

    def _result_message(self, call: ToolCall, result: ToolResult, index: int) -> dict[str, Any]:
        body = ("Error: " if result.is_error else "") + result.text
        if self.policy.tool_results == "user":
            question = next((m["content"] for m in reversed(self.history)
                             if _is_request(m) and isinstance(m["content"], str)), "")
            return {"role": "user", "content": f"Result of {call.name}:\n{body}\n\nMy request was: \"{question}\". "
                                               "Tell me in one or two sentences what this result says, naming the "
                                               "file (and page) it comes from."}
        return {"role": "tool", "content": body, "tool_call_id": f"call_{index}", "name": call.name}


def _is_request(message: dict[str, Any]) -> bool:
    """A user's own message (not a tool result handed back as a user message)."""
    return message["role"] == "user" and not str(message.get("content", "")).startswith("Result of ")


def _echoed_schema(value: Any, schema: dict) -> bool:
    """A small model sometimes copies a parameter's schema ({"type": ..., "description": ...}) as its value."""
    return isinstance(value, dict) and "object" not in json.dumps(schema) and \
        bool({"type", "anyOf", "description", "default"} & set(value))


def _distinct(calls: list[ToolCall]) -> list[ToolCall]:
    seen, out = set(), []
    for call in calls:
        key = (call.name, json.dumps(call.arguments, sort_keys=True))
        if key not in seen:
            seen.add(key)
            out.append(call)
    return out


def _untitled(schema: dict) -> dict:
    """Pydantic's per-field "title" repeats the name: tokens the model reads for nothing."""
    params = schema["function"]["parameters"]
    props = {k: {kk: vv for kk, vv in v.items() if kk != "title"} for k, v in params["properties"].items()}
    return {**schema, "function": {**schema["function"], "parameters": {**params, "properties": props}}}


def _compact(schema: dict) -> dict:
    """For small models: first sentence of each description, no examples (they get copied verbatim)."""
    schema = _untitled(schema)
    function = schema["function"]
    props = {}
    for name, prop in function["parameters"]["properties"].items():
        prop = dict(prop)
        if "description" in prop:
            prop["description"] = _first_sentence(prop["description"].split(", e.g.")[0].split(" e.g.")[0])
        props[name] = prop
    params = {**function["parameters"], "properties": props}
    return {**schema, "function": {**function, "description": _first_sentence(function["description"]),
                                   "parameters": params}}


def _first_sentence(text: str) -> str:
    text = " ".join(text.split())
    end = text.find(". ")
    return text if end < 0 else text[: end + 1]


def _may_be_call(reply: str) -> bool:
    return reply.lstrip().startswith(_CALL_OPENINGS)


def _as_openai_call(call: ToolCall, index: int) -> dict[str, Any]:
    return {"id": f"call_{index}", "type": "function",
            "function": {"name": call.name, "arguments": json.dumps(call.arguments)}}


def _user_message(text: str, images: list | None) -> dict[str, Any]:
    if images:
        return {"role": "user", "content": [*({"type": "image", "image": _pil(im)} for im in images),
                                            {"type": "text", "text": text}]}
    return {"role": "user", "content": text}


def _pil(image):
    """A PIL image from an image or a path (opened with the knowledge folder's safety limits)."""
    if hasattr(image, "convert"):
        return image
    from .knowledge.extract import open_image

    return open_image(image)
