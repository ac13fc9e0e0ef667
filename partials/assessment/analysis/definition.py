"""Partial derivatives at a point by the definition,
f_x(a, b) = lim_{h→0} [f(a+h, b) − f(a, b)]/h, from both sides; usable
wherever a formula is not smooth (|·|, roots of something that vanishes
there, a piece boundary)."""
from __future__ import annotations

import sympy

from partials.assessment.analysis.onevar import FINITE, INFINITE, OSCILLATES, S, right_limit
from partials.assessment.analysis.verdicts import DEFINITION, Finding, undecided

H = sympy.Symbol("h", real=True)


def partial_by_definition(neighbourhood, by: str) -> Finding:
    """by = "x" or "y"; verdict True (value) / False (does not exist) / None."""
    n = neighbourhood
    (a, b), f0 = n.point, n.value
    name = n.function.name
    x, y = n.x, n.y
    at = f"{name}({a}, {b})"
    if f0 is None:
        return Finding(False, None, DEFINITION, f"{at} is not defined, so the difference quotient is not",
                       f"{at} 无定义，差商无意义")
    sides = {}
    for sign in (1, -1):
        expr = n.rays[(by, sign)]
        moved = {x: a + sign * S, y: b} if by == "x" else {x: a, y: b + sign * S}
        sides[sign] = right_limit((expr.subs(moved, simultaneous=True) - f0) / (sign * S))
    quotient = _quotient_text(n, by)
    right, left = sides[1], sides[-1]
    text = f"{_name(name, by)}({a}, {b}) = lim_(h→0) {quotient}"
    if OSCILLATES in (right.status, left.status):
        side = "h → 0⁺" if right.status == OSCILLATES else "h → 0⁻"
        return Finding(False, None, DEFINITION, f"{text}: the quotient oscillates as {side}, no limit",
                       f"{text}：当 {side} 时差商振荡，极限不存在")
    if INFINITE in (right.status, left.status):
        side = "h → 0⁺" if right.status == INFINITE else "h → 0⁻"
        return Finding(False, None, DEFINITION, f"{text}: the quotient is unbounded as {side}",
                       f"{text}：当 {side} 时差商趋于无穷，极限不存在")
    if right.status == FINITE and left.status == FINITE:
        difference = (right.value - left.value)
        if difference.is_zero or sympy.simplify(difference) == 0:
            return Finding(True, right.value, DEFINITION, f"{text} = {right.value}", f"{text} = {right.value}")
        if difference.evalf(30).is_Number and abs(difference.evalf(30)) > 1e-25:
            return Finding(False, None, DEFINITION,
                           f"{text}: the right-hand limit is {right.value}, the left-hand limit {left.value}",
                           f"{text}：右极限为 {right.value}，左极限为 {left.value}，不相等，偏导数不存在")
    return undecided(f"{text}: the one-sided limits could not be computed exactly",
                     f"{text}：单侧极限无法精确求出")


def _quotient_text(n, by):
    (a, b), f0, name = n.point, n.value, n.function.name
    moved = f"{name}({_plus(a)}, {b})" if by == "x" else f"{name}({a}, {_plus(b)})"
    return f"[{moved} − {f0}]/h"


def _plus(a):
    return "h" if a == 0 else f"{a} + h"


def _name(name, by):
    return f"{name}_{by}"
