"""The dependency graph of a problem, as the engine walks it.

Nodes are the problem's variables.  An edge runs from a node to every
variable its value is computed from, weighted by the local partial
derivative (partials.calculus.chain):

* a definition z = u² ln v has edges z→u (2u ln v) and z→v (u²/v);
* an abstract intermediate u = u(x, y) has edges u→x, u→y weighted
  Derivative(u(x, y), x), Derivative(u(x, y), y);
* independent variables and the unknowns of the equations (implicit) are
  leaves here: the unknowns' rates come from partials.calculus.implicit.
"""
from __future__ import annotations

import sympy

from partials.calculus.chain import intermediate_derivative, local_gradient, substitute, variables_of
from partials.core.errors import LimitError
from partials.core.symbols import function
from partials.calculus.tidy import needs_tidy, tidy

MAX_NODES = 5000
MAX_EXPLICIT_OPS = 4000


class DependencyGraph:
    """The local partials on the edges are put in textbook shape (tidy)."""

    def __init__(self, problem):
        self.problem = problem
        self.independent = tuple(problem.independent)
        self.unknowns = tuple(problem.implicit)
        self.equations = tuple(problem.equations)
        self.definitions = dict(problem.definitions)
        self.intermediate_calls = {
            name: function(str(name))(*arguments)
            for name, arguments in problem.declarations.items()
            if name not in self.definitions and name not in self.unknowns
        }
        if len(self.definitions) + len(self.intermediate_calls) > MAX_NODES:
            raise LimitError(f"the problem has more than {MAX_NODES} defined variables")
        self.nodes = frozenset(
            set(self.independent) | set(self.unknowns) | set(self.definitions) | set(self.intermediate_calls)
        )
        self._edges: dict = {}
        self._explicit: dict = {}
        self._explicit_size: dict = {}

    # ---- structure -------------------------------------------------------
    def is_leaf(self, node) -> bool:
        return node not in self.definitions and node not in self.intermediate_calls

    def children(self, node) -> list:
        if node in self.definitions:
            return variables_of(self.definitions[node])
        if node in self.intermediate_calls:
            return list(dict.fromkeys(self.intermediate_calls[node].args))
        return []

    def edges(self, node) -> dict:
        """{child: ∂node/∂child} (local partials, zeros left out)."""
        if node not in self._edges:
            if node in self.definitions:
                definition = self.definitions[node]
                gradient = {child: _tidied(partial) for child, partial in local_gradient(definition).items()}
                if node in self.problem.intermediate:
                    gradient = {child: in_terms_of(partial, definition, node) for child, partial in gradient.items()}
                self._edges[node] = gradient
            elif node in self.intermediate_calls:
                call = self.intermediate_calls[node]
                self._edges[node] = {
                    argument: intermediate_derivative(call, [k]) for k, argument in enumerate(call.args, start=1)
                }
            else:
                self._edges[node] = {}
        return self._edges[node]

    def topological(self, starts, stop=()) -> list:
        """Nodes reachable from `starts` (through definitions and declarations),
        every node after the nodes it is computed from; the nodes in `stop`
        are reached but not walked through."""
        order, state = [], {}

        def below(node):
            return iter(() if node in stop else self.children(node))

        for start in starts:
            if start in state:
                continue
            stack = [(start, below(start))]
            state[start] = "open"
            while stack:
                node, pending = stack[-1]
                child = next(pending, None)
                if child is None:
                    stack.pop()
                    state[node] = "done"
                    order.append(node)
                elif child not in state:
                    state[child] = "open"
                    stack.append((child, below(child)))
        return order

    def paths(self, start, end, limit: int) -> list | None:
        """The chain-rule paths start → … → end, as tuples of nodes, children
        taken in the order of children(); the search stops once more than
        `limit` are found (the list then holds limit + 1 of them).

        None when an unknown of the equations lies on the way from `start`
        (not below `end`): it depends on the independent variables through
        the equations, by paths this graph does not hold."""
        above = self.topological([start], stop={end})
        if any(node in self.unknowns and node != end for node in above):
            return None
        leading = {end}
        for node in above:  # every node after its children
            if any(child in leading for child in self.children(node)):
                leading.add(node)
        found, stack = [], [(start,)] if start in leading else []
        while stack and len(found) <= limit:
            path = stack.pop()
            if path[-1] == end:
                found.append(path)
                continue
            stack.extend(path + (child,) for child in reversed(self.children(path[-1])) if child in leading)
        return found

    # ---- full substitution -----------------------------------------------
    def explicit(self, expr):
        """`expr` with every intermediate substituted (unknowns of the
        equations stay, as textbooks keep z), abstract intermediates as calls."""
        names = [n for n in variables_of(expr) if not self.is_leaf(n)]
        if not names:
            return expr
        self._check_explicit_size(names)
        for node in self.topological(names):
            self._explicit_value(node)
        return substitute(expr, {n: self._explicit[n] for n in names})

    def _explicit_value(self, node):
        if node not in self._explicit:
            inner = {c: self._explicit[c] for c in self.children(node) if not self.is_leaf(c)}
            if node in self.intermediate_calls:
                value = substitute(self.intermediate_calls[node], inner)
            elif node in self.definitions:
                value = substitute(self.definitions[node], inner)
            else:
                value = node
            self._explicit[node] = value
        return self._explicit[node]

    def _check_explicit_size(self, names) -> None:
        """Substitution can grow exponentially (each node used by several);
        estimate the tree size first."""
        for node in self.topological(names):
            if node in self._explicit_size:
                continue
            size = 1
            if node in self.definitions:
                definition = self.definitions[node]
                size = int(sympy.count_ops(definition)) + 1
                for child in variables_of(definition):
                    if not self.is_leaf(child):
                        size += self._explicit_size[child] * _occurrences(definition, child)
            self._explicit_size[node] = size
            if size > MAX_EXPLICIT_OPS:
                raise LimitError(
                    f"substituting every intermediate into {node} gives an expression of about {size} operations",
                    hint="use the form with intermediates kept, or evaluate at a point (--at)",
                )


def _occurrences(expr, symbol) -> int:
    return sum(1 for s in sympy.preorder_traversal(expr) if s == symbol)


def _tidied(partial):
    return tidy(partial) if needs_tidy(partial) else partial


def in_terms_of(expr, definition, name):
    """An intermediate defined by a root, r = √(x² + y²), written by its name
    in its own partials, as textbooks do: ∂r/∂x = x/(x² + y²)^(1/2) = x/r."""
    if not (definition.is_Pow and definition.exp.is_Rational and not definition.exp.is_Integer
            and definition.base.is_Add):
        return expr
    base, exponent = definition.base, definition.exp
    return expr.replace(
        lambda e: e.is_Pow and e.base == base and (e.exp / exponent).is_Integer,
        lambda e: name ** (e.exp / exponent),
    )

