"""calculate: arithmetic said in words or written in symbols ("17 times 23", "15 percent of 240",
"square root of 169", "(3 + 4) * 2"), worked out by code (`arithmetic.py`, never `eval`) and said as people
say it: "17 times 23 is 391." A small chat model's sums are guesses; these are not."""

from __future__ import annotations

import ast
import difflib
import functools
import re
from typing import Annotated

from pydantic import Field

from ..contracts import ToolResult
from ..routing_hints import Routing
from . import arithmetic, word_problems
from ..errors import UnreadableRequest
from .arithmetic import CalculationError
from .clock_words import NOT_A_SUM
from .numbers import NUMBER, read, say
from .registry import ToolContext, tool

MAX_CHARS = 1000
NUM = rf"({NUMBER})"
PERCENT = "percent"  # the unit of a share's result ("1040 is about 80.62 percent of 1290.")

# Money said with a sum: taken off the numbers, said with the result ("21.50 euros").
_CURRENCY_SIGNS = {"$": "dollars", "€": "euros", "£": "pounds", "¥": "yen"}
_CURRENCY = re.compile(r"\b(euros?|dollars?|bucks|quid|pounds?|francs?|yen|pesos?)\b")

# Phrases that put the operator first ("add 5 and 3", "subtract 4 from 10"), and other whole phrases.
_PHRASES: list[tuple[str, str]] = [
    (rf"\b(?:what(?:'s| is) )?(?:the )?(?:sum|total) of {NUM} and {NUM}", r"(\1 + \2)"),
    (rf"\badd(?: up)? {NUM} (?:and|to|plus) {NUM}", r"(\1 + \2)"),
    (rf"\bsubtract {NUM} from {NUM}", r"(\2 - \1)"),
    (rf"\btake(?: away)? {NUM} (?:away )?from {NUM}", r"(\2 - \1)"),
    (rf"\b(?:the )?difference between {NUM} and {NUM}", r"(\1 - \2)"),
    (rf"\bmultiply {NUM} (?:by|and|with) {NUM}", r"(\1 * \2)"),
    (rf"\b(?:the )?product of {NUM} and {NUM}", r"(\1 * \2)"),
    (rf"\bdivide {NUM} (?:by|between|among|into) {NUM}", r"(\1 / \2)"),
    (rf"\bsplit {NUM} (?:\w+ )?(?:between|among|by|into|across) {NUM}", r"(\1 / \2)"),
    (rf"\b(?:the )?(?:average|mean) of {NUM}((?:,? {NUM})*),? and {NUM}", "AVERAGE"),
    (rf"\bhalf of {NUM}", r"(\1 / 2)"), (rf"\b(?:a )?third of {NUM}", r"(\1 / 3)"),
    (rf"\b(?:a )?quarter of {NUM}", r"(\1 / 4)"), (rf"\b(?:double|twice) {NUM}", r"(2 * \1)"),
    (rf"\btriple {NUM}", r"(3 * \1)"),
    (rf"{NUM} less than {NUM}", r"(\2 - \1)"), (rf"{NUM} more than {NUM}", r"(\2 + \1)"),
    (rf"{NUM} ?(?:%(?! ?[\d(])|percent|per ?cent|prozent|pour ?cent|por ?ciento)", r"pct(\1)"),
    (rf"pct\({NUM}\) off {NUM}", r"(\2 - pct(\1))"),
    (r"pct\(([^()]*)\) (?:(?:tip|discount|tax|vat|interest|commission|markup|rise|raise) )?(?:of|on|von|de|del|sur)\b",
     r"pct(\1) *"),
    (r"\b(?:the )?cube root of ", "cbrt "), (r"\b(?:the )?absolute value of ", "abs "),
    (r"\b(?:the )?(?:square root|quadratwurzel|wurzel|racine carr[ée]e|ra[ií]z cuadrada|root) (?:of|aus|von|de) ",
     "sqrt "),
    (rf"{NUM} ?(?:factorial|!)", r"factorial(\1)"),
    (r"\b(?:squared|au carr[ée]|zum quadrat|al cuadrado)\b", "** 2"), (r"\bcubed\b", "** 3"),
]
# Operators in words (English, German, French, Spanish); longer phrases first.
_OPERATORS: dict[str, str] = {
    "to the power of": "**", "raised to the power of": "**", "raised to": "**", "to the": "**",
    "à la puissance": "**", "puissance": "**", "hoch": "**", "elevado a la": "**", "elevado a": "**",
    "multiplied by": "*", "multiplicado por": "*", "multiplié par": "*", "times": "*", "mal": "*", "fois": "*",
    "por": "*", "x": "*",
    "divided by": "/", "divided between": "/", "divided among": "/", "split between": "/", "split among": "/",
    "split by": "/", "split into": "/", "shared between": "/", "shared among": "/", "over": "/",
    "geteilt durch": "/", "durch": "/", "divisé par": "/", "dividido por": "/", "dividido entre": "/",
    "entre": "/",
    "plus": "+", "más": "+", "mas": "+", "added to": "+",
    "minus": "-", "less": "-", "take away": "-", "weniger": "-", "moins": "-", "menos": "-",
    "modulo": "%", "mod": "%",
}
_OPERATOR_WORDS = re.compile(r"(?<![\w(])(" + "|".join(
    re.escape(w).replace(r"\ ", r"\s+") for w in sorted(_OPERATORS, key=len, reverse=True)) + r")(?![\w])")
_SYMBOLS = str.maketrans({"×": "*", "✕": "*", "·": "*", "⋅": "*", "÷": "/", "−": "-", "–": "-", "^": "**",
                          "²": "**2", "³": "**3", "√": " sqrt "})
_CODE = re.compile(r"[_\[\]{}\\`;@|&<>~]|[)\w]\.[^\W\d]|\blambda\b|\bimport\b")  # attributes, indexing, ...
_SPELLED = ("times", "plus", "minus", "divide", "divided", "multiplied", "multiply", "percent", "squared", "square",
            "power", "subtract", "split", "between")
_TOKEN = re.compile(r"\d+(?:\.\d+)?(?:e[+-]?\d+)?|\*\*|//|[-+*/%()]|[^\W\d_]+|\S")
_KEEP_NAMES = frozenset(arithmetic.FUNCTIONS)


def expression_of(text: str) -> tuple[str, str | None]:
    """The arithmetic expression a request says, in Python's symbols, and the unit its result is said in: the
    currency, or `PERCENT` for a share, or None: "What's 48,000 divided by 12?" -> ("48000 / 12", None);
    "86 euros split between four people" -> ("(86 / 4)", "euros"); "what percentage of 1290 is 1040?" ->
    ("(1040 / 1290 * 100)", "percent")."""
    if len(text) > MAX_CHARS:
        raise CalculationError(f"that is too long to calculate (at most {MAX_CHARS:,} characters)")
    t = " ".join(text.lower().split())
    if _CODE.search(t):
        raise UnreadableRequest("that is not a calculation I can read (it looks like program code)")
    t = _WITH_CENTS.sub(_cents, t)  # "214 euros 50" is 214.50 euros
    moneys = {name for sign, name in _CURRENCY_SIGNS.items() if sign in t} | {_plural(w) for w in _CURRENCY.findall(t)}
    for sign, name in _CURRENCY_SIGNS.items():
        if sign in t:
            currency: str | None = name
            t = t.replace(sign, " ")
            break
    else:
        found = _CURRENCY.search(t)
        currency = _plural(found.group(1)) if found else None
    t = _CURRENCY.sub(f" {word_problems.MONEY} ", t)  # (marked: "9 euros pocket money" is an amount, "3 kids" a count)
    t = t.translate(_SYMBOLS)
    t = re.sub(r"\b(?:per|pour) cent\b", "percent", t)  # (not "per 100": "cent" is a French number word)
    t = " ".join(read(_respelt(t)).split())  # 48,000 -> 48000, 1,5 -> 1.5, "seven" -> 7
    t = re.sub(r"(?<=\d) ?x ?(?=\d)", " * ", t)
    if (share := word_problems.share(t)) is not None:  # "what percentage of 1290 is 1040?"
        return f"({share[0]} / {share[1]} * 100)", PERCENT
    if not re.search(r"[-+*/^%]", t):
        # a word problem, when nothing else says the operation ("the total of 3 times 20 and 2 times 15") and no two
        # currencies are added ("$50 and €40")
        said_as_sum = _OPERATOR_WORDS.search(t) is not None or any(re.search(p, t) for p, _ in _PHRASES)
        readings = [word_problems.shared] + ([word_problems.priced, word_problems.listed]
                                             if not said_as_sum and len(moneys) <= 1 else [])
        for reading in readings:
            if (said := reading(t)) is not None:  # "1216 between 32 people", "3 at 19.99 each", "... on average"
                return said, currency
    for pattern, replacement in _PHRASES:
        t = re.sub(pattern, _average if replacement == "AVERAGE" else replacement, t)
    t = _OPERATOR_WORDS.sub(lambda m: f" {_OPERATORS[' '.join(m.group(1).split())]} ", t)
    t = re.sub(rf"\b(sqrt|cbrt|abs) {NUM}", r"\1(\2)", t)
    t = re.sub(r"(?<=\d)\s*%(?!\s*[\d(])", "", t)  # a % sign left with nothing after it
    kept = [tok for tok in _TOKEN.findall(t) if tok[0].isdigit() or tok in _KEEP_NAMES or tok in "+-*/%()"
            or tok in ("**", "//")]
    expression = " ".join(kept).replace("( ", "(").replace(" )", ")")
    for name in _KEEP_NAMES:
        expression = expression.replace(f"{name} (", f"{name}(")
    return expression, currency


# An amount said with its cents after the currency: "214 euros 50", "3 pounds 20", "12 dollars and 5 cents" (not
# "30 euros 2 times", "20 euros 4 people").
_CENTS = r"(?:cents?|pence|centimes?|p|c)\b"
_WITH_CENTS = re.compile(rf"(?<![\w.,])(\d+) ?(euros?|dollars?|pounds?|bucks|quid|francs?)(?: and (\d{{1,2}}) ?{_CENTS}|"
                         rf" (\d{{1,2}})(?: ?{_CENTS})?)(?![\w.]|,\d)(?! ?(?:x\b|%|times|people|persons|each|per|"
                         r"percent|ways|months?|weeks?|days?|years?|nights?|hours?))")  # (" and 20 for food": no cents)


def _cents(m: re.Match[str]) -> str:
    return f"{m.group(1)}.{int(m.group(3) or m.group(4)):02d} {m.group(2)}"


def _respelt(text: str) -> str:
    """Misspelt operator words put right ("devided" -> "divided", "tims" -> "times")."""
    return re.sub(r"[^\W\d_]{4,}", lambda m: _closest(m.group()), text)


@functools.lru_cache(maxsize=4096)
def _closest(word: str) -> str:
    if word in _SPELLED:
        return word
    found = difflib.get_close_matches(word, _SPELLED, n=1, cutoff=0.85)
    return found[0] if found else word


def _average(m: re.Match[str]) -> str:
    numbers = [m.group(1), *re.findall(NUM, m.group(2) or ""), m.group(m.lastindex or 1)]
    return f"(({' + '.join(numbers)}) / {len(numbers)})"


def _plural(word: str) -> str:
    return {"bucks": "dollars", "quid": "pounds", "yen": "yen"}.get(word, word if word.endswith("s") else word + "s")


def answer(text: str) -> tuple[str, str, int | float]:
    """The spoken answer, the expression and its value; a CalculationError says why there is none."""
    expression, currency = expression_of(text)
    if not re.search(r"\d", expression):
        raise UnreadableRequest("there are no numbers in it to calculate with")
    tree = arithmetic.parse(expression)
    if isinstance(tree, ast.Constant):
        raise UnreadableRequest("there is a number but nothing to work out")
    value = arithmetic.evaluate(tree)
    said = arithmetic.words(tree)
    if currency == PERCENT and isinstance(tree, ast.BinOp) and isinstance(tree.left, ast.BinOp):
        part, whole = arithmetic.words(tree.left.left), arithmetic.words(tree.left.right)
        return f"{part} is {say(value)} percent of {whole}.", expression, value
    if currency is not None:
        amount = f"{value:,.2f}" if isinstance(value, float) and abs(value) < 1e15 else say(value)
        result = f"{amount} {currency}"
    else:
        result = say(value)
    return f"{said[0].upper()}{said[1:]} is {result}.", expression, value


CALCULATE_EXAMPLES = (
    "what is 17 times 23", "what's 15 percent of 240", "1234 plus 5678", "144 divided by 12",
    "2 to the power of 10", "square root of 169", "seven hundred minus two hundred and fifty eight",
    "86 euros split between four people", "120 plus 19 percent", "what's 48,000 divided by 12",
    "calculate 3.5 times 4", "how much is 12 times 12", "what is 2 + 2", "add 45 and 27",
    "subtract 19 from 100", "what's a 20 percent tip on 85 dollars", "work out 365 times 24",
    "wie viel ist sieben mal acht", "combien font 12 fois 7", "cuánto es 15 por 3",
    "what percentage of 80 is 20", "how much each if 3 people share 75 euros", "300 euros for 3 nights, how much a night",
    "3 tickets at 26 euros each, how much is that", "we spent 40 in May and 55 in June, what's that on average",
)
CALCULATE_KEYWORDS = (
    "times", "plus", "minus", "divided by", "multiplied by", "percent", "per cent", "square root", "squared",
    "to the power", "calculate", "calculation", "work out", "split between", "split among", "sum of",
    "percentage", "splitting", "shared between", "shared among", "per person", "per head", "average", "on average",
    "altogether", "in total", "im schnitt", "durchschnitt", "en moyenne", "en promedio",
    "mal", "geteilt", "prozent", "prozentsatz", "pro person", "pro kopf", "fois", "divisé", "pour cent", "pourcentage",
    "par personne", "más", "menos", "por ciento", "porcentaje", "por persona", "percentuale", "rechne*", "calcul*")
# The router: the request itself is the expression (the tool reads the numbers and operators out of it), and
# the answer is read out as it is; only a request that holds a number is a calculation ("how much is my rent"
# is a question about the user's files).
CALCULATE_ROUTING = Routing(
    "work that out", question="expression", read_out="always", works_out=True,
    # symbols between numbers, but not a hyphen or slash without spaces (phone numbers, dates, "pages 2-5"),
    # unless the whole request is the expression ("144/12")
    signal=r"\d\s*(?:[+*×÷^%]|\*\*)\s*[\d(]|\d\s+[-/x]\s+[\d(]|\d\s*%|^(?=\D*\d)[\s\d.,()+*/^×÷%-]+[?=]?$|"
           # so many at a price each ("3 shirts at 19.99 each")
           r"\d\s(?:[^\W\d_][\w']*\s){0,5}?(?:at|for|@)\s[€$£]?\d+(?:[.,]\d+)?\s?(?:[^\W\d_]+\s)?(?:each|apiece)\b",
    needs=r"\d|\b(?:zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|"
          r"fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|"
          r"hundred|thousand|million|dozen|half|eins|zwei|drei|vier|fünf|sechs|sieben|acht|neun|zehn|zwanzig|"
          r"hundert|tausend|deux|trois|quatre|cinq|sept|huit|neuf|dix|vingt|cent|mille|dos|tres|cuatro|cinco|"
          r"seis|siete|ocho|nueve|diez|veinte|cien|mil)\b",
    not_for=NOT_A_SUM)  # times of day ("17:45 to 19:00", "3:15 pm plus 2 hours"): date_time's


@tool("""
    Work out arithmetic exactly: + - * / (also in words: plus, minus, times, divided by), percentages
    ('15 percent of 240', '120 plus 19 percent'), powers, square roots, averages, sums split between
    people. Use it for every calculation instead of doing sums yourself. Pass the calculation as it was
    said or written, e.g. '17 times 23', 'seven hundred minus two hundred and fifty eight' or '(3+4)*2'.
    Returns the answer as a sentence to say, e.g. '17 times 23 is 391.'
    """, examples=CALCULATE_EXAMPLES, keywords=CALCULATE_KEYWORDS, title="Calculate",
    output_schema={"type": "object", "properties": {
        "expression": {"type": "string", "description": "what was worked out, in Python's symbols"},
        "value": {"type": "number"}}, "required": ["expression", "value"]},
    routing=CALCULATE_ROUTING)
def calculate(
    ctx: ToolContext,
    expression: Annotated[str, Field(min_length=1, max_length=MAX_CHARS, description=(
        "The calculation, in symbols or in words: '17 * 23', '17 times 23', '15% of 240', 'square root of "
        "169', '86 divided by 4'. A whole sentence is fine: 'what is 2 to the power of 10?'."))],
) -> ToolResult:
    text, python, value = answer(expression)
    return ToolResult(text=text, data={"expression": python, "value": value})
