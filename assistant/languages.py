"""Which language a text is in, told by its little words ("ist", "les", "es", "il"): the grounding answers "not
found" in the question's language, and the number readers read "1.216" as 1216 where that language writes a
decimal comma (German, French, Spanish, Italian)."""

from __future__ import annotations

import functools
import re

from .words import ENGLISH_LITTLE_WORDS, LITTLE_WORDS

DECIMAL_COMMA = frozenset(LITTLE_WORDS)  # every other language told here writes "2,5" for two and a half


def words_of(text: str) -> list[str]:
    return [w.lower() for w in re.findall(r"[^\W\d_]+(?:'[^\W\d_]+)?", text)]


def one_letter_apart(a: str, b: str) -> bool:
    """One letter changed, added, dropped, or two swapped (a word typed in a hurry or heard a little wrong)."""
    if abs(len(a) - len(b)) > 1 or a == b:
        return a == b
    if len(a) == len(b):
        diff = [i for i in range(len(a)) if a[i] != b[i]]
        return len(diff) == 1 or (len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]]
                                  and a[diff[1]] == b[diff[0]])
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    return any(long_[:i] + long_[i + 1:] == short for i in range(len(long_)))


def a_word(word: str) -> bool:
    """The English dictionary (pyspellchecker's, words people write) has the word: "alone" is no typo of "along"."""
    return word.lower() in _english()


@functools.lru_cache(maxsize=4096)  # (the grounding asks it of each word against every line of every passage)
def spelled_as(word: str) -> str | None:
    """The dictionary's word one letter from a word it lacks ("numbr" is "number", "bulding" "building"); None for a
    word it has, or one near none of its words (a name: "Zwickel")."""
    fixed = _english().correction(word.lower())
    return fixed if fixed and fixed != word.lower() and one_letter_apart(word.lower(), fixed) else None


@functools.cache
def _english():
    from spellchecker import SpellChecker

    return SpellChecker(language="en", distance=1)


def language_of(text: str) -> str:
    """"en", or "de", "fr", "es", "it" when the request's words are mostly that language's little words (or it is
    asked with "¿" or "¡")."""
    words = words_of(text)
    if not words:
        return "en"
    if "¿" in text or "¡" in text:  # only Spanish writes them
        return "es"
    counts = {lang: sum(w in vocabulary for w in words) for lang, vocabulary in LITTLE_WORDS.items()}
    lang, best = max(counts.items(), key=lambda item: item[1])
    english = sum(w in ENGLISH_LITTLE_WORDS for w in words)
    if best >= 2 and best > english or (best >= 1 and len(words) <= 3 and english == 0 and
                                         any(ord(c) > 127 for c in text)):
        return lang
    return "en"
