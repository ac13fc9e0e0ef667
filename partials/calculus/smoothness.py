"""Is the problem's formula differentiable at a point? Refuse where it is not.

`z = |x| y` at (0, 1): SymPy differentiates |x| to sign(x) and sign(0) = 0,
so a value would be printed for a derivative that does not exist. Before a
derivative is evaluated at a point, every relation of the problem is read
for the parts that are not smooth where their argument takes a special value:

* |a| and sign(a) where a = 0;
* a^p with p not an integer (√a, a^(1/3), a^(3/2)) where a = 0, unless p is
  above the order asked and a ≥ 0 everywhere ((x² + y²)^(3/2) has first
  partials at the origin; √(x² + y²) and x^(3/2) are refused there);
* arcsin a, arccos a where a = ±1.

These are the places where the function has a value but its derivative's
formula divides by zero or jumps. Where the function itself has no value
(ln 0, 1/0, tan π/2) the graph's evaluation names the undefined variable
instead (a domain error, exit 2).

Any of them gives NotSmooth (exit 3) with the reason and a pointer to
`partials analyze`, which decides such points from the definition.
"""
from __future__ import annotations

import sympy

from sympy.core.function import AppliedUndef

from partials.core.errors import MathError
from partials.core.symbols import variable

FLOAT_ZERO = 1e-9


class NotSmooth(MathError):
    """The formula is not differentiable at the point: no value is printed (exit 3)."""

    exit_code = 3


def not_smooth_reason(problem, point: dict, wrt=()) -> str | None:
    """Why the problem's formula may not be differentiable by `wrt` (one or
    more variables, in order) at the point ({Symbol: number}, the independent
    variables and possibly implicit unknowns), or None. Parts whose argument
    does not depend on any variable of `wrt` are left out (∂(|x| y)/∂y = |x|)."""
    values = known_values(problem, point)
    order = max(len(wrt), 1)
    for expr in _formulas(problem):
        for part in sympy.preorder_traversal(expr):
            if _reason_applies(part) and _depends_on(problem, part, wrt):
                reason = _reason(part, values, order)
                if reason:
                    return reason
    return None


def check_smooth(problem, point: dict, wrt, notation: str) -> None:
    reason = not_smooth_reason(problem, point, wrt)
    if reason:
        shown = ", ".join(f"{name} = {_shown(value)}" for name, value in point.items())
        raise NotSmooth(f"{notation} cannot be computed from the formula at {shown}: "
                        f"it is not differentiable there ({reason})",
                        hint="the formula is not differentiable there; `partials analyze` decides "
                             "such a point from the definition of the derivative")


def known_values(problem, point: dict) -> dict:
    """The point and every defined name whose value follows from it by
    substitution (names that need an equation solved are left out)."""
    values = {variable(str(name)) if isinstance(name, str) else name: sympy.sympify(value, strict=True)
              for name, value in point.items()}
    for _ in range(len(problem.definitions) + 1):
        changed = False
        for name, rhs in problem.definitions.items():
            if name in values or rhs.has(AppliedUndef, sympy.Subs, sympy.Derivative):
                continue
            value = rhs.xreplace(values)
            if value.is_number:
                values[name], changed = value, True
        if not changed:
            break
    return values


def _depends_on(problem, part, wrt) -> bool:
    if not wrt:
        return True
    names, seen = set(part.free_symbols), set()
    while names - seen:
        name = (names - seen).pop()
        seen.add(name)
        if name in problem.implicit:
            return True  # determined by equations in every variable: assume it depends
        if name in problem.definitions:
            names |= problem.definitions[name].free_symbols
    return bool(seen & set(wrt))


def _formulas(problem):
    for relation in problem.relations:
        if relation.kind != "declaration":
            yield relation.as_zero


_CANDIDATES = (sympy.Abs, sympy.sign, sympy.asin, sympy.acos)


def _reason_applies(part) -> bool:
    return isinstance(part, _CANDIDATES) or (part.is_Pow and part.exp.is_number)


def _reason(part, values, order):
    if isinstance(part, (sympy.Abs, sympy.sign)):
        if _vanishes(part.args[0], values):
            return f"{_shown(part)} has a corner where {_shown(part.args[0])} = 0"
    elif part.is_Pow:
        exponent = part.exp
        if (not exponent.is_integer and exponent.is_positive and (exponent <= order or not part.base.is_nonnegative)
                and _vanishes(part.base, values)):
            return f"{_shown(part)} is a root of {_shown(part.base)}, which is 0 there"
    elif isinstance(part, (sympy.asin, sympy.acos)) and (
            _vanishes(part.args[0] - 1, values) or _vanishes(part.args[0] + 1, values)):
        return f"{_shown(part)} has a vertical tangent where {_shown(part.args[0])} = ±1"
    return None


def _value(expr, values):
    if expr.has(AppliedUndef, sympy.Subs, sympy.Derivative):
        return None
    value = expr.xreplace(values)
    return value if value.is_number else None


def _vanishes(expr, values) -> bool:
    """Zero at the point: exactly, or (to refuse rather than guess) within
    1e-30 at 50 digits, or within 1e-9 when the point was found numerically."""
    value = _value(expr, values)
    if value is None:
        return False
    if value.is_zero is not None and not value.has(sympy.Float):
        return bool(value.is_zero)
    number = sympy.N(value, 50)
    if not number.is_number or number.has(sympy.zoo, sympy.nan, sympy.oo):
        return False
    bound = FLOAT_ZERO if value.has(sympy.Float) else 1e-30
    return abs(complex(number)) < bound


def _shown(expr) -> str:
    from partials.calculus.printable import text

    return text(expr, None)
