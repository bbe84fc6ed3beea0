"""A plain text chat with the local `llm` model: what `assistant` runs until the voice TUI exists.

Reads lines from standard input (a terminal or a pipe), streams each reply to standard output.
`/reset` clears the conversation, `/quit` (or end of input) leaves.
"""

from __future__ import annotations

import sys

SYSTEM_PROMPT = ("You are spark-assistant, a helpful local assistant running on the user's own machine. "
                 "Answer briefly and plainly.")


def run_chat(manager, max_new_tokens: int = 512) -> int:
    interactive = sys.stdin.isatty()
    if interactive:
        print("spark-assistant — text chat with the local model (the voice TUI is not built yet).\n"
              "Also available: `assistant models`, `assistant transcribe FILE`, `assistant say TEXT -o FILE.wav`.\n"
              "Loading the language model…", file=sys.stderr)
    llm = manager.get("llm")
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
        history.append({"role": "user", "content": text})
        parts = []
        for delta in llm.stream(history, max_new_tokens=max_new_tokens):
            parts.append(delta)
            print(delta, end="", flush=True)
        print(flush=True)
        history.append({"role": "assistant", "content": "".join(parts)})
