"""Conditions of a piecewise function: `(x,y) ≠ (0,0)`, `x^2+y^2 = 0`,
`xy ≠ 0`, `x = 0 or y = 0`, `x > 0 and y ≥ 0`.

A small Lark grammar of its own finds the comparisons, `or` and `and`;
each side is read by the project's reader (never evaluated as text), and a
bracketed pair `(a, b)` compares componentwise.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass

import sympy
from lark import Lark
from lark.exceptions import LarkError

from partials.core.errors import NotationError

GRAMMAR = r"""
start: disjunction
disjunction: conjunction (_OR conjunction)*
conjunction: comparison (_AND comparison)*
comparison: SIDE (OP SIDE)+
OP: "≠" | "!=" | "<>" | "≤" | "<=" | "≥" | ">=" | "<" | ">" | "=" | "＝"
_OR: /(?<![A-Za-z])or(?![A-Za-z])|或/
_AND: /(?<![A-Za-z])and(?![A-Za-z])|并且|且|&&/
SIDE: /(?:(?!(?<![A-Za-z])or(?![A-Za-z])|(?<![A-Za-z])and(?![A-Za-z])|或|且|并且|&&)[^≠<>=≤≥!＝])+/
"""
OPERATORS = {"≠": "!=", "!=": "!=", "<>": "!=", "≤": "<=", "<=": "<=", "≥": ">=", ">=": ">=",
             "<": "<", ">": ">", "=": "=", "＝": "="}
SHOWN = {"!=": "≠", "<=": "≤", ">=": "≥", "<": "<", ">": ">", "=": "="}


@functools.lru_cache(maxsize=1)
def _parser() -> Lark:
    return Lark(GRAMMAR, parser="lalr", lexer="contextual")


@dataclass(frozen=True)
class Comparison:
    lhs: tuple  # one expression, or two for a pair (x, y)
    op: str     # "=", "!=", "<", "<=", ">", ">="
    rhs: tuple

    def holds(self, values: dict) -> bool:
        if len(self.lhs) != len(self.rhs):
            raise NotationError("a pair is compared with a single value", str(self), None)
        signs = [_sign(a - b, values) for a, b in zip(self.lhs, self.rhs)]
        if self.op == "=":
            return all(s == 0 for s in signs)
        if self.op == "!=":
            return any(s != 0 for s in signs)
        (s,) = signs
        return {"<": s < 0, "<=": s <= 0, ">": s > 0, ">=": s >= 0}[self.op]

    def __str__(self):
        def side(part):
            return str(part[0]) if len(part) == 1 else "(" + ", ".join(map(str, part)) + ")"
        return f"{side(self.lhs)} {SHOWN[self.op]} {side(self.rhs)}"


@dataclass(frozen=True)
class Condition:
    """A disjunction of conjunctions of comparisons; `otherwise` when empty."""

    alternatives: tuple  # tuple of tuples of Comparison
    text: str = ""

    @property
    def otherwise(self) -> bool:
        return not self.alternatives

    def holds(self, values: dict) -> bool:
        return any(all(c.holds(values) for c in both) for both in self.alternatives)


OTHERWISE = Condition((), "otherwise")
_OTHERWISE_WORDS = {"otherwise", "else", "其他", "其它", "其余", "其他情形", "其它情形", "elsewhere"}


def read_condition(text: str, read_side) -> Condition:
    """`read_side(text) -> sympy.Expr` reads one side (the project's reader)."""
    stripped = _unwrapped(text)
    if stripped.lower() in _OTHERWISE_WORDS:
        return OTHERWISE
    try:
        tree = _parser().parse(stripped)
    except LarkError:
        raise NotationError("cannot read this condition", text, None,
                            hint="write it like (x,y) ≠ (0,0), x^2+y^2 = 0, x = 0 or y = 0") from None
    alternatives = []
    for conjunction in tree.children[0].children:
        both = []
        for comparison in conjunction.children:
            parts = comparison.children
            sides = [_side(str(p), read_side) for p in parts[0::2]]
            ops = [OPERATORS[str(p)] for p in parts[1::2]]
            both += [Comparison(sides[k], ops[k], sides[k + 1]) for k in range(len(ops))]
        alternatives.append(tuple(both))
    return Condition(tuple(alternatives), stripped)


def _unwrapped(text: str) -> str:
    text = text.strip().strip("，,;；").strip()
    text = re.sub(r"^(当|若|如果|if|when|for)\s*", "", text)
    text = re.sub(r"\s*时$", "", text)
    return text.strip()


def _side(text: str, read_side) -> tuple:
    text = text.strip()
    if text.startswith("(") and text.endswith(")"):
        parts = split_top_level(text[1:-1], ",，")
        if len(parts) > 1:
            return tuple(read_side(part) for part in parts)
    return (read_side(text),)


def split_top_level(text: str, separators: str) -> list:
    """Split at separators outside brackets."""
    parts, depth, current = [], 0, []
    for ch in text:
        if ch in "([{（":
            depth += 1
        elif ch in ")]}）":
            depth -= 1
        if ch in separators and depth == 0:
            parts.append("".join(current))
            current = []
        else:
            current.append(ch)
    parts.append("".join(current))
    return parts


def _sign(difference, values: dict) -> int:
    value = difference.subs(values)
    if value.is_Rational:
        return int(bool(value > 0)) - int(bool(value < 0))
    if value.is_zero:
        return 0
    number = value.evalf(60)
    if not number.is_real or not number.is_Number:
        raise NotationError("a condition has no real value near the point", str(difference), None)
    if abs(number) < sympy.Float("1e-45"):
        if value.equals(0):
            return 0
    return 1 if number > 0 else -1

