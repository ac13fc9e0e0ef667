"""The computational graph of a problem, and derivatives accumulated on it.

Nodes are the problem's variables: independent inputs, intermediates and
outputs.  An edge u → v carries the local partial derivative ∂v/∂u of v's own
relation, the other arguments of that relation held fixed:

* a definition v = rhs gives ∂rhs/∂u (abstract functions in canonical form,
  f₁′ = Subs(Derivative(f(_1, _2), _1), (_1, _2), (u, v)));
* a declaration u = u(x, y) that no equation determines (an abstract
  intermediate) gives ∂u/∂x = Derivative(u(x, y), x);
* unknowns determined by equations G(w…, z…) = 0 get one edge from every
  other name w in the equations, carrying ∂z/∂w = −(∂G/∂z)⁻¹·∂G/∂w (the
  implicit-function rule; −F_x/F_z for one equation).

A derivative is accumulated edge by edge (the chain rule as a sum over paths,
factored): forward mode from one input gives ∂node/∂input for every node,
reverse mode from one output gives ∂output/∂node for every node; each sweep
visits every edge once, so its cost grows with the number of edges, never
with the number of input→output paths.  At a point the accumulation runs on
numbers: exact SymPy numbers (rationals, radicals, π) or Python floats.
"""
from __future__ import annotations

import math
import shutil
import signal
import subprocess
import threading
from contextlib import contextmanager
from dataclasses import dataclass
from fractions import Fraction

import sympy
from sympy.core.function import AppliedUndef

from .errors import LimitError, MathError, PartialsError, RoleError
from .notation import leibniz
from .problem import Problem, abstract_derivative
from .symbols import function, variable

MAX_EDGES = 200_000
SYMBOLIC_SIZE = 120  # operations an accumulated symbolic derivative may show
SOLVE_SECONDS = 3.0
SYSTEM_SIZE = 4  # unknowns of an implicit system shown symbolically
TIDY_EDGES = 200  # symbolic sweeps are put in textbook shape up to this size
MAX_BITS = 200_000  # an exact rational value may have this many bits
MAX_EXACT_SIZE = 20_000  # an exact irrational value may be this large a tree
PRINTER_SIZE = 200  # larger expressions are shown with SymPy's plain printer
SHOWN_SIZE = 3000  # larger ones by a 15-digit approximation


# ---- the graph --------------------------------------------------------------
@dataclass(frozen=True)
class Node:
    name: sympy.Symbol
    role: str  # "input" | "intermediate" | "output"
    kind: str  # "input" | "definition" | "abstract" | "implicit"
    expr: sympy.Expr | None  # the right side, u(x, y), or None

    def relation(self, graph: "Graph", ascii: bool = False) -> str:
        """How the node is computed, in textbook notation."""
        if self.kind == "input":
            return "input"
        if self.kind == "abstract":
            return f"{self.name}(" + ", ".join(map(str, self.expr.args)) + ")"
        if self.kind == "implicit":
            return "; ".join(f"{shown(g, graph.problem, ascii=ascii)} = 0" for g in graph.block.shown_equations)
        return shown(self.expr, graph.problem, ascii=ascii)


@dataclass(frozen=True)
class Edge:
    source: sympy.Symbol
    target: sympy.Symbol
    local: sympy.Expr | None  # ∂target/∂source; None: too large to show

    @property
    def label(self) -> str:
        return leibniz(str(self.target), [str(self.source)])


class Graph:
    """Nodes in topological order (inputs first) and the edges between them."""

    def __init__(self, problem: Problem):
        self.problem = problem
        self.block = _ImplicitBlock.of(problem)
        nodes, edges, needs = _build(problem, self.block)
        if len(edges) > MAX_EDGES:
            raise LimitError(f"the graph has {len(edges)} edges; at most {MAX_EDGES} are drawn")
        self.nodes = _topological(nodes, needs)
        position = {node.name: k for k, node in enumerate(self.nodes)}
        self.edges = tuple(sorted(edges, key=lambda e: (position[e.target], position[e.source])))
        self.node = {node.name: node for node in self.nodes}
        self.position = position = {node.name: k for k, node in enumerate(self.nodes)}
        self.names = tuple(node.name for node in self.nodes)
        # the sweeps run on positions, not names: lists instead of dicts
        self.source_of = [position[edge.source] for edge in self.edges]
        self.into: list = [[] for _ in self.nodes]  # node position -> edge indices
        for index, edge in enumerate(self.edges):
            self.into[position[edge.target]].append(index)
        self.incoming = {name: self.into[k] for name, k in position.items()}
        self._compiled: dict = {}

    # ---- questions about the shape ------------------------------------------
    @property
    def inputs(self) -> tuple:
        return tuple(n.name for n in self.nodes if n.role == "input")

    @property
    def outputs(self) -> tuple:
        return tuple(n.name for n in self.nodes if n.role == "output")

    def name(self, name) -> sympy.Symbol:
        symbol = name if isinstance(name, sympy.Symbol) else variable(str(name))
        if symbol not in self.node:
            raise RoleError(
                f"'{symbol}' is not a node of the graph",
                hint="nodes: " + ", ".join(str(n.name) for n in self.nodes),
            )
        return symbol

    def count_paths(self, source=None, target=None) -> int:
        """Paths from `source` (every input when None) to `target` (every
        output when None), counted by dynamic programming over the
        topological order: paths(v) = Σ paths(u) over edges u → v."""
        sources = {self.name(source)} if source is not None else set(self.inputs)
        paths: dict = {}
        for node in self.nodes:
            if node.name in sources:
                paths[node.name] = 1
                continue
            paths[node.name] = sum(paths[self.edges[i].source] for i in self.incoming[node.name])
        targets = [self.name(target)] if target is not None else self.outputs
        return sum(paths[t] for t in targets)

    # ---- accumulation ---------------------------------------------------------
    def forward(self, wrt, locals_, zero, one, cap=None) -> tuple[dict, int]:
        """∂node/∂wrt for every node, one sweep in topological order.
        Returns the tangents and the number of edges visited."""
        tangents, visits = self._forward(self.position[self.name(wrt)], locals_, zero, one, cap)
        return dict(zip(self.names, tangents)), visits

    def reverse(self, of, locals_, zero, one, cap=None) -> tuple[dict, int]:
        """∂of/∂node for every node (the adjoints), one sweep in reverse
        topological order.  Returns the adjoints and the edges visited."""
        adjoints, visits = self._reverse(self.position[self.name(of)], locals_, zero, one, cap)
        return dict(zip(self.names, adjoints)), visits

    def _forward(self, seed: int, locals_, zero, one, cap):
        tangents, visits, source_of = [zero] * len(self.nodes), 0, self.source_of
        for k, edges in enumerate(self.into):
            if k == seed:
                tangents[k] = one
                continue
            total = zero
            for i in edges:
                total = total + locals_[i] * tangents[source_of[i]]
            visits += len(edges)
            tangents[k] = cap(self.names[k], total) if cap else total
        return tangents, visits

    def _reverse(self, seed: int, locals_, zero, one, cap):
        adjoints, visits, source_of = [zero] * len(self.nodes), 0, self.source_of
        adjoints[seed] = one
        for k in range(len(self.nodes) - 1, -1, -1):
            if cap and k != seed:
                adjoints[k] = cap(self.names[k], adjoints[k])
            adjoint, edges = adjoints[k], self.into[k]
            for i in edges:
                source = source_of[i]
                adjoints[source] = adjoints[source] + locals_[i] * adjoint
            visits += len(edges)
        return adjoints, visits

    def symbolic(self, of, wrt, tidy: bool = False) -> "Sweeps":
        """Forward and reverse mode on the symbolic local derivatives: the
        results are written in the node names (∂e/∂b = c + d).  With `tidy`
        (small graphs) the local derivatives and the results are put in
        textbook shape first."""
        locals_ = [
            e.local if e.local is not None else sympy.Symbol(e.label) for e in self.edges
        ]
        shape = textbook_shape() if tidy and len(self.edges) <= TIDY_EDGES else None
        if shape:
            locals_ = [shape(local) for local in locals_]
        forward, forward_visits = self.forward(wrt, locals_, sympy.S.Zero, sympy.S.One, _cap(wrt, "forward", shape))
        reverse, reverse_visits = self.reverse(of, locals_, sympy.S.Zero, sympy.S.One, _cap(of, "reverse", shape))
        return Sweeps(None, locals_, forward, reverse, forward_visits, reverse_visits)

    def at(self, point: dict, exact: bool = True) -> "Values":
        """Node values and local-derivative values at a point."""
        arithmetic = self._arithmetic(exact)
        return _evaluate(self, _normalize_point(self, point), arithmetic)

    def sweeps(self, point: dict, of, wrt, exact: bool = True) -> "Sweeps":
        values = self.at(point, exact)
        zero, one = values.arithmetic.zero, values.arithmetic.one
        forward, forward_visits = self.forward(wrt, values.locals, zero, one)
        reverse, reverse_visits = self.reverse(of, values.locals, zero, one)
        return Sweeps(values.nodes, values.locals, forward, reverse, forward_visits, reverse_visits)

    def gradient(self, point: dict, of, exact: bool = True) -> dict:
        """∂of/∂input for every input, by one reverse sweep over numbers."""
        seed = self.position[self.name(of)]
        values = self.at(point, exact)
        arithmetic = values.arithmetic
        adjoints, _ = self._reverse(seed, values.locals, arithmetic.zero, arithmetic.one, None)
        return {name: arithmetic.result(adjoints[self.position[name]]) for name in self.inputs}

    def _arithmetic(self, exact: bool) -> "_Arithmetic":
        if exact not in self._compiled:
            self._compiled[exact] = _Arithmetic(self, exact)
        return self._compiled[exact]


@dataclass
class Values:
    nodes: dict  # name -> value
    locals: list  # edge index -> value of the local derivative
    arithmetic: "_Arithmetic"


@dataclass
class Sweeps:
    values: dict | None  # node values (None without a point)
    locals: list
    forward: dict
    adjoint: dict
    forward_visits: int
    reverse_visits: int


def _cap(seed, mode, shape=None):
    """Keep symbolic accumulation readable: a result larger than
    SYMBOLIC_SIZE operations is shown by its name (∂v/∂x) instead."""
    def cap(name, value):
        if shape:
            value = shape(value)
        if value.count_ops() <= SYMBOLIC_SIZE:
            return value
        of, wrt = (name, seed) if mode == "forward" else (seed, name)
        return sympy.Symbol(leibniz(str(of), [str(wrt)]))
    return cap


def textbook_shape():
    """The engine's bounded textbook-shape rewrite, when it is installed."""
    try:
        from .tidy import tidy
    except ImportError:
        return None
    return tidy


# ---- public entry points ------------------------------------------------------
_GRAPHS: dict = {}  # id(problem) -> (problem, its Graph): the last few only
_GRAPHS_KEPT = 8


def build_graph(problem: Problem, of=None, wrt=()) -> Graph:
    """The graph of `problem`, with roles framed for ∂of/∂wrt; one per
    problem object, so repeated derivatives at points reuse its compiled
    local derivatives."""
    wrt = (wrt,) if wrt is not None and not isinstance(wrt, (tuple, list)) else tuple(wrt or ())
    framed = problem.framed_for(of, wrt)
    entry = _GRAPHS.get(id(framed))
    if entry is not None and entry[0] is framed:
        return entry[1]
    graph = Graph(framed)
    if framed is problem:  # a re-framed problem is a new object every time
        _GRAPHS[id(framed)] = (framed, graph)  # holding it keeps its id unique
        while len(_GRAPHS) > _GRAPHS_KEPT:
            del _GRAPHS[next(iter(_GRAPHS))]
    return graph


def derivative_at(problem: Problem, of, wrt, point: dict, exact: bool = True):
    """∂of/∂wrt at `point` ({name: number}), accumulated forward along the
    graph on numbers.  Exact SymPy number (or a linear combination of
    unknown values such as f₁′(3, 2)) when exact, else a float."""
    graph = build_graph(problem, of, wrt)
    of, wrt = graph.name(of), graph.name(wrt)
    values = graph.at(point, exact)
    tangents, _ = graph.forward(wrt, values.locals, values.arithmetic.zero, values.arithmetic.one)
    return values.arithmetic.result(tangents[of])


def gradient_at(problem: Problem, of, point: dict, exact: bool = True) -> dict:
    """{input: ∂of/∂input} at `point`, by one reverse sweep on numbers."""
    graph = build_graph(problem, of)
    return graph.gradient(point, graph.name(of), exact)


# ---- construction -------------------------------------------------------------
def _build(problem: Problem, block: "_ImplicitBlock | None"):
    nodes, edges, needs = [], [], {}
    for name in problem.independent:
        nodes.append(Node(name, "input", "input", None))
        needs[name] = ()
    role = {n: "output" for n in problem.dependent}
    for name, rhs in problem.definitions.items():
        nodes.append(Node(name, role.get(name, "intermediate"), "definition", rhs))
        used = _ordered_names(rhs)
        needs[name] = used
        for source in used:
            local = local_partial(rhs, source)
            if local != 0:
                edges.append(Edge(source, name, local))
    for name, arguments in problem.declarations.items():
        if name in problem.definitions or name in problem.implicit:
            continue
        call = function(str(name))(*arguments)
        nodes.append(Node(name, role.get(name, "intermediate"), "abstract", call))
        needs[name] = tuple(arguments)
        edges += [Edge(a, name, sympy.Derivative(call, a)) for a in arguments]
    if block:
        for name in block.unknowns:
            nodes.append(Node(name, role.get(name, "intermediate"), "implicit", None))
            needs[name] = block.upstream
        edges += block.edges()
    return nodes, edges, needs


def _topological(nodes, needs) -> tuple:
    """Every node after the nodes it needs; otherwise in the given order
    (inputs, then definitions in text order).  Iterative: graphs may be deep."""
    by_name = {node.name: node for node in nodes}
    done, order = set(), []
    for node in nodes:
        stack = [(node.name, iter(needs[node.name]))]
        while stack:
            name, pending = stack[-1]
            following = next((n for n in pending if n not in done and n in by_name), None)
            if following is None:
                stack.pop()
                if name not in done:
                    done.add(name)
                    order.append(by_name[name])
            elif all(following != s[0] for s in stack):
                stack.append((following, iter(needs[following])))
    return tuple(order)


def _ordered_names(expr) -> tuple:
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


class _ImplicitBlock:
    """The unknowns the equations determine, and their local derivatives:
    J·∂z/∂w = −∂G/∂w with J = ∂G/∂z (the implicit-function theorem)."""

    def __init__(self, problem: Problem):
        self.unknowns = tuple(problem.implicit)
        self.shown_equations = tuple(problem.equations)
        self.equations = tuple(_substitute_downstream(problem))
        others = set().union(*(set(_ordered_names(g)) for g in self.equations)) - set(self.unknowns)
        self.upstream = tuple(sorted(others, key=str))
        self.jacobian = [[local_partial(g, z) for z in self.unknowns] for g in self.equations]
        self.by_upstream = {w: [local_partial(g, w) for g in self.equations] for w in self.upstream}

    @classmethod
    def of(cls, problem: Problem) -> "_ImplicitBlock | None":
        return cls(problem) if problem.equations else None

    def edges(self) -> list:
        edges = []
        for w in self.upstream:
            column = self.by_upstream[w]
            if all(entry == 0 for entry in column):
                continue
            for z, local in zip(self.unknowns, self._solve_symbolic(column)):
                if local != 0:
                    edges.append(Edge(w, z, local))
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
            if name not in downstream and _ordered_names(rhs) and set(_ordered_names(rhs)) & (unknowns | set(downstream)):
                downstream[name] = rhs
                changed = True
    equations = list(problem.equations)
    for _ in range(len(downstream) + 1):
        replaced = [g.xreplace(downstream) for g in equations]
        if replaced == equations:
            break
        equations = replaced
    return equations


# ---- numbers at a point ---------------------------------------------------------
class _Arithmetic:
    """Local derivatives and node relations compiled once into closures that
    compute on numbers: SymPy numbers when exact, Python floats otherwise.
    A value stays a SymPy expression when it involves an unknown such as
    f(3, 2) or f₁′(3, 2); the result is then a combination of those."""

    def __init__(self, graph: Graph, exact: bool):
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
        return value if isinstance(value, float) else sympy.sympify(value)

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
            return lambda env: sympy.Subs(expr.expr, expr.variables, tuple(_to_sympy(p(env)) for p in parts))
        names = _ordered_names(expr)
        slots = [self.slot[n] for n in names]
        if isinstance(expr, sympy.Derivative):
            return lambda env: sympy.Subs(expr, names, tuple(_to_sympy(env[k]) for k in slots))
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
                    raise _too_large(lambda: notation(expr))
                return b ** n
            return bounded_power
        power = self.compile(exponent)
        if self.exact:
            return lambda env: base(env) ** power(env)

        def float_power(env):
            b, e = base(env), power(env)
            if isinstance(b, float) and isinstance(e, float):
                if b < 0:
                    raise MathError(f"{notation(expr)} is not real at the point: negative base")
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


def tree_size(expr, limit: int, opaque: tuple = ()) -> int:
    """The size of `expr` as a tree (what printing and SymPy's traversals
    pay), computed over the shared sub-expressions once; stops past limit.
    Sub-expressions of the `opaque` types count as one."""
    sizes: dict = {}
    stack = [(expr, False)]
    while stack:
        node, ready = stack.pop()
        key = id(node)
        if key in sizes:
            continue
        if not node.args or isinstance(node, opaque):
            sizes[key] = 1
        elif ready:
            sizes[key] = 1 + sum(sizes[id(a)] for a in node.args)
            if sizes[key] > limit:
                return sizes[key]
        else:
            stack.append((node, True))
            stack.extend((a, False) for a in node.args if id(a) not in sizes)
    return sizes[id(expr)]


def _said(what) -> str:
    return what() if callable(what) else what


def _to_sympy(value):
    if isinstance(value, float):
        return sympy.Float(value)
    return value


def _acot(x: float) -> float:
    return math.atan(1 / x) if x else math.pi / 2


_FLOAT_FUNCTIONS = {
    sympy.exp: math.exp, sympy.log: math.log, sympy.sin: math.sin, sympy.cos: math.cos,
    sympy.tan: math.tan, sympy.cot: lambda x: 1 / math.tan(x), sympy.sec: lambda x: 1 / math.cos(x),
    sympy.csc: lambda x: 1 / math.sin(x), sympy.asin: math.asin, sympy.acos: math.acos,
    sympy.atan: math.atan, sympy.acot: _acot, sympy.sinh: math.sinh, sympy.cosh: math.cosh,
    sympy.tanh: math.tanh, sympy.asinh: math.asinh, sympy.acosh: math.acosh, sympy.atanh: math.atanh,
    sympy.Abs: abs, sympy.sign: lambda x: float((x > 0) - (x < 0)),
}


def _normalize_point(graph: Graph, point: dict) -> dict:
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
                f"'{name}' is computed from its definition {name} = {notation(graph.node[name].expr)}",
                hint=f"leave {name} out of the point; give the inputs " + ", ".join(map(str, graph.inputs)),
            )
        normal[name] = _as_number(name, value)
    missing = [str(n) for n in graph.inputs if n not in normal]
    if missing:
        example = ",".join(f"{n}=1" for n in map(str, graph.inputs))
        raise RoleError(f"the point gives no value for {', '.join(missing)}", hint=f"e.g. --at {example}")
    return normal


def _as_number(name, value):
    if isinstance(value, bool) or isinstance(value, str):
        raise PartialsError(
            f"the value of {name} must be a number, not {value!r}",
            hint="read typed values with partials.reader.read_assignments",
        )
    if isinstance(value, Fraction):
        return sympy.Rational(value.numerator, value.denominator)
    if isinstance(value, (int, float)):
        return sympy.sympify(value)  # a Python number, never text
    if isinstance(value, sympy.Expr) and value.is_number:
        return value
    raise PartialsError(f"the value of {name} must be a number, not {value}")


def _evaluate(graph: Graph, point: dict, arithmetic: _Arithmetic) -> Values:
    try:
        return _evaluate_numbers(graph, point, arithmetic)
    except ZeroDivisionError:
        raise MathError("division by zero at the point") from None
    except (OverflowError, ValueError) as error:
        raise MathError(f"a function is undefined at the point ({error})") from None


def _evaluate_numbers(graph: Graph, point: dict, arithmetic: _Arithmetic) -> Values:
    env = [None] * len(graph.nodes)  # node values by position
    block_locals: dict = {}
    definitions = arithmetic.nodes
    for k, node in enumerate(graph.nodes):
        if node.kind == "definition":
            env[k] = arithmetic.value(definitions[k], env, lambda: f"{node.name} = {notation(node.expr)}")
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
            locals_.append(arithmetic.value(closure, env, lambda: graph.edges[index].label))
    return Values(dict(zip(graph.names, env)), locals_, arithmetic)


def _evaluate_block(graph, point, env, arithmetic) -> dict:
    block = graph.block
    known = {name: env[k] for name, k in graph.position.items() if env[k] is not None}
    for name, value in _unknown_values(block, point, known, arithmetic).items():
        env[graph.position[name]] = value
    for g, equation in zip(arithmetic.equations, block.shown_equations):
        _require_zero(arithmetic.value(g, env, notation(equation)), equation, arithmetic)
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
        return f"∂/∂{unknowns} of {notation(block.equations[0])}"
    return f"∂(G…)/∂({unknowns}) of the equations"


def _unknown_values(block, point, values, arithmetic) -> dict:
    given = {z: arithmetic.number(point[z]) for z in block.unknowns if z in point}
    missing = [z for z in block.unknowns if z not in given]
    if not missing:
        return given
    known = {**{k: _to_sympy(v) for k, v in values.items()}, **{k: _to_sympy(v) for k, v in given.items()}}
    equations = [g.xreplace(known) for g in block.equations]
    solutions = _real_solutions(equations, missing)
    shown = "; ".join(f"{notation(g)} = 0" for g in block.shown_equations)
    example = ",".join(f"{n}=…" for n in missing)
    if solutions is None:
        raise MathError(
            f"{', '.join(map(str, missing))} at the point cannot be solved for from {shown}",
            hint=f"give its value in the point, e.g. --at …,{example}",
        )
    if not solutions:
        raise MathError(f"{shown} has no real solution for {', '.join(map(str, missing))} at the point")
    if len(solutions) > 1:
        listed = "; ".join(", ".join(f"{z} = {notation(s[z])}" for z in missing) for s in solutions[:6])
        raise MathError(
            f"{shown} has several solutions at the point ({listed})",
            hint=f"choose one in the point, e.g. --at …,{example}",
        )
    return {**given, **{z: arithmetic.number(solutions[0][z]) for z in missing}}


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
            raise MathError(f"the point does not satisfy {notation(equation)} = 0 (residual {residual:.3g})")
        return
    residual = sympy.sympify(residual)
    if residual == 0 or residual.has(AppliedUndef, sympy.Subs):
        return
    if residual.is_number:
        approximate = residual.evalf(30)
        if approximate.is_number and abs(approximate) < sympy.Float("1e-25"):
            return
    raise MathError(f"the point does not satisfy {notation(equation)} = 0 (it gives {notation(residual)})")


class OutOfTime(Exception):
    """A time_budget ran out."""


@contextmanager
def time_budget(seconds: float):
    """Interrupt the block after `seconds` (main thread on Unix; elsewhere
    the block runs unbounded, so callers also bound sizes)."""
    if threading.current_thread() is not threading.main_thread() or not hasattr(signal, "setitimer"):
        yield
        return

    def expire(signum, frame):
        raise OutOfTime()

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


# ---- notation ---------------------------------------------------------------------
_SUBSCRIPTS = str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉")


def notation(expr, problem: Problem | None = None) -> str:
    """Textbook-ish text: f₁′ for abstract partials, ∂u/∂x for abstract
    intermediates, ^ for powers, · for products."""
    if expr is None:
        return ""
    if isinstance(expr, float):
        return f"{expr:.12g}"
    expr = sympy.sympify(expr)
    whole = {n: sympy.Integer(int(n)) for n in expr.atoms(sympy.Float) if float(n).is_integer()}
    expr = expr.xreplace(whole) if whole else expr  # 2·f₁′(6, 5), not 2.0·f₁′(6.0, 5.0)
    shown = {}
    for item in expr.atoms(sympy.Subs, sympy.Derivative):
        if isinstance(item, sympy.Derivative) and any(item in s.args for s in expr.atoms(sympy.Subs)):
            continue
        shown[item] = sympy.Symbol(_derivative_name(item, problem))
    text = sympy.sstr(expr.xreplace(shown) if shown else expr, full_prec=False)
    return text.replace("**", "^").replace("*", "·")


def shown(value, problem: Problem | None = None, approximation=None, ascii: bool = False) -> str:
    """A symbolic expression or a value at a point, for people: the shared
    textbook printer where it is exact about the value, else notation().
    An exact value too large to print is shown by `approximation` (the same
    quantity computed in floating point) when one is given.  `ascii`: plain
    text that the reader reads back (sqrt(2)/2, 8 ln 5 - 8/5, F_1'(6, 5))."""
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.12g}"
    value = sympy.sympify(value)
    size = tree_size(value, SHOWN_SIZE)
    if size > SHOWN_SIZE:  # printing (and evalf) is slow on very large trees
        if isinstance(approximation, float):
            return f"{'~' if ascii else '≈'} {approximation:.12g}"
        return f"(exact form too large to show: more than {SHOWN_SIZE} parts; try --float)"
    if tree_size(value, PRINTER_SIZE, (sympy.Subs, sympy.Derivative)) > PRINTER_SIZE or value.has(sympy.Float) or any(
        call.args and all(a.is_number for a in call.args) for call in value.atoms(AppliedUndef)
    ):
        written = notation(value, problem)  # the printer writes u(1, 2) as u
        return written.replace("·", "*") if ascii else written
    try:
        from .printing import text
    except ImportError:
        return notation(value, problem)
    at_point = any(not s.free_symbols for s in value.atoms(sympy.Subs))
    return text(value, problem, ascii=ascii, arguments=at_point)


def _derivative_name(item, problem) -> str:
    if isinstance(item, sympy.Derivative):  # ∂u/∂x of an abstract intermediate
        return leibniz(item.expr.func.__name__, [str(v) for v, _ in item.variable_count for _ in range(_)])
    derivative, point = item.expr, item.point
    if not isinstance(derivative, sympy.Derivative):
        return sympy.sstr(item)
    inner = derivative.expr
    arguments = "(" + ", ".join(notation(a) for a in point) + ")"
    if not isinstance(inner, AppliedUndef) or not all(a.is_Symbol and a.name.startswith("_") for a in inner.args):
        at = arguments  # ∂u/∂x at a point
        return leibniz(inner.func.__name__, [str(v) for v, k in derivative.variable_count for _ in range(k)]) + at
    name = inner.func.__name__
    order = len(derivative.variables)
    primes = "′" * order if order < 3 else f"^({order})"
    if len(inner.args) == 1:
        return f"{name}{primes}{arguments}"
    positions = "".join(str(inner.args.index(v) + 1) for v in derivative.variables).translate(_SUBSCRIPTS)
    calls = problem.calls(name) if problem is not None else []
    show = len(calls) != 1 or tuple(point) != tuple(calls[0])  # at a point, or f called twice
    return f"{name}{positions}{primes}" + (arguments if show else "")


# ---- Graphviz -------------------------------------------------------------------
def to_dot(graph: Graph, sweeps: Sweeps | None = None) -> str:
    """Graphviz DOT: nodes with their relations (and values), edges
    labelled by their local derivatives (and values at the point)."""
    lines = [
        "digraph partials {",
        '  rankdir=BT; node [fontname="Helvetica"]; edge [fontname="Helvetica", fontsize=11];',
    ]
    fill = {"input": "#dbe9f6", "intermediate": "#ffffff", "output": "#f9dfc5"}
    for node in graph.nodes:
        label = str(node.name) if node.kind == "input" else f"{node.name} = {node.relation(graph)}"
        if sweeps is not None and sweeps.values is not None:
            label += f"\n= {shown(sweeps.values[node.name], graph.problem)}"
        lines.append(
            f'  "{_dot(node.name)}" [label="{_dot(label)}", shape=ellipse, style=filled, fillcolor="{fill[node.role]}"];'
        )
    for index, edge in enumerate(graph.edges):
        label = f"{edge.label} = {shown(edge.local, graph.problem) if edge.local is not None else '…'}"
        if sweeps is not None and sweeps.values is not None:
            label += f"\n= {shown(sweeps.locals[index], graph.problem)}"
        lines.append(f'  "{_dot(edge.source)}" -> "{_dot(edge.target)}" [label="{_dot(label)}"];')
    lines.append("}")
    return "\n".join(lines) + "\n"


def _dot(text) -> str:
    return str(text).replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")


def render(dot_text: str, path: str, kind: str) -> None:
    """Render DOT into an SVG or PNG file with the Graphviz `dot` program."""
    program = shutil.which("dot")
    if program is None:
        raise PartialsError(
            f"--{kind} needs the Graphviz 'dot' program, which is not installed",
            hint="apt-get install graphviz (brew install graphviz on macOS); --dot prints the DOT text without it",
        )
    try:
        done = subprocess.run(
            [program, f"-T{kind}", "-o", path], input=dot_text.encode("utf-8"),
            capture_output=True, timeout=60,
        )
    except subprocess.TimeoutExpired:
        raise LimitError("Graphviz took longer than 60 seconds to lay out the graph") from None
    except OSError as error:
        raise PartialsError(f"could not run Graphviz: {error}") from None
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise PartialsError(f"Graphviz could not write {path}: {message[-1] if message else 'unknown error'}")
