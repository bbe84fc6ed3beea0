"""Arithmetic over what the conversation said: "so how much is left to pay after the deposit?", "what's that per
night?". The chat model writes the expression from the conversation's facts (its recent answers and the
passages they came from), decoded under the calculator's schema; the expression is used only when every number in
it is one the facts or the question hold, and code computes it. A model that reaches for a number nobody said
gets no say: the turn goes on as any other. The days between two dates the conversation said ("how many days later
is that than the original date?") likewise: the model names the two dates, each must be one the facts write, and
the date tool counts.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Sequence
from typing import Any

from ..cancel import Cancel
from ..contracts import Citation
from ..roles import ChatModel, forced_call
from ..tools.arithmetic import evaluate, parse
from ..tools.clock_times import normalise as clock_text, said_times
from ..tools.clock_words import ASKS_HOW_LONG
from ..tools.dates import said_dates
from ..words import COUNTLESS, DROP_WORDS, OPERATION_WORDS, PERCENT_WORDS, RISE_WORDS
from .claims import claims, normalise, number_key
from .asking import DATE_OR_TIME

EXPRESSION_TOKENS = 40  # "(7850 - 2355) / 3"
DATES_TOKENS = 40  # {"first": "Sat 28 June", "second": "Saturday 5 July 2025"}
MAX_FACTS = 6
WORK_OUT_PROMPT = (
    "You write the arithmetic that answers the user's question, with the numbers the facts give. Write only the "
    "expression, with + - * / and parentheses.\n"
    "Example:\nFacts:\n- The flat is 900 euros a month.\n- Parking is 60 euros a month.\n"
    "Question: so what's that together?\nExpression: 900 + 60")
_PERCENT = re.compile("|".join(re.escape(w) for w in PERCENT_WORDS), re.I)


# Words of OPERATION_WORDS that say other things as often ("¿por qué?", "noch mal", "what does it mean?", "tell me
# more"): no sign of arithmetic on their own.
_COMMON = frozenset("por je mal al mean media more less rest".split())


# A difference asked by comparing ("how much more is that a month?", "how much cheaper", "how far below the top of the
# estimate"), an amount over another span of time ("and over a whole year?"), or an area ("how many square metres is
# that?"; not "and in square feet?", which converts the area said)
_COMPARED = re.compile(r"\b(?:over|for|in) a (?:whole |full )?(?:year|month|week)\b|"
                       r"\bhow (?:much|many|far)\s+(?:more|less|fewer|(?!other\b|never\b)[^\W\d_]{3,}er|below|above|over|"
                       r"under)\b|"
                       r"\bhow (?:many|much) square (?:metres?|meters?|feet|foot|km|kilometres?|miles?)\b|"
                       r"\bwhat(?:'s| is) the (?:floor )?area\b|\bwie viel (?:mehr|weniger)\b|"
                       r"\bcombien de (?:plus|moins)\b", re.I)


def asks_to_work_out(question: str) -> bool:
    """The question asks for arithmetic (an operation word, a comparison, an area, what a count of things comes to)
    over amounts it does not give itself (fewer than two numbers: "what is 17 times 23?" is the calculator's alone)."""
    words = set(re.findall(r"[^\W\d_]+", question.lower()))
    return (bool(words & (OPERATION_WORDS - _COMMON)) or _COMPARED.search(question) is not None or
            counted(question) is not None) and len(amounts_in(question)) < 2


# What a count of things comes to: "we're staying five nights, so what's the room bill?", "If I work 20 hours at my
# new rate, how much is that?" (the count, and the things counted: the rate for one is what the files say)
_COUNT_OF = re.compile(r"(?<![\w.,:])(\d+)\s+(?:more\s+|extra\s+|whole\s+)?([^\W\d_]{3,}s)\b", re.I)
ASKS_AN_AMOUNT = re.compile(r"\bhow much\b|\bwhat (?:will|would|do|does|did|shall) (?:i|we|it|that|they|this) "
                             r"(?:pay|cost|come to|owe)\b|\b(?:bill|cost|total|price|come to|comes to)\b", re.I)


def counted(question: str) -> tuple[str, str] | None:
    """(the count, the things counted, in the singular) when the question asks what a count of things comes to
    ("five nights" -> ("5", "night")); None for any other question."""
    text = normalise(question)
    found = [m for m in _COUNT_OF.finditer(text) if m.group(2).lower() not in COUNTLESS]
    if len(found) != 1 or len(amounts_in(question)) != 1 or not ASKS_AN_AMOUNT.search(question):
        return None
    noun = found[0].group(2).lower()
    return found[0].group(1), noun[:-3] + "y" if noun.endswith("ies") else noun[:-1]


# The days (or weeks) between two dates: "how many days later is that?", "how many days before the deadline was
# that?", "how long after the move is the handover?"
_SPAN = re.compile(r"\bhow (?:many|much)\s+(?:(days|weeks)\s+)?(?:later|earlier|sooner|before|after|apart|between)\b|"
                   r"\bhow many (days|weeks)\b.*?\b(?:between|until|till|before|after|since)\b|"
                   r"\bhow long (?:before|after|between|until|till|since)\b", re.I)
DATES_PROMPT = (
    "You name the two dates the user's question is about, as the facts write them.\n"
    "Example:\nFacts:\n- The party moved from Saturday 3 May to Saturday 10 May 2025.\n"
    "Question: how many days later is that?\nFirst: Saturday 3 May\nSecond: Saturday 10 May 2025")
_DATES_SCHEMA = {"type": "function", "function": {
    "name": "two_dates", "description": "The two dates the question is about, as the facts write them.",
    "parameters": {"type": "object", "properties": {"first": {"type": "string"}, "second": {"type": "string"}},
                   "required": ["first", "second"]}}}


def asks_to_count_days(question: str) -> str | None:
    """"days" or "weeks" when the question asks how far apart two dates are and names fewer than two itself ("how
    many days from 5 July to 23 August?" is the date tool's alone)."""
    found = _SPAN.search(question)
    if found is None or len(said_dates(question)) >= 2:
        return None
    return (found.group(1) or found.group(2) or "days").lower()


def asks_how_long(question: str) -> bool:
    """The question asks how long it is between times of day it does not say itself ("so how many hours is that from
    the start?", "how long is one night, in hours?")."""
    return ASKS_HOW_LONG.search(clock_text(question)) is not None and not said_times(question)


def written_dates(llm: ChatModel, question: str, facts: Sequence[str], stop: Cancel | None = None
                  ) -> tuple[str, str] | None:
    """The two dates the model names for the question from the facts, written out with their year ("28 June 2025"),
    when each is a date the facts or the question write (a date said without its year takes the year the facts give
    it, else the other date's); else None."""
    facts = list(facts)[-MAX_FACTS:]
    said = [d for text in [*facts, question] for d in said_dates(text)]
    if len({(day, month) for day, month, _ in said}) < 2:
        return None
    listed = "\n".join(f"- {fact}" for fact in facts)
    messages = [{"role": "system", "content": DATES_PROMPT},
                {"role": "user", "content": f"Facts:\n{listed}\nQuestion: {question}"}]
    written = forced_call(llm, messages, _DATES_SCHEMA, DATES_TOKENS, stop) or {}
    named = []
    for key in ("first", "second"):
        found = said_dates(str(written.get(key) or ""))
        if len(found) != 1 or found[0][:2] not in {(day, month) for day, month, _ in said}:
            return None  # no date, or one nobody said
        day, month, year = found[0]
        years = [y for d, m, y in said if (d, m) == (day, month) and y]
        named.append((day, month, year or (years[0] if years else None)))
    return written_out(named[0], named[1])


SaidDate = tuple[int, int, int | None]  # (day, month, year or None), as `said_dates` reads them


def written_out(one: SaidDate, other: SaidDate) -> tuple[str, str] | None:
    """Two dates written out for the date tool ("28 June 2025"), a date without its year taking the other's; None
    when they are the same day."""
    if one[:2] == other[:2]:
        return None
    (d1, m1, y1), (d2, m2, y2) = one, other
    y1, y2 = y1 or y2, y2 or y1
    first, second = (f"{d} {calendar.month_name[m]}" + (f" {y}" if y else "") for d, m, y in ((d1, m1, y1),
                                                                                             (d2, m2, y2)))
    return first, second


def facts_hold_numbers(facts: Sequence[str]) -> bool:
    return any(amounts_in(fact) for fact in facts)


def written_expression(llm: ChatModel, question: str, facts: Sequence[str], schema: dict[str, Any],
                       stop: Cancel | None = None) -> str | None:
    """The expression the model writes for the question from the facts (`schema`: the calculator's, one
    "expression" argument), if every number in it is one the facts or the question hold; else None."""
    facts = list(facts)[-MAX_FACTS:]
    listed = "\n".join(f"- {fact}" for fact in facts)
    messages = [{"role": "system", "content": WORK_OUT_PROMPT},
                {"role": "user", "content": f"Facts:\n{listed}\nQuestion: {question}"}]
    written = forced_call(llm, messages, schema, EXPRESSION_TOKENS, stop)
    expression = as_asked(bare(str((written or {}).get("expression") or "")), question)
    return expression if held(expression, facts, question) and not _below_zero(expression) else None


def _below_zero(expression: str) -> bool:
    """An amount asked for in a conversation (what is left, the total, per night) is none below zero: the model took
    the wrong amounts ("2355 - 9200" for what is left after the deposit); a difference is said as asked first."""
    try:
        return evaluate(parse(expression.replace("×", "*").replace("÷", "/"))) < 0
    except Exception:  # (not arithmetic the calculator reads: its own answer will say so)
        return False


def as_asked(expression: str, question: str) -> str:
    """A difference asked by comparing ("how much more is that?", "how much cheaper") is said as the amount between
    the two, whichever the model wrote first ("780 - 965" is 965 - 780); a share asked in percent ("what percentage is
    that?") is the part of the whole ("19 / 13 * 100" is 13 / 19 * 100: a part is no more than its whole)."""
    share = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*/\s*(\d+(?:\.\d+)?)\s*\*\s*100\s*", expression)
    if share is not None and _PERCENT.search(question) and not set(re.findall(r"[^\W\d_]+", question.lower())) & (
            RISE_WORDS | DROP_WORDS) and float(share.group(1)) > float(share.group(2)):
        return f"{share.group(2)} / {share.group(1)} * 100"
    pair = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*-\s*(\d+(?:\.\d+)?)\s*", expression)
    if pair is None or not _COMPARED.search(question) or float(pair.group(1)) >= float(pair.group(2)):
        return expression
    return f"{pair.group(2)} - {pair.group(1)}"


def bare(expression: str) -> str:
    """The arithmetic of an expression written with its units, as a small model writes it ("96 EUR/year / 12
    months" is 96 / 12, "4.20 m x 5.10 m" 4.20 * 5.10, "1,740 / 3" 1740 / 3: the thousands as written)."""
    expression = re.sub(r"(?<=\d),(?=\d{3}\b)", "", expression)
    expression = re.sub(r"\s*/\s*[^\W\d_]+", " ", expression)  # "EUR/year", "96/year", "km/h": a unit, no division
    expression = re.sub(r"(?<![^\W\d_])(?:x|times)(?![^\W\d_])", "*", expression, flags=re.I)
    expression = re.sub(r"[^\W\d_]+|[€$£]", " ", expression)
    return " ".join(expression.split())


def held(expression: str, facts: Sequence[str], question: str) -> bool:
    """The expression is arithmetic (digits, a decimal point, operators, parentheses) on at least two numbers, each
    of them an amount said in the facts or the question (100 too, when the question asks for a percentage), read
    as the calculator reads them ("7.850" is seven point eight five, not the 7,850 of a German answer)."""
    if not re.fullmatch(r"[\d\s.+\-*/×÷()]+", expression) or not re.search(r"\d\s*[-+*/×÷]", expression) or \
            re.search(r"[-+*/×÷]\s*[+*/×÷]", expression) or \
            re.search(r"(?<![\d.])(\d+(?:\.\d+)?)\s*[-/÷]\s*\1(?![\d.])", expression):
        return False  # ("96/ / 12": two operators; "28 / 28": an amount divided by itself, no calculation)
    try:
        used = {float(n) for n in re.findall(r"\d+(?:\.\d+)?", expression)}
    except ValueError:
        return False
    if len(re.findall(r"\d+(?:\.\d+)?", expression)) < 2:
        return False
    known = {float(n) for fact in [*facts, question] for n in amounts_in(fact)}
    if _PERCENT.search(question):
        known.add(100.0)
    known |= _between_periods(question, facts)
    return used <= known


# How many of one span of time there are in another: "96 EUR/year", asked "how much is that per month?", is divided by
# 12 though nobody said 12
_FACTORS = {frozenset(("year", "month")): 12.0, frozenset(("year", "week")): 52.0, frozenset(("week", "day")): 7.0,
            frozenset(("year", "day")): 365.0, frozenset(("day", "hour")): 24.0}
_PERIOD = re.compile(r"\b(year|month|week|day|hour)s?\b|(?<=/)(year|month|week|day|hour|yr|mo|wk|h)\b|"
                     r"\b(annual|yearly|monthly|weekly|daily|hourly)\b", re.I)
_PERIOD_OF = {"yr": "year", "mo": "month", "wk": "week", "h": "hour", "annual": "year", "annually": "year", "yearly": "year",
              "monthly": "month", "weekly": "week", "daily": "day", "hourly": "hour"}


def _between_periods(question: str, facts: Sequence[str]) -> set[float]:
    """The factors between a span of time the question names and one the facts name (12 for a month and a year, 7
    for a day and a week)."""
    def periods(text: str) -> set[str]:
        found = {next(g for g in m.groups() if g).lower() for m in _PERIOD.finditer(text)}
        return {_PERIOD_OF.get(p, p) for p in found}
    said = set().union(*(periods(f) for f in facts)) if facts else set()
    return {_FACTORS[pair] for a in periods(question) for b in said if (pair := frozenset((a, b))) in _FACTORS}


# A span of time the question asks an amount for ("per month", "a month", "over a whole year", "weekly")
_ASKED_PERIOD = re.compile(r"\b(?:per|a|an|each|every)\s+(year|month|week|day)\b|"
                           r"\b(?:over|for|in)\s+a\s+(?:whole\s+|full\s+)?(year|month|week|day)\b|"
                           r"\b(yearly|monthly|weekly|daily|annually)\b", re.I)
# An amount the facts give for a span of time ("96 EUR/year", "185 a month", "15 EUR per week")
_RATE = re.compile(r"(?<![\w.])(?P<amount>\d+(?:[.,]\d+)*)\s*(?:[A-Za-z€$£]{1,4}\s*)?(?:/\s*|\s+(?:per|a|an|each|every)\s+)"
                   r"(?P<period>year|month|week|day|yr|mo|wk)\b", re.I)
_SPAN_DAYS = {"year": 365.0, "month": 30.0, "week": 7.0, "day": 1.0}


def period_asked(question: str) -> str | None:
    """The span of time the question asks its amount for, as it says it ("a month", "over a whole year")."""
    found = _ASKED_PERIOD.search(question)
    return found.group(0).lower() if found else None


def only_a_period(question: str) -> bool:
    """The question asks for an amount said before over another span of time, and nothing else ("how much is that
    per month?", "and over a whole year?"; not "how much more is that a month?")."""
    found = _ASKED_PERIOD.search(question)
    return found is not None and not asks_to_work_out(question[:found.start()] + question[found.end():])


def per_period(question: str, facts: Sequence[str]) -> str | None:
    """The arithmetic that gives the newest amount the facts say for one span of time for the span the question asks
    ("96 / 12" for "how much is that per month?" after "Dog tax: 96 EUR/year"; "185 * 12" for "and over a whole
    year?" after "185 a month"); None when no fact gives an amount for another span of time."""
    found = _ASKED_PERIOD.search(question)
    if found is None:
        return None
    asked = _PERIOD_OF.get(word := next(g for g in found.groups() if g).lower(), word)
    rate = next((m for fact in reversed(facts) if (m := _RATE.search(fact)) is not None), None)
    if rate is None:  # (only the newest amount said per span: an older one is about something else)
        return None
    period = _PERIOD_OF.get(rate.group("period").lower(), rate.group("period").lower())
    factor = _FACTORS.get(frozenset((asked, period)))
    if factor is None or period == asked:
        return None
    amount = number_key(rate.group("amount"))
    return f"{amount} {'/' if _SPAN_DAYS[period] > _SPAN_DAYS[asked] else '*'} {factor:g}"


def sources_of(asked: str, sources: Sequence[tuple[str, Citation]], question: str = "") -> list[Citation]:
    """Where the amounts (or dates, or times of day) of what the tool was asked were found: each source (evidence,
    citation) that says one of them, in order, once. The question's own numbers ("20 %", "split in 2") need no
    source."""
    dates = {(day, month) for day, month, _ in said_dates(asked)}
    times = set(said_times(asked))
    amounts = _DATES.sub(" ", asked) if dates else asked  # (not the days and years of dates, nor times' digits)
    amounts = re.sub(r"\d{1,2}[:.h]\d\d", " ", amounts) if times else amounts
    used = {float(n) for n in re.findall(r"\d+(?:\.\d+)?", amounts)} - {float(n) for n in amounts_in(question)}
    cited: list[Citation] = []
    for text, citation in sources:
        if citation not in cited and (any(float(n) in used for n in amounts_in(text)) or
                                      any((day, month) in dates for day, month, _ in said_dates(text)) or
                                      bool(times & set(said_times(text)))):
            cited.append(citation)
    return cited


def amounts_in(text: str) -> list[str]:
    """The amounts a text says, as keys ("1,740" and "1740" alike; "two" is 2), in order, once each: not the times,
    days of the month and years of its dates."""
    text = _DATES.sub(" ", normalise(text))
    found: list[str] = []
    for claim in claims(text):
        if claim.kind == "number" and claim.key not in found:
            try:
                float(claim.key)
            except ValueError:
                continue
            found.append(claim.key)
    return found


_DATES = re.compile(rf"{DATE_OR_TIME.pattern}|\b(?:19|20)\d{{2}}\b", re.I)  # with years: no amounts to work with
# (a dotted time is the claims' to tell from a decimal: "at 7.30" is a time, "4.20 x 5.10 m" two lengths)
