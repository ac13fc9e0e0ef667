"""Forward and reverse accumulation of symbolic derivatives on a problem's graph.

Forward mode: the rate of a node is D_x(node) = Σ over its edges of
∂node/∂child · D_x(child), memoized, so every edge is visited once per
variable, whatever the number of chain-rule paths (seed problem 12).
Reverse mode (adjoints) gives a whole gradient in one sweep.  Numbers at a
point are accumulated by partials.calculus.computational_graph, on the same local partials.
"""
from __future__ import annotations

import sympy

from partials.calculus.chain import local_gradient

ZERO, ONE = sympy.S.Zero, sympy.S.One


class Forward:
    """D_wrt on the graph.  With unknowns_as_leaves the unknowns of the
    equations are held fixed (the partial derivatives F_x, F_z of the
    implicit-function rule); otherwise their rates come from the equations."""

    def __init__(self, graph, unknowns_as_leaves=False):
        self.graph = graph
        self.unknowns_as_leaves = unknowns_as_leaves
        self._rates: dict = {}
        self._implicit = None

    @property
    def implicit(self):
        if self._implicit is None:
            from partials.calculus.implicit import ImplicitRates

            self._implicit = ImplicitRates(self.graph)
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
        if node == wrt:
            return ONE
        if node in self.graph.unknowns and not self.unknowns_as_leaves:
            return self.implicit.rate(node, wrt)
        if self.graph.is_leaf(node):
            return ZERO
        edges = self.graph.edges(node)
        rate = sympy.Add(*(weight * table[child] for child, weight in edges.items() if table[child] != 0))
        return rate

    def total(self, expr, wrt):
        """D_wrt of any expression of the problem."""
        terms = (partial * self.rate(s, wrt) for s, partial in local_gradient(expr).items())
        return sympy.Add(*(t for t in terms if t != 0))


def adjoints(graph, of, implicit=None) -> dict:
    """Reverse accumulation: {node: ∂of/∂node} for every node `of` depends on
    (for the independent variables, the gradient of `of`), each edge visited
    once: the adjoint of a child is Σ over its parents of adjoint(parent) ·
    ∂parent/∂child, in reverse topological order."""
    adjoint = {of: ONE}
    for node in reversed(graph.topological([of])):
        weight = adjoint.get(node, ZERO)
        if weight == 0:
            continue
        for child, edge in _reverse_edges(graph, node, implicit).items():
            adjoint[child] = adjoint.get(child, ZERO) + weight * edge
    return adjoint


def _reverse_edges(graph, node, implicit) -> dict:
    if node in graph.unknowns and implicit is not None:
        return {x: implicit.rate(node, x) for x in graph.independent}
    return graph.edges(node)
