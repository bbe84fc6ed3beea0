"""The messages a turn adds to the conversation, in the shape chat templates take."""

from __future__ import annotations

import json
import re
from typing import Any

from ..contracts import ToolCall
from ..grounding.spelling import not_an_end

# A tool's result handed to a model that gets it as a user message (`tool_results = "user"`) opens with this.
RESULT_OPENING = "From my files:\n"
# A routed turn whose model wrote only call syntax (it was offered no tools): nothing is left to say.
NO_ANSWER = "Sorry, I don't have an answer to that."
_CITED = re.compile(r"\s*\([^()]*\.[A-Za-z0-9]{2,4}\b[^()]*\)")  # " (notes/x.md, page 2)" in an earlier answer


def without_citations(text: str) -> str:
    """An answer without the file (and page) it names: a model copies them, and their numbers are no facts."""
    return _CITED.sub("", text)


def sentences_end(text: str, count: int) -> int | None:
    """Where the text's `count`-th sentence, or line of a list, ends (once what follows shows it has: a space or a
    line break after its full stop); None before. A list's "1." ends nothing."""
    ends, last = 0, 0
    for m in re.finditer(rf"(?<!\s)[.!?…]+{not_an_end()}(?=\s)|\n", text):
        end = m.start() if m.group() == "\n" else m.end()
        line = text[text.rfind("\n", 0, m.start()) + 1:m.start()]
        if m.group() == "\n" and not re.search(r"[^\W\d_]", text[last:end]) or re.fullmatch(r"\s*\d+", line):
            continue  # (a blank line, the line break after a sentence already counted, a list's "1.")
        ends, last = ends + 1, end
        if ends == count:
            return end
    return None


def is_request(message: dict[str, Any]) -> bool:
    """A user's own message (not a tool result handed back as a user message)."""
    return message["role"] == "user" and not str(message.get("content", "")).startswith(RESULT_OPENING)


def echoed_schema(value: Any, schema: dict) -> bool:
    """A small model sometimes copies a parameter's schema ({"type": ..., "description": ...}) as its value."""
    return isinstance(value, dict) and "object" not in json.dumps(schema) and \
        bool({"type", "anyOf", "description", "default"} & set(value))


def distinct_calls(calls: list[ToolCall]) -> list[ToolCall]:
    seen, out = set(), []
    for call in calls:
        key = (call.name, json.dumps(call.arguments, sort_keys=True))
        if key not in seen:
            seen.add(key)
            out.append(call)
    return out


def as_openai_call(call: ToolCall, index: int) -> dict[str, Any]:
    return {"id": f"call_{index}", "type": "function",
            "function": {"name": call.name, "arguments": json.dumps(call.arguments)}}


def user_message(text: str, images: list | None) -> dict[str, Any]:
    if images:
        return {"role": "user", "content": [*({"type": "image", "image": pil_image(im)} for im in images),
                                            {"type": "text", "text": text}]}
    return {"role": "user", "content": text}


def pil_image(image):
    """A PIL image from an image or a path (opened with the knowledge folder's safety limits)."""
    if hasattr(image, "convert"):
        return image
    from ..knowledge.extract import open_image

    return open_image(image)
