"""Paths into the point, (u, v) = (p(s), q(s)) with s → 0⁺: lines in many
directions, and curves v = k·u^m / u = k·v^m chosen from the weights that
make the expression (weighted) homogeneous."""
from __future__ import annotations

from dataclasses import dataclass

import mpmath
import sympy

from partials.assessment.analysis.numbers import prepared, value_at
from partials.assessment.analysis.onevar import S
from partials.assessment.analysis.structure import weighted_degree

LINES = [(1, 0), (-1, 0), (0, 1), (0, -1), (1, 1), (-1, -1), (1, -1), (-1, 1),
         (2, 1), (-2, -1), (1, 2), (-1, -2), (1, -3), (-3, 1), (3, 1), (-1, 3)]
WEIGHTS = [(1, 2), (2, 1), (1, 3), (3, 1), (2, 3), (3, 2), (1, 4), (4, 1)]
SLOPES = [1, -1, 2, -2, sympy.Rational(1, 2)]


@dataclass(frozen=True)
class Path:
    u: sympy.Expr
    v: sympy.Expr

    def on(self, expr, u, v):
        return expr.subs({u: self.u, v: self.v}, simultaneous=True)

    def along_axis(self):
        """'u' if the path lies on u = 0, 'v' on v = 0, else None."""
        return "u" if self.u == 0 else "v" if self.v == 0 else None

    def describe(self, point, names) -> str:
        a, b = point
        return f"({_shifted(a, self.u)}, {_shifted(b, self.v)}), s → 0⁺"


def _shifted(a, part) -> str:
    return str(part) if a == 0 else str(a + part)


def weights_of(expr, u, v) -> list:
    """Weight pairs other than (1, 1) for which expr is weighted homogeneous."""
    return [w for w in WEIGHTS if weighted_degree(expr, u, v, w) is not None]


def candidate_paths(expr, u, v, avoid=()) -> list:
    paths = [Path(p * S, q * S) for p, q in LINES]
    for w1, w2 in weights_of(expr, u, v)[:2] or [(1, 2), (2, 1)]:
        for k in SLOPES:
            for sign in (1, -1):
                paths.append(Path(sign * S ** w1, k * S ** w2))
    return [path for path in paths if path.along_axis() not in avoid]


def screen(expr, u, v, paths) -> list:
    """(path, value at s = 10⁻⁸, value at s = 10⁻¹²) for each path: numbers at
    60 digits from the float evaluator, or None where undefined (a quick
    look, not a proof)."""
    expr = prepared(expr)
    rows = []
    for path in paths:
        values = []
        for k in (8, 12):
            at = {S.name: mpmath.mpf(10) ** -k}
            pu, pv = value_at(path.u, at), value_at(path.v, at)
            values.append(None if pu is None or pv is None else value_at(expr, {u.name: pu, v.name: pv}))
        rows.append((path, *values))
    return rows
