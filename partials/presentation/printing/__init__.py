"""Answers the way an answer key prints them: textbook text and LaTeX.

    text(expr, problem)            2u ln v·… , f₁′ + f₂′·(g₁′ + g₂′·v₁′)
    latex(expr, problem)           \\frac{y z}{e^{z} - x y}, f_{1}'
    answer_line(of, wrt, expr)     ∂z/∂x = yz/(e^z − xy)
    derivative_notation(of, wrt)   ∂²z/∂x∂y, d^2z/dxdy, \\frac{\\partial^{2} z}{…}
"""
from __future__ import annotations

from partials.presentation.printing.notation import Label, derivative_notation
from partials.presentation.printing.latex import LatexPrinter
from partials.presentation.printing.text import TextPrinter

__all__ = ["text", "latex", "answer_line", "derivative_notation", "Label", "TextPrinter", "LatexPrinter"]


def text(expr, problem=None, ascii: bool = False, arguments: bool = False) -> str:
    """`expr` in textbook notation (Unicode, or plain ASCII with `ascii`);
    `arguments` writes out the arguments of several-argument abstract
    derivatives (f₁′(x+y, xy)). The `problem` decides which names are
    functions and when F′_z is written instead of F₃′."""
    return TextPrinter({"ascii": ascii, "arguments": arguments, "problem": problem}).doprint(expr)


def latex(expr, problem=None, arguments: bool = False) -> str:
    """`expr` as LaTeX that compiles with amsmath."""
    return LatexPrinter({"arguments": arguments, "problem": problem}).doprint(expr)


def answer_line(of, wrt, expr, problem=None, style: str = "text", arguments: bool = False) -> str:
    """One whole answer: `∂z/∂x = yz/(e^z − xy)`.

    style -- "text" (Unicode), "ascii" or "latex"; `wrt` is a sequence of
    variables (two for a second order), empty for the value of `of` itself."""
    left, right = _answer_sides(of, wrt, expr, problem, style, arguments)
    return f"{left} = {right}"


def _answer_sides(of, wrt, expr, problem, style: str, arguments: bool = False) -> tuple[str, str]:
    """The notation on the left of an answer line and the printed `expr` on its right."""
    wrt = [str(w) for w in wrt]
    ordinary = _is_ordinary(of, problem)
    if style == "latex":
        printer = LatexPrinter({"arguments": arguments, "problem": problem})
    else:
        printer = TextPrinter({"ascii": style == "ascii", "arguments": arguments, "problem": problem})
    left = derivative_notation(str(of), wrt, style, ordinary, printer) if wrt else printer.doprint(of)
    return left, printer.doprint(expr)


def _is_ordinary(of, problem) -> bool:
    """dy/dx rather than ∂y/∂x: a function of one independent variable."""
    return problem is not None and len(getattr(problem, "independent", ())) == 1


# ---- command-line presentation (used by `partials solve`) -------------------------------------
BOLD, RESET = "\033[1m", "\033[0m"


def use_colour(stream) -> bool:
    """Colour and box drawing only on a terminal, and never with NO_COLOR set."""
    import os

    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty()) and not os.environ.get("NO_COLOR")


def present(solution, style: str = "text", explicit: bool = False, steps: bool = False,
            lang: str = "en", terminal: bool = False, arguments: bool = False) -> str:
    """What `partials solve` prints for one Solution.

    style    -- "text" (Unicode), "ascii" or "latex" (--latex)
    explicit -- add the form in the independent variables (--explicit) when it differs,
                on its own line under the answer: `      = …  (in x, y)`
    steps    -- the chain-rule steps first (--steps), captions in `lang` ("en" | "zh")
    terminal -- bold answer line and box-drawn dependency tree (only on a terminal)
    arguments -- the arguments of abstract functions written out (f₁′(x+y, xy))
    """
    problem, of, wrt = solution.problem, solution.of, solution.wrt
    left, right = _answer_sides(of, wrt, solution.expr, problem, style, arguments)
    line = f"{left} = {right}"
    if terminal and style != "latex":
        line = BOLD + line + RESET
    if explicit and solution.explicit != solution.expr:
        explicit_right = _answer_sides(of, wrt, solution.explicit, problem, style, arguments)[1]
        if explicit_right != right:  # f₁′ at (u, v) and at (x+y, xy) print alike
            line += "\n" + explicit_line(left, explicit_right, problem, style)
    if not steps:
        return line
    from partials.presentation.steps import explain

    explanation = explain(solution, lang=lang)
    if style == "latex":
        return explanation.latex + "\n" + line
    return explanation.render_text(ascii=style == "ascii", boxes=terminal) + "\n" + line


def explicit_line(left: str, right: str, problem, style: str) -> str:
    """The line under an answer `left = …` giving it in the independent
    variables only: its `=` under the answer's `=`, labelled (in x, y)."""
    independent = getattr(problem, "independent", ())
    if style == "latex":
        names = ", ".join(latex(x) for x in independent)
    else:
        names = ", ".join(text(x, ascii=style == "ascii") for x in independent)
    if style == "latex":
        label = r"\quad\text{(in $" + names + r"$)}" if names else ""
        return rf"\phantom{{{left}}} = {right}{label}"
    label = f"  (in {names})" if names else ""
    return " " * len(left) + f" = {right}{label}"
