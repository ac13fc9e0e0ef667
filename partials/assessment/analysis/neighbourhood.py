"""Which piece of a piecewise function holds near a point: one piece on a
punctured neighbourhood minus the two axes through the point (the generic
expression g), one on each of the four half-axes, and the value at the point.

Pieces are checked at exact rational points on small circles (radii 10⁻²,
10⁻⁴, 10⁻⁶, in nine directions off the axes) and on the four half-axes:
each point must satisfy exactly one piece (no gap, no overlap), the point
itself exactly one. Anything else (two regions near the point, a piece on
a curve) is refused rather than guessed.
"""
from __future__ import annotations

from dataclasses import dataclass

import sympy

from partials.core.errors import MathError, NotationError
from partials.assessment.analysis.reading import PiecewiseFunction
from partials.assessment.analysis.structure import _value

RADII = [sympy.Rational(1, 10 ** k) for k in (2, 4, 6)]
DIRECTIONS = [(3, 1), (1, 3), (-2, 1), (-1, -3), (2, -5), (5, 2), (-5, -2), (1, -4), (-7, 3)]
RAYS = {("x", 1): (1, 0), ("x", -1): (-1, 0), ("y", 1): (0, 1), ("y", -1): (0, -1)}


class Refused(Exception):
    """The function's shape near the point is outside what is analysed (exit 3)."""


@dataclass(frozen=True)
class Neighbourhood:
    function: PiecewiseFunction
    point: tuple            # (a, b), exact
    value: object           # f(a, b), or None where f is not defined
    generic: sympy.Expr     # g(x, y), off the axes through the point
    rays: dict              # ("x", ±1) / ("y", ±1) -> expression on that half-axis

    @property
    def x(self):
        return self.function.variables[0]

    @property
    def y(self):
        return self.function.variables[1]

    def thin_axes(self) -> set:
        """'u' when the line x = a carries another expression than g, 'v' for y = b."""
        thin = set()
        if any(self.rays[("y", s)] != self.generic for s in (1, -1)):
            thin.add("u")
        if any(self.rays[("x", s)] != self.generic for s in (1, -1)):
            thin.add("v")
        return thin

    def ray_along(self, direction) -> sympy.Expr:
        l1, l2 = direction
        if l2 == 0:
            return self.rays[("x", 1 if l1 > 0 else -1)]
        if l1 == 0:
            return self.rays[("y", 1 if l2 > 0 else -1)]
        return self.generic


def neighbourhood(function: PiecewiseFunction, point: tuple) -> Neighbourhood:
    x, y = function.variables
    a, b = point
    at_point = function.piece_at({x: a, y: b})
    if len(at_point) > 1:
        raise NotationError(f"two pieces both hold at ({a}, {b}): they overlap", function.text, None)
    value = _value_exact(function.pieces[at_point[0]].expr, {x: a, y: b}) if at_point else None
    generic = _one_piece(function, [(a + r * p, b + r * q) for r in RADII for p, q in DIRECTIONS], "near")
    rays = {key: _one_piece(function, [(a + r * p, b + r * q) for r in RADII], f"on the half-axis {key}")
            for key, (p, q) in RAYS.items()}
    used = {generic, *rays.values(), *at_point}
    unused = [k for k in range(len(function.pieces)) if k not in used]
    if unused:
        raise Refused(f"the piece '{function.pieces[unused[0]].text.strip()}' holds at none of the points checked "
                      f"near ({a}, {b}): it may lie on a curve through the point, which is not analysed")
    expressions = {key: function.pieces[k].expr for key, k in rays.items()}
    g = function.pieces[generic].expr
    _defined(g, [(a + r * p, b + r * q) for r in RADII for p, q in DIRECTIONS], (x, y), point)
    for key, (p, q) in RAYS.items():
        _defined(expressions[key], [(a + r * p, b + r * q) for r in RADII], (x, y), point)
    return Neighbourhood(function, (a, b), value, g, expressions)


def _one_piece(function, points, where) -> int:
    x, y = function.variables
    found = set()
    for p, q in points:
        held = function.piece_at({x: p, y: q})
        if not held:
            raise NotationError(f"no piece holds at ({p}, {q}): the pieces do not cover a neighbourhood",
                                function.text, None)
        if len(held) > 1:
            raise NotationError(f"two pieces hold at ({p}, {q}): they overlap", function.text, None)
        found.add(held[0])
    if len(found) > 1:
        raise Refused(f"more than one piece holds {where} the point (regions split by a curve): not analysed")
    return found.pop()


def _defined(expr, points, variables, point):
    x, y = variables
    for p, q in points:
        if _value(expr, {x: p, y: q}) is None:
            raise MathError(f"{expr} is not defined (as a real number) at ({p}, {q}), arbitrarily near "
                            f"({point[0]}, {point[1]}): f must be defined on a neighbourhood of the point")


def _value_exact(expr, at):
    value = expr.subs(at)
    if value.has(sympy.zoo, sympy.nan, sympy.oo, -sympy.oo) or value.is_real is False:
        return None
    number = value.evalf(30)
    if not number.is_Number or not number.is_real:
        return None
    return value


def default_point(function: PiecewiseFunction) -> tuple:
    """Where the pieces meet: the point a `(x,y) = (a,b)` piece names, else the origin."""
    for piece in function.pieces:
        for both in piece.condition.alternatives:
            for comparison in both:
                if comparison.op == "=" and len(comparison.lhs) == 2 and tuple(comparison.lhs) == \
                        tuple(function.variables) and not any(c.free_symbols for c in comparison.rhs):
                    return tuple(comparison.rhs)
    return (sympy.Integer(0), sympy.Integer(0))
