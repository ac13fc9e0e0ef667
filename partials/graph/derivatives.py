"""Local partial derivatives: of a definition's right side (abstract
functions in canonical form), and of the unknowns of implicit equations
(J·∂z/∂w = −∂G/∂w).
"""
from __future__ import annotations

import sympy
from sympy.core.function import AppliedUndef

from ..problem import Problem, abstract_derivative
from .budget import OutOfTime, time_budget, tree_size

SYSTEM_SIZE = 4  # unknowns of an implicit system shown symbolically


def textbook_shape():
    """The engine's bounded textbook-shape rewrite, when it is installed."""
    try:
        from .tidy import tidy
    except ImportError:
        return None
    return tidy


def ordered_names(expr) -> tuple:
    return tuple(sorted((s for s in expr.free_symbols if not s.name.startswith("_")), key=str))


def local_partial(expr: sympy.Expr, name: sympy.Symbol) -> sympy.Expr:
    """∂expr/∂name, first order, abstract functions in canonical form:
    d f(a₁…aₙ) = Σ fₖ′(a₁…aₙ)·∂aₖ (SymPy's own diff names the slots with
    dummies, which would not compare equal across modules)."""
    if name not in expr.free_symbols:
        return sympy.S.Zero
    calls = [c for c in _outer_calls(expr) if name in c.free_symbols]
    if not calls:
        return _diff(expr, name)
    stand_ins = {call: sympy.Dummy() for call in calls}
    shell = expr.xreplace(stand_ins)
    result = _diff(shell, name)
    for call, stand_in in stand_ins.items():
        inner = sympy.Add(*[
            abstract_derivative(call.func, call.args, [k + 1]) * local_partial(argument, name)
            for k, argument in enumerate(call.args)
        ])
        result += _diff(shell, stand_in) * inner
    return result.xreplace({s: c for c, s in stand_ins.items()})


def _diff(expr, name):
    """sympy.diff(expr, name) for elementary expressions, by the sum,
    product, power and chain rules directly: SymPy's general machinery
    costs milliseconds per call, which adds up on graphs of 10⁴ edges."""
    if name not in expr.free_symbols:
        return sympy.S.Zero
    if expr == name:
        return sympy.S.One
    if expr.is_Add:
        return sympy.Add(*[_diff(term, name) for term in expr.args])
    if expr.is_Mul:
        factors = expr.args
        return sympy.Add(*[
            sympy.Mul(*factors[:k], _diff(factor, name), *factors[k + 1:])
            for k, factor in enumerate(factors) if name in factor.free_symbols
        ])
    if expr.is_Pow and name not in expr.exp.free_symbols:
        return expr.exp * expr.base ** (expr.exp - 1) * _diff(expr.base, name)
    if isinstance(expr, sympy.exp):
        return expr * _diff(expr.args[0], name)
    if (isinstance(expr, sympy.Function) and not isinstance(expr, AppliedUndef)
            and len(expr.args) == 1 and type(expr).fdiff is not sympy.Function.fdiff):
        return expr.fdiff(1) * _diff(expr.args[0], name)
    return sympy.diff(expr, name)


def _outer_calls(expr) -> list:
    """Abstract function calls not nested inside another abstract call."""
    if isinstance(expr, AppliedUndef):
        return [expr]
    found = []
    for argument in expr.args:
        for call in _outer_calls(argument):
            if call not in found:
                found.append(call)
    return found


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
    shape = textbook_shape()
    return shape(expr) if shape else expr


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
