"""Arithmetic over what the conversation said: "so how much is left to pay after the deposit?", "what's that per
night?". The chat model writes the expression from the conversation's facts (its recent answers and the
passages they came from), decoded under the calculator's schema; the expression is used only when every number in
it is one the facts or the question hold, and code computes it. A model that reaches for a number nobody said
gets no say: the turn goes on as any other.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from ..cancel import Cancel
from ..contracts import Citation
from ..roles import ChatModel, forced_call
from ..words import OPERATION_WORDS, PERCENT_WORDS
from .claims import claims, normalise
from .asking import DATE_OR_TIME

EXPRESSION_TOKENS = 40  # "(7850 - 2355) / 3"
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


def asks_to_work_out(question: str) -> bool:
    """The question asks for arithmetic (an operation word) over amounts it does not give itself (fewer than two
    numbers: "what is 17 times 23?" is the calculator's alone)."""
    words = set(re.findall(r"[^\W\d_]+", question.lower()))
    return bool(words & (OPERATION_WORDS - _COMMON)) and len(_numbers(question)) < 2


def facts_hold_numbers(facts: Sequence[str]) -> bool:
    return any(_numbers(fact) for fact in facts)


def written_expression(llm: ChatModel, question: str, facts: Sequence[str], schema: dict[str, Any],
                       stop: Cancel | None = None) -> str | None:
    """The expression the model writes for the question from the facts (`schema`: the calculator's, one
    "expression" argument), if every number in it is one the facts or the question hold; else None."""
    facts = list(facts)[-MAX_FACTS:]
    listed = "\n".join(f"- {fact}" for fact in facts)
    messages = [{"role": "system", "content": WORK_OUT_PROMPT},
                {"role": "user", "content": f"Facts:\n{listed}\nQuestion: {question}"}]
    written = forced_call(llm, messages, schema, EXPRESSION_TOKENS, stop)
    expression = re.sub(r"(?<=\d),(?=\d{3}\b)", "", str((written or {}).get("expression") or "").strip())
    return expression if held(expression, facts, question) else None  # ("1,740 / 3": the thousands as written)


def held(expression: str, facts: Sequence[str], question: str) -> bool:
    """The expression is arithmetic (digits, a decimal point, operators, parentheses) on at least two numbers, each
    of them an amount said in the facts or the question (100 too, when the question asks for a percentage), read
    as the calculator reads them ("7.850" is seven point eight five, not the 7,850 of a German answer)."""
    if not re.fullmatch(r"[\d\s.+\-*/×÷()]+", expression) or not re.search(r"\d\s*[-+*/×÷]", expression):
        return False
    try:
        used = {float(n) for n in re.findall(r"\d+(?:\.\d+)?", expression)}
    except ValueError:
        return False
    if len(re.findall(r"\d+(?:\.\d+)?", expression)) < 2:
        return False
    known = {float(n) for fact in [*facts, question] for n in _numbers(fact)}
    if _PERCENT.search(question):
        known.add(100.0)
    return used <= known


def sources_of(expression: str, sources: Sequence[tuple[str, Citation]], question: str = "") -> list[Citation]:
    """Where the expression's amounts were found: each source (evidence, citation) that says one of them, in
    order, once. The question's own numbers ("20 %", "split in 2") need no source."""
    used = {float(n) for n in re.findall(r"\d+(?:\.\d+)?", expression)} - {float(n) for n in _numbers(question)}
    cited: list[Citation] = []
    for text, citation in sources:
        if citation not in cited and any(float(n) in used for n in _numbers(text)):
            cited.append(citation)
    return cited


def _numbers(text: str) -> set[str]:
    """The amounts a text says, as keys ("1,740" and "1740" alike; "two" is 2): not the times, days of the month
    and years of its dates."""
    text = _DATES.sub(" ", normalise(text))
    found = set()
    for claim in claims(text):
        if claim.kind == "number":
            try:
                float(claim.key)
            except ValueError:
                continue
            found.add(claim.key)
    return found


_DATES = re.compile(rf"{DATE_OR_TIME.pattern}|\b\d{{1,2}}[.:]\d{{2}}\b|\b(?:19|20)\d{{2}}\b", re.I)  # with dotted
# times and years: no amounts to work with
