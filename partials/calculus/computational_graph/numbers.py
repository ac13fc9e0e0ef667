"""Values at a point: node relations and local derivatives compiled once into
closures over exact SymPy numbers or Python floats, checked (domain,
division by zero, size), with implicit unknowns given or solved.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from fractions import Fraction
from typing import TYPE_CHECKING

import sympy
from sympy.core.function import AppliedUndef

from partials.core.functions import ON_FLOATS
from partials.core.errors import LimitError, MathError, PartialsError, RoleError
from partials.core.symbols import variable
from partials.core.budget import OutOfTime, time_budget, tree_size
from partials.calculus.computational_graph.derivatives import ordered_names
from partials.calculus.printable import shown
from partials.calculus.computational_graph.roots import SCAN, real_roots
from partials.model.partial_at import partial_at

if TYPE_CHECKING:
    from partials.calculus.computational_graph.structure import ComputationalGraph

SOLVE_SECONDS = 3.0
MAX_BITS = 200_000  # an exact rational value may have this many bits
MAX_EXACT_SIZE = 20_000  # an exact irrational value may be this large a tree


@dataclass
class Values:
    nodes: dict  # name -> value
    locals: list  # edge index -> value of the local derivative
    arithmetic: "Arithmetic"


class Arithmetic:
    """Local derivatives and node relations compiled once into closures that
    compute on numbers: SymPy numbers when exact, Python floats otherwise.
    A value stays a SymPy expression when it involves an unknown such as
    f(3, 2) or f₁′(3, 2); the result is then a combination of those."""

    def __init__(self, graph: ComputationalGraph, exact: bool):
        self.exact = exact
        self.slot = graph.position  # closures read node values by position
        self.zero, self.one = (sympy.S.Zero, sympy.S.One) if exact else (0.0, 1.0)
        self.nodes = [self.compile(n.expr) if n.kind == "definition" else None for n in graph.nodes]
        self.locals = [
            self.compile(e.local) if graph.node[e.target].kind != "implicit" else None
            for e in graph.edges
        ]
        block = graph.block
        if block:
            self.equations = [self.compile(g) for g in block.equations]
            self.jacobian = [[self.compile(entry) for entry in row] for row in block.jacobian]
            self.by_upstream = {w: [self.compile(c) for c in col] for w, col in block.by_upstream.items()}

    # values coming in and going out
    def number(self, value):
        if self.exact:
            return value
        if value.is_number and not value.has(AppliedUndef, sympy.Subs, sympy.Derivative):
            return self.check(float(value), "a value at the point")
        return value

    def result(self, value):
        if self.exact:
            return value
        return value if isinstance(value, float) else sympy.sympify(value, strict=True)

    def value(self, closure, values: dict, what):
        """closure(values), checked; errors name `what` (text, or a function
        giving it: messages are only written when needed)."""
        try:
            return self.check(closure(values), what)
        except ZeroDivisionError:
            raise MathError(f"{_said(what)} is undefined at the point (division by zero)") from None
        except OverflowError:
            raise MathError(f"{_said(what)} is too large for floating point at the point") from None
        except ValueError:
            raise MathError(f"{_said(what)} is not real or undefined at the point (outside the domain)") from None

    def check(self, value, what):
        """A finite real number (or an expression in unknown values)."""
        if isinstance(value, float):
            if not math.isfinite(value):
                raise MathError(f"{_said(what)} is not finite at the point")
            return value
        if isinstance(value, complex):
            raise MathError(f"{_said(what)} is not real at the point (outside the domain)")
        if isinstance(value, sympy.Rational):
            if value.p.bit_length() > MAX_BITS or value.q.bit_length() > MAX_BITS:
                raise _too_large(what)
            return value
        if tree_size(value, MAX_EXACT_SIZE) > MAX_EXACT_SIZE:
            raise _too_large(what)
        if value.has(sympy.zoo, sympy.nan, sympy.oo, -sympy.oo):
            raise MathError(f"{_said(what)} is undefined at the point (division by zero?)")
        if value.has(sympy.I) or value.is_extended_real is False:
            raise MathError(f"{_said(what)} is not real at the point (outside the domain)")
        return value

    def solve_linear(self, matrix, column, what: str) -> list:
        """x with matrix·x = −column, on values."""
        if len(column) == 1:
            pivot = matrix[0][0]
            if pivot == 0:
                raise MathError(f"{what} = 0 at the point: the implicit-function rule does not apply")
            return [self.check(-column[0] / pivot, "an implicit derivative")]
        system = sympy.Matrix([[_to_sympy(v) for v in row] for row in matrix])
        if system.det() == 0:
            raise MathError(f"the Jacobian {what} is singular at the point: the implicit-function rule does not apply")
        solution = system.LUsolve(-sympy.Matrix([_to_sympy(v) for v in column]))
        return [self.check(self.number(sympy.nsimplify(x) if self.exact else x), "an implicit derivative") for x in solution]

    # compilation into closures (no eval: the tree is walked once)
    def compile(self, expr):
        if expr is None:
            return None
        if expr.is_Symbol:
            return lambda env, k=self.slot[expr]: env[k]
        if not expr.free_symbols and not expr.has(AppliedUndef):
            return self._constant(expr)
        if expr.is_Add or expr.is_Mul:
            return self._fold(expr)
        if expr.is_Pow:
            return self._power(expr)
        if isinstance(expr, AppliedUndef):
            parts = [self.compile(a) for a in expr.args]
            return lambda env: expr.func(*[_to_sympy(p(env)) for p in parts])
        if isinstance(expr, sympy.Subs):
            parts = [self.compile(a) for a in expr.point]
            return lambda env: partial_at(expr.expr, expr.variables, tuple(_to_sympy(p(env)) for p in parts))
        names = ordered_names(expr)
        slots = [self.slot[n] for n in names]
        if isinstance(expr, sympy.Derivative):
            return lambda env: partial_at(expr, names, tuple(_to_sympy(env[k]) for k in slots))
        if isinstance(expr, sympy.Function):
            return self._function(expr)
        return lambda env: self.number(expr.xreplace({n: _to_sympy(env[k]) for n, k in zip(names, slots)}))

    def _constant(self, expr):
        value = expr if self.exact else None
        if not self.exact:
            try:
                value = float(expr)
            except (TypeError, ValueError):
                value = expr
        return lambda env: value

    def _fold(self, expr):
        parts = [self.compile(a) for a in expr.args]
        first, rest = parts[0], parts[1:]
        if expr.is_Add:
            def add(env):
                total = first(env)
                for part in rest:
                    total = total + part(env)
                return total
            return add

        def multiply(env):
            total = first(env)
            for part in rest:
                total = total * part(env)
            return total
        return multiply

    def _power(self, expr):
        base = self.compile(expr.base)
        exponent = expr.exp
        if exponent.is_Integer:
            n = int(exponent)
            if not self.exact or abs(n) < 64:
                return lambda env: base(env) ** n

            def bounded_power(env):  # (3/2)^(10⁶) would not end
                b = base(env)
                bits = max(b.p.bit_length(), b.q.bit_length()) if isinstance(b, sympy.Rational) else 64
                if abs(b) != 1 and b != 0 and bits * abs(n) > MAX_BITS:
                    raise _too_large(lambda: shown(expr))
                return b ** n
            return bounded_power
        power = self.compile(exponent)
        if self.exact:
            return lambda env: base(env) ** power(env)

        def float_power(env):
            b, e = base(env), power(env)
            if isinstance(b, float) and isinstance(e, float):
                if b < 0:
                    raise MathError(f"{shown(expr)} is not real at the point: negative base")
                return b ** e
            return _to_sympy(b) ** _to_sympy(e)
        return float_power

    def _function(self, expr):
        parts = [self.compile(a) for a in expr.args]
        func = expr.func
        if self.exact:
            return lambda env: func(*[p(env) for p in parts])
        fast = _FLOAT_FUNCTIONS.get(func)

        def apply(env):
            arguments = [p(env) for p in parts]
            if fast and all(isinstance(a, float) for a in arguments):
                return fast(*arguments)
            return self.number(func(*[_to_sympy(a) for a in arguments]))
        return apply


def _too_large(what) -> LimitError:
    return LimitError(
        f"the exact value of {_said(what)} at the point grows too large",
        hint="use floating point (--float, or exact=False)",
    )


def _said(what) -> str:
    return what() if callable(what) else what


def _to_sympy(value):
    if isinstance(value, float):
        return sympy.Float(value)
    return value


_FLOAT_FUNCTIONS = {
    **ON_FLOATS, sympy.sign: lambda x: float((x > 0) - (x < 0)),
}


class MissingValue(RoleError, MathError):
    """A point without a value for an input: a wrong point (RoleError) at
    which the derivative has no value (MathError)."""


def normalize_point(graph: ComputationalGraph, point: dict) -> dict:
    normal = {}
    for key, value in point.items():
        name = key if isinstance(key, sympy.Symbol) else variable(str(key))
        if name not in graph.node:
            raise RoleError(
                f"'{name}' in the point is not a variable of the problem",
                hint="variables: " + ", ".join(str(n.name) for n in graph.nodes),
            )
        if graph.node[name].kind == "definition":
            raise RoleError(
                f"'{name}' is computed from its definition {name} = {shown(graph.node[name].expr, graph.problem)}",
                hint=f"leave {name} out of the point; give the inputs " + ", ".join(map(str, graph.inputs)),
            )
        normal[name] = as_number(name, value)
    missing = [str(n) for n in graph.inputs if n not in normal]
    if missing:
        example = ",".join(f"{n}=1" for n in map(str, graph.inputs))
        raise MissingValue(f"the point gives no value for {', '.join(missing)}", hint=f"e.g. --at {example}")
    return normal


def as_number(name, value):
    if isinstance(value, bool) or isinstance(value, str):
        raise PartialsError(
            f"the value of {name} must be a number, not {value!r}",
            hint="read typed values with partials.reading.reader.read_assignments",
        )
    if isinstance(value, Fraction):
        return sympy.Rational(value.numerator, value.denominator)
    if isinstance(value, (int, float)):
        return sympy.sympify(value, strict=True)  # a Python number; strict: never parses text
    if isinstance(value, sympy.Expr) and value.is_number:
        return value
    raise PartialsError(f"the value of {name} must be a number, not {value}")


def evaluate(graph: ComputationalGraph, point: dict, arithmetic: Arithmetic) -> Values:
    try:
        return _evaluate_numbers(graph, point, arithmetic)
    except ZeroDivisionError:
        raise MathError("division by zero at the point") from None
    except (OverflowError, ValueError) as error:
        raise MathError(f"a function is undefined at the point ({error})") from None


def _evaluate_numbers(graph: ComputationalGraph, point: dict, arithmetic: Arithmetic) -> Values:
    env = [None] * len(graph.nodes)  # node values by position
    block_locals: dict = {}
    definitions = arithmetic.nodes
    for k, node in enumerate(graph.nodes):
        if node.kind == "definition":
            env[k] = arithmetic.value(definitions[k], env, lambda node=node: f"{node.name} = {shown(node.expr, graph.problem)}")
        elif node.kind == "input":
            env[k] = arithmetic.check(arithmetic.number(point[node.name]), f"the value of {node.name}")
        elif node.kind == "abstract":
            given = point.get(node.name)
            env[k] = arithmetic.number(given) if given is not None else node.expr.func(
                *[_to_sympy(env[graph.position[a]]) for a in node.expr.args]
            )
        elif env[k] is None:  # the first unknown of the implicit block
            block_locals = _evaluate_block(graph, point, env, arithmetic)
    locals_ = []
    compiled = arithmetic.locals
    for index, closure in enumerate(compiled):
        if closure is None:  # into an implicit unknown
            edge = graph.edges[index]
            locals_.append(block_locals[(edge.source, edge.target)])
        else:
            locals_.append(arithmetic.value(closure, env, lambda index=index: graph.edges[index].label))
    return Values(dict(zip(graph.names, env)), locals_, arithmetic)


def _evaluate_block(graph, point, env, arithmetic) -> dict:
    block = graph.block
    known = {name: env[k] for name, k in graph.position.items() if env[k] is not None}
    for name, value in _unknown_values(block, point, known, arithmetic).items():
        env[graph.position[name]] = value
    for g, equation in zip(arithmetic.equations, block.shown_equations):
        _require_zero(arithmetic.value(g, env, shown(equation)), equation, arithmetic)
    jacobian = [[arithmetic.value(entry, env, "∂G/∂z") for entry in row] for row in arithmetic.jacobian]
    what = _jacobian_name(block)
    found = {}
    for w, column in arithmetic.by_upstream.items():
        solution = arithmetic.solve_linear(jacobian, [arithmetic.value(c, env, "∂G/∂" + str(w)) for c in column], what)
        for z, value in zip(block.unknowns, solution):
            found[(w, z)] = value
    return found


def _jacobian_name(block) -> str:
    unknowns = ", ".join(map(str, block.unknowns))
    if len(block.unknowns) == 1:
        return f"∂/∂{unknowns} of {shown(block.equations[0])}"
    return f"∂(G…)/∂({unknowns}) of the equations"


def _unknown_values(block, point, values, arithmetic) -> dict:
    given = {z: arithmetic.number(point[z]) for z in block.unknowns if z in point}
    missing = [z for z in block.unknowns if z not in given]
    if not missing:
        return given
    known = {**{k: _to_sympy(v) for k, v in values.items()}, **{k: _to_sympy(v) for k, v in given.items()}}
    equations = [g.xreplace(known) for g in block.equations]
    solutions = _real_solutions(equations, missing)
    shown_equations = "; ".join(f"{shown(g)} = 0" for g in block.shown_equations)
    example = ",".join(f"{n}=…" for n in missing)
    if solutions is None and len(missing) == 1:
        solutions = _numeric_solutions(equations[0], missing[0], shown_equations, example)
    if solutions is None:
        raise MathError(
            f"{', '.join(map(str, missing))} at the point cannot be solved for from {shown_equations}",
            hint=f"give its value in the point, e.g. --at …,{example}",
        )
    names = ", ".join(map(str, missing))
    if not solutions:
        raise MathError(f"no real {names} satisfies {shown_equations} at the point: it has no real solution for {names}")
    if len(solutions) > 1:
        listed = "; ".join(", ".join(f"{z} = {shown(s[z])}" for z in missing) for s in solutions[:6])
        raise MathError(
            f"{names} is not unique at the point: {shown_equations} has several solutions ({listed})",
            hint=f"choose one in the point, e.g. --at …,{example}",
        )
    return {**given, **{z: arithmetic.number(solutions[0][z]) for z in missing}}


def _numeric_solutions(equation, unknown, shown_equations: str, example: str) -> list | None:
    """The real roots found by scanning (partials.calculus.computational_graph.roots); none found is
    an error that says where it looked."""
    roots = real_roots(equation, unknown)
    if roots is None:
        return None
    if not roots:
        low, high = SCAN
        raise MathError(
            f"no real {unknown} satisfying {shown_equations} at the point was found between {low:g} and {high:g}",
            hint=f"give its value in the point, e.g. --at …,{example}",
        )
    return [{unknown: sympy.Float(root, 15)} for root in sorted(roots, key=abs)]  # the nearest to 0 listed first


def _real_solutions(equations, unknowns):
    """Real solutions by sympy.solve within a time budget; None when it
    cannot tell (timeout, unknown functions, unsupported equations)."""
    if any(g.has(AppliedUndef, sympy.Subs) for g in equations):
        return None
    if sum(g.count_ops() for g in equations) > 200:
        return None
    if any(call.has(*unknowns) for g in equations for call in g.atoms(*_PERIODIC)):
        return None  # sympy.solve lists only some solutions of periodic equations
    try:
        with time_budget(SOLVE_SECONDS):
            found = sympy.solve(equations, unknowns, dict=True)
    except (OutOfTime, NotImplementedError, ValueError, TypeError):
        return None
    real = []
    for solution in found:
        if all(z in solution for z in unknowns) and all(solution[z].is_extended_real for z in unknowns):
            if solution not in real:
                real.append(solution)
    return real


_PERIODIC = (sympy.sin, sympy.cos, sympy.tan, sympy.cot, sympy.sec, sympy.csc)


def _require_zero(residual, equation, arithmetic) -> None:
    """The point must satisfy the equation (unknown values of abstract
    functions cannot be checked and are taken to satisfy it)."""
    if isinstance(residual, float):
        if abs(residual) > 1e-9:
            raise MathError(f"the point does not satisfy {shown(equation)} = 0 (residual {residual:.3g})")
        return
    residual = sympy.sympify(residual, strict=True)
    if residual == 0 or residual.has(AppliedUndef, sympy.Subs):
        return
    if residual.is_number:
        approximate = residual.evalf(30)
        tolerance = 1e-9 if residual.has(sympy.Float) else 1e-25  # decimals carry float precision only
        if approximate.is_number and abs(approximate) < sympy.Float(tolerance):
            return
    gives = shown(residual) if residual.is_Rational or not residual.is_number else f"{shown(residual)} ≈ {sympy.N(residual, 6)}"
    raise MathError(f"the point does not satisfy {shown(equation)} = 0 (it gives {gives})")
