"""Real roots of one equation in one unknown, found numerically where
sympy.solve cannot list them (z + sin z = xy at a point): the equation is
evaluated on a grid, every sign change is narrowed down by bisection, and a
root counts only where the equation is (nearly) zero there, not at a pole.
"""
from __future__ import annotations

import sympy

from partials.core.evaluate import FP, Evaluator, Undefined, Unsupported
from partials.core.functions import ON_FLOATS

SCAN = (-100.0, 100.0)
STEPS = 4000
BISECTIONS = 80


def real_roots(equation: sympy.Expr, unknown: sympy.Symbol) -> list[float] | None:
    """The real roots in SCAN, or None when the equation cannot be evaluated
    (abstract functions, unsupported functions)."""
    if equation.has(sympy.Subs, sympy.Derivative) or equation.atoms(sympy.Function) - equation.atoms(
            *_EVALUATED):
        return None
    value = _valuer(equation, unknown)
    low, high = SCAN
    grid = [low + (high - low) * k / STEPS for k in range(STEPS + 1)]
    values = [value(t) for t in grid]
    roots = []
    for (a, fa), (b, fb) in zip(zip(grid, values), zip(grid[1:], values[1:])):
        if fa is None or fb is None:
            continue
        if fa == 0:
            roots.append(a)
        elif fa * fb < 0:
            root = _bisect(value, a, b, fa)
            if root is not None:
                roots.append(root)
    return _distinct(roots)


_EVALUATED = tuple(ON_FLOATS)  # the functions the float evaluator knows


def _valuer(equation, unknown):
    evaluate = Evaluator(FP, {})

    def value(t: float) -> float | None:
        try:
            return float(evaluate(equation, {unknown.name: t}))
        except (Undefined, Unsupported, ArithmeticError, ValueError, TypeError):
            return None
    return value


def _bisect(value, a: float, b: float, fa: float) -> float | None:
    for _ in range(BISECTIONS):
        middle = (a + b) / 2
        fm = value(middle)
        if fm is None:
            return None
        if fm == 0:
            return middle
        if (fm < 0) == (fa < 0):
            a, fa = middle, fm
        else:
            b = middle
    root = (a + b) / 2
    residual = value(root)
    scale = max(1.0, abs(value(a) or 0.0), abs(value(b) or 0.0))
    return root if residual is not None and abs(residual) < 1e-9 * scale else None  # a pole changes sign too


def _distinct(roots: list[float]) -> list[float]:
    distinct: list[float] = []
    for root in sorted(roots):
        if not distinct or abs(root - distinct[-1]) > 1e-9 * (1 + abs(root)):
            distinct.append(root)
    return distinct
