"""`assistant ask TEXT [--image FILE] [--json]`: one agent turn, streamed, or as JSON."""

from __future__ import annotations

import json
import sys
from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import InputError
from ..limits import MAX_REQUEST_CHARS, check_length
from . import Invocation

if TYPE_CHECKING:
    from ..agent import Agent, TurnDone


def add(sub, shared) -> None:
    ask = sub.add_parser("ask", parents=[shared], help="one turn with the agent (tools included), streamed")
    ask.add_argument("text", help="the question ('-' reads standard input)")
    ask.add_argument("--image", type=Path, action="append", help="attach an image (repeatable)")
    ask.add_argument("--json", action="store_true", help="reply, tool calls with arguments and results, timings")
    ask.set_defaults(run=run)


def run(inv: Invocation) -> int:
    text, images, as_json = inv.args.text, inv.args.image or [], inv.args.json
    if text == "-":
        text = sys.stdin.read()
    if not text.strip():
        raise InputError("nothing to ask: the text is empty")
    check_length(text.strip(), "the question", MAX_REQUEST_CHARS)  # before any model loads
    for image in images:
        if not image.is_file():
            raise InputError(f"image not found: {image}")
    agent = inv.runtime.agent()
    agent.warm_up(background=True)  # the prompt's fixed start from its saved KV cache, while the turn looks up
    try:
        done = _answer(agent, text.strip(), images, as_json)
    finally:
        agent.settle()  # a turn that never needed the chat model still waits for its loading (not in exit)
    if as_json:
        print(json.dumps({
            "reply": done.reply.strip(),
            "tool_calls": [{"name": c.name, "arguments": c.arguments, "is_error": c.result.is_error,
                            "result": c.result.text, "citations": [asdict(x) for x in c.result.citations],
                            "seconds": c.result.seconds} for c in done.tool_calls],
            "timings": {k: round(v, 3) for k, v in done.timings.items()},
        }, indent=2, ensure_ascii=False))
    else:
        print()
    return 0


def _answer(agent: Agent, text: str, images: list[Path], as_json: bool) -> TurnDone:
    """The turn, streamed to the terminal (unless `as_json`); its end."""
    from ..agent import TextDelta, ToolCallFinished, ToolCallStarted, TurnDone

    done = None
    for event in agent.turn(text, images=images or None):
        if isinstance(event, TextDelta) and not as_json:
            print(event.text, end="", flush=True)
        elif isinstance(event, ToolCallStarted) and not as_json:
            print(f"[{event.name} {json.dumps(event.arguments, ensure_ascii=False)}]", file=sys.stderr, flush=True)
        elif isinstance(event, ToolCallFinished) and not as_json:
            status = "error: " if event.result.is_error else ""
            print(f"[{event.name} → {status}{_first_line(event.result.text)} ({event.result.seconds:.1f} s)]",
                  file=sys.stderr, flush=True)
        elif isinstance(event, TurnDone):
            done = event
    assert done is not None
    return done


def _first_line(text: str, width: int = 100) -> str:
    line = text.strip().splitlines()[0] if text.strip() else ""
    return line if len(line) <= width else line[: width - 1] + "…"
