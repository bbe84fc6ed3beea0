"""`assistant chat`: a plain text chat with the local `llm` model (no tools), from a terminal or a pipe.

Reads lines from standard input, streams each reply to standard output. `/reset` clears the
conversation, `/quit` (or end of input) leaves.
"""

from __future__ import annotations

import sys

from ..contracts import Text
from ..limits import MAX_REQUEST_CHARS
from . import Invocation

SYSTEM_PROMPT = ("You are spark-assistant, a helpful local assistant running on the user's own machine. "
                 "Answer briefly and plainly.")


def add(sub, shared) -> None:
    chat = sub.add_parser("chat", parents=[shared], help="text chat with the local model (streamed)")
    chat.add_argument("--max-tokens", type=int, default=512)
    chat.set_defaults(run=run)


def run(inv: Invocation) -> int:
    interactive = sys.stdin.isatty()
    if interactive:
        print("spark-assistant — text chat with the local model, no tools (`assistant` opens the full app).\n"
              "Loading the language model…", file=sys.stderr)
    llm = inv.manager.get("llm")
    history: list[dict] = [{"role": "system", "content": SYSTEM_PROMPT}]
    while True:
        if interactive:
            print("\nyou> ", end="", file=sys.stderr, flush=True)
        line = sys.stdin.readline()
        if not line:
            return 0
        text = line.strip()
        if text in ("/quit", "/exit"):
            return 0
        if text == "/reset":
            del history[1:]
            continue
        if not text:
            continue
        if len(text) > MAX_REQUEST_CHARS:
            print(f"error: that line is too long ({len(text):,} characters; at most {MAX_REQUEST_CHARS:,})",
                  file=sys.stderr, flush=True)
            continue
        history.append({"role": "user", "content": text})
        parts = []
        for chunk in llm.stream(history, max_new_tokens=inv.args.max_tokens):
            if isinstance(chunk, Text):
                parts.append(chunk.text)
                print(chunk.text, end="", flush=True)
        print(flush=True)
        history.append({"role": "assistant", "content": "".join(parts)})
