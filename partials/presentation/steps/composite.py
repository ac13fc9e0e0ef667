"""Explicit composites: the definitions as a dependency graph, the chain rule
with one term per path (or node by node when there are too many paths),
the local partials, the substitution and the result."""
from __future__ import annotations

import sympy
from sympy.core.function import AppliedUndef

from partials.presentation import printing
from partials.calculus.chain import local_partial
from partials.calculus.dependency_graph import in_terms_of
from partials.presentation.printing.notation import Label
from partials.calculus.tidy import tidy
from partials.presentation.steps.labels import _call_label, _leibniz_label, _target
from partials.presentation.steps.model import Step
from partials.presentation.steps.render import Chain, Diagram

_FRESH_NAMES = "uvwstpqrab"


class _TextbookTree:
    """The definitions as a graph, with the non-variable arguments of abstract
    calls given names of their own (z = y/f(x²−y²) becomes z = y/f(u),
    u = x² − y²), as textbooks do before applying the chain rule."""

    def __init__(self, problem):
        self.problem = problem
        self.definitions = dict(problem.definitions)
        self.introduced: dict = {}
        self._name_arguments()
        self.declared = {d: args for d, args in problem.declarations.items() if d not in self.definitions}
        self._reachable: dict = {}

    def _name_arguments(self):
        used = {str(s) for s in self.problem.variables} | set(self.problem.functions) \
            | {str(s) for s in self.problem.implicit}
        fresh = (c for c in _FRESH_NAMES if c not in used)
        names: dict = {}
        for node, rhs in list(self.definitions.items()):
            replacements = {}
            for call in _top_calls(rhs):
                if not _is_function_call(call, self.problem):
                    continue
                new_args = []
                for arg in call.args:
                    if arg.is_Symbol:
                        new_args.append(arg)
                        continue
                    if arg not in names:
                        name = next(fresh, None)
                        if name is None:
                            return
                        names[arg] = sympy.Symbol(name, real=True)
                    new_args.append(names[arg])
                replacements[call] = call.func(*new_args)
            if replacements:
                self.definitions[node] = rhs.xreplace(replacements)
        self.introduced = {symbol: arg for arg, symbol in names.items()}
        self.definitions.update(self.introduced)

    def children(self, node) -> tuple:
        """What a node is computed from: the arguments of an abstract call in
        their order (u = f(x, y, z)), else the independent variables first,
        then the intermediates in the order they are defined."""
        if node in self.definitions:
            rhs = self.definitions[node]
            if isinstance(rhs, AppliedUndef) and all(a.is_Symbol for a in rhs.args):
                return tuple(dict.fromkeys(rhs.args))
            return tuple(sorted(_variables_in_order(rhs), key=self._rank))
        return tuple(self.declared.get(node, ()))

    def _rank(self, name):
        order = list(self.problem.independent) + list(self.definitions) + list(self.declared) \
            + list(self.problem.implicit)
        return order.index(name) if name in order else len(order)

    def edges(self, top) -> tuple:
        order, seen = [], set()

        def visit(node):
            if node in seen:
                return
            seen.add(node)
            kids = self.children(node)
            if kids:
                order.append((node, kids))
            for kid in kids:
                visit(kid)

        visit(top)
        return tuple(order)

    def paths(self, top, x, limit):
        found = []

        def walk(node, path):
            if len(found) > limit:
                return
            if node == x:
                found.append(path)
                return
            for kid in self.children(node):
                walk(kid, path + [kid])

        walk(top, [top])
        return found

    def reaches(self, node, x) -> bool:
        return x in self.reachable(node)

    def reachable(self, node) -> frozenset:
        """Every name `node` depends on, itself included (memoized: linear in the edges)."""
        if node not in self._reachable:
            found = {node}
            for kid in self.children(node):
                found |= self.reachable(kid)
            self._reachable[node] = frozenset(found)
        return self._reachable[node]

    def local(self, node, child):
        """∂node/∂child holding the node's other children fixed."""
        if node in self.definitions:
            partial = tidy(local_partial(self.definitions[node], child))
            return in_terms_of(partial, self.definitions[node], node) if node in self.problem.intermediate else partial
        return sympy.Derivative(sympy.Function(str(node), real=True)(*self.declared[node]), child)

    def label(self, node, child):
        """The name of a local partial: ∂z/∂u, dz/du, ∂f/∂x (z = f(x, …)),
        or ∂/∂y[y/f(u)] where ∂z/∂y alone would read as the total derivative."""
        ordinary = len(self.children(node)) == 1
        rhs = self.definitions.get(node)
        if rhs is not None and isinstance(rhs, AppliedUndef) and all(a.is_Symbol for a in rhs.args):
            return _leibniz_label(rhs.func.__name__, [child], ordinary)
        others = [c for c in self.children(node) if c != child]
        if rhs is not None and any(self.reaches(c, child) for c in others):
            return Label(
                f"∂/∂{printing.text(child)}[{printing.text(rhs, self.problem)}]",
                f"d/d{printing.text(child, ascii=True)}[{printing.text(rhs, self.problem, ascii=True)}]",
                rf"\frac{{\partial}}{{\partial {printing.latex(child)}}}\left[{printing.latex(rhs, self.problem)}\right]",
                leibniz=True,
            )
        return _leibniz_label(str(node), [str(child)], ordinary)


def _explain_composite(problem, of, x, result, max_paths):
    graph = _TextbookTree(problem)
    target = _target(of, (x,), problem)
    steps = [_definitions_step(problem, graph)]
    edges = graph.edges(of)
    steps.append(Step("The variables depend on each other as", "变量之间的依赖关系", ((Diagram(edges),),)))
    paths = graph.paths(of, x, max_paths)
    if not paths:
        steps.append(Step(f"{of} does not depend on {x}", f"{of} 与 {x} 无关", ((target, sympy.S.Zero),)))
        return steps, edges
    if paths == [[of, x]] and not graph.introduced:
        steps.append(Step(f"Differentiate with respect to {x}, the other variables held fixed",
                          f"对 {x} 求偏导（其余变量视为常数）", ((target, result),)))
        return steps, edges
    if len(paths) > max_paths:
        steps += _node_by_node(graph, of, x, target, result)
        return steps, edges
    labels = tuple(tuple(graph.label(a, b) for a, b in zip(p, p[1:])) for p in paths)
    steps.append(Step(f"By the chain rule, one term for each path from {of} to {x}",
                      f"由链式法则（{of} 到 {x} 的每条路径一项）", ((target, Chain(labels)),)))
    local = {}
    for path in paths:
        for a, b in zip(path, path[1:]):
            if (a, b) not in local:
                local[(a, b)] = graph.local(a, b)
    shown = tuple((graph.label(a, b), value) for (a, b), value in local.items()
                  if not _is_own_notation(a, b, value, graph))
    if shown:
        steps.append(Step("The partial derivatives along the edges", "各个偏导数", shown))
    steps += _rates_of_unknowns(problem, paths, x, local)
    values = tuple(tuple(local[(a, b)] for a, b in zip(p, p[1:])) for p in paths)
    substituted = Chain(values)
    if graph.introduced:
        steps.append(Step("Substitute them", "代入", ((target, substituted),)))
        back = ", ".join(f"{printing.text(k)} = {printing.text(v, problem)}" for k, v in graph.introduced.items())
        steps.append(Step(f"Put back {back} and simplify", f"代回 {back} 并化简", ((target, result),)))
    else:
        steps.append(Step("Substitute them and simplify", "代入并化简", ((target, substituted, result),)))
    return steps, edges


def _rates_of_unknowns(problem, paths, x, local) -> list:
    """z = u³ + v³ with u, v determined by equations: ∂u/∂x, ∂v/∂x come from
    the equations (the implicit-function rule, or Cramer's rule for a
    system); their edges carry the names ∂u/∂x, ∂v/∂x."""
    from partials.presentation.steps.implicit import _explain_implicit, _explain_system

    unknowns = [w for w in problem.implicit if any(w in path[:-1] for path in paths)]
    steps = []
    for w in unknowns:
        local[(w, x)] = _target(w, (x,), problem)
        explain = _explain_implicit if len(problem.equations) == 1 else _explain_system
        steps += [step for step in explain(problem, w, x, problem.d(w, x).expr) if step not in steps]
    return steps  # the equations, their partials and J once for all the unknowns


def _is_own_notation(node, child, value, graph) -> bool:
    """∂u/∂x = ∂u/∂x for an abstract intermediate says nothing: not shown."""
    return node in graph.declared


def _node_by_node(graph, of, x, target, result):
    """Too many paths to write out: one chain-rule line per node (forward
    accumulation, as many terms as edges), then the local partials."""
    formulas, local = [], {}
    for node, kids in reversed(graph.edges(of)):
        kids = [k for k in kids if graph.reaches(k, x)]
        if not kids:
            continue
        terms = tuple((graph.label(node, k), _leibniz_label(str(k), [str(x)], False)) if k != x
                      else (graph.label(node, k),) for k in kids)
        for k in kids:
            local.setdefault((node, k), graph.local(node, k))
        total = _leibniz_label(str(node), [str(x)], False)
        if len(terms) == 1 and len(terms[0]) == 1 and terms[0][0] == total:
            continue  # ∂u/∂x = ∂u/∂x: no chain through this node
        formulas.append((total, Chain(terms)))
    shown = tuple((graph.label(a, b), value) for (a, b), value in local.items()
                  if not _is_own_notation(a, b, value, graph))
    steps = [Step(f"By the chain rule, node by node (too many paths from {of} to {x} to write each one)",
                  f"由链式法则逐个节点求导（{of} 到 {x} 的路径太多）", tuple(formulas))]
    if shown:
        steps.append(Step("The partial derivatives along the edges", "各个偏导数", shown))
    steps.append(Step("Put the pieces together and simplify", "合并并化简", ((target, result),)))
    return steps


def _definitions_step(problem, graph) -> Step:
    formulas = [(node, rhs) for node, rhs in problem.definitions.items()]
    formulas += [(node, _call_label(node, args)) for node, args in graph.declared.items()]
    formulas += [(relation.lhs, relation.rhs) for relation in problem.relations
                 if relation.kind == "equation" or (relation.kind == "definition"
                                                    and relation.lhs not in problem.definitions)]
    caption, caption_zh = "The problem", "题设"
    if graph.introduced:
        formulas += [(node, rhs) for node, rhs in graph.definitions.items()
                     if node in problem.definitions and rhs != problem.definitions[node]]
        names = ", ".join(f"{printing.text(k)} = {printing.text(v, problem)}" for k, v in graph.introduced.items())
        caption, caption_zh = f"The problem; let {names}", f"题设；令 {names}"
    return Step(caption, caption_zh, tuple(formulas))


def _top_calls(expr) -> list:
    found, stack = [], [expr]
    while stack:
        node = stack.pop()
        if isinstance(node, AppliedUndef):
            found.append(node)
        elif not isinstance(node, (sympy.Subs, sympy.Derivative)):
            stack.extend(node.args)
    return found


def _is_function_call(call, problem) -> bool:
    return call.func.__name__ in problem.functions


def _variables_in_order(expr) -> list:
    """Variables of an expression in the order they are written (u, v in
    u² ln v), argument slots left out."""
    ordered: list = []
    for node in sympy.preorder_traversal(expr):
        if isinstance(node, sympy.Symbol) and not node.name.startswith("_") and node not in ordered:
            ordered.append(node)
    return ordered
