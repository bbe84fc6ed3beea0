"""The common shapes of arithmetic over amounts said before, worked out by code: a follow-up that compares two
amounts ("how much more is it this time?", "how much is left?"), takes one as a share of the other ("what
percentage is that?"), asks a rise or a drop in percent, shares one out by the count of the other ("so what's that
per singer?"), adds up what was said ("and both months together?") or takes its average.

The operation is the question's words'; the amounts are those the answers of the conversation's thread said (the
newest answer, and those before it while each later question referred back to them), with the question's own. A
shape is used only when exactly the amounts it needs are there; any other case is the model's to write
(`worked_out.written_expression`), checked as ever. A small model asked to write these takes the wrong amount
("13 + 214.5 + 187.2" for "both months" after an unrelated "13 items"), divides an amount by itself ("28 / 28"
per singer) or the part by the whole the wrong way round.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from datetime import date
from typing import TypeVar

from ..languages import words_of
from ..tools.clock_times import DAY, minutes_of, said_spans, said_times, states_a_duration
from ..tools.dates import said_dates
from ..words import (AVERAGE_WORDS, CALENDAR_WORDS, COMPARATIVES, COUNTED_WORDS, DROP_WORDS, MONTH_NAMES, NAMING_WORDS,
                     OPERATION_WORDS, PEOPLE_WORDS, PERCENT_WORDS, RISE_WORDS, SMALL_NUMBERS, SPAN_WORDS, TOTAL_WORDS)
from .asking import subject_words
from .claims import normalise, number_key
from .matching import holds
from .quantities import UNITS, quantities
from .worked_out import ASKS_AN_AMOUNT, amounts_in, asks_to_work_out, counted, only_a_period, written_out

Said = TypeVar("Said")  # what is read from an answer: an amount, or a date

_PERCENT = re.compile("|".join(re.escape(w) for w in PERCENT_WORDS), re.I)
# Two amounts compared: "how much more/less/cheaper/further", "how far below", "the difference", "in between", what
# is left of one after the other
_DIFFERENCE = re.compile(rf"\bhow (?:much|many|far)\s+(?:[^\W\d_]+\s+)?(?:{'|'.join(sorted(COMPARATIVES))}|below|above|"
                         r"over|under)\b|\bdifference\b|\bin between\b|"
                         r"\b(?:left|remaining|remains?)\b|\bthe rest\b|\bwie viel (?:mehr|weniger)\b|\bübrig\b|"
                         r"\bunterschied\b|\bdifférence\b|\bcombien de (?:plus|moins)\b|\bdiferencia\b", re.I)
_BOTH = frozenset("both beide beiden deux ambos".split())
_COMPARATIVE = re.compile(rf"\bhow (?:much|many|far)\s+({'|'.join(sorted(COMPARATIVES))})\b", re.I)


def arithmetic_words(question: str) -> set[str]:
    """The words of a question that asks to work something out which say the arithmetic ("cheaper", "left",
    "together", "percent"), not its subject; none for any other question."""
    if not asks_to_work_out(question):
        return set()
    said = set(words_of(question)) & (OPERATION_WORDS | RISE_WORDS | DROP_WORDS | _BOTH)
    if counted(question) is not None:  # "what's the room bill?", "what will I pay?" for a count of nights
        said |= {w for m in ASKS_AN_AMOUNT.finditer(question) for w in words_of(m.group(0))} & _AMOUNT_WORDS
    return said | {m.group(1).lower() for m in _COMPARATIVE.finditer(question)}


_AMOUNT_WORDS = frozenset("pay cost bill total price come comes".split())  # (of ASKS_AN_AMOUNT: no subject)


def without_arithmetic(question: str) -> str:
    """The question without the words that say its arithmetic, nor its own amounts: what a look-up looks for ("how
    much is Kessler?" for "how much cheaper is Kessler?": no file says "cheaper"; "I've paid 45, how much is left?":
    the 45 is the user's, not the files')."""
    said = arithmetic_words(question)
    kept, before = [], ""
    for word in question.split():
        bare = word.strip("?,.!").lower()
        if bare not in said and (not (re.fullmatch(r"[\d.,]+", bare) or bare in SMALL_NUMBERS[2:]) or
                                 before in NAMING_WORDS):  # (its own amounts, "four" too; "room 4" names a room)
            kept.append(word)
        before = bare
    return " ".join(kept)


def states_it(question: str, found: str) -> bool:
    """The passage says the arithmetic's own word ("Total: 3.50" for "what's the total?", "the rest by 30 April"
    for "when is the rest due?"): a figure the files state is read, not worked out again."""
    said = arithmetic_words(question)
    return bool(said & set(words_of(found)))


def shape_of(question: str) -> str | None:
    """The common shape of the arithmetic a question asks: "percent" (a share, a rise or a drop), "per" (a share-out:
    "the total per night"), "average", "total", "difference"; None for any other."""
    words = set(words_of(question))
    if _PERCENT.search(question):
        return "percent"
    if _PER.search(question) and not only_a_period(question):
        return "per"
    if words & AVERAGE_WORDS:
        return "average"
    if words & (TOTAL_WORDS | _BOTH):
        return "total"
    if _DIFFERENCE.search(question):
        return "difference"
    if counted(question) is not None:
        return "times"
    return None


_PER = re.compile(r"\bper\s+([^\W\d_]{3,})\b", re.I)  # "per singer", "per tyre" (a share-out by a count said)


def shaped_expression(question: str, exchanges: Sequence[tuple[str, str]],
                      refers_back: Callable[[str], bool]) -> str | None:
    """The arithmetic of a question of one of the common shapes over the amounts the conversation's thread said
    (`exchanges`: its last questions and answers, oldest first); None when the question has no such shape or the
    amounts it needs are not exactly there."""
    words = set(words_of(question))
    written = {number_key(n) for n in re.findall(r"\d+(?:[.,]\d+)*", question)}
    own = [a for a in amounts_in(question) if a in written]  # (its amounts in digits: "add those two" adds no 2)
    wider = exchanges if refers_back(question) else ()  # (a question that does not refer back: its thread only)
    shape = shape_of(question)
    units = _units([question, *(answer for _, answer in exchanges)])
    if shape == "percent":
        if own:  # ("with 23 percent VAT on top": a percentage given, not asked)
            return None
        pair = _two(_thread(exchanges, refers_back), wider, units)
        if pair is None:
            return None
        low, high = sorted(pair, key=float)
        if float(low) == float(high) or float(low) == 0:
            return None
        if words & RISE_WORDS:
            return f"({high} - {low}) / {low} * 100"
        if words & DROP_WORDS:
            return f"({high} - {low}) / {high} * 100"
        return f"{low} / {high} * 100"
    if shape in ("average", "total"):  # "what's the average of the three months?", "and both months together?",
        # "what's all that together?" after three quotes, each said in an answer of its own (an answer that quotes a
        # passage holds its house number, postcode and phone too); as many as the question counts, the newest
        answers = _answers_of_thread(exchanges, refers_back, said_amounts)
        wanted = 2 if words & _BOTH else _counted_in(question)
        if wanted is not None:
            said = _newest(answers, wanted) if not own else None
        else:
            said = [a[0] for a in answers] if len(answers) >= 2 and all(len(a) == 1 for a in answers) else None
            said = said + [a for a in own if a not in said] if said is not None else None
        if said is None or len(said) < 2:
            return None
        return " + ".join(said) if shape == "total" else f"({' + '.join(said)}) / {len(said)}"
    if shape == "difference":
        pair = _two([*own, *(a for a in _thread(exchanges, refers_back) if a not in own)], wider, units, own)
        if pair is None:
            return None
        low, high = sorted(pair, key=float)
        return f"{high} - {low}" if float(high) != float(low) else None
    if shape == "times" and (count := counted(question)) is not None:  # "five nights" of "138 EUR per night"
        number, thing = count
        rates = _rates(thing, [answer for _, answer in exchanges[-1:]])  # (the newest answer's, else the thread's)
        rates = rates or (_rates(thing, [answer for _, answer in exchanges]) if refers_back(question) else set())
        return f"{rates.pop()} * {number}" if len(rates) == 1 else None
    if shape == "per" and not own and (per := _PER.search(question)) is not None:  # "what's that per singer?" after
        pair = _two(_thread(exchanges, refers_back, amounts_in), wider, units, counts=True)  # "28 singers": the
        # amount by the count of them
        count_of = re.compile(rf"(?<![\d.,])(\d+)\s+{re.escape(per.group(1).lower().rstrip('s'))}(?:s|es)?\b", re.I)
        counts = {amounts_in(m.group(1))[0] for _, answer in exchanges for m in count_of.finditer(answer)}
        if pair is None or len(counts & set(pair)) != 1:
            return None
        divisor = (counts & set(pair)).pop()
        amount = pair[0] if pair[1] == divisor else pair[1]
        return f"{amount} / {divisor}" if float(divisor) not in (0.0, float(amount)) else None
    return None


def shaped_dates(question: str, exchanges: Sequence[tuple[str, str]], refers_back: Callable[[str], bool],
                 facts: Sequence[str]) -> tuple[str, str] | None:
    """The two dates a "how many days later is that?" is about, by code: the two the thread's answers said (or the
    one the question names, and the one the newest answer said), the earlier first, each with the year the facts
    give it, when the question's other words are the thread's ("after the recital"; not "until my birthday"). None
    when there are not exactly two (the model names them from the facts, checked)."""
    own = said_dates(question)
    answers = _answers_of_thread(exchanges, refers_back, said_dates)
    if not answers or len(own) > 1 or not _the_threads(question, exchanges[-len(answers):]):
        return None
    if own:
        said = [*own, *answers[-1]] if len(answers[-1]) == 1 else []
    else:
        said = [d for dates in answers for d in dates]
    distinct = list({(day, month): (day, month, year) for day, month, year in said}.values())
    if len(distinct) != 2:
        return None
    years = {(d, m): y for text in [*facts, *(a for _, a in exchanges)] for d, m, y in said_dates(text) if y}
    one, other = ((d, m, y or years.get((d, m))) for d, m, y in distinct)
    if one[2] is not None and other[2] is not None:  # the earlier first
        one, other = sorted((one, other), key=lambda d: (d[2], d[1], d[0]))
        return written_out(one, other)
    # a year missing: the nearer way round ("20 December", "5 January": 16 days, over the new year), the year
    # carried over it
    if _days_on(other, one) < _days_on(one, other):
        one, other = other, one
    over_new_year = (other[1], other[0]) < (one[1], one[0])
    if one[2] is not None:
        other = (other[0], other[1], one[2] + over_new_year)
    elif other[2] is not None:
        one = (one[0], one[1], other[2] - over_new_year)
    return written_out(one, other)


def _days_on(start: tuple[int, int, int | None], end: tuple[int, int, int | None]) -> int:
    """Days from one day of the year to the next time the other comes (2001: no leap day)."""
    return (date(2001, end[1], min(end[0], 28 if end[1] == 2 else end[0])) -
            date(2001, start[1], min(start[0], 28 if start[1] == 2 else start[0]))).days % 365


def shaped_times(question: str, exchanges: Sequence[tuple[str, str]], refers_back: Callable[[str], bool]
                 ) -> tuple[str, str] | None:
    """The two times of day a "how long is that?" is between, by code, when the thread's answers said exactly two and
    no duration, and the question's other words are the thread's: one span ("N = 19h00-7h15", in its order), or two
    answers that each said one ("it starts at 8:30", "it finishes at 17:00"; the nearer way round, whichever was
    said first). None otherwise (nothing is worked out): "20:00 and runs 2h15", "9:00 to 12:00 with a break of 45
    minutes", "at 8:00 and at 20:00" are not this code's to read."""
    answers = _answers_of_thread(exchanges, refers_back, said_times)
    thread = exchanges[-len(answers):] if answers else []
    if not answers or not _the_threads(question, thread) or any(states_a_duration(a) for _, a in thread):
        return None
    spans = list(dict.fromkeys(span for _, answer in thread for span in said_spans(answer)))
    said = list(dict.fromkeys(t for times in answers for t in times))
    if len(spans) == 1 and set(said) <= set(spans[0]):
        return spans[0]
    if spans or len(said) != 2 or any(len(times) > 1 for times in answers):
        return None
    first, second = said
    one, other = minutes_of(first), minutes_of(second)
    if one is None or other is None:
        return None
    return (first, second) if (other - one) % DAY <= (one - other) % DAY else (second, first)


def _the_threads(question: str, exchanges: Sequence[tuple[str, str]]) -> bool:
    """The question's words, besides those of spans, numbers ("one night") and months, are all the thread's ("after
    the recital"; not "until my birthday")."""
    thread = " ".join(f"{asked} {answer}" for asked, answer in exchanges)
    return all(holds(thread, w) for w in subject_words(question)
               if w not in SPAN_WORDS and not w.isdigit() and w not in MONTH_NAMES and w not in SMALL_NUMBERS)


def _counted_in(question: str) -> int | None:
    """How many things the question counts ("the three months", "the 2 quotes"), if it does."""
    found = re.search(r"(?<![\w.,])(\d+)\s+[^\W\d_]+s\b", normalise(question))
    return int(found.group(1)) if found and 2 <= int(found.group(1)) <= 12 else None


def _newest(answers: list[list[str]], wanted: int) -> list[str] | None:
    """Exactly `wanted` amounts from the newest answers (an answer's all, back to the first that gives them)."""
    said: list[str] = []
    for amounts in reversed(answers):
        said = [*amounts, *said]
        if len(said) >= wanted:
            break
    return said if len(said) == wanted else None


def _rates(thing: str, texts: Sequence[str]) -> set[str]:
    """The amounts the texts give for one of the thing ("138 EUR per night", "42 EUR/h", "25 a day")."""
    spelt = "|".join(map(re.escape, [thing, *_spellings(thing)]))
    rate = re.compile(rf"(?<![\w.,])(\d+(?:[.,]\d+)*)\s*(?:€|eur|euros?|\$|£)?\s*(?:per|a|an|each|/)\s*(?:{spelt})\b",
                      re.I)
    return {amounts_in(m.group(1))[0] for text in texts for m in rate.finditer(text)
            if not re.match(r"\s*(?:per|a|an|each|/)\s*[^\W\d_]", text[m.end():], re.I)}  # ("per night per person")


def _spellings(thing: str) -> list[str]:
    """How a rate's unit may be written for a thing counted ("hour": "h", "hr")."""
    unit = UNITS.get(thing)
    return [s for s, u in UNITS.items() if u == unit and s != thing] if unit else []


def _units(texts: Sequence[str]) -> dict[str, str]:
    """The unit each amount is said in ("45 EUR/h": EUR), as the texts give them."""
    return {key: unit for text in texts for _, number, unit in quantities(text) for key in amounts_in(number)}


# Thousands written with a space before a currency ("2 650 euros", "2 650 €"): one amount
_SPACED_THOUSANDS = re.compile(r"(?<![\d.,])(\d{1,3})((?:\s\d{3})+)(?=\s?(?:[€$£]|(?:eur|euros?|chf|kr)\b))", re.I)
_MONEY = re.compile(r"\d\s?(?:[€$£]|(?:eur|euros?|dollars?|pounds?|chf)\b)|[€$£]\s?\d", re.I)
_FIGURE = re.compile(r"(?<![\w.,])(\d+(?:[.,]\d+)*)(st|nd|rd|th|\.(?=\s))?", re.I)


def said_amounts(text: str) -> list[str]:
    """The amounts a text says (as `worked_out.amounts_in`), without the numbers that name or count something else:
    "flat 3", "the 3rd floor", "for 2 people", "am 3. März", "2025-26"; thousands written with a space ("2 650 €") are
    one amount."""
    text = _SPACED_THOUSANDS.sub(lambda m: m.group(1) + m.group(2).replace(" ", "").replace("\u00a0", ""), text)
    money = _MONEY.search(text) is not None  # (beside a price, "for 2 people" counts no amount; alone, "40 people"
    not_amounts = set()  # and "32 came" are the amounts compared)
    for m in _FIGURE.finditer(text):
        before = re.findall(r"[^\W\d_]+", text[max(0, m.start() - 24):m.start()].lower())[-1:]
        after = re.findall(r"[^\W\d_]+", text[m.end():m.end() + 24].lower())[:2]
        if m.group(2) or set(before) & NAMING_WORDS or money and set(after[:1]) & (COUNTED_WORDS | PEOPLE_WORDS) or \
                _a_day(m.group(1), after) or re.match(r"\s*[-–/]\s*\d", text[m.end():]) and \
                re.fullmatch(r"(?:19|20)\d\d", m.group(1)) or re.search(r"(?:19|20)\d\d\s*[-–/]\s*$", text[:m.start()]):
            not_amounts.add(m.group(1))
    named = {key for n in not_amounts for key in amounts_in(n)}
    return [a for a in amounts_in(text) if a not in named]


def _a_day(number: str, after: list[str]) -> bool:
    """The day of a date ("3 March", "3. März", "3 de marzo", "the 3 of May"), not an amount said for a month."""
    month = after[:1] if after[:1] and after[0] not in ("de", "of", "du") else after[1:2]
    return number.isdigit() and 1 <= int(number) <= 31 and bool(set(month) & CALENDAR_WORDS)


def _answers_of_thread(exchanges: Sequence[tuple[str, str]], refers_back: Callable[[str], bool],
                       amounts: Callable[[str], list[Said]]) -> list[list[Said]]:
    """The amounts each answer of the thread said, oldest first: the newest answer's, and each earlier one's while
    the question after it referred back to it (`amounts`: counts of people and things too, for a share-out)."""
    answers: list[list[Said]] = []
    for at in range(len(exchanges) - 1, -1, -1):
        answers.insert(0, amounts(exchanges[at][1]))
        if not refers_back(exchanges[at][0]):
            break
    return answers


def _thread(exchanges: Sequence[tuple[str, str]], refers_back: Callable[[str], bool],
            amounts: Callable[[str], list[str]] = said_amounts) -> list[str]:
    """The amounts the thread's answers said, oldest first, once each."""
    return list(dict.fromkeys(a for said in _answers_of_thread(exchanges, refers_back, amounts) for a in said))


def _two(said: list[str], wider: Sequence[tuple[str, str]], units: dict[str, str],
         own: Sequence[str] = (), counts: bool = False) -> tuple[str, str] | None:
    """The two amounts a comparison is of: those said (the thread's, with the question's own) when there are exactly
    two, or when exactly two of them are in one unit and no other two are ("45 EUR/h, about 4 h a month -> 50 EUR/h":
    45 and 50); fewer: the `wider` exchanges' answers', when they and the question's own are exactly two ("what's that
    per singer?" after the coach's price and, asked on its own, how many signed up)."""
    if len(said) == 2:
        return said[0], said[1]
    if len(said) > 2:
        alike = [[a for a in said if units.get(a) == unit] for unit in {units[a] for a in said if a in units}]
        pairs = [group for group in alike if len(group) == 2]
        return (pairs[0][0], pairs[0][1]) if len(pairs) == 1 and not any(len(g) > 2 for g in alike) else None
    amounts = [*own]
    for _, answer in wider:
        amounts += [a for a in (amounts_in if counts else said_amounts)(answer) if a not in amounts]
    return (amounts[0], amounts[1]) if len(amounts) == 2 else None
