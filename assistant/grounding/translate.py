"""A question in another language, in English, for looking up English files: the user's notes are mostly in one
language and the text search's model (MiniLM) only knows English, so "¿A qué hora es mi cita con la dermatóloga?"
finds nothing as it is. The chat model translates (a short generation), only when the question as asked found no
answer; what is then said is checked against the files as any answer is."""

from __future__ import annotations

import re

from ..cancel import Cancel
from ..contracts import Text
from ..roles import ChatModel, streaming
from ..words import CALENDAR_WORDS

TRANSLATE_PROMPT = "Translate the user's question into English. Write only the English question."
TRANSLATION_TOKENS = 60  # a question


def in_english(llm: ChatModel, question: str, stop: Cancel | None = None) -> str | None:
    """The question in English, or None (nothing written, or stopped)."""
    messages = [{"role": "system", "content": TRANSLATE_PROMPT}, {"role": "user", "content": question}]
    written = ""
    with streaming(llm.stream(messages, tools=None, max_new_tokens=TRANSLATION_TOKENS, stop=stop,
                              tool_choice="none")) as chunks:
        for chunk in chunks:
            if isinstance(chunk, Text):
                written += chunk.text
                if "\n" in written.strip():  # one line: the question
                    break
    line = written.strip().splitlines()[0].strip().strip('"“”') if written.strip() else ""
    if not line or (stop is not None and stop.is_set()) or not faithful(question, line):
        return None
    return line


def faithful(question: str, translation: str) -> bool:
    """The translation adds no number and no name the question does not have (a small model answers instead of
    translating, "Marek kommt am Donnerstag um 10 Uhr", or changes who is meant): each of its numbers is one of
    the question's, and each capitalised word begins as one of the question's words does ("Copenhague",
    "Copenhagen"), months and days aside."""
    if set(re.findall(r"\d+", translation)) - set(re.findall(r"\d+", question)):
        return False
    starts = {w.lower()[:4] for w in re.findall(r"[^\W\d_]+", question)}
    named = [w for w in re.findall(r"(?<=\s)[A-Z][^\W\d_]+", translation) if w.lower() not in CALENDAR_WORDS]
    return all(w.lower()[:4] in starts for w in named)

