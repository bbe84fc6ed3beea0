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
from ..contracts import ToolCall
from ..roles import ChatModel
from ..words import OPERATION_WORDS, PERCENT_WORDS
from .claims import claims, normalise

EXPRESSION_TOKENS = 40  # "(7850 - 2355) / 3"
MAX_FACTS = 6
WORK_OUT_PROMPT = (
    "You write the arithmetic that answers the user's question, with the numbers the facts give. Write only the "
    "expression, with + - * / and parentheses.\n"
    "Example:\nFacts:\n- The flat is 900 euros a month.\n- Parking is 60 euros a month.\n"
    "Question: so what's that together?\nExpression: 900 + 60")
_PERCENT = re.compile("|".join(re.escape(w) for w in PERCENT_WORDS), re.I)


def asks_to_work_out(question: str) -> bool:
    """The question asks for arithmetic (an operation word) over amounts it does not give itself (fewer than two
    numbers: "what is 17 times 23?" is the calculator's alone)."""
    words = set(re.findall(r"[^\W\d_]+", question.lower()))
    return bool(words & OPERATION_WORDS) and len(_numbers(question)) < 2


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
    name = schema["function"]["name"]
    written: dict[str, Any] | None = None
    chunks = llm.stream(messages, tools=[schema], max_new_tokens=EXPRESSION_TOKENS, stop=stop, tool_choice=name)
    try:
        for chunk in chunks:
            if isinstance(chunk, ToolCall) and chunk.name == name:
                written = chunk.arguments
                break
    finally:
        close = getattr(chunks, "close", None)
        if close is not None:
            close()
    expression = str((written or {}).get("expression") or "").strip()
    return expression if held(expression, facts, question) else None


def held(expression: str, facts: Sequence[str], question: str) -> bool:
    """The expression is arithmetic (digits, operators, parentheses) on at least two numbers, each of them said in
    the facts or the question (100 too, when the question asks for a percentage)."""
    if not re.fullmatch(r"[\d\s.,+\-*/×÷()]+", expression) or not re.search(r"\d\s*[-+*/×÷]", expression):
        return False
    used = _numbers(expression)
    if len(used) < 2:
        return False
    known = set().union(*(_numbers(fact) for fact in [*facts, question]))
    if _PERCENT.search(question):
        known.add("100")
    return all(number in known for number in used)


def _numbers(text: str) -> set[str]:
    """The numbers a text says, as keys ("1,740" and "1740" alike; "two" is 2), those in times and dates too."""
    found = set()
    for claim in claims(normalise(text)):
        if claim.kind == "number":
            found.add(claim.key)
        elif claim.kind == "time":
            found.update(part.lstrip("0") or "0" for part in claim.key.split(":"))
    return found
