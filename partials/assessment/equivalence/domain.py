"""Where expressions are real: the conditions their logarithms, roots and
inverse functions put on the independent variables, and a drawn point moved
into that domain wherever it lies (ln(x − 30) needs x > 30, far from the
box the sampler draws from).

A condition g > 0 (or |g| < 1) is repaired through one independent
variable v in which g is linear or quadratic, g = q·v² + a·v + b: v is set
so that g takes a random value inside its allowed range.  Other conditions
are left to the random draws."""
from __future__ import annotations

import random
from dataclasses import dataclass

import sympy

from partials.assessment.equivalence.algebra import size
from partials.core.evaluate import Evaluator, Undefined, Unsupported

MAX_CONDITIONS = 12  # conditions kept per set of expressions
MAX_CONDITION_SIZE = 60  # tree nodes of one condition, written in independent variables
POSITIVE, INSIDE_UNIT = "positive", "inside (-1, 1)"


@dataclass(frozen=True)
class Condition:
    kind: str  # POSITIVE: g > 0; INSIDE_UNIT: -1 < g < 1
    variable: str  # the independent variable that repairs it
    slope: sympy.Expr  # a in g = a·v + b (free of v); in g = q·v² + a·v + b when `square` is not 0
    rest: sympy.Expr  # b
    square: sympy.Expr = sympy.S.Zero  # q

    def wanted(self, rng: random.Random) -> float:
        if self.kind == POSITIVE:
            return 2.0 ** rng.uniform(-6, 2)
        return rng.uniform(-0.9, 0.9)

    def holds(self, value) -> bool:
        return value > 0 if self.kind == POSITIVE else -1 < value < 1


def conditions(exprs, problem) -> list:
    """The repairable conditions of `exprs` (intermediates substituted)."""
    independent = {s.name: s for s in problem.independent}
    found, seen = [], set()
    for expr in exprs:
        for kind, argument in _arguments(expr):
            argument = _explicit(argument, problem)
            if argument is None or argument in seen or argument.is_number:
                continue
            seen.add(argument)
            condition = _linear(kind, argument, independent)
            if condition is not None:
                found.append(condition)
            if len(found) >= MAX_CONDITIONS:
                return found
    return found


def repair(values: dict, found: list, ctx, rng: random.Random) -> dict:
    """`values` (name → number of the independent variables) moved so that
    the conditions hold, two passes over them; unchanged where they do."""
    if not found:
        return values
    evaluator = Evaluator(ctx, {})
    values = dict(values)
    for _ in range(2):
        for condition in found:
            try:
                square = evaluator(condition.square, values)
                slope = evaluator(condition.slope, values)
                rest = evaluator(condition.rest, values)
            except (Undefined, Unsupported, ZeroDivisionError, OverflowError, ValueError, TypeError):
                continue
            v = values[condition.variable]
            if condition.holds(square * v * v + slope * v + rest):
                continue
            solved = _root(square, slope, rest - condition.wanted(rng), ctx, rng)
            if solved is not None:
                values[condition.variable] = ctx.mpf(solved)
    return values


def _root(q, a, b, ctx, rng):
    """A real root of q·v² + a·v + b = 0 (either, at random), or None."""
    if abs(q) < 1e-12:
        return None if abs(a) < 1e-9 else -b / a
    discriminant = a * a - 4 * q * b
    if discriminant < 0:
        return None
    sign = 1 if rng.random() < 0.5 else -1
    return (-a + sign * ctx.sqrt(discriminant)) / (2 * q)


def _arguments(expr):
    """(kind, argument) of every log, non-integer power and inverse function."""
    for node in sympy.preorder_traversal(expr):
        if isinstance(node, sympy.log):
            yield POSITIVE, node.args[0]
        elif node.is_Pow and node.exp.is_Rational and not node.exp.is_Integer:
            yield POSITIVE, node.base
        elif node.is_Pow and not node.exp.is_number:
            yield POSITIVE, node.base
        elif isinstance(node, (sympy.asin, sympy.acos, sympy.atanh)):
            yield INSIDE_UNIT, node.args[0]
        elif isinstance(node, sympy.acosh):
            yield POSITIVE, node.args[0] - 1


def _explicit(expr, problem):
    for _ in range(len(problem.definitions) + 1):
        replaced = expr.xreplace(problem.definitions)
        if replaced == expr:
            break
        expr = replaced
        if size(expr, MAX_CONDITION_SIZE) > MAX_CONDITION_SIZE:
            return None
    if any(s.name.startswith("_") for s in expr.free_symbols) or expr.has(sympy.core.function.AppliedUndef):
        return None
    return expr


def _linear(kind, argument, independent):
    names = sorted(s.name for s in argument.free_symbols)
    if not names or any(n not in independent for n in names):
        return None
    for name in names:
        v = independent[name]
        slope = sympy.diff(argument, v)
        if slope != 0 and v not in slope.free_symbols:
            rest = sympy.expand(argument - slope * v)
            if v not in rest.free_symbols:
                return Condition(kind, name, slope, rest)
    for name in names:  # quadratic in one variable: x² + y² < 1, x² − 900 > 0
        v = independent[name]
        try:
            polynomial = sympy.Poly(argument, v)
        except sympy.PolynomialError:
            continue
        if polynomial.degree() == 2:
            square, slope, rest = polynomial.all_coeffs()
            return Condition(kind, name, slope, rest, square)
    return None
