"""`partials graph TEXT`: the computational graph, forward and reverse mode.

Shows every node (input, intermediate, output) with its relation and value,
every edge with its local derivative, the forward sweep from one input
(∂node/∂b) beside the reverse sweep from one output (∂e/∂node), the number
of input→output paths, and the edge visits each sweep made.
"""
from __future__ import annotations

import json
import math

import sympy

from partials.core.errors import PartialsError, RoleError
from partials.calculus.computational_graph import TIDY_EDGES, OutOfTime, tree_size, build_graph, time_budget
from partials.presentation.graph_picture import render, shown, to_dot
from partials.calculus.tidy import tidy as textbook_shape


def add_arguments(parser) -> None:
    parser.add_argument("text", help='the problem, e.g. "c = a + b, d = b + 1, e = c·d"')
    parser.add_argument("--at", metavar="POINT", help="values of the inputs, e.g. a=2,b=1")
    parser.add_argument("--wrt", metavar="NAME", help="forward mode from this input (default: the first input)")
    parser.add_argument("--of", metavar="NAME", help="reverse mode from this output (default: the first output)")
    parser.add_argument("--mode", choices=("forward", "reverse", "both"), default="both")
    parser.add_argument("--dot", action="store_true", help="print Graphviz DOT")
    parser.add_argument("--svg", metavar="FILE", help="render the graph to an SVG file (needs Graphviz)")
    parser.add_argument("--png", metavar="FILE", help="render the graph to a PNG file (needs Graphviz)")
    parser.add_argument("--float", action="store_true", help="floating point instead of exact numbers")
    parser.add_argument("--json", action="store_true", help="print one JSON object")


def run(args) -> int:
    from partials.core.outputs import writable_file

    for option, path in (("--svg", args.svg), ("--png", args.png)):
        if path:
            writable_file(path, option=option)  # before the work, not after it
    graph, sweeps, view = graphed(args)
    if args.svg or args.png:
        dot_text = to_dot(graph, sweeps)
        for kind, path in (("svg", args.svg), ("png", args.png)):
            if path:
                render(dot_text, path, kind)
    if args.dot:
        print(to_dot(graph, sweeps), end="")
    elif args.json:
        print(json.dumps(view.as_json(), ensure_ascii=False, indent=2))
    else:
        print(view.as_text())
    return 0


def json_object(args) -> dict:
    """The object --json prints (the web API answers with the same one)."""
    return graphed(args)[2].as_json()


def graphed(args):
    """(graph, sweeps, view) for the options in args."""
    from partials.reading.reader import read_problem as parse

    problem = parse(args.text, of=args.of)
    of = args.of or _default(problem.dependent, "output", "--of")
    graph = build_graph(problem, of, (args.wrt,) if args.wrt else ())
    of = graph.name(of)
    wrt = graph.name(args.wrt) if args.wrt else _default(graph.inputs, "input", "--wrt")
    if args.at:
        from partials.calculus.smoothness import check_smooth
        from partials.reading.reader import read_assignments

        point = read_assignments(args.at)
        check_smooth(problem, point, tuple(problem.independent), f"the derivatives of {of}")  # never sign(0) = 0
        sweeps = graph.sweeps(point, of, wrt, exact=not args.float)
        approximate = None if args.float else _floating(graph, point, of, wrt)
    else:
        sweeps, approximate = graph.symbolic(of, wrt, tidy=True), None
    return graph, sweeps, _View(graph, sweeps, of, wrt, args.mode, approximate)


def _floating(graph, point, of, wrt):
    """The same sweeps in floating point, to show exact values too large to
    print; None when floating point fails where exact arithmetic did not."""
    try:
        return graph.sweeps(point, of, wrt, exact=False)
    except PartialsError:
        return None


def _default(names, what, option):
    if not names:
        raise RoleError(f"the graph has no {what}", hint=f"name one with {option}")
    return names[0]


class _View:
    def __init__(self, graph, sweeps, of, wrt, mode, approximate=None):
        self.graph, self.sweeps, self.of, self.wrt = graph, sweeps, of, wrt
        self.approximate = approximate
        self.forward = mode in ("forward", "both")
        self.reverse = mode in ("reverse", "both")
        self.at_point = sweeps.values is not None
        shape = textbook_shape if len(graph.edges) <= TIDY_EDGES else None
        self.locals = [
            None if e.local is None else shape(e.local) if shape else e.local for e in graph.edges
        ]

    # ---- JSON ---------------------------------------------------------------
    def as_json(self) -> dict:
        nodes = [
            {
                "name": str(node.name),
                "expr": None if node.kind == "input" else node.relation(self.graph, ascii=True),
                "value": self._json("values", node.name) if self.at_point else None,
                "forward": self._json("forward", node.name) if self.forward else None,
                "adjoint": self._json("adjoint", node.name) if self.reverse else None,
            }
            for node in self.graph.nodes
        ]
        edges = [
            {
                "from": str(edge.source),
                "to": str(edge.target),
                "local": self._local(i, ascii=True),
                "value": self._json("locals", i) if self.at_point else None,
            }
            for i, edge in enumerate(self.graph.edges)
        ]
        return {
            "nodes": nodes,
            "edges": edges,
            "paths": self.graph.count_paths(),
            "visits": {
                "forward": self.sweeps.forward_visits if self.forward else None,
                "reverse": self.sweeps.reverse_visits if self.reverse else None,
            },
        }

    # ---- text -----------------------------------------------------------------
    def as_text(self) -> str:
        return "\n".join([self._node_table(), "", self._edge_table(), "", *self._summary()])

    def _node_table(self) -> str:
        header = ["node", "role", "relation"] + (["value"] if self.at_point else [])
        if self.forward:
            header.append(f"∂·/∂{self.wrt} (forward)")
        if self.reverse:
            header.append(f"∂{self.of}/∂· (reverse)")
        rows = []
        for node in self.graph.nodes:
            row = [str(node.name), node.role, "" if node.kind == "input" else node.relation(self.graph)]
            if self.at_point:
                row.append(self._show("values", node.name))
            if self.forward:
                row.append(self._show("forward", node.name))
            if self.reverse:
                row.append(self._show("adjoint", node.name))
            rows.append(row)
        return _table(header, rows)

    def _edge_table(self) -> str:
        header = ["edge", "local derivative"] + (["value"] if self.at_point else [])
        rows = []
        for i, edge in enumerate(self.graph.edges):
            row = [f"{edge.source} → {edge.target}", f"{edge.label} = {self._local(i)}"]
            if self.at_point:
                row.append(self._show("locals", i))
            rows.append(row)
        return _table(header, rows) if rows else "(no edges)"

    def _summary(self) -> list:
        graph, of, wrt = self.graph, self.of, self.wrt
        target = f"∂{of}/∂{wrt}"
        lines = []
        if self.forward and self.reverse:
            forward, adjoint = self.sweeps.forward[of], self.sweeps.adjoint[wrt]
            agree = "agree" if _agree(forward, adjoint) else "do not visibly agree"
            lines.append(
                f"{target} = {self._show('forward', of)}: forward mode from {wrt} and reverse mode from {of} {agree}."
            )
        elif self.forward:
            lines.append(f"{target} = {self._show('forward', of)} (forward mode from {wrt}).")
        else:
            lines.append(f"{target} = {self._show('adjoint', wrt)} (reverse mode from {of}).")
        edges = len(graph.edges)
        lines.append(
            f"paths: {graph.count_paths()} from the inputs to the outputs, {graph.count_paths(wrt, of)} of them "
            f"from {wrt} to {of}: a sum over paths multiplies the local derivatives along each one."
        )
        visits = []
        if self.forward:
            visits.append(f"forward {self.sweeps.forward_visits}")
        if self.reverse:
            visits.append(f"reverse {self.sweeps.reverse_visits}")
        note = "each sweep visits every edge once"
        skipped = len(graph.incoming[wrt])
        if self.forward and skipped:
            note += f"; forward mode starts at {wrt}, so the {_count(skipped, 'edge')} into {wrt} are not needed"
        lines.append(f"edge visits: {', '.join(visits)} ({_count(edges, 'edge')}): {note}.")
        inputs, outputs = len(graph.inputs), max(1, len(graph.outputs))
        lines.append(
            f"the gradient of {of} ({_count(inputs, 'input')}) takes {_count(inputs, 'forward sweep')} "
            f"({_count(inputs * edges, 'visit')}) or 1 reverse sweep ({_count(edges, 'visit')}); "
            f"∂(every output)/∂{wrt} ({_count(outputs, 'output')}) takes 1 forward sweep or "
            f"{_count(outputs, 'reverse sweep')}."
        )
        return lines

    def _local(self, index, ascii: bool = False) -> str:
        local = self.locals[index]
        if local is None:
            return "(from the implicit system)"
        return shown(local, self.graph.problem, ascii=ascii)

    def _cell(self, field: str, key):
        """The value in one cell, and the same quantity in floating point."""
        approximate = getattr(self.approximate, field)[key] if self.approximate else None
        return getattr(self.sweeps, field)[key], approximate

    def _show(self, field: str, key) -> str:
        value, approximate = self._cell(field, key)
        return shown(value, self.graph.problem, approximate)

    def _json(self, field: str, key):
        value, approximate = self._cell(field, key)
        if isinstance(value, float):
            return value
        if isinstance(value, sympy.Integer):
            return int(value)
        return shown(value, self.graph.problem, approximate, ascii=True)


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}" + ("" if number == 1 else "s")


def _agree(first, second) -> bool:
    if isinstance(first, float) and isinstance(second, float):
        return math.isclose(first, second, rel_tol=1e-9, abs_tol=1e-12)
    first, second = sympy.sympify(first, strict=True), sympy.sympify(second, strict=True)
    if first == second:
        return True
    if tree_size(first, 200) + tree_size(second, 200) > 200:
        return False
    difference = first - second
    try:
        with time_budget(2.0):
            return sympy.simplify(difference) == 0
    except OutOfTime:  # undecided
        return False



def _table(header, rows) -> str:
    widths = [max(len(str(r[k])) for r in [header] + rows) for k in range(len(header))]
    lines = ["  ".join(str(cell).ljust(width) for cell, width in zip(line, widths)).rstrip() for line in [header] + rows]
    lines.insert(1, "  ".join("─" * width for width in widths))
    return "\n".join(lines)
