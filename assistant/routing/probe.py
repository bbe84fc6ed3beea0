"""Does the user's knowledge folder hold the answer? A keyword look-up (the catalog's full-text index, a
few milliseconds) for requests the router sent to no tool: "When is my dentist appointment?" names no
tool, but notes/dentist.txt answers it. A request counts as answered there when one passage holds most
of its subject words (a recording's passage: all of them); then it is a search (notes, recordings) or a
PDF look-up (PDF pages)."""

from __future__ import annotations

import re

from ..knowledge.catalog import Catalog
from ..words import FUNCTION_WORDS, VAGUE
from .arguments import topic

MIN_COVERAGE = 0.5  # the share of the request's subject words one passage must hold
MIN_WORD = 4  # subject words shorter than this do not count ("E7" and other codes do: they hold a digit)


def subject_words(text: str) -> list[str]:
    words = [w.lower() for w in re.findall(r"[^\W_]+", topic(text))]
    return [w for w in dict.fromkeys(words)
            if w not in FUNCTION_WORDS and w not in VAGUE and (len(w) >= MIN_WORD or _code(w))]


def _stem(word: str) -> str:
    """The word without an ending that the passage may not share ("painted" -> "paint", "notes" -> "note")."""
    for ending in ("ing", "ed", "es", "s"):
        if word.endswith(ending) and len(word) - len(ending) >= MIN_WORD:
            return word[: -len(ending)]
    return word[: max(MIN_WORD, len(word) - 1)]


def _code(word: str) -> bool:
    """An error code or model number ("e7", "x200"): letters and digits together."""
    return any(c.isdigit() for c in word) and any(c.isalpha() for c in word)


def probe(catalog: Catalog, text: str, strict: bool = False) -> str | None:
    """"pdf" or "text" when one passage of that kind answers most of the request, else None. `strict`: it
    must hold every subject word, and more than one (the request asked for something else first)."""
    words = subject_words(text)
    if not words:
        return None
    for hit in catalog.lexical(" ".join(words), limit=5):
        body = hit.text.lower()
        held = [w for w in words if re.search(rf"\b{re.escape(_stem(w))}", body)]
        content = catalog.content(hit.sha256)
        kind = content.kind if content is not None else "text"
        # a minute of speech holds many everyday words ("today", "morning"): a recording must hold them all,
        # and one word alone is no evidence
        needed = (1.0 if len(words) > 1 else 2.0) if kind == "audio" or strict else MIN_COVERAGE
        coded = not strict and any(_code(w) and re.search(rf"\b{w}\b", body) for w in held)
        if len(held) / len(words) >= needed or coded:
            return "pdf" if kind == "pdf" else "text"
    return None
