"""The graph itself: nodes in topological order, edges with their local
derivatives, path counts, and the forward and reverse sweeps.
"""
from __future__ import annotations

from dataclasses import dataclass

import sympy

from partials.core.errors import LimitError, RoleError
from partials.model.notation import leibniz
from partials.model.problem import Problem
from partials.core.symbols import function, variable
from partials.calculus.tidy import tidy as textbook_shape
from partials.calculus.computational_graph.derivatives import ImplicitBlock, ordered_names, local_partial
from partials.calculus.printable import shown
from partials.calculus.computational_graph.numbers import Values, Arithmetic, evaluate, normalize_point

MAX_EDGES = 200_000
SYMBOLIC_SIZE = 120  # operations an accumulated symbolic derivative may show
TIDY_EDGES = 200  # symbolic sweeps are put in textbook shape up to this size


@dataclass(frozen=True)
class Node:
    name: sympy.Symbol
    role: str  # "input" | "intermediate" | "output"
    kind: str  # "input" | "definition" | "abstract" | "implicit"
    expr: sympy.Expr | None  # the right side, u(x, y), or None

    def relation(self, graph: "ComputationalGraph", ascii: bool = False) -> str:
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


class ComputationalGraph:
    """Nodes in topological order (inputs first) and the edges between them."""

    def __init__(self, problem: Problem):
        self.problem = problem
        self.block = ImplicitBlock.of(problem)
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
        shape = textbook_shape if tidy and len(self.edges) <= TIDY_EDGES else None
        if shape:
            locals_ = [shape(local) for local in locals_]
        forward, forward_visits = self.forward(wrt, locals_, sympy.S.Zero, sympy.S.One, _cap(wrt, "forward", shape))
        reverse, reverse_visits = self.reverse(of, locals_, sympy.S.Zero, sympy.S.One, _cap(of, "reverse", shape))
        return Sweeps(None, locals_, forward, reverse, forward_visits, reverse_visits)

    def at(self, point: dict, exact: bool = True) -> "Values":
        """Node values and local-derivative values at a point."""
        arithmetic = self._arithmetic(exact)
        return evaluate(self, normalize_point(self, point), arithmetic)

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

    def _arithmetic(self, exact: bool) -> "Arithmetic":
        if exact not in self._compiled:
            self._compiled[exact] = Arithmetic(self, exact)
        return self._compiled[exact]


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


_GRAPHS: dict = {}  # id(problem) -> (problem, its ComputationalGraph): the last few only


_GRAPHS_KEPT = 8


def build_graph(problem: Problem, of=None, wrt=()) -> ComputationalGraph:
    """The graph of `problem`, with roles framed for ∂of/∂wrt; one per
    problem object, so repeated derivatives at points reuse its compiled
    local derivatives."""
    wrt = (wrt,) if wrt is not None and not isinstance(wrt, (tuple, list)) else tuple(wrt or ())
    framed = problem.framed_for(of, wrt)
    entry = _GRAPHS.get(id(framed))
    if entry is not None and entry[0] is framed:
        return entry[1]
    graph = ComputationalGraph(framed)
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


def _build(problem: Problem, block: "ImplicitBlock | None"):
    nodes, edges, needs = [], [], {}
    for name in problem.independent:
        nodes.append(Node(name, "input", "input", None))
        needs[name] = ()
    role = {n: "output" for n in problem.dependent}
    for name, rhs in problem.definitions.items():
        nodes.append(Node(name, role.get(name, "intermediate"), "definition", rhs))
        used = ordered_names(rhs)
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
        edges += [Edge(w, z, local) for w, z, local in block.edges()]
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
