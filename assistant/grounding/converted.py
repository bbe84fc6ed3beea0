"""A follow-up that asks for what the conversation said in another unit: "what's that in miles?" after "the drive
is 390 km", "and in pounds?" after "Bruno weighs 13.2 kg". The amount is the newest one the conversation said in a
unit that converts to the one asked for (found by code, not by the model); the converter computes it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..tools.convert_units import UNIT_SAID, convert
from .claims import number_key

# "and in pounds?", "what's that in miles?", "so how much is that in square feet?", "how many miles is that?"
_IN_UNIT = re.compile(rf"\bin\s+(?P<unit>{UNIT_SAID})\s*[?.!]*\s*$|"
                      rf"^\W*(?:(?:and|so|ok|okay|well)\W+)*how (?:many|much)\s+(?P<counted>{UNIT_SAID})\s+"
                      rf"(?:is|are|was|were|would be)\s+(?:that|it|this|those)\b", re.I)
_QUANTITY = re.compile(rf"(?<![\w.])(?P<amount>\d+(?:[.,]\d+)?)\s*(?P<unit>{UNIT_SAID})(?![^\W\d_])", re.I)
MAX_CANDIDATES = 12  # the amounts tried, newest first


_DURATION = re.compile(r"(?:milli)?seconds?|minutes?|hours?|days?|weeks?|years?", re.I)  # ("how many days is that?"
# asks the days between two dates, not 4.5 hours in days)
_NO_UNIT = frozenset(("in", "st"))  # "4 in the morning", "1st": English words before they are inches or stones


def asked_unit(question: str) -> str | None:
    """The unit a question that gives no amount of its own asks the last amount in ("pounds" of "and in pounds?")."""
    if re.search(r"\d", question):
        return None
    found = _IN_UNIT.search(question.strip())
    if found is None:
        return None
    unit = (found.group("unit") or found.group("counted")).strip()
    return None if _DURATION.fullmatch(unit) else unit


def counted_unit(question: str) -> str | None:
    """The unit a question counts its answer in ("square metres" of "how many square metres is that?")."""
    found = re.search(rf"\bhow (?:many|much)\s+(?P<unit>{UNIT_SAID})(?![^\W\d_])", question, re.I)
    return found.group("unit") if found and found.group("unit").lower() not in _NO_UNIT else None  # ("how much in
    # total?")


def with_unit(answer: str, unit: str) -> str:
    """The computed answer with the unit it was counted in ("4.2 times 5.1 is 21.42 square metres."): said so, and
    there for a conversion after it ("and in square feet?")."""
    return re.sub(r"(\d)\.?\s*$", rf"\1 {unit}.", answer.rstrip(), count=1)


def said_quantity(facts: Sequence[str], unit: str) -> str | None:
    """The newest amount with its unit the facts (oldest first) say that converts to `unit` ("390 km" for "miles");
    None when none does (money, a number without a unit, a unit of another measure)."""
    tried = 0
    for fact in reversed(facts):
        for found in _QUANTITY.finditer(fact):
            if tried == MAX_CANDIDATES:
                return None
            tried += 1
            if found.group("unit").lower() in _NO_UNIT:
                continue
            quantity = f"{number_key(found.group('amount'))} {found.group('unit')}"  # ("1,200": twelve hundred)
            try:
                convert(quantity, unit)
            except Exception:  # another measure, money, or not a unit after all ("4 in" of "4 in the morning")
                continue
            return quantity
    return None
