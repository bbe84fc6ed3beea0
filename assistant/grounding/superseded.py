"""Values a note has replaced: struck through ("~~Fri 28 November~~ -> Wed 3 December") or written before an arrow
to the value in the same unit that replaced it from some time on ("45 EUR/h, about 4 h a month -> 50 EUR/h from
January", "11.20/m -> 12.60/m from 1 November"). Struck text with no arrow is a to-do done: its facts hold.
A reply that gives one as the answer, to a question that does not ask what it was before, says what no longer holds
("Maeve is going to charge 45 EUR/h from January"), though the passage holds the number.

An arrow between two times or two dates is often a span ("8h30 -> 17h00", "Fri 5 -> Sun 7 December") or a journey
("Lyon 7h04 -> Paris 9h00"): only amounts with the same unit on both sides are read as replaced, and struck text.
"""

from __future__ import annotations

import re

from ..languages import words_of
from ..words import EARLIER_VALUE_WORDS
from .claims import Claim, claims, number_key
from .quantities import UNITS

_STRUCK = re.compile(r"~~(.+?)~~", re.S)
_ARROW = re.compile(r"\s*(?:->|→|=>|⇒)\s*")
# An amount and its unit as notes write them: "50 EUR/h", "12.60/m", "16,5 m²", "39 €"
_AMOUNT = re.compile(r"(?<![\w.,])(\d+(?:[.,]\d+)*)\s?(€|\$|£|%|/\s?[^\W\d_]+²?|[^\W\d_]{1,5}²?(?:/[^\W\d_]+)?)?"
                     r"(?![\w])")
_CHECKED = ("number", "time", "identifier", "quantity")
# What says a value holds from some time on: "from January", "as of 1 May", "now", "new"
_FROM_THEN = re.compile(r"\b(?:from|as of|starting|since|now|new|ab|seit|dès|à partir|desde|a partir)\b", re.I)
# "and before?", "what was it before": the value before the change (not "pay the rent before the 3rd")
_BEFORE_AT_END = re.compile(r"\bbefore\s*[?.!]*\s*$", re.I)  # (not a weekday's or a month's name: the new date has them)


def replaced(text: str) -> dict[str, set[str]]:
    """The keys of the claims the text has replaced, each with the keys of what replaced it (empty when struck
    through with no arrow after it)."""
    out: dict[str, set[str]] = {}
    for m in _STRUCK.finditer(text):
        after = _ARROW.match(text, m.end())
        if after is None:  # ("~~Pay the deposit 500 €~~": a to-do done, its facts still true)
            continue
        new = claims(text[after.end():].split("\n", 1)[0])
        for claim in claims(m.group(1)):
            if claim.kind in _CHECKED:  # (what replaced it is of its kind: the day for the day, not the same time)
                out.setdefault(claim.key, set()).update(c.key for c in new if c.kind == claim.kind)
    plain = _STRUCK.sub(" ", text)
    still = {c.key for c in claims(plain)}
    out = {key: new for key, new in out.items() if key not in still}  # (a value said again, unstruck, holds)
    for line in plain.splitlines():
        parts = _ARROW.split(line)
        for left, right in zip(parts, parts[1:]):
            first = _AMOUNT.match(right)  # the value the arrow gives, right after it, with its unit
            unit = _unit(first.group(2)) if first is not None and first.group(2) else None
            if first is None or unit is None or not _FROM_THEN.search(right):  # ("2,400 € net -> 2,856 € incl.
                continue  # VAT", "5 km -> 7 km": worked out or a plan; "45 EUR/h -> 50 EUR/h from January": changed)
            before = [a for a in _AMOUNT.finditer(left) if a.group(2) and _unit(a.group(2)) == unit]
            if before and number_key(before[-1].group(1)) != number_key(first.group(1)):
                out.setdefault(number_key(before[-1].group(1)), set()).add(number_key(first.group(1)))
    return out


def _unit(written: str) -> str | None:
    """A unit as compared ("EUR/h" and "€/h" alike); None for a word that is no unit ("x" in "32 x 50x70")."""
    said = re.sub(r"\s+", "", written.lower())
    if said.startswith("/") or said[:1] in "€$£%":
        return said.replace("eur", "€")
    rate = said.split("/", 1)
    unit = UNITS.get(rate[0].rstrip("²2")) if rate[0] not in ("x",) else None
    return None if unit is None else "/".join([unit + ("²" if rate[0].endswith(("²", "2")) else ""), *rate[1:]])


def asks_what_it_was(question: str) -> bool:
    """The question asks for a value as it was before ("When was it supposed to be originally?", "what was the old
    price?", "and before?")."""
    return bool(set(words_of(question)) & EARLIER_VALUE_WORDS) or _BEFORE_AT_END.search(question) is not None


def no_longer_holds(sentence_claims: list[Claim], was_replaced: dict[str, set[str]]) -> list[str]:
    """The claims of a sentence that say a replaced value, without the value that replaced it."""
    said = {c.key for c in sentence_claims}
    return [c.text for c in sentence_claims if c.kind in _CHECKED and c.key in was_replaced and
            not (was_replaced[c.key] & said)]
