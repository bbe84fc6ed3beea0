"""A safe arithmetic evaluator: a Python expression parsed with `ast` and walked over a whitelist of nodes
(numbers, + - * / // % **, unary minus, parentheses, a few functions), never `eval`. Limits keep it
quick: the expression's length and size, exponents (`9**9**9` is refused before it is computed) and the
size of every value. Also says an expression in words ("17 times 23", "15 percent of 240").

`pct(x)` is x percent: `pct(15) * 240` is 15 % of 240, and `120 + pct(19)` adds 19 % to 120 (as a
calculator's % key does).
"""

from __future__ import annotations

import ast
import math
from collections.abc import Callable
from dataclasses import dataclass

from ..errors import InputError, UnreadableRequest
from .numbers import number_text

MAX_EXPRESSION_CHARS = 500  # of the expression itself (the words around it are gone by then)
MAX_NODES = 200
MAX_MAGNITUDE = 1e300  # any value beyond this is "too large" (floats end at 1.8e308)
MAX_FACTORIAL = 170


class CalculationError(InputError):
    """An expression that cannot be worked out, with the reason in words."""


@dataclass(frozen=True)
class Value:
    number: int | float
    percent: bool = False  # a bare pct(x): added to or taken from what stands before it


def _sqrt(x: float) -> float:
    if x < 0:
        raise CalculationError("a negative number has no real square root")
    root = math.isqrt(int(x)) if isinstance(x, int) else None
    return root if root is not None and root * root == x else math.sqrt(x)


def _cbrt(x: float) -> float:
    root = math.copysign(abs(x) ** (1 / 3), x)
    return round(root) if round(root) ** 3 == x else root


def _factorial(x: float) -> int:
    if x != int(x) or x < 0:
        raise CalculationError("a factorial needs a whole number of 0 or more")
    if x > MAX_FACTORIAL:
        raise CalculationError(f"factorials up to {MAX_FACTORIAL} only")
    return math.factorial(int(x))


def _round(x: float) -> int:
    return round(x)


FUNCTIONS: dict[str, Callable[[float], float]] = {
    "sqrt": _sqrt, "cbrt": _cbrt, "abs": abs, "factorial": _factorial, "round": _round,
    "pct": lambda x: x / 100,
}
OPERATORS = {ast.Add: "plus", ast.Sub: "minus", ast.Mult: "times", ast.Div: "divided by",
             ast.FloorDiv: "divided by", ast.Mod: "modulo", ast.Pow: "to the power of"}


def parse(expression: str) -> ast.expr:
    """The expression's tree, or a CalculationError when it is not plain arithmetic."""
    if len(expression) > MAX_EXPRESSION_CHARS:
        raise CalculationError(f"the calculation is too long (at most {MAX_EXPRESSION_CHARS} characters)")
    try:
        tree = ast.parse(expression.strip(), mode="eval").body
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        raise UnreadableRequest("that is not a calculation I can read") from None
    nodes = list(ast.walk(tree))
    if len(nodes) > MAX_NODES:
        raise CalculationError("the calculation is too long")
    for node in nodes:
        _check(node)
    return tree


def _check(node: ast.AST) -> None:
    if isinstance(node, ast.Constant):
        if isinstance(node.value, bool) or not isinstance(node.value, int | float):
            raise UnreadableRequest("only numbers can be calculated with")
    elif isinstance(node, ast.BinOp):
        if type(node.op) not in OPERATORS:
            raise CalculationError("only + - * / // % and powers can be used")
    elif isinstance(node, ast.UnaryOp):
        if not isinstance(node.op, ast.USub | ast.UAdd):
            raise CalculationError("only + - * / // % and powers can be used")
    elif isinstance(node, ast.Call):
        if not isinstance(node.func, ast.Name) or node.func.id not in FUNCTIONS or len(node.args) != 1 \
                or node.keywords:
            raise CalculationError("the functions are " + ", ".join(f for f in FUNCTIONS if f != "pct"))
    elif isinstance(node, ast.Name):
        if node.id not in FUNCTIONS:
            raise UnreadableRequest(f"{node.id!r} is not a number")
    elif not isinstance(node, ast.operator | ast.unaryop | ast.Load):
        raise UnreadableRequest("that is not plain arithmetic")


def evaluate(tree: ast.expr) -> int | float:
    """The value of a checked tree (`parse`)."""
    value = _value(tree)
    return value.number / 100 if value.percent else value.number


def _value(node: ast.expr) -> Value:
    if isinstance(node, ast.Constant):
        assert isinstance(node.value, int | float)  # `parse` let no other constant through
        return Value(_bounded(node.value))
    if isinstance(node, ast.UnaryOp):
        inner = _value(node.operand)
        return Value(-inner.number if isinstance(node.op, ast.USub) else inner.number, inner.percent)
    if isinstance(node, ast.Call):
        assert isinstance(node.func, ast.Name)
        arg = _value(node.args[0])
        if node.func.id == "pct":
            return Value(arg.number, percent=True)
        return Value(_bounded(FUNCTIONS[node.func.id](arg.number / 100 if arg.percent else arg.number)))
    assert isinstance(node, ast.BinOp)
    left, right = _value(node.left), _value(node.right)
    a = left.number / 100 if left.percent else left.number
    if right.percent and isinstance(node.op, ast.Add | ast.Sub):  # 120 + 19 %: 120 and 19 % of it
        share = a * right.number / 100
        return Value(_bounded(a + share if isinstance(node.op, ast.Add) else a - share))
    b = right.number / 100 if right.percent else right.number
    return Value(_bounded(_apply(node.op, a, b)))


def _apply(op: ast.operator, a: int | float, b: int | float) -> int | float:
    try:
        if isinstance(op, ast.Add):
            return a + b
        if isinstance(op, ast.Sub):
            return a - b
        if isinstance(op, ast.Mult):
            return a * b
        if isinstance(op, ast.Div):
            if isinstance(a, int) and isinstance(b, int) and b and a % b == 0:
                return a // b
            return a / b
        if isinstance(op, ast.FloorDiv):
            return a // b
        if isinstance(op, ast.Mod):
            return a % b
        return _power(a, b)
    except ZeroDivisionError:
        raise CalculationError("you can't divide by zero") from None
    except OverflowError:
        raise CalculationError("the result is too large") from None


def _power(a: int | float, b: int | float) -> int | float:
    if a < 0 and b != int(b):
        raise CalculationError("a negative number to a fractional power has no real value")
    if a == 0 and b < 0:
        raise CalculationError("you can't divide by zero")
    if abs(a) > 1 and abs(b) * math.log10(abs(a)) > math.log10(MAX_MAGNITUDE):
        raise CalculationError("the result is too large" if b > 0 else "the result is too small to say")
    if isinstance(a, int) and isinstance(b, int) and b < 0:
        return a ** float(b)
    return a ** b


def _bounded(x: int | float) -> int | float:
    if isinstance(x, float) and (math.isnan(x) or math.isinf(x)) or abs(x) > MAX_MAGNITUDE:
        raise CalculationError("the result is too large")
    if isinstance(x, float) and x.is_integer() and abs(x) < 2**53:
        return int(x)
    return x


# -- in words -------------------------------------------------------------------------------------
_PRECEDENCE = {ast.Add: 1, ast.Sub: 1, ast.Mult: 2, ast.Div: 2, ast.FloorDiv: 2, ast.Mod: 2, ast.Pow: 3}


def words(node: ast.expr) -> str:
    """The expression as it is said: "17 times 23", "the square root of 169", "120 plus 19 percent"."""
    if isinstance(node, ast.Constant):
        return _number(node.value)
    if isinstance(node, ast.UnaryOp):
        inner = words(node.operand)
        return f"minus {inner}" if isinstance(node.op, ast.USub) else inner
    if isinstance(node, ast.Call):
        assert isinstance(node.func, ast.Name)
        arg = words(node.args[0])
        return {"sqrt": f"the square root of {arg}", "cbrt": f"the cube root of {arg}",
                "abs": f"the absolute value of {arg}", "factorial": f"{arg} factorial",
                "round": f"{arg} rounded", "pct": f"{arg} percent"}[node.func.id]
    assert isinstance(node, ast.BinOp)
    left, right = _side(node.left, node.op, False), _side(node.right, node.op, True)
    if isinstance(node.op, ast.Pow) and isinstance(node.right, ast.Constant) and node.right.value in (2, 3):
        return f"{left} {'squared' if node.right.value == 2 else 'cubed'}"
    if isinstance(node.op, ast.Mult) and _is_percent(node.left):
        return f"{left} of {right}"
    if isinstance(node.op, ast.FloorDiv):
        return f"{left} divided by {right}, rounded down"
    return f"{left} {OPERATORS[type(node.op)]} {right}"


def _side(node: ast.expr, op: ast.operator, right: bool) -> str:
    text = words(node)
    if isinstance(node, ast.BinOp):
        inner, outer = _PRECEDENCE[type(node.op)], _PRECEDENCE[type(op)]
        if inner < outer or (right and inner == outer and not isinstance(op, ast.Add | ast.Mult)) \
                or (not right and isinstance(op, ast.Pow)):
            return f"({text})"
    return text


def _is_percent(node: ast.expr) -> bool:
    return isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "pct"


def _number(value: object) -> str:
    if isinstance(value, int):
        return f"{value:,}" if abs(value) >= 10_000 else str(value)
    return number_text(value) if isinstance(value, float) else str(value)
