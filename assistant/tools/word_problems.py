"""Arithmetic said as a sentence rather than as a sum, for calculate: what share one number is of another
("what percentage of 1290 is 1040?", "1040 is what percent of 1290?", "1040 as a percentage of 1290"), and a
sum shared out or a rate for so many ("a 1,216 euro bill split between 32 people, how much each?", "1740 for
three nights, what's that per night?", "38 per person for 32 people"), things bought at a price each ("3 shirts at
19.99 each", "2 tickets at 34 and 1 at 10"), and the mean or the sum of the amounts a request lists ("214.50 in
September and 187.20 in October, what's that on average?"). In English, German, French, Spanish and
Italian (the words: `assistant/words.py`).

Each reads a request as calculate has made it ready: lower case, money signs and names marked `MONEY`, numbers in
digits (`numbers.read`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from ..words import (AFTER_AN_AMOUNT, A_RATE_WORDS, AMONG_WORDS, AVERAGE_WORDS, CALENDAR_WORDS, COUNTED_WORDS,
                     EACH_WORDS, FOREIGN_FUNCTION_WORDS, FUNCTION_WORDS, HOW_MUCH_WORDS, NAMING_WORDS, PEOPLE_WORDS,
                     PER_WORDS, PERCENT_WORDS, PERSON_WORDS, SHARING_WORDS, TOTAL_WORDS)
from .numbers import NUMBER

MONEY = "¤"  # where a currency stood ("9 ¤ pocket money")


def _either(words: Iterable[str]) -> str:
    """A pattern for any of the words (phrases too), the longest first."""
    return "(?:" + "|".join(re.escape(w).replace(r"\ ", r"\s") for w in sorted(words, key=len, reverse=True)) + ")"


_NUM = rf"({NUMBER})"
_PERCENT = _either(PERCENT_WORDS)
_ASK = _either(HOW_MUCH_WORDS) + r"\s(?:(?:a|an|the|der|die|den|le|la|el|il)\s)?"  # "what (a) percentage"
_OF = r"(?:of|out of|von|de|del|di|sur|su|from)(?:\s(?:the|der|die|den|le|la|les|el|los|las|il))?"
_IS = (r"(?:is|are|was|makes?|make up|sind|ist|macht|machen|représente|represente|représentent|fait|font|est|sont|"
       r"es|son|representa|è|e|sono|rappresenta)")
_UNIT = r"(?:\s(?:[^\W\d_]+|¤))?"  # a word after an amount ("1290 km", "120 Leute", "1290 ¤")
# (part, whole): the groups of each phrasing that hold the part and the whole.
_SHARES: list[tuple[re.Pattern[str], int, int]] = [(re.compile(pattern, re.I), part, whole) for pattern, part, whole in (
    # what percentage of 1290 is 1040 / wie viel Prozent von 1290 sind 1040 / quel pourcentage de 1290 représente 1040
    (rf"{_ASK}{_PERCENT}\s{_OF}\s{_NUM}{_UNIT}\s{_IS}\s{_NUM}", 2, 1),
    # 1040 is what percent of 1290 / 1040 sind wie viel Prozent von 1290 / 30 es qué porcentaje de 120
    (rf"{_NUM}{_UNIT}\s{_IS}\s{_ASK}{_PERCENT}\s{_OF}\s{_NUM}", 1, 2),
    # what percent is 1040 of 1290 / wie viel Prozent sind 30 von 120
    (rf"{_ASK}{_PERCENT}\s{_IS}\s{_NUM}{_UNIT}\s{_OF}\s{_NUM}", 1, 2),
    # 1040 as a percentage of 1290 / 30 in Prozent von 120 / 30 en pourcentage de 120
    (rf"{_NUM}{_UNIT}\s(?:as|in|en|como|come)\s(?:(?:a|an|un|una)\s)?{_PERCENT}\s{_OF}\s{_NUM}", 1, 2),
    # 20 out of 80 as a percentage / 30 von 120 in Prozent / 30 sur 120 en pourcentage
    (rf"{_NUM}{_UNIT}\s{_OF}\s{_NUM}{_UNIT}\s(?:as|in|en|como|come)\s(?:(?:a|an|un|una)\s)?{_PERCENT}\b", 1, 2),
)]


def share(t: str) -> tuple[str, str] | None:
    """(part, whole) when the request asks what percentage one number is of another, else None."""
    for pattern, part, whole in _SHARES:
        found = pattern.search(t)
        if found:
            return found.group(part), found.group(whole)
    return None


_WORD = re.compile(r"[^\W\d_]+")
_TOKEN = re.compile(r"[^\W_]+")  # words and numbers: "every 2 days" says no "every day"
_FIGURE = re.compile(rf"(?<![\w.]){NUMBER}(?!\w|\.[0-9])")


def shared(t: str) -> str | None:
    """The expression for a sum shared out ("1216 / 32": "a 1216 bill between 32 people, how much each?") or a
    rate for so many ("38 * 32": "38 per person for 32 people"), when the request says one; else None. It
    holds two numbers: one counts people ("32 people", "4 ways", "32 of us", "between 32") or something the
    request asks about per one ("3 nights ... per night"), the other is the sum, or, said per one of them
    ("38 each", "38 per person"), the rate."""
    figures = list(_FIGURE.finditer(t))
    if len(figures) != 2:
        return None
    words = [(m.group(), m.start()) for m in _WORD.finditer(t)]
    found = [(_counts(t, words, f, second=f is figures[1]), f) for f in figures]
    counts = [(f, what) for what, f in found if what]
    if len(counts) != 1:
        return None
    count, what = counts[0]
    amount = next(f for f in figures if f is not count)
    if _per_one(t[amount.end():], what):  # "38 per person", "38 each": a rate, times how many
        return f"({amount.group()} * {count.group()})"
    if what == "people" and not ({w for w, _ in words} & (SHARING_WORDS | EACH_WORDS) or _asks_per(t, "people")):
        return None  # "32 people and 1216": nothing says it is shared
    return f"({amount.group()} / {count.group()})"


def _counts(t: str, words: list[tuple[str, int]], figure: re.Match[str], second: bool) -> str | None:
    """What a number counts: "people" (people, ways, "of us", or after "between" / "among" when the sum came
    first: not "between 3 March and 17 March"), a thing the request asks about per one of ("nights": "...
    what's that per night?"), or None."""
    after = next((w for w, at in words if at > figure.end()), "")
    rest = t[figure.end():].lstrip()
    if after in PEOPLE_WORDS and rest.startswith(after) or rest.startswith("of us"):
        return "people"
    before = [w for w, at in words if at < figure.start()]
    if second and before and before[-1] in AMONG_WORDS:
        return "people"  # "1216 between 32", "90 entre 4"
    if after and rest.startswith(after) and after.endswith("s") and _asks_per(t, after):
        return after
    return None


def _singulars(word: str) -> set[str]:
    return {word, word[:-1], word[:-2]} if word != "people" else set(PERSON_WORDS)


def _asks_per(t: str, what: str) -> bool:
    """Whether the request asks for an amount per one of `what` ("per night", "a month", "pro Person")."""
    return _per(_TOKEN.findall(t), what)


def _per_one(after: str, what: str) -> bool:
    """Whether the words right after an amount, before any comma, make it an amount per one ("each", "per
    person", "a night"; not "90, each of us pays what?")."""
    words = _TOKEN.findall(re.split(r"[,;:.?!]", after, maxsplit=1)[0])[:4]
    for i in (0, 1):  # "38 each", "38 euros each" (not "each of")
        if words[i:i + 1] and words[i] in EACH_WORDS and words[i + 1:i + 2] != ["of"]:
            return True
    return _per(words[:3], what)


def _per(words: list[str], what: str) -> bool:
    """Whether the words say "per" one of `what`: "per night", "pro Person", "a month" (not "a file")."""
    ones = _singulars(what)
    return any(b in ones and (a in PER_WORDS or a in ("a", "an") and b in A_RATE_WORDS)
               for a, b in zip(words, words[1:]))


# "3 shirts at 19.99 each", "2 at 34 and 1 at 10", "14 of the small frames at 25": a count, up to five words, a price.
_PRICED = re.compile(rf"(?<![\w.])({NUMBER})\s(?:[^\W\d_][\w']*\s){{0,5}}?(?:at|for|@|zu|à|a|por)\s({NUMBER})"
                     rf"(?!\w|\.\d|\s?%)")


def not_amounts(t: str) -> bool:
    """The request has numbers that are no amounts to add, average or multiply: a time of day ("at 10:30", "9 am"), a
    year ("in 2023"), a score ("7 out of 10"), a range ("open 9 to 5"), a percentage, or a number that names something
    ("invoice 17", "flat 3", "room 4", "flight 447")."""
    return _NOT_AMOUNTS.search(t) is not None or any(
        before[-1:] and before[-1] in NAMING_WORDS for before in (_TOKEN.findall(t[:m.start()]) for m in _FIGURE.finditer(t)))


_NOT_AMOUNTS = re.compile(r"\d:\d\d|\d ?(?:am|pm|a\.m\.|p\.m\.|h)\b|o'clock|\b(?:in|for|since|from|of|until|till|year|"
                          r"years|im|jahr|en|año)\s(?:19|20)\d\d\b|\d\s(?:out\s)?of\s\d|\d\s(?:to|until|till|bis)\s\d|\bpercent|\bper\scent|\bprozent|"
                          r"\bpour\scent|\bpor\sciento|%")


def priced(t: str) -> str | None:
    """The sum of so many things at a price each ("(3 * 19.99)", "(2 * 34 + 1 * 10)"), when every number the
    request holds is a count or a price of that kind and it says "each" (or lists several); else None."""
    if not_amounts(t):
        return None
    groups = list(_PRICED.finditer(t))
    if not groups or len(_FIGURE.findall(t)) != 2 * len(groups):
        return None
    if len(groups) == 1 and not set(_TOKEN.findall(t)) & EACH_WORDS:
        return None  # "2 at 5" alone: a time, a score, a rate?
    return "(" + " + ".join(f"{m.group(1)} * {m.group(2)}" for m in groups) + ")"


def listed(t: str) -> str | None:
    """The mean ("((214.50 + 187.20) / 2)") or the sum of the amounts a request lists, when it asks for an average
    or a total and says no operation of its own. Counts ("over 2 months", "3 times", "my 3 kids") and dates ("on 14
    October", "my 3 lodgers", "the 2 new labels") are not among the amounts; fewer than two amounts: None."""
    words = set(_TOKEN.findall(t))
    mean = bool(words & AVERAGE_WORDS)
    if not mean and not words & TOTAL_WORDS or words & EACH_WORDS or not_amounts(t):
        return None  # ("tickets are 26 each, we need 4, total?": not a list to add)
    amounts = []
    for m in _FIGURE.finditer(t):
        rest = t[m.end():].lstrip()
        after, before = _TOKEN.findall(rest)[:1], _TOKEN.findall(t[:m.start()])[-1:]
        if set(after) & (COUNTED_WORDS | CALENDAR_WORDS | PEOPLE_WORDS) or set(before) & CALENDAR_WORDS:
            continue
        if after and rest.startswith(after[0]) and not set(after) & (_AFTER_AN_AMOUNT | AVERAGE_WORDS | TOTAL_WORDS):
            continue  # a count of things ("my 3 lodgers paid ...")
        amounts.append(m.group())
    if len(amounts) < 2:
        return None
    summed = " + ".join(amounts)
    return f"(({summed}) / {len(amounts)})" if mean else f"({summed})"


# What follows an amount in a list of them: a little word ("34 for the tickets", "12 in March", "9 and 15"), a unit
_AFTER_AN_AMOUNT = FUNCTION_WORDS | FOREIGN_FUNCTION_WORDS | AFTER_AN_AMOUNT
