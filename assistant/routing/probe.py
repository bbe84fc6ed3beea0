"""Does the user's knowledge folder hold the answer? A keyword look-up (the catalog's full-text index, a
few milliseconds) for requests the router sent to no tool: "When is my dentist appointment?" names no
tool, but notes/dentist.txt answers it. A request counts as answered there when one passage holds most
of its subject words (a recording's passage: all of them); then it is a search (notes, recordings) or a
PDF look-up (PDF pages)."""

from __future__ import annotations

import math
import re

from ..knowledge.catalog import Catalog
from ..words import FUNCTION_WORDS, VAGUE
from .arguments import topic

MIN_COVERAGE = 0.5  # the share of the request's subject words one passage must hold
MIN_WORD = 4  # subject words shorter than this do not count ("E7" and other codes do: they hold a digit)
# Passages read from the keyword ranking: its first few may hold one common word many times while the note that
# holds a name sits lower (the Porter stemmer makes "Ines" the word "in", which every passage holds).
PASSAGES = 20


def subject_words(text: str) -> list[str]:
    words = [w.lower() for w in re.findall(r"[^\W_]+", topic(text))]
    return [w for w in dict.fromkeys(words)
            if w not in FUNCTION_WORDS and w not in VAGUE and (len(w) >= MIN_WORD or _code(w))]


def _form(word: str) -> str:
    """A pattern for the word in any of its forms: without an ending the passage may not share ("painted" ->
    "paint...", "notes" -> "note..."), a final "y" also as "i" ("party" -> "parties"), a final "e" dropped
    ("drive" -> "driving"); never a shorter word ("party" is no "part")."""
    for ending in ("ing", "ed", "es", "s"):
        if word.endswith(ending) and len(word) - len(ending) >= MIN_WORD:
            return rf"\b{re.escape(word[: -len(ending)])}"
    if word.endswith("y") and len(word) > MIN_WORD:
        return rf"\b{re.escape(word[:-1])}(?:y|i)"
    if word.endswith("e") and len(word) > MIN_WORD:
        return rf"\b{re.escape(word[:-1])}"
    return rf"\b{re.escape(word)}"


def _code(word: str) -> bool:
    """An error code or model number ("e7", "x200"): letters and digits together."""
    return any(c.isdigit() for c in word) and any(c.isalpha() for c in word)


def probe(catalog: Catalog, text: str, strict: bool = False) -> str | None:
    """"pdf" or "text" when one passage of that kind answers most of the request, else None. `strict`: it
    must hold every subject word, and more than one (the request asked for something else first)."""
    words = subject_words(text)
    if not words:
        return None
    answering: list[tuple[list[str], str]] = []  # (the words held, the kind) of each passage that answers
    for hit in catalog.lexical(" ".join(words), limit=PASSAGES):
        body = hit.text.lower()
        held = [w for w in words if re.search(_form(w), body)]
        content = catalog.content(hit.sha256)
        kind = content.kind if content is not None else "text"
        # a minute of speech holds many everyday words ("today", "morning"): a recording must hold them all,
        # and one word alone is no evidence
        needed = (1.0 if len(words) > 1 else 2.0) if kind == "audio" or strict else MIN_COVERAGE
        coded = not strict and any(_code(w) and re.search(rf"\b{w}\b", body) for w in held)
        if len(held) / len(words) >= needed or coded:
            answering.append((held, "pdf" if kind == "pdf" else "text"))
    if len({kind for _, kind in answering}) > 1:  # a PDF page and a note both answer: the one whose words are
        # rarer in the folder ("Ines's party": the licence page says "party", only the note says "Ines")
        weight = _rarity(catalog, words)
        answering.sort(key=lambda found: -sum(weight[w] for w in found[0]))  # (stable: ties keep the ranking)
    return answering[0][1] if answering else None


def _rarity(catalog: Catalog, words: list[str]) -> dict[str, float]:
    """Each word's inverse document frequency in the folder (names counted as words, not as Porter stems)."""
    counts, total = catalog.document_counts(words)
    return {w: math.log((total + 1) / (counts.get(w, 0) + 1)) for w in words}
