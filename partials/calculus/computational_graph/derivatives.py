"""Local partial derivatives: of a definition's right side (abstract
functions in canonical form), and of the unknowns of implicit equations
(J·∂z/∂w = −∂G/∂w).
"""
from __future__ import annotations

import sympy

from partials.calculus.chain import local_partial as chain_local_partial
from partials.model.problem import Problem
from partials.calculus.tidy import tidy
from partials.core.budget import OutOfTime, time_budget, tree_size
from partials.model.parameters import is_parameter

SYSTEM_SIZE = 4  # unknowns of an implicit system shown symbolically


def ordered_names(expr) -> tuple:
    return tuple(sorted((s for s in expr.free_symbols if not s.name.startswith("_") and not is_parameter(s)), key=str))


def local_partial(expr: sympy.Expr, name: sympy.Symbol) -> sympy.Expr:
    """∂expr/∂name, first order, abstract functions in canonical form
    (f₁′ = Subs(Derivative(f(_1, _2), _1), …)): the engine's
    partials.calculus.chain.local_partial, one implementation for both."""
    return chain_local_partial(expr, name)


class ImplicitBlock:
    """The unknowns the equations determine, and their local derivatives:
    J·∂z/∂w = −∂G/∂w with J = ∂G/∂z (the implicit-function theorem)."""

    def __init__(self, problem: Problem):
        self.unknowns = tuple(problem.implicit)
        self.shown_equations = tuple(problem.equations)
        self.equations = tuple(_substitute_downstream(problem))
        others = set().union(*(set(ordered_names(g)) for g in self.equations)) - set(self.unknowns)
        self.upstream = tuple(sorted(others, key=str))
        self.jacobian = [[local_partial(g, z) for z in self.unknowns] for g in self.equations]
        self.by_upstream = {w: [local_partial(g, w) for g in self.equations] for w in self.upstream}

    @classmethod
    def of(cls, problem: Problem) -> "ImplicitBlock | None":
        return cls(problem) if problem.equations else None

    def edges(self) -> list:
        """(w, z, ∂z/∂w) for every upstream name w and unknown z that depend."""
        edges = []
        for w in self.upstream:
            column = self.by_upstream[w]
            if all(entry == 0 for entry in column):
                continue
            for z, local in zip(self.unknowns, self._solve_symbolic(column)):
                if local != 0:
                    edges.append((w, z, local))
        return edges

    def _solve_symbolic(self, column) -> list:
        if len(self.unknowns) == 1:
            return [-column[0] / self.jacobian[0][0]]
        if len(self.unknowns) > SYSTEM_SIZE:
            return [None] * len(self.unknowns)  # evaluated at points only
        jacobian = sympy.Matrix(self.jacobian)
        solution = jacobian.LUsolve(-sympy.Matrix(column))
        return [_tidy(entry) for entry in solution]


def _tidy(expr: sympy.Expr) -> sympy.Expr:
    """One cancelled fraction (Cramer's rule leaves fractions inside
    fractions), in textbook shape by the engine's bounded rewrite; never
    simplify(), and nothing at all on large expressions."""
    if tree_size(expr, 400) > 400:
        return expr
    try:
        with time_budget(1.0):
            expr = sympy.cancel(sympy.together(expr))
    except OutOfTime:
        pass
    return tidy(expr)


def _substitute_downstream(problem: Problem) -> list:
    """The equations with every definition that depends on an unknown
    written out, so that the only names left besides the unknowns are
    upstream of them (F(u, z) = 0, u = x + z  →  F(x + z, z) = 0)."""
    unknowns = set(problem.implicit)
    downstream: dict = {}
    changed = True
    while changed:
        changed = False
        for name, rhs in problem.definitions.items():
            if name not in downstream and ordered_names(rhs) and set(ordered_names(rhs)) & (unknowns | set(downstream)):
                downstream[name] = rhs
                changed = True
    equations = list(problem.equations)
    for _ in range(len(downstream) + 1):
        replaced = [g.xreplace(downstream) for g in equations]
        if replaced == equations:
            break
        equations = replaced
    return equations
