"""The display objects of the steps (a chain-rule sum, −F_x/F_z, a
determinant, dz, the dependency diagram) and how formulas and captions are
rendered as text, ASCII and LaTeX; the dependency tree drawn with boxes."""
from __future__ import annotations

import re
from dataclasses import dataclass

import sympy

from partials.presentation import printing
from partials.presentation.printing.notation import Label
from partials.presentation.printing.text import GREEK

# a variable spelled theta in the problem is θ in a caption, as in the formulas
_SPELLED_GREEK = re.compile(r"(?<![A-Za-z])(" + "|".join(sorted(GREEK, key=len, reverse=True)) + r")(?![A-Za-z])")


@dataclass(frozen=True)
class Chain:
    """∂z/∂u·∂u/∂x + ∂z/∂v·∂v/∂x: a sum of products kept in the given order."""

    terms: tuple  # tuple of tuples of factors (SymPy expressions)


@dataclass(frozen=True)
class Quotient:
    """−(F_x)/(F_z) with both parts shown as they are, before simplifying."""

    numerator: object
    denominator: object
    negative: bool = True


@dataclass(frozen=True)
class Determinant:
    rows: tuple  # tuple of tuples of SymPy expressions


@dataclass(frozen=True)
class Differential:
    """dz = z_x dx + z_y dy."""

    terms: tuple  # (coefficient, variable) pairs


@dataclass(frozen=True)
class Written:
    """A formula already printed, in text and in LaTeX (an identity's steps)."""

    text: str
    latex: str


@dataclass(frozen=True)
class Diagram:
    """z → u, v → x, y (layered) or u → x, y, z; y → x, t (node by node)."""

    edges: tuple  # (node, children) pairs


def render_formula(formula, problem, style: str) -> str:
    """The sides joined by `=`; a side printed the same as the one before
    it (nothing left to simplify) is left out."""
    sides: list[str] = []
    for side in formula:
        printed = render(side, problem, style)
        if not sides or printed != sides[-1]:
            sides.append(printed)
    return " = ".join(sides)


def render(item, problem, style: str) -> str:
    if isinstance(item, Chain):
        return _render_chain(item, problem, style)
    if isinstance(item, Quotient):
        return _render_quotient(item, problem, style)
    if isinstance(item, Determinant):
        return _render_determinant(item, problem, style)
    if isinstance(item, Differential):
        return _render_differential(item, problem, style)
    if isinstance(item, Diagram):
        return _render_diagram(item, problem, style)
    if isinstance(item, Written):
        return item.latex if style == "latex" else item.text
    if isinstance(item, str):
        return item
    if style == "latex":
        return printing.latex(item, problem)
    return printing.text(item, problem, ascii=style == "ascii")


def _factor(expr, problem, style) -> str:
    body = render(expr, problem, style)
    if isinstance(expr, sympy.Basic) and (expr.is_Add or (expr.could_extract_minus_sign() and not expr.is_Number)):
        return rf"\left({body}\right)" if style == "latex" else f"({body})"
    if isinstance(expr, sympy.Basic) and expr.is_Number and expr < 0:
        return rf"\left({body}\right)" if style == "latex" else f"({body})"
    if style != "latex" and isinstance(expr, sympy.Basic) and expr.is_Mul and "/" in body:
        return f"({body})"
    return body


def _render_chain(chain: Chain, problem, style) -> str:
    times = {"text": "·", "ascii": "*", "latex": r" \cdot "}[style]
    terms = [times.join(_factor(f, problem, style) for f in term) for term in chain.terms]
    return " + ".join(terms) if terms else "0"


def _render_quotient(q: Quotient, problem, style) -> str:
    sign = ("-" if style != "text" else "−") if q.negative else ""
    if style == "latex":
        return rf"{sign}\frac{{{render(q.numerator, problem, style)}}}{{{render(q.denominator, problem, style)}}}"
    top, bottom = render(q.numerator, problem, style), render(q.denominator, problem, style)
    if not _is_simple(q.numerator):
        top = f"({top})"
    if not _is_simple(q.denominator):
        bottom = f"({bottom})"
    return f"{sign}{top}/{bottom}"


def _is_simple(expr) -> bool:
    if isinstance(expr, Determinant):
        return True
    return bool(isinstance(expr, sympy.Basic) and (expr.is_Symbol or isinstance(expr, (Label, sympy.Subs))
                                                   or (expr.is_Integer and expr >= 0)))


def _render_determinant(d: Determinant, problem, style) -> str:
    if style == "latex":
        rows = r" \\ ".join(" & ".join(render(e, problem, style) for e in row) for row in d.rows)
        return rf"\begin{{vmatrix}} {rows} \end{{vmatrix}}"
    rows = "; ".join("  ".join(render(e, problem, style) for e in row) for row in d.rows)
    return f"|{rows}|"


def _render_differential(d: Differential, problem, style) -> str:
    """z_x dx + z_y dy as partials.differential writes it: dT − dp, no 0 dy."""
    minus = "−" if style == "text" else "-"
    text = ""
    for coefficient, var in d.terms:
        if coefficient == 0:
            continue
        name = render(var, problem, style)
        differential = rf"\mathrm{{d}}{name}" if style == "latex" else f"d{name}"
        negative = coefficient.could_extract_minus_sign()
        magnitude = -coefficient if negative else coefficient
        if magnitude != 1:
            differential = _factor(magnitude, problem, style) + (r"\," if style == "latex" else " ") + differential
        sign = minus if negative else "+"
        text += (minus + differential if negative else differential) if not text else f" {sign} {differential}"
    return text or "0"


def _render_diagram(diagram: Diagram, problem, style) -> str:
    arrow = {"text": " → ", "ascii": " -> ", "latex": r" \to "}[style]
    name = (lambda s: printing.latex(s)) if style == "latex" else (lambda s: printing.text(s, ascii=style == "ascii"))
    layers = _layers(diagram.edges)
    if layers is not None:
        return arrow.join(", ".join(name(n) for n in layer) for layer in layers)
    separator = r";\quad " if style == "latex" else "; "
    return separator.join(name(node) + arrow + ", ".join(name(c) for c in children)
                          for node, children in diagram.edges)


def _layers(edges):
    """[[z], [u, v], [x, y]] when every node of a layer depends on exactly
    the next layer (the textbook's chain diagram), else None."""
    children = dict(edges)
    if not edges:
        return None
    layers = [[edges[0][0]]]
    while True:
        sets = [tuple(children.get(n, ())) for n in layers[-1]]
        if not any(sets):
            return layers
        if any(set(s) != set(sets[0]) for s in sets):
            return None
        layers.append(list(sets[0]))


def draw_tree(edges) -> list[str]:
    """The dependency tree with box-drawing characters (terminal only)."""
    children = dict(edges)
    lines = [printing.text(edges[0][0])] if edges else []

    def walk(node, prefix):
        kids = children.get(node, ())
        for index, kid in enumerate(kids):
            last = index == len(kids) - 1
            lines.append(prefix + ("└── " if last else "├── ") + printing.text(kid))
            walk(kid, prefix + ("    " if last else "│   "))

    if edges:
        walk(edges[0][0], "")
    return lines


_CAPTION_ASCII = str.maketrans({
    "∂": "d", "−": "-", "·": "*", "→": "->", "′": "'", "″": "''", "…": "...", "Σ": "sum ",
    "²": "^2", "³": "^3", "₁": "_1", "₂": "_2", "₃": "_3", "√": "sqrt",
    **{letter: name for name, letter in GREEK.items()},
})


def _ascii_caption(caption: str) -> str:
    return caption.translate(_CAPTION_ASCII)


def _text_caption(caption: str) -> str:
    """Variables spelled as Greek names (theta) written as the letters (θ)."""
    return _SPELLED_GREEK.sub(lambda match: GREEK[match.group(1)], caption)
