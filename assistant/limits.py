"""How much text one request may hold: the same bound whichever way it comes in (`assistant ask`/`say` and the
MCP tools `ask_assistant`/`synthesize_speech`), checked before any work is done (before a model loads).

A spoken or typed question is a few sentences; a pasted page is still far under MAX_REQUEST_CHARS. Much more
would only be cut down to the chat model's context after seconds of routing and prompt building.
"""

from __future__ import annotations

from .errors import InputError

MAX_REQUEST_CHARS = 4000  # a question or request for the agent
MAX_SPEECH_CHARS = 5000  # text to speak (about five minutes of speech)


def check_length(text: str, what: str, limit: int) -> None:
    """Refuse text over `limit` characters, in one line (exit 2)."""
    if len(text) > limit:
        raise InputError(f"{what} is too long ({len(text):,} characters; at most {limit:,})")
