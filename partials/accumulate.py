"""Forward and reverse accumulation of derivatives on a problem's graph.

Forward mode (one independent variable at a time): the rate of a node is
D_x(node) = Σ over its edges of ∂node/∂child · D_x(child), memoized, so
every edge is visited once per variable, whatever the number of chain-rule
paths (seed problem 12).  Reverse mode (one dependent variable, every
independent at once): the adjoint of a child is Σ over its parents of
adjoint(parent) · ∂parent/∂child, accumulated in reverse topological order.

Both work symbolically (values=None) or at a point (values = {node: value}
for every node; the edge weights are then evaluated as they are used, so
the cost stays linear in the number of edges).
"""
from __future__ import annotations

import sympy

from .chain import local_gradient, substitute

ZERO, ONE = sympy.S.Zero, sympy.S.One


class Forward:
    """D_wrt on the graph.  With unknowns_as_leaves the unknowns of the
    equations are held fixed (the partial derivatives F_x, F_z of the
    implicit-function rule); otherwise their rates come from the equations."""

    def __init__(self, graph, values=None, unknowns_as_leaves=False, evaluate=None):
        self.graph = graph
        self.values = values
        self.evaluate = evaluate  # how an expression is valued at the point (default: xreplace)
        self.unknowns_as_leaves = unknowns_as_leaves
        self._rates: dict = {}
        self._implicit = None
        self.trace: list = []  # (node, wrt, {child: ∂node/∂child}, rate) in the order computed

    @property
    def implicit(self):
        if self._implicit is None:
            from .implicit import ImplicitRates

            self._implicit = ImplicitRates(self.graph, self.values, self.evaluate)
        return self._implicit

    def rate(self, node, wrt):
        """D_wrt(node): 1 for wrt itself, 0 for other leaves."""
        table = self._rates.setdefault(wrt, {})
        if node not in table:
            for current in self.graph.topological([node]):
                if current not in table:
                    table[current] = self._node_rate(current, wrt, table)
        return table[node]

    def _node_rate(self, node, wrt, table):
        floating = self.evaluate is not None
        if node == wrt:
            return 1.0 if floating else ONE
        if node in self.graph.unknowns and not self.unknowns_as_leaves:
            return self.implicit.rate(node, wrt)
        if self.graph.is_leaf(node):
            return 0.0 if floating else ZERO
        edges = self.graph.edges(node)
        terms = [self.at(weight) * table[child] for child, weight in edges.items() if table[child] != 0]
        rate = total(terms)
        if self.values is None:
            self.trace.append((node, wrt, edges, rate))
        return rate

    def total(self, expr, wrt):
        """D_wrt of any expression of the problem."""
        terms = [self.at(partial) * self.rate(s, wrt) for s, partial in local_gradient(expr).items()]
        return total([t for t in terms if t != 0])

    def at(self, expr):
        if self.values is None:
            return expr
        return self.evaluate(expr) if self.evaluate is not None else substitute(expr, self.values)


def total(terms):
    """Σ terms: Python arithmetic for plain floats, SymPy otherwise."""
    if terms and all(isinstance(t, float) for t in terms):
        return sum(terms)
    return sympy.Add(*terms)


def adjoints(graph, of, values=None, implicit=None, evaluate=None) -> dict:
    """Reverse accumulation: {node: ∂of/∂node} for every node `of` depends on
    (for the independent variables, the gradient of `of`)."""
    order = graph.topological([of])
    adjoint = {of: 1.0 if evaluate is not None and values is not None else ONE}
    if evaluate is None:
        evaluate = (lambda e: e) if values is None else (lambda e: substitute(e, values))
    for node in reversed(order):
        weight = adjoint.get(node, ZERO)
        if weight == 0:
            continue
        for child, edge in _reverse_edges(graph, node, implicit).items():
            adjoint[child] = adjoint.get(child, ZERO) + weight * evaluate(edge)
    return adjoint


def _reverse_edges(graph, node, implicit) -> dict:
    if node in graph.unknowns and implicit is not None:
        return {x: implicit.rate(node, x) for x in graph.independent}
    return graph.edges(node)
