"""What the form of an expression proves near the origin of (u, v):

- `regular_at`: every part is smooth at the point (no denominator, |·|
  argument, root base or log argument vanishes there), so the elementary
  function is C^∞ near it (the theorem: elementary functions are continuous,
  and differentiable, where their parts are);
- `weighted_degree`: f(t^w₁u, t^w₂v) = t^d f(u, v) for t > 0;
- `nonvanishing_on_circle`: a (weighted) homogeneous polynomial has no zero
  but the origin (Sturm counts of real roots, exact);
- `majorant`: an exponent e with |f| ≤ C·ρ^e near the origin, from the
  bounds |sin w| ≤ |w|, |sin w|, |cos w| ≤ 1, 1 − cos w = 2 sin²(w/2),
  |u|, |v| ≤ ρ and positive-definite denominators.
"""
from __future__ import annotations

import sympy

from partials.core.functions import RealCubeRoot

BOUNDED = (sympy.sin, sympy.cos, sympy.atan, sympy.tanh, sympy.acot)


def _value(expr, at: dict):
    try:
        value = expr.subs(at)
        if value.has(sympy.zoo, sympy.nan, sympy.oo, -sympy.oo):
            return None
        number = value.evalf(30)
    except (ValueError, TypeError, ZeroDivisionError):
        return None
    return number if number.is_Number and number.is_real else None


def continuous_at(expr, at: dict) -> bool:
    """Continuous at `at` (defined on a neighbourhood): as regular_at, but a
    root of a base that vanishes there is allowed when the base is ≥ 0 near
    it or the root is odd, and so are |·| and ∛ of anything."""
    return regular_at(expr, at, continuous=True)


def regular_at(expr, at: dict, continuous: bool = False) -> bool:
    """Smooth (C^∞) near the point `at`, by the form of the expression."""
    for node in sympy.preorder_traversal(expr):
        if continuous and _continuous_root(node, at):
            continue
        if continuous and isinstance(node, (sympy.Abs, RealCubeRoot)):
            continue
        if isinstance(node, sympy.Pow):
            exponent = node.exp
            if exponent.free_symbols:
                base = _value(node.base, at)
                if base is None or base <= 0:
                    return False
                continue
            if exponent.is_Integer and exponent > 0:
                continue
            base = _value(node.base, at)
            if base is None or base == 0:
                return False
            if not exponent.is_Integer and base < 0 and not (exponent.is_Rational and exponent.q % 2 == 1):
                return False
        elif isinstance(node, (sympy.Abs, sympy.sign, RealCubeRoot)):
            argument = _value(node.args[0], at)
            if argument is None or argument == 0:
                return False
        elif isinstance(node, sympy.log):
            argument = _value(node.args[0], at)
            if argument is None or argument <= 0:
                return False
        elif isinstance(node, (sympy.asin, sympy.acos)):
            argument = _value(node.args[0], at)
            if argument is None or abs(argument) >= 1:
                return False
        elif isinstance(node, (sympy.tan, sympy.cot, sympy.sec, sympy.csc, sympy.coth)):
            if _value(node, at) is None:
                return False
        elif isinstance(node, sympy.Function) and not isinstance(node, (sympy.exp, sympy.sin, sympy.cos,
                                                                        sympy.atan, sympy.sinh, sympy.cosh,
                                                                        sympy.tanh, sympy.acot, sympy.asinh)):
            return False
    return _value(expr, at) is not None


def _continuous_root(node, at) -> bool:
    if not (isinstance(node, sympy.Pow) and node.exp.is_Rational and node.exp > 0 and not node.exp.is_Integer):
        return False
    base = _value(node.base, at)
    if base is None or base != 0:
        return False
    return node.exp.q % 2 == 1 or bool(node.base.is_nonnegative)


def weighted_degree(expr, u, v, weights=(1, 1)):
    """d with expr(t^w₁u, t^w₂v) = t^d expr(u, v) for t > 0, or None."""
    if not expr.has(u, v):
        return sympy.Integer(0) if expr.is_real is not False else None
    if expr == u:
        return sympy.Integer(weights[0])
    if expr == v:
        return sympy.Integer(weights[1])
    if isinstance(expr, sympy.Add):
        degrees = {weighted_degree(term, u, v, weights) for term in expr.args}
        return degrees.pop() if len(degrees) == 1 and None not in degrees else None
    if isinstance(expr, sympy.Mul):
        total = sympy.Integer(0)
        for factor in expr.args:
            degree = weighted_degree(factor, u, v, weights)
            if degree is None:
                return None
            total += degree
        return total
    if isinstance(expr, sympy.Pow):
        if expr.exp.has(u, v):
            return None
        degree = weighted_degree(expr.base, u, v, weights)
        if degree is None or not expr.exp.is_Rational:
            return None
        if not expr.exp.is_Integer and degree != 0:
            if not (_nonnegative(expr.base) or expr.exp.q % 2 == 1):
                return None
        return degree * expr.exp
    if isinstance(expr, (sympy.Abs, RealCubeRoot)):
        degree = weighted_degree(expr.args[0], u, v, weights)
        if degree is None:
            return None
        return degree if isinstance(expr, sympy.Abs) else degree / 3
    if isinstance(expr, sympy.Function) and weighted_degree(expr.args[0], u, v, weights) == 0:
        return sympy.Integer(0)
    return None


def _nonnegative(expr) -> bool:
    return bool(expr.is_nonnegative)


def positive_definite(base, u, v, weights=(1, 1)) -> bool:
    """A weighted-homogeneous polynomial that is > 0 except at the origin."""
    if not nonvanishing_on_circle(base, u, v, weights):
        return False
    probe = base.subs({u: 1, v: 0})
    return bool(probe.is_positive)


def nonvanishing_on_circle(base, u, v, weights=(1, 1)) -> bool:
    """The weighted-homogeneous `base` (a polynomial, possibly with |·|) has no
    zero (u, v) ≠ (0, 0). Checked on the curves (±1, t) and (0, ±1), which meet
    every orbit t ↦ (t^w₁u, t^w₂v) of a point off the origin."""
    if weighted_degree(base, u, v, weights) is None:
        return False
    t = sympy.Symbol("t", real=True)
    for first in (1, -1):
        restricted = _without_abs(base.subs({u: first, v: t}), t)
        if restricted is None:
            return False
        for piece, domain in restricted:
            if not _no_root(piece, t, domain):
                return False
    for second in (1, -1):
        value = base.subs({u: 0, v: second})
        if not value.is_Number or value == 0:
            return False
    return True


def _without_abs(expr, t):
    """expr(t) as polynomial pieces on t ≥ 0 and t ≤ 0 (|t| and |a t + b|
    with a single sign change are split there), or None."""
    if not expr.has(sympy.Abs):
        return [(expr, None)]
    pieces = []
    for sign, domain in ((1, "nonnegative"), (-1, "nonpositive")):
        replaced = expr.replace(lambda e: isinstance(e, sympy.Abs) and e.args[0] == t, lambda e, sign=sign: sign * t) \
            .replace(lambda e: isinstance(e, sympy.Abs) and e.args[0] == -t, lambda e, sign=sign: sign * t)
        if replaced.has(sympy.Abs):
            return None
        pieces.append((replaced, domain))
    return pieces


def _no_root(expr, t, domain) -> bool:
    try:
        poly = sympy.Poly(sympy.expand(expr), t)
    except sympy.PolynomialError:
        return False
    if poly.is_zero:
        return False
    if poly.degree() == 0:
        return True
    if domain is None:
        return poly.count_roots() == 0
    if domain == "nonnegative":
        return poly.count_roots(0, None) == 0
    return poly.count_roots(None, 0) == 0


def denominators_nonvanishing(expr, u, v, weights=(1, 1)) -> bool:
    """Every part of expr that could be singular on the weighted unit circle
    (negative powers) has a base with no zero off the origin; functions are
    the bounded-domain-free ones."""
    for node in sympy.preorder_traversal(expr):
        if isinstance(node, sympy.Pow) and node.exp.is_negative and node.base.has(u, v):
            if not nonvanishing_on_circle(node.base, u, v, weights):
                return False
        elif isinstance(node, sympy.Function) and not isinstance(
                node, (sympy.Abs, RealCubeRoot, sympy.sin, sympy.cos, sympy.exp, sympy.atan, sympy.tanh)):
            return False
    return True


def majorant(expr, u, v):
    """e with |expr| ≤ C ρ^e for small ρ = √(u²+v²) > 0 where expr is defined,
    or None; sympy.oo for the zero expression."""
    if expr == 0:
        return sympy.oo
    if not expr.has(u, v):
        return sympy.Integer(0) if expr.is_finite else None
    if expr in (u, v):
        return sympy.Integer(1)
    degree = weighted_degree(expr, u, v)
    if degree is not None and denominators_nonvanishing(expr, u, v):
        return degree
    if isinstance(expr, sympy.Add):
        expr = _one_minus_cosine(expr)
        if not isinstance(expr, sympy.Add):
            return majorant(expr, u, v)
        parts = [majorant(term, u, v) for term in expr.args]
        return None if None in parts else min(parts)
    if isinstance(expr, sympy.Mul):
        parts = [majorant(factor, u, v) for factor in expr.args]
        return None if None in parts else sum(parts)
    if isinstance(expr, sympy.Pow) and expr.exp.is_Rational:
        if expr.exp > 0:
            inner = majorant(expr.base, u, v)
            return None if inner is None else inner * expr.exp
        degree = weighted_degree(expr.base, u, v)
        if degree is not None and nonvanishing_on_circle(expr.base, u, v):
            return degree * expr.exp
        return None
    if isinstance(expr, sympy.Abs):
        return majorant(expr.args[0], u, v)
    if isinstance(expr, RealCubeRoot):
        inner = majorant(expr.args[0], u, v)
        return None if inner is None else inner / 3
    if isinstance(expr, (sympy.sin, sympy.atan, sympy.tanh)):
        inner = majorant(expr.args[0], u, v)
        return inner if inner is not None and inner > 0 else sympy.Integer(0)
    if isinstance(expr, (sympy.cos, sympy.acot)):
        return sympy.Integer(0)
    if isinstance(expr, sympy.exp):
        inner = majorant(expr.args[0], u, v)
        return sympy.Integer(0) if inner is not None and inner >= 0 else None
    if regular_at(expr, {u: 0, v: 0}):
        return sympy.Integer(1) if expr.subs({u: 0, v: 0}) == 0 else sympy.Integer(0)
    return None


def _one_minus_cosine(expr):
    """c − c·cos w → 2c·sin²(w/2) (so that |sin| ≤ |·| bounds it)."""
    for term in expr.args:
        coefficient, rest = term.as_coeff_Mul()
        if isinstance(rest, sympy.cos) and -coefficient in expr.args:
            w = rest.args[0]
            constant = -coefficient  # K − K·cos w = 2K·sin²(w/2)
            return expr - term - constant + 2 * constant * sympy.sin(w / 2) ** 2
    return expr
