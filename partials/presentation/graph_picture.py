"""Expressions and values for people: textbook text (the shared printer,
f₁′ for abstract partials), Graphviz DOT, and rendering with `dot`.
"""
from __future__ import annotations

import shutil
import subprocess
from typing import TYPE_CHECKING

import sympy
from sympy.core.function import AppliedUndef

from partials.core.errors import LimitError, PartialsError
from partials.model.notation import leibniz
from partials.core.budget import tree_size

if TYPE_CHECKING:
    from partials.model.problem import Problem
    from partials.calculus.computational_graph.structure import ComputationalGraph, Sweeps

PRINTER_SIZE = 200  # larger expressions are shown with SymPy's plain printer
SHOWN_SIZE = 3000  # larger ones by a 15-digit approximation
_SUBSCRIPTS = str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉")


def notation(expr, problem: Problem | None = None) -> str:
    """Textbook-ish text: f₁′ for abstract partials, ∂u/∂x for abstract
    intermediates, ^ for powers, · for products."""
    if expr is None:
        return ""
    if isinstance(expr, float):
        return f"{expr:.12g}"
    expr = sympy.sympify(expr, strict=True)  # computed values; strict: never parses text
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
    value = sympy.sympify(value, strict=True)
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
    from partials.presentation.printing import text

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


def to_dot(graph: ComputationalGraph, sweeps: Sweeps | None = None) -> str:
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
