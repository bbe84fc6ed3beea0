"""A tool's result as a small model reads it best: the substance, short, without list numbering or counts
to copy out. Measured on the embedded 0.5B model: given the whole five-hit list it recites it ("5 results
for ..."), talks about "the result", or misreads it; given the two best hits as "file: text" it answers
in its own words ("The marketing budget was cut by ten percent", bench/tool_eval.py)."""

from __future__ import annotations

import re
from pathlib import PurePosixPath

from ..contracts import ToolResult
from ..timecode import clock
from ..tools.registry import Tool

SEARCH_HITS = 2  # the best hits a small model is shown; the user still gets every hit and citation


def digest(tool: Tool, result: ToolResult) -> str:
    """What the model reads of a tool's result, as the tool declares (`Routing.digest`): its text, or its
    best hits."""
    hits = tool.routing is not None and tool.routing.digest == "hits"
    if hits and result.data and result.data.get("hits"):
        lines = []
        for hit in result.data["hits"][:SEARCH_HITS]:
            where = hit["file"] + (f" (page {hit['page']})" if hit.get("page") else "")
            snippet = " ".join(str(hit.get("snippet") or "").split())
            lines.append(f"{where}: {snippet}" if snippet else where)
        return "\n".join(lines)
    return result.text


def fallback_reply(result: ToolResult) -> str:
    """What is said when the model wrote nothing usable: the files found, or the result's first line."""
    files = list(dict.fromkeys(c.file for c in result.citations))
    if files:
        return "I found " + ", ".join(files[:3]) + "."
    return result.text.strip().splitlines()[0] if result.text.strip() else "Done."


def uncited_source(reply: str, result: ToolResult) -> str:
    """" (birds.md, page 2)" when the reply does not name the file its answer came from, else ""."""
    if not result.citations:
        return ""
    lowered = reply.lower()
    first = result.citations[0]
    name = PurePosixPath(first.file)
    if first.time is not None and clock(first.time) not in reply:  # a recording: where in it, as well
        return f" ({first.label().replace(first.file, str(name), 1)})"
    if any(str(c.file).lower() in lowered or PurePosixPath(c.file).name.lower() in lowered or
           _named_by_its_words(PurePosixPath(c.file).stem, lowered) for c in result.citations):
        return ""
    return f" ({first.label().replace(first.file, str(name), 1)})"


def _named_by_its_words(stem: str, lowered: str) -> bool:
    """The reply names a file by its name's words ("the lease agreement" for lease-agreement.pdf); a name of one word
    is no citation when said ("Prerow" is the place, not prerow.md)."""
    words = re.split(r"[-_\s]+", stem.lower())
    return len(words) > 1 and " ".join(words) in lowered.replace("-", " ").replace("_", " ")
