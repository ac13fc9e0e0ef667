"""Derivatives at a point (`partials solve … --at x=1,y=2`).

    value_at(solution, {"x": 1, "y": 2})            exact (1/3, √2/2, ln 5) or a Float
    derivative_at(problem, "z", ("x",), point)      partials.calculus.computational_graph.derivative_at for one wrt
    gradient_at(problem, "z", point)                partials.calculus.computational_graph.gradient_at

Everything at a point is computed by the graph package (partials.calculus.computational_graph:
one implementation for `partials graph` and `partials solve --at`): node
values in topological order from the independent variables, exact or in
floating point, each checked (an error names the variable whose value is
undefined or not real); unknowns of equations given (checked against the
equations) or solved for by sympy.solve within a time budget (none or
several real values: an error that asks for the value).  First derivatives
are accumulated on numbers edge by edge; higher ones are the symbolic
Solution evaluated at the node values (value_at).
"""
from __future__ import annotations

import math

import sympy

from partials.calculus.chain import substitute, top_atoms
from partials.core.errors import MathError
from partials.core.symbols import symbol_named
from partials.calculus.tidy import nodes
from partials.model.parameters import parameters_in
from partials.calculus.simplest_value import simplest
from partials.calculus.smoothness import check_smooth

MAX_EXACT_NODES = 60  # larger exact values are given as Floats


def read_point(point, problem=None) -> dict:
    """{Symbol: SymPy number} from a dict with names or Symbols (text such as
    "x=1,y=2" is read by partials.reading.reader.read_assignments first)."""
    from partials.calculus.computational_graph.numbers import as_number

    values = {}
    for name, value in dict(point).items():
        symbol = symbol_named(name if isinstance(name, sympy.Symbol) else str(name))
        values[symbol] = as_number(symbol, value)
    return values


def node_values(problem, point) -> dict:
    """The value of every node of the problem at the point (the graph
    package's evaluation: partials.calculus.computational_graph.numbers), as SymPy numbers."""
    from partials.calculus.computational_graph import build_graph

    given = read_point(point, problem)
    values = build_graph(problem).at(given, exact=not _is_float_point(given)).nodes
    return {name: sympy.Float(v, 15) if isinstance(v, float) else sympy.sympify(v, strict=True) for name, v in values.items()}


def value_at(solution, point):
    """The value of a Solution at a point, exact where SymPy can."""
    check_smooth(solution.problem, read_point(point, solution.problem), solution.wrt, solution.notation)
    if parameters_in(solution.problem):
        return _with_parameters(solution, read_point(point, solution.problem))
    values = node_values(solution.problem, point)
    return _finished(substitute(solution.expr, values), solution.notation, values)


def derivative_at(problem, of, wrt, point):
    """∂ⁿ(of)/∂wrt… at the point; first derivatives by forward accumulation
    on numbers along the graph (partials.calculus.computational_graph.derivative_at)."""
    from partials.calculus.computational_graph import derivative_at as accumulated

    of, wrt = symbol_named(of), tuple(symbol_named(w) for w in wrt)
    if len(wrt) != 1:
        return value_at(problem.framed_for(of, wrt).d(of, *wrt), point)
    given = read_point(point, problem)
    check_smooth(problem, given, wrt, f"∂{of}/∂{wrt[0]}")
    if parameters_in(problem):
        return _with_parameters(problem.framed_for(of, wrt).d(of, *wrt), given)
    rate = accumulated(problem, of, wrt[0], given, exact=not _is_float_point(given))
    return _finished(_to_expr(rate), f"∂{of}/∂{wrt[0]}", given)


def gradient_at(problem, of, point) -> dict:
    """{x: ∂of/∂x} at the point for every independent variable, in one
    reverse sweep (partials.calculus.computational_graph.gradient_at)."""
    from partials.calculus.computational_graph import gradient_at as accumulated

    of, given = symbol_named(of), read_point(point, problem)
    check_smooth(problem, given, tuple(problem.independent), f"the gradient of {of}")
    if parameters_in(problem):
        return {x: _with_parameters(problem.framed_for(of, (x,)).d(of, x), given) for x in problem.independent}
    gradient = accumulated(problem, of, given, exact=not _is_float_point(given))
    return {x: _finished(_to_expr(v), f"∂{of}/∂{x}", given) for x, v in gradient.items()}


def _with_parameters(solution, given):
    """A value that keeps the constants (--const m) as letters: the explicit
    derivative with the point substituted (the graph evaluates numbers only)."""
    if solution.problem.implicit:
        raise MathError("values at a point with constants (--const) are computed for explicit problems only",
                        hint="drop --at to see the derivative, or give the constants as numbers in the text")
    missing = [x for x in solution.problem.independent if x not in given]
    if missing:
        raise MathError(f"the point gives no value for {', '.join(map(str, missing))}")
    value = substitute(solution.explicit, given)
    if value.has(sympy.zoo, sympy.nan) or value.free_symbols - parameters_in(solution.problem):
        raise MathError(f"{solution.notation} is undefined at the point (division by zero?)")
    return simplest(value)


def _to_expr(value):
    return value if isinstance(value, (sympy.Basic, float)) else sympy.sympify(value, strict=True)


def _is_float_point(given) -> bool:
    return any(isinstance(v, sympy.Float) for v in given.values())


# ---- checks and results -------------------------------------------------------------
def _evaluated(value):
    return value.doit() if value.has(sympy.Derivative) and not top_atoms(value) else value


def _finished(value, notation, values):
    """Exact when small and real, else a Float; an error at a singularity."""
    if isinstance(value, float):
        value = sympy.Float(value, 15) if math.isfinite(value) else sympy.nan
    value = _evaluated(value)
    if top_atoms(value):  # abstract values such as f₁′(3, 2) stay symbolic
        return value.xreplace({f: sympy.Integer(int(f)) for f in value.atoms(sympy.Float) if float(f) == int(f)})
    if value.has(sympy.zoo, sympy.nan) or value.is_finite is False:
        point = ", ".join(f"{x} = {v}" for x, v in values.items())
        raise MathError(f"{notation} is undefined at {point} (division by zero or a singular point)")
    if value.is_Float or any(isinstance(v, float) or (hasattr(v, "has") and v.has(sympy.Float)) for v in values.values()):
        return sympy.Float(value.evalf(15), 15)
    if nodes(value) > MAX_EXACT_NODES:
        return sympy.Float(value.evalf(15), 15)
    if value.is_Rational:
        return value
    return simplest(value)
