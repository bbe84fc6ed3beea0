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

from ..languages import words_of
from ..words import (AVERAGE_WORDS, DROP_WORDS, NAMING_WORDS, OPERATION_WORDS, PERCENT_WORDS, RISE_WORDS,
                     SMALL_NUMBERS, TOTAL_WORDS)
from .claims import number_key
from .quantities import UNITS, quantities
from .worked_out import ASKS_AN_AMOUNT, amounts_in, asks_to_work_out, counted, only_a_period

_PERCENT = re.compile("|".join(re.escape(w) for w in PERCENT_WORDS), re.I)
# Two amounts compared: "how much more/less/cheaper/further", "how far below", "the difference", "in between", what
# is left of one after the other
_DIFFERENCE = re.compile(r"\bhow (?:much|many|far)\s+(?:[^\W\d_]+\s+)?(?:more|less|fewer|(?!other\b|never\b|per\b)"
                         r"[^\W\d_]{3,}er|below|above|over|under)\b|\bdifference\b|\bin between\b|"
                         r"\b(?:left|remaining|remains?)\b|\bthe rest\b|\bwie viel (?:mehr|weniger)\b|\bübrig\b|"
                         r"\bunterschied\b|\bdifférence\b|\bcombien de (?:plus|moins)\b|\bdiferencia\b", re.I)
_BOTH = frozenset("both beide beiden deux ambos".split())
_COMPARATIVE = re.compile(r"\bhow (?:much|many|far)\s+((?!other\b|never\b|per\b)[^\W\d_]{3,}er)\b", re.I)


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
    if shape == "average":  # "what's the average of the three months?" after an answer for each
        answers = _answers_of_thread(exchanges, refers_back)
        said = [a[0] for a in answers if len(a) == 1]
        if len(answers) < 2 or len(said) != len(answers):
            return None
        return f"({' + '.join(said)}) / {len(said)}"
    if shape == "total":  # "and both months together?", "what's all that together?" after three quotes, each said
        # in an answer of its own (an answer that quotes a passage holds its house number, postcode and phone too)
        answers = _answers_of_thread(exchanges, refers_back)
        said = [a for amounts in answers for a in amounts]
        said += [a for a in own if a not in said]
        if words & _BOTH:
            return " + ".join(said) if len(said) == 2 else None
        return " + ".join(said) if len(answers) >= 2 and all(len(a) == 1 for a in answers) else None
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
        pair = _two(_thread(exchanges, refers_back), wider, units)  # "28 singers": the amount by the count of them
        count_of = re.compile(rf"(?<![\d.,])(\d+)\s+{re.escape(per.group(1).lower().rstrip('s'))}(?:s|es)?\b", re.I)
        counts = {amounts_in(m.group(1))[0] for _, answer in exchanges for m in count_of.finditer(answer)}
        if pair is None or len(counts & set(pair)) != 1:
            return None
        divisor = (counts & set(pair)).pop()
        amount = pair[0] if pair[1] == divisor else pair[1]
        return f"{amount} / {divisor}" if float(divisor) not in (0.0, float(amount)) else None
    return None


def _rates(thing: str, texts: Sequence[str]) -> set[str]:
    """The amounts the texts give for one of the thing ("138 EUR per night", "42 EUR/h", "25 a day")."""
    spelt = "|".join(map(re.escape, [thing, *_spellings(thing)]))
    rate = re.compile(rf"(?<![\w.,])(\d+(?:[.,]\d+)*)\s*(?:€|eur|euros?|\$|£)?\s*(?:per|a|an|each|/)\s*(?:{spelt})\b",
                      re.I)
    return {amounts_in(m.group(1))[0] for text in texts for m in rate.finditer(text)}


def _spellings(thing: str) -> list[str]:
    """How a rate's unit may be written for a thing counted ("hour": "h", "hr")."""
    unit = UNITS.get(thing)
    return [s for s, u in UNITS.items() if u == unit and s != thing] if unit else []


def _units(texts: Sequence[str]) -> dict[str, str]:
    """The unit each amount is said in ("45 EUR/h": EUR), as the texts give them."""
    return {key: unit for text in texts for _, number, unit in quantities(text) for key in amounts_in(number)}


def _answers_of_thread(exchanges: Sequence[tuple[str, str]], refers_back: Callable[[str], bool]) -> list[list[str]]:
    """The amounts each answer of the thread said, oldest first: the newest answer's, and each earlier one's while
    the question after it referred back to it."""
    answers: list[list[str]] = []
    for at in range(len(exchanges) - 1, -1, -1):
        answers.insert(0, amounts_in(exchanges[at][1]))
        if not refers_back(exchanges[at][0]):
            break
    return answers


def _thread(exchanges: Sequence[tuple[str, str]], refers_back: Callable[[str], bool]) -> list[str]:
    """The amounts the thread's answers said, oldest first, once each."""
    return list(dict.fromkeys(a for amounts in _answers_of_thread(exchanges, refers_back) for a in amounts))


def _two(said: list[str], wider: Sequence[tuple[str, str]], units: dict[str, str],
         own: Sequence[str] = ()) -> tuple[str, str] | None:
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
        amounts += [a for a in amounts_in(answer) if a not in amounts]
    return (amounts[0], amounts[1]) if len(amounts) == 2 else None
