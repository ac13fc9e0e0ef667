"""Derivatives at a point (`partials solve … --at x=1,y=2`).

    value_at(solution, {"x": 1, "y": 2})            exact (1/3, √2/2, ln 5) or a Float
    derivative_at(problem, "z", ("x",), point)      partials.graph.derivative_at for one wrt
    gradient_at(problem, "z", point)                partials.graph.gradient_at

The values of the nodes are computed in topological order from the values
of the independent variables; each is checked (an error names the first
variable whose value is undefined or not real, e.g. v = ln u at u = −1).
Unknowns of equations may be given (z=0, checked against the equation) or,
for one equation, found: exactly for a polynomial of degree ≤ 2 in the
unknown, otherwise by numerical root finding; a point where no real value
or several exist is an error that asks for the value.  First derivatives
are accumulated on numbers edge by edge by the graph package
(partials.graph: one implementation of evaluation at a point for
`partials graph` and `partials solve --at`); higher ones are the symbolic
Solution evaluated at the point (value_at).
"""
from __future__ import annotations

import math

import mpmath
import sympy

from .chain import substitute, top_atoms, variables_of
from .depgraph import Graph
from .errors import MathError
from .symbols import GREEK_LETTERS, variable
from .tidy import nodes

MAX_EXACT_NODES = 60  # larger exact values are given as Floats
MAX_EXACT_DEGREE = 6  # polynomial equations up to this degree are solved exactly
ROOT_STARTS = (0.5, 1.0, 2.0, -0.5, -1.0, -2.0, 0.1, 5.0, -5.0, 10.0)


def read_point(point, problem=None) -> dict:
    """{Symbol: SymPy number} from text "x=1,y=2" or a dict with names or Symbols."""
    if isinstance(point, str):
        from .reader import read_assignments

        point = read_assignments(point)
    values = {}
    for name, value in dict(point).items():
        symbol = name if isinstance(name, sympy.Symbol) else variable(GREEK_LETTERS.get(str(name), str(name)))
        value = sympy.sympify(value) if isinstance(value, (int, float)) else value
        if not isinstance(value, sympy.Expr) or value.free_symbols or not value.is_number:
            raise MathError(f"the value of {symbol} is not a number: {value}")
        values[symbol] = value
    return values


def node_values(problem, point) -> dict:
    """The value of every node of the problem at the point."""
    graph = Graph(problem, tidy_edges=False) if not isinstance(problem, Graph) else problem
    problem = graph.problem
    given = read_point(point, problem)
    missing = [x for x in graph.independent if x not in given]
    if missing:
        names = ", ".join(map(str, missing))
        raise MathError(f"the point gives no value for {names}", hint="give every independent variable, e.g. --at "
                        + ",".join(f"{x}=1" for x in graph.independent))
    unknown_names = [n for n in given if n not in graph.nodes]
    if unknown_names:
        raise MathError(f"'{unknown_names[0]}' is not a variable of the problem")
    values = {x: given[x] for x in graph.independent}
    if graph.unknowns:
        values.update(_unknown_values(graph, values, given))
    floating = _is_float_point(given)
    if floating:
        values = {k: float(v) if v.is_number else v for k, v in values.items()}
    order = graph.topological(sorted(graph.definitions, key=str) + sorted(graph.intermediate_calls, key=str))
    for node in order:
        if node in values:
            continue
        if node in graph.intermediate_calls:
            values[node] = graph.intermediate_calls[node].xreplace(values)
            continue
        definition = graph.definitions[node]
        value = _float_node(node, definition, values, graph) if floating else None
        if value is None:
            value = _evaluated(definition.xreplace(values))
            _check_value(node, definition, value, values, graph)
        values[node] = value
        if node in given and _differs(given[node], value):
            raise MathError(f"the point gives {node} = {given[node]}, but {node} = {definition} is {value} there")
    return values


def _float_node(node, definition, values, graph):
    """The node's value as a Python float, None when SymPy is needed."""
    try:
        return float_value(definition, values)
    except _NotFloat:
        return None
    except (ValueError, OverflowError):
        raise MathError(
            f"{node} = {_shown(definition, graph.problem)} is not real at {_where(definition, values)}: outside its domain"
        ) from None
    except ZeroDivisionError:
        raise MathError(f"{node} = {_shown(definition, graph.problem)} is undefined at {_where(definition, values)}") from None


def _differs(given, value) -> bool:
    try:
        return abs(complex(sympy.N(given - value, 20))) > 1e-9 * (1 + abs(complex(sympy.N(value, 20))))
    except TypeError:
        return False


def value_at(solution, point):
    """The value of a Solution at a point, exact where SymPy can."""
    values = node_values(solution.problem, point)
    return _finished(substitute(solution.expr, values), solution.notation, values)


def derivative_at(problem, of, wrt, point):
    """∂ⁿ(of)/∂wrt… at the point; first derivatives by forward accumulation
    on numbers along the graph (partials.graph.derivative_at)."""
    from .engine import _symbol
    from .graph import derivative_at as accumulated

    of, wrt = _symbol(of), tuple(_symbol(w) for w in wrt)
    if len(wrt) != 1:
        return value_at(problem.framed_for(of, wrt).d(of, *wrt), point)
    given = read_point(point, problem)
    rate = accumulated(problem, of, wrt[0], given, exact=not _is_float_point(given))
    return _finished(_to_expr(rate), f"∂{of}/∂{wrt[0]}", given)


def gradient_at(problem, of, point) -> dict:
    """{x: ∂of/∂x} at the point for every independent variable, in one
    reverse sweep (partials.graph.gradient_at)."""
    from .engine import _symbol
    from .graph import gradient_at as accumulated

    of, given = _symbol(of), read_point(point, problem)
    gradient = accumulated(problem, of, given, exact=not _is_float_point(given))
    return {x: _finished(_to_expr(v), f"∂{of}/∂{x}", given) for x, v in gradient.items()}


def _to_expr(value):
    return value if isinstance(value, (sympy.Basic, float)) else sympy.sympify(value)


# ---- floating point ----------------------------------------------------------------
_MATH = {
    sympy.sin: math.sin, sympy.cos: math.cos, sympy.tan: math.tan, sympy.exp: math.exp,
    sympy.log: math.log, sympy.asin: math.asin, sympy.acos: math.acos, sympy.atan: math.atan,
    sympy.sinh: math.sinh, sympy.cosh: math.cosh, sympy.tanh: math.tanh, sympy.Abs: abs,
    sympy.cot: lambda a: 1 / math.tan(a), sympy.sec: lambda a: 1 / math.cos(a),
    sympy.csc: lambda a: 1 / math.sin(a), sympy.acot: lambda a: math.atan(1 / a),
}


class _NotFloat(Exception):
    """The expression needs SymPy (abstract functions, unusual functions)."""


def float_value(expr, values: dict) -> float:
    """expr at the point in Python floating point: a walk over the tree, so
    the cost per node is microseconds (SymPy Float arithmetic costs
    milliseconds).  Raises ValueError/ZeroDivisionError/OverflowError off
    the domain, _NotFloat when SymPy is needed."""
    if expr.is_Symbol:
        value = values[expr]
        if not isinstance(value, float):
            raise _NotFloat
        return value
    if expr.is_Number or expr.is_NumberSymbol:
        return float(expr)
    if expr.is_Add:
        return math.fsum(float_value(a, values) for a in expr.args)
    if expr.is_Mul:
        product = 1.0
        for a in expr.args:
            product *= float_value(a, values)
        return product
    if expr.is_Pow:
        base, exponent = float_value(expr.base, values), float_value(expr.exp, values)
        value = base**exponent
        if isinstance(value, complex):
            raise ValueError("a power of a negative number")
        return value
    function = _MATH.get(type(expr))
    if function is None or len(expr.args) != 1:
        raise _NotFloat
    return float(function(float_value(expr.args[0], values)))


def _is_float_point(given) -> bool:
    return any(isinstance(v, sympy.Float) for v in given.values())


# ---- unknowns of the equations ---------------------------------------------------
def _unknown_values(graph, values, given) -> dict:
    found = {u: given[u] for u in graph.unknowns if u in given}
    equations = [_substituted_equation(graph, e) for e in graph.equations]
    at_point = [e.xreplace(values) for e in equations]
    if len(found) == len(graph.unknowns):
        for original, equation in zip(graph.equations, at_point):
            residual = _evaluated(equation.xreplace(found))
            if residual.is_number and abs(complex(residual.evalf(30))) > 1e-9:
                raise MathError(
                    f"the point does not satisfy the equation {_shown(original, graph.problem)} = 0: "
                    + ", ".join(f"{u} = {v}" for u, v in found.items())
                    + f" gives {sympy.N(residual, 6)}"
                )
        return found
    missing = [u for u in graph.unknowns if u not in found]
    if len(missing) > 1 or len(at_point) > 1 or any(top_atoms(e) for e in at_point):
        names = ", ".join(map(str, missing))
        raise MathError(
            f"the value of {names} at this point is not determined here",
            hint="give it with the point, e.g. --at " + ",".join(f"{x}={values[x]}" for x in graph.independent)
            + "," + ",".join(f"{u}=…" for u in missing),
        )
    return {missing[0]: _solve_one(at_point[0], missing[0], values)}


def _substituted_equation(graph, equation):
    """The equation with the definitions it uses substituted (in x, y, z only)."""
    names = [n for n in variables_of(equation) if not graph.is_leaf(n)]
    return graph.explicit(equation) if names else equation


def _solve_one(equation, unknown, values):
    where = ", ".join(f"{x} = {v}" for x, v in values.items())
    written = ",".join(f"{x}={v}" for x, v in values.items())
    polynomial = sympy.Poly(equation, unknown) if equation.is_polynomial(unknown) else None
    if polynomial is not None and polynomial.degree() <= MAX_EXACT_DEGREE and polynomial.domain in (sympy.ZZ, sympy.QQ):
        roots = [r if not isinstance(r, sympy.CRootOf) else sympy.Float(r.evalf(15), 15)
                 for r in dict.fromkeys(sympy.real_roots(polynomial))]
    elif polynomial is not None and polynomial.degree() <= 2:
        roots = [r for r in sympy.solve(equation, unknown) if r.is_real]
    else:
        roots = _numeric_roots(equation, unknown)
    if not roots:
        raise MathError(f"no real {unknown} satisfies {_shown(equation)} = 0 at {where}")
    if len(roots) > 1:
        shown = ", ".join(str(sympy.N(r, 6)) for r in roots)
        raise MathError(
            f"{unknown} is not unique at {where}: {shown} all satisfy the equation",
            hint=f"give the value of {unknown} with the point, e.g. --at {written},{unknown}={sympy.N(roots[0], 6)}",
        )
    return roots[0]


def _numeric_roots(equation, unknown) -> list:
    function = sympy.lambdify(unknown, equation, modules="mpmath")
    roots: list = []
    for start in ROOT_STARTS:
        try:
            root = mpmath.findroot(function, mpmath.mpf(start))
        except (ValueError, ZeroDivisionError, TypeError, OverflowError):
            continue
        if isinstance(root, mpmath.mpc) and abs(root.imag) > 1e-12:
            continue
        root = mpmath.re(root)
        if abs(function(root)) > 1e-10:
            continue
        if all(abs(root - other) > 1e-8 * (1 + abs(other)) for other in roots):
            roots.append(root)
    return [sympy.Float(r, 15) for r in sorted(roots)]


# ---- checks and results -------------------------------------------------------------
def _evaluated(value):
    return value.doit() if value.has(sympy.Derivative) and not top_atoms(value) else value


def _check_value(node, definition, value, values, graph) -> None:
    if top_atoms(value):
        return
    if value.has(sympy.zoo, sympy.nan, sympy.oo, -sympy.oo) or value.is_finite is False:
        raise MathError(f"{node} = {_shown(definition, graph.problem)} is undefined at {_where(definition, values)}")
    if value.is_real is False or (value.is_number and abs(sympy.im(value.evalf(20))) > 1e-12):
        raise MathError(
            f"{node} = {_shown(definition, graph.problem)} is not real at {_where(definition, values)}: outside its domain"
        )


def _shown(expr, problem=None) -> str:
    try:
        from .printing import text
    except ImportError:
        return str(expr)
    return text(expr, problem)


def _where(definition, values) -> str:
    used = variables_of(definition)
    return ", ".join(f"{s} = {values[s]}" for s in used if s in values) or "this point"


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
    return min((value, sympy.radsimp(value), sympy.cancel(value)), key=nodes)
