"""The chain-rule engine: any partial derivative of a Problem, any order.

    differentiate(problem, "z", ("x", "y"))   -> Solution (∂²z/∂x∂y)
    solve_problem(problem, ("x",), of="z")    -> Solution
    solve_problem(problem, ())                -> list of Solutions: the targets
        written in the problem text (z = y^lnx, ∂²z/∂x²), or else every first
        partial of every dependent variable (of=… picks one)
    gradient(problem, "z")                    -> list of Solutions, one per
        independent variable, by reverse accumulation
    total_differential(problem, "z")          -> Differential (partials.calculus.differential)

How: the total-derivative operator D_x works on the problem's graph
(partials.calculus.computational_graph): D_x(node) = Σ ∂node/∂child · D_x(child), memoized
(partials.calculus.accumulate); the unknowns of equations get their rates from the
implicit-function rule / Cramer's rule (partials.calculus.implicit); abstract
functions are differentiated through their arguments (partials.calculus.chain).
Higher orders apply D to the previous result, tidied (partials.calculus.tidy), so
implicit second derivatives are in x, y, z with z_x substituted back.
"""
from __future__ import annotations

import weakref
from collections import OrderedDict

import sympy

from partials.calculus.accumulate import Forward, adjoints
from partials.calculus.implicit import on_the_surface
from partials.core.errors import LimitError, RoleError
from partials.calculus.dependency_graph import DependencyGraph
from partials.calculus.solution import Solution
from partials.core.symbols import symbol_named
from partials.calculus.tidy import combine_powers, needs_tidy, nodes, tidy

MAX_ORDER = 8
MAX_RESULT_OPS = 20000

_ENGINES: OrderedDict = OrderedDict()
MAX_ENGINES = 16


class Engine:
    """The memoized derivative machinery of one (framed) problem."""

    def __init__(self, problem):
        self.problem = problem
        self.graph = DependencyGraph(problem)
        self.forward = Forward(self.graph)
        self._derivatives: dict = {}

    @classmethod
    def of(cls, problem) -> "Engine":
        """The engine of this very Problem object (memo shared by p.d calls);
        a few recent ones are kept, so memory stays bounded."""
        key = id(problem)
        entry = _ENGINES.get(key)
        if entry is not None and entry[0]() is problem:
            _ENGINES.move_to_end(key)
            return entry[1]
        engine = cls(problem)
        _ENGINES[key] = (weakref.ref(problem), engine)
        while len(_ENGINES) > MAX_ENGINES:
            _ENGINES.popitem(last=False)
        return engine

    def derivative(self, of, wrt: tuple):
        """The tidied expression of ∂ⁿ(of)/∂wrt…, intermediates kept."""
        self._check_names(of, wrt)
        key = (of, wrt)
        if key not in self._derivatives:
            if len(wrt) == 1:
                expr = self.forward.rate(of, wrt[0])
                if of in self.graph.unknowns or needs_tidy(expr) or not self._has_intermediates(expr):
                    expr = tidy(expr)
                else:  # the chain-rule shape kept; tidy would combine the powers itself
                    expr = combine_powers(expr)
            else:
                previous = self.derivative(of, wrt[:-1])
                expr = tidy(self.forward.total(previous, wrt[-1]))
            if self.graph.unknowns:
                expr = on_the_surface(expr, self.problem.relations)
            if nodes(expr) > MAX_RESULT_OPS:
                raise LimitError(f"the derivative ∂{len(wrt)}{of} has more than {MAX_RESULT_OPS} operations")
            self._derivatives[key] = expr
        return self._derivatives[key]

    def _has_intermediates(self, expr) -> bool:
        """Whether the chain-rule shape (intermediates kept) is worth keeping as built."""
        return any(not self.graph.is_leaf(s) for s in expr.free_symbols)

    def solution(self, of, wrt: tuple) -> Solution:
        expr = self.derivative(of, wrt)
        return Solution(self.problem, of, wrt, expr, graph=self.graph)

    def gradient(self, of) -> list:
        """Every first partial of `of` in one reverse sweep."""
        self._check_names(of, ())
        adjoint = adjoints(self.graph, of, implicit=self.forward.implicit if self.graph.unknowns else None)
        solutions = []
        for x in self.graph.independent:
            expr = adjoint.get(x, sympy.S.Zero)
            expr = tidy(expr) if x in self.graph.unknowns or needs_tidy(expr) else expr
            solutions.append(Solution(self.problem, of, (x,), expr, graph=self.graph))
        return solutions

    def _check_names(self, of, wrt) -> None:
        nodes = self.graph.nodes
        for name in (of, *wrt):
            if name not in nodes:
                known = ", ".join(sorted(map(str, nodes)))
                raise RoleError(f"'{name}' is not a variable of the problem", hint=f"variables: {known}")


def differentiate(problem, of, wrt) -> Solution:
    """∂ⁿ(of)/∂wrt[0]…∂wrt[n−1] as a Solution.  `of` and `wrt` may be names
    or Symbols; the problem is re-framed for them first (x = u cos v,
    y = u sin v asked for ∂u/∂x makes u, v the unknowns)."""
    wrt = tuple(symbol_named(w) for w in (wrt if isinstance(wrt, (tuple, list)) else (wrt,)))
    if not wrt:
        raise RoleError("say which variable to differentiate by", hint="e.g. --d x, or d('z', 'x')")
    if len(wrt) > MAX_ORDER:
        raise LimitError(f"derivatives of order above {MAX_ORDER} are not computed")
    of = symbol_named(of) if of is not None else default_of(problem)
    problem = problem.framed_for(of, wrt)
    return Engine.of(problem).solution(of, wrt)


def solve_problem(problem, wrt=(), of=None):
    """partials.solve: one Solution when `wrt` is given; otherwise a list of
    Solutions: the targets written in the problem text, or every first
    partial of the dependent variable(s) (only `of`'s when it is given)."""
    wrt = tuple(wrt)
    if wrt:
        return differentiate(problem, of, wrt)
    of = symbol_named(of) if of is not None else None
    targets = [t for t in problem.targets if of is None or t.of == of]
    if targets:
        return [differentiate(problem, t.of, t.wrt) for t in targets]
    framed = problem.framed_for(of, ()) if of is not None else problem
    if of is not None and of in framed.independent:
        raise RoleError(
            f"'{of}' is an independent variable of this problem: nothing to differentiate",
            hint="name a dependent variable with --of ("
            + (", ".join(map(str, framed.dependent)) or "none here") + "), or ask for a derivative with --d",
        )
    dependents = [of] if of is not None else list(framed.dependent)
    if not dependents:
        raise RoleError("the problem has no dependent variable", hint="name one with --of")
    return [differentiate(framed, d, (x,)) for d in dependents for x in framed.independent]


def gradient(problem, of=None) -> list:
    """[∂of/∂x for x in the independent variables] by reverse accumulation."""
    of = symbol_named(of) if of is not None else default_of(problem)
    problem = problem.framed_for(of, ())
    return Engine.of(problem).gradient(of)


def total_differential(problem, of=None):
    """dz = z_x dx + z_y dy: see partials.calculus.differential.Differential."""
    from partials.calculus.differential import total_differential as build

    return build(problem, of)


def default_of(problem):
    if len(problem.dependent) == 1:
        return problem.dependent[0]
    if not problem.dependent:
        raise RoleError("the problem has no dependent variable", hint="name one with --of")
    names = ", ".join(map(str, problem.dependent))
    raise RoleError(f"several dependent variables ({names}): say which one", hint="e.g. --of " + str(problem.dependent[0]))


