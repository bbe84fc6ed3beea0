"""Finding tool calls in a model's reply text: for an engine that only has text (the local transformers engine),
which turns it into typed chunks here (`chunks_from_text`), privately. Engines that get calls from their
server structured never come here.

Small models write calls in many shapes: Qwen's `<tool_call>{...}</tool_call>` tags, JSON in a
```json fence, bare JSON in the prose, OpenAI's `{"function": {"name", "arguments": "<json>"}}`,
`"parameters"` instead of `"arguments"`, several calls in a list, single quotes, trailing commas.
The text is scanned with a real JSON decoder (`raw_decode` at each `{`/`[`); only what fails to
decode goes through json-repair (single quotes, trailing commas, Python literals, closing brackets a reply
cut off early never wrote). What the blocks mean (which shapes are calls) is decided here.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from typing import Any

import json_repair

from ..contracts import Text, ToolCall, ToolChoice, ToolSchema

_DECODER = json.JSONDecoder()
_NAME_KEYS = ("name", "tool", "tool_name", "function_name")
_ARG_KEYS = ("arguments", "parameters", "args", "input", "params")


# Openings that mean "this reply may be a tool call": the text is held back until it is known.
_CALL_OPENINGS = ("{", "[", "```", "<tool_call>", "<|tool_call|>")


def chunks_from_text(deltas: Iterable[str], tools: list[ToolSchema] | None, tool_choice: ToolChoice = "auto"
                     ) -> Iterator[Text | ToolCall]:
    """A reply's text deltas as typed chunks: prose as `Text` as it comes, tool calls as `ToolCall`.

    With no tools offered every delta is prose, at once. With `tool_choice` "none" a reply that opens with
    JSON or a call tag is held back, and what it holds of call syntax is dropped (a small model writes calls it
    was not offered). Otherwise a reply that opens like a call is held back until it is complete: each call is given as soon as its JSON is closed (a
    caller that wants one call closes the stream there, which stops the model), and what remains of the text
    without its call syntax is the prose. A call `tool_choice` names is made of the whole reply when the model
    wrote only its arguments."""
    try:
        yield from _chunks(deltas, tools, tool_choice)
    finally:  # closed early (the caller has its call): the engine's own stream is closed now, so it stops
        close = getattr(deltas, "close", None)
        if close is not None:
            close()


def _chunks(deltas: Iterable[str], tools: list[ToolSchema] | None, tool_choice: ToolChoice
            ) -> Iterator[Text | ToolCall]:
    names = {(t.get("function") or {}).get("name", "") for t in tools or []} if tool_choice != "none" else set()
    if not names and tool_choice != "none":
        for delta in deltas:
            yield Text(delta)
        return
    # an answer (no call may be made) is held back only when it opens with JSON or a call tag: a code fence
    # there is the answer's code; with tools offered a fence may hold a call
    openings = _CALL_OPENINGS if tool_choice != "none" else tuple(o for o in _CALL_OPENINGS if o != "```")
    reply, held, given = "", True, 0
    for delta in deltas:
        reply += delta
        if held and reply.strip() and not reply.lstrip().startswith(openings):
            held = False
            yield Text(reply)
            continue
        if not held:
            yield Text(delta)
            continue
        complete = complete_tool_calls(reply, names)
        for call in complete[given:]:
            yield call
        given = max(given, len(complete))
    if not held:
        return
    if tool_choice == "none":  # no call may be made: call syntax the model wrote anyway is not prose either
        calls = parse_tool_calls(reply)
        prose = strip_tool_calls(reply) if calls else reply.strip()
        if prose:
            yield Text(prose)
        return
    calls = parse_tool_calls(reply, names)
    prose = strip_tool_calls(reply, names) if calls else reply.strip()
    if not calls and tool_choice not in ("auto", "required") and reply.strip():
        calls, prose = [ToolCall(tool_choice, json_arguments(reply))], ""  # the reply is the call's arguments
    if prose:
        yield Text(prose)
    yield from calls[given:]


def parse_tool_calls(text: str, known_tools: set[str] | None = None) -> list[ToolCall]:
    """Every tool call written in `text`, in order. With `known_tools`, calls to other names are dropped.

    A call cut off before its last closing brackets still counts (a reply may end early): use this on a
    finished reply, not on one still being generated (see `complete_tool_calls`)."""
    return [call for call, _ in _find_calls(text, known_tools)]


def complete_tool_calls(text: str, known_tools: set[str] | None = None) -> list[ToolCall]:
    """The tool calls in `text` whose JSON is closed: for a reply still streaming, the calls that are
    finished. A prefix such as `{"name": "x", "arguments": {"a": 1` would parse once closed, but the
    model may still be writing its arguments, so it is not a call yet."""
    return [call for call, _ in _find_calls(text, known_tools, closed_only=True)]


def strip_tool_calls(text: str, known_tools: set[str] | None = None) -> str:
    """The prose of a reply with its tool calls (and their tags and code fences) removed."""
    spans = [span for _, span in _find_calls(text, known_tools)]
    if not spans:
        return text.strip()
    pieces, last = [], 0
    for start, end in spans:
        pieces.append(text[last:start])
        last = end
    pieces.append(text[last:])
    prose = "".join(pieces)
    prose = re.sub(r"<tool_call>\s*</tool_call>", "", prose)
    prose = re.sub(r"</?tool_call>", "", prose)
    prose = re.sub(r"```[\w-]*\s*```", "", prose)
    prose = re.sub(r"[ \t]+\n", "\n", prose)
    return re.sub(r"\n{3,}", "\n\n", prose).strip()


# -- scanning ----------------------------------------------------------------------------------------
def _find_calls(text: str, known: set[str] | None,
                closed_only: bool = False) -> list[tuple[ToolCall, tuple[int, int]]]:
    found: list[tuple[ToolCall, tuple[int, int]]] = []
    i, n = 0, len(text)
    while i < n:
        starts = [p for p in (text.find("{", i), text.find("[", i)) if p >= 0]
        if not starts:
            break
        start = min(starts)
        value, end = _decode_at(text, start, closed_only)
        calls = _calls_in(value, known) if end else []
        if calls:
            found.extend((call, (start, end)) for call in calls)
            i = end
        else:
            i = start + 1  # not a call: a call may still sit inside it, so look again one step on
    return found


def _decode_at(text: str, start: int, closed_only: bool = False) -> tuple[Any, int]:
    """(value, end) of the JSON value starting at `start`, repairing cheap mistakes; (None, 0) if none.
    Unless `closed_only`, a value whose closing brackets never come is closed here. A value cut off inside
    a string, or a key without its value, is not repaired: what it would have said is unknown."""
    try:
        return _DECODER.raw_decode(text, start)
    except json.JSONDecodeError:
        pass
    end, missing = _balanced_end(text, start)
    if end is None or (missing and closed_only):
        return None, 0
    block = text[start:end]
    if _value_missing(block):
        return None, 0
    try:
        value = json_repair.repair_json(block, return_objects=True, skip_json_loads=True)
    except Exception:  # the repairer gave up on it
        return None, 0
    return (value, end) if isinstance(value, (dict, list)) and value else (None, 0)


def _balanced_end(text: str, start: int) -> tuple[int | None, str]:
    """End of the bracketed block opening at `start`, with '...' and "..." strings skipped, and the
    closing brackets still missing when the text ends first (outside a string)."""
    closing = {"{": "}", "[": "]"}
    stack: list[str] = []
    quote = None
    i = start
    while i < len(text):
        ch = text[i]
        if quote:
            if ch == "\\":
                i += 1
            elif ch == quote:
                quote = None
        elif ch in "\"'" and not (ch == "'" and _is_apostrophe(text, i)):
            quote = ch
        elif ch in closing:
            stack.append(closing[ch])
        elif ch in "}]":
            if not stack or stack.pop() != ch:
                return None, ""
            if not stack:
                return i + 1, ""
        i += 1
    if quote or not stack:
        return None, ""
    return len(text), "".join(reversed(stack))


def _value_missing(block: str) -> bool:
    """A key with no value (`"file": }`, or the text ending after `"limit":`): not a call to guess at."""
    quote = None
    for i, ch in enumerate(block):
        if quote:
            if ch == quote and block[i - 1] != "\\":
                quote = None
        elif ch in "\"'" and not (ch == "'" and _is_apostrophe(block, i)):
            quote = ch
        elif ch == ":":
            rest = block[i + 1:].lstrip()
            if not rest or rest[0] in ",}]":
                return True
    return False


def _is_apostrophe(text: str, i: int) -> bool:
    """A ' between two letters (don't) is not a quote."""
    return 0 < i < len(text) - 1 and text[i - 1].isalnum() and text[i + 1].isalnum()


# -- interpreting -------------------------------------------------------------------------------------
def _calls_in(value: Any, known: set[str] | None) -> list[ToolCall]:
    """The calls a decoded JSON value describes: one call, a list of calls, or an OpenAI message."""
    if isinstance(value, list):
        calls = [_as_call(item, known) for item in value]
        return [c for c in calls if c is not None] if calls and all(calls) else []
    if isinstance(value, dict):
        if isinstance(value.get("tool_calls"), list):
            return _calls_in(value["tool_calls"], known)
        call = _as_call(value, known)
        return [call] if call else []
    return []


def _as_call(obj: Any, known: set[str] | None) -> ToolCall | None:
    if not isinstance(obj, dict):
        return None
    function = obj.get("function")
    if isinstance(function, dict):  # OpenAI: {"type": "function", "function": {"name", "arguments"}}
        obj = function
    name = next((obj[k] for k in _NAME_KEYS if isinstance(obj.get(k), str)), None)
    if name is None and isinstance(function, str):
        name = function
    if not name or not name.strip():
        return None
    name = name.strip()
    if known is not None and name not in known:
        return None
    arg_key = next((k for k in _ARG_KEYS if k in obj), None)
    if arg_key is None:
        # {"name": "x"} alone reads like data, not a call, unless the name is a tool we know
        return ToolCall(name, {}) if known is not None and len(obj) <= 2 else None
    arguments = _arguments(obj[arg_key])
    return None if arguments is None else ToolCall(name, arguments)


def json_arguments(raw: Any) -> dict[str, Any]:
    """A call's arguments from what an engine received (a JSON string, maybe broken or cut off, or a dict):
    a dict, empty when nothing can be made of it."""
    return _arguments(raw) or {}


def _arguments(raw: Any) -> dict | None:
    if raw is None:
        return {}
    if isinstance(raw, str):
        raw = raw.strip()
        if not raw:
            return {}
        try:
            raw = json.loads(raw)
        except json.JSONDecodeError:
            try:
                raw = json_repair.repair_json(raw, return_objects=True, skip_json_loads=True)
            except Exception:
                return None
    return raw if isinstance(raw, dict) else None
