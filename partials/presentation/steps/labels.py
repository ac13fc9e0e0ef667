"""The names shown in the steps: ∂z/∂x (Leibniz), F_x, u(x, y) and the
Jacobian ∂(F, G)/∂(u, v), each as a Label with text, ASCII and LaTeX."""
from __future__ import annotations

import sympy

from partials.presentation import printing
from partials.presentation.printing.notation import Label, derivative_notation


def _target(of, wrt, problem) -> Label:
    wrt = [str(w) for w in wrt]
    ordinary = problem is not None and len(getattr(problem, "independent", ())) == 1
    return _leibniz_label(str(of), wrt, ordinary)


def _leibniz_label(of: str, wrt, ordinary: bool) -> Label:
    printer = printing.TextPrinter()
    return Label(derivative_notation(of, wrt, "text", ordinary, printer),
                 derivative_notation(of, wrt, "ascii", ordinary, printing.TextPrinter({"ascii": True})),
                 derivative_notation(of, wrt, "latex", ordinary, printing.LatexPrinter()),
                 leibniz=True)


def _subscript_label(name: str, variable) -> Label:
    v = printing.text(variable)
    return Label(f"{name}_{v}", f"{name}_{printing.text(variable, ascii=True)}",
                 f"{name}_{{{printing.latex(variable)}}}")


def _call_label(name, args) -> Label:
    """u(x, y) for the declaration u = u(x, y)."""
    symbol = sympy.Symbol(name) if isinstance(name, str) else name
    return Label(f"{printing.text(symbol)}({', '.join(printing.text(a) for a in args)})",
                 f"{printing.text(symbol, ascii=True)}({', '.join(printing.text(a, ascii=True) for a in args)})",
                 rf"{printing.latex(symbol)}\left({', '.join(printing.latex(a) for a in args)}\right)")


def _jacobian_label(names, variables, prefix="") -> Label:
    top, bottom = ", ".join(names), ", ".join(printing.text(v) for v in variables)
    ascii_prefix = prefix.replace("−", "-").replace("·", "*")
    latex_prefix = r"-\frac{1}{J} \cdot " if prefix else ""
    return Label(f"{prefix}∂({top})/∂({bottom})", f"{ascii_prefix}d({top})/d({bottom})",
                 latex_prefix + rf"\frac{{\partial ({top})}}{{\partial ({', '.join(printing.latex(v) for v in variables)})}}")
