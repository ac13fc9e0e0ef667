"""The one door from the calculus layer up to the presentation layer.

A Solution prints itself (`s.text`, `s.latex`, `s.steps`) and an error at a
point shows the equation it failed on in textbook notation; both need the
printers, which sit a layer above. As SymPy's core reaches its printers
through core/_print_helpers.py, the calculus layer reaches them only through
these functions, which import when called. The layer contract in
pyproject.toml lists this module as its one exception.
"""
from __future__ import annotations


def text(expr, problem=None, ascii: bool = False, arguments: bool = False) -> str:
    from partials.presentation.printing import text as printed

    return printed(expr, problem, ascii=ascii, arguments=arguments)


def latex(expr, problem=None, arguments: bool = False) -> str:
    from partials.presentation.printing import latex as printed

    return printed(expr, problem, arguments=arguments)


def steps(solution):
    from partials.presentation.steps import explain

    return explain(solution)


def shown(value, problem=None, approximation=None, ascii: bool = False) -> str:
    """A value or expression in an error message or a graph table (see
    partials.presentation.graph_picture.shown)."""
    from partials.presentation.graph_picture import shown as printed

    return printed(value, problem, approximation, ascii)
