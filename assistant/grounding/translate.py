"""A question in another language, in English, for looking up English files: the user's notes are mostly in one
language and the text search's model (MiniLM) only knows English, so "¿A qué hora es mi cita con la dermatóloga?"
finds nothing as it is. The chat model translates (a short generation), only when the question as asked found no
answer; what is then said is checked against the files as any answer is."""

from __future__ import annotations

from ..cancel import Cancel
from ..contracts import Text
from ..roles import ChatModel

TRANSLATE_PROMPT = "Translate the user's question into English. Write only the English question."
TRANSLATION_TOKENS = 60  # a question


def in_english(llm: ChatModel, question: str, stop: Cancel | None = None) -> str | None:
    """The question in English, or None (nothing written, or stopped)."""
    messages = [{"role": "system", "content": TRANSLATE_PROMPT}, {"role": "user", "content": question}]
    chunks = llm.stream(messages, tools=None, max_new_tokens=TRANSLATION_TOKENS, stop=stop, tool_choice="none")
    written = ""
    try:
        for chunk in chunks:
            if isinstance(chunk, Text):
                written += chunk.text
                if "\n" in written.strip():  # one line: the question
                    break
    finally:
        close = getattr(chunks, "close", None)
        if close is not None:
            close()
    line = written.strip().splitlines()[0].strip().strip('"“”') if written.strip() else ""
    return line if line and (stop is None or not stop.is_set()) else None
