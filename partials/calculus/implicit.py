"""Rates of the unknowns that equations determine (implicit functions).

For equations E_1 = … = E_m = 0 in unknowns u_1 … u_m, differentiating
every equation by x gives the linear system

    Σ_j ∂E_k/∂u_j · D_x(u_j) = −∂E_k/∂x          (k = 1 … m)

where ∂ holds the other independent variables and unknowns fixed (the
partial derivatives F_x, F_z of the textbook; intermediates inside the
equations are differentiated through by forward accumulation).  One
equation gives D_x(z) = −F_x/F_z; a system is solved by Cramer's rule
D_x(u_j) = −det(J_j)/det(J), J the Jacobian ∂(E_1…E_m)/∂(u_1…u_m).
"""
from __future__ import annotations

import random

import sympy

from partials.calculus.accumulate import Forward
from partials.calculus.chain import top_atoms
from partials.core.errors import LimitError, MathError
from partials.calculus.tidy import nodes, tidy

MAX_UNKNOWNS = 6


class ImplicitRates:
    def __init__(self, graph):
        self.graph = graph
        self.unknowns = graph.unknowns
        if len(self.unknowns) > MAX_UNKNOWNS:
            raise LimitError(f"a system of more than {MAX_UNKNOWNS} equations is beyond this solver")
        self.partials = Forward(graph, unknowns_as_leaves=True)
        self._jacobian = None
        self._determinant = None
        self._rates: dict = {}

    def rate(self, unknown, wrt):
        if wrt not in self._rates:
            self._rates[wrt] = self._solve(wrt)
        return self._rates[wrt][unknown]

    # ---- the linear system ---------------------------------------------
    @property
    def jacobian(self) -> sympy.Matrix:
        if self._jacobian is None:
            self._jacobian = sympy.Matrix(
                [[self.partials.total(e, u) for u in self.unknowns] for e in self.graph.equations]
            )
        return self._jacobian

    @property
    def determinant(self):
        if self._determinant is None:
            if len(self.unknowns) == 1:
                determinant = self.jacobian[0, 0]
            else:
                determinant = self.jacobian.det(method="berkowitz")
            determinant = tidy(determinant)
            if _is_zero(determinant):
                raise MathError(self._singular_message())
            self._determinant = determinant
        return self._determinant

    def _solve(self, wrt) -> dict:
        right = sympy.Matrix([self.partials.total(e, wrt) for e in self.graph.equations])
        determinant = self.determinant
        rates = {}
        for j, unknown in enumerate(self.unknowns):
            replaced = self.jacobian.copy()
            replaced[:, j] = right
            numerator = replaced[0, 0] if len(self.unknowns) == 1 else replaced.det(method="berkowitz")
            rates[unknown] = tidy(-numerator / determinant)
        return rates

    def _singular_message(self) -> str:
        unknowns = ", ".join(map(str, self.unknowns))
        if len(self.unknowns) == 1:
            equation = self.graph.equations[0]
            return (
                f"∂F/∂{unknowns} is zero identically for F = {equation}: "
                f"the equation does not determine {unknowns} as a function of the other variables"
            )
        names = "F, G" if len(self.unknowns) == 2 else ", ".join(f"F{k + 1}" for k in range(len(self.unknowns)))
        return (
            f"the Jacobian ∂({names})/∂({unknowns}) is zero identically: "
            f"the equations do not determine {unknowns}"
        )


def _is_zero(expr) -> bool:
    """Exactly zero, or an expression without abstract functions that is
    zero at several random points and cancels to zero."""
    if expr == 0:
        return True
    if expr.is_number:
        return bool(sympy.Abs(expr.evalf()) < 1e-12)
    if top_atoms(expr):
        return False
    rng = random.Random(7)
    free = sorted(expr.free_symbols, key=str)
    for _ in range(3):
        point = {s: sympy.Rational(rng.randint(11, 97), rng.randint(7, 23)) for s in free}
        value = expr.xreplace(point).evalf(20)
        if not value.is_number or abs(complex(value)) > 1e-12:
            return False
    return sympy.simplify(expr) == 0 if sympy.count_ops(expr) < 80 else True


def on_the_surface(expr, relations):
    """Where a side of an equation stands whole in `expr`, the other side in
    its place, when that is shorter: x² + y² = 1 turns −(x² + y²)/y³ into
    −1/y³, as the textbook's answer does (the implicit function lives on
    the curve or surface, so both forms are equal there)."""
    best = expr
    for relation in relations:
        if relation.kind != "equation":
            continue
        for side, other in ((relation.lhs, relation.rhs), (relation.rhs, relation.lhs)):
            if not side.is_Add:
                continue
            for whole, replacement in ((side, other), (-side, -other)):
                if best.has(whole):
                    candidate = tidy(best.xreplace({whole: replacement}))
                    if nodes(candidate) < nodes(best):
                        best = candidate
    return best

