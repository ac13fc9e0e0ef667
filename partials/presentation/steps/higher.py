"""Second and higher orders: the result of the previous order differentiated
again, the first-order derivatives substituted back."""
from __future__ import annotations

import sympy

from partials.presentation import printing
from partials.calculus.chain import local_partial
from partials.calculus.implicit import on_the_surface
from partials.presentation.printing.notation import Label
from partials.calculus.tidy import tidy
from partials.presentation.steps.composite import _variables_in_order
from partials.presentation.steps.labels import _target
from partials.presentation.steps.model import Step

MAX_SHOWN = 300  # characters: a longer unsimplified intermediate line is left out


def _explain_again(problem, of, wrt, result, previous) -> list:
    """The steps after those of ∂ⁿ⁻¹: `previous` (that derivative) differentiated
    by the last variable of `wrt`, the first-order derivatives put back."""
    steps = []
    x = wrt[-1]
    first = _target(of, wrt[:-1], problem)
    target = _target(of, wrt, problem)
    E = previous
    moving = [s for s in _variables_in_order(E) if s not in problem.independent]
    rates = {s: _target(s, (x,), problem) for s in moving}
    differentiated = local_partial(E, x) + sum((local_partial(E, s) * rates[s] for s in moving), sympy.S.Zero)
    ordinary = len(problem.independent) == 1  # d/dx(dy/dx) for a function of one variable
    d, d_latex = ("d", r"\mathrm{d}") if ordinary else ("∂", r"\partial")
    head = Label(f"{d}/{d}{printing.text(x)}({first.text})", f"d/d{printing.text(x, ascii=True)}({first.ascii})",
                 rf"\frac{{{d_latex}}}{{{d_latex} {printing.latex(x)}}}\left({first.latex}\right)")
    if not moving:
        steps.append(Step(f"Differentiate {first.text} again, with respect to {x}",
                          f"再对 {x} 求偏导", ((target, head, differentiated, result),)))
        return steps
    names = ", ".join(map(str, moving))
    verb = "depends" if len(moving) == 1 else "depend"
    long = len(printing.text(differentiated, problem)) > MAX_SHOWN
    steps.append(Step(f"Differentiate {first.text} again, with respect to {x}; {names} {verb} on {x}",
                      f"再对 {x} 求偏导（{names} 是 {x} 的函数）",
                      ((target, head) if long else (target, head, differentiated),)))
    # abstract intermediates (u = u(x, y)) keep their ∂u/∂y: nothing to substitute
    known = [s for s in moving if not _is_abstract_intermediate(problem, s)]
    values = {rates[s]: problem.d(s, x).expr for s in known}
    shown = tuple((rates[s], values[rates[s]]) for s in known)
    substituted = differentiated.xreplace(values)
    if not known:
        steps.append(Step("Simplify", "化简", ((target, result),)))
        return steps
    back = ", ".join(rates[s].text for s in known)
    simplified = tidy(substituted)
    shorter = on_the_surface(simplified, problem.relations)
    simplified = simplified if shorter != simplified else result
    last = (target, simplified) if long else (target, substituted, simplified)  # too long to read: just the result
    steps.append(Step(f"Substitute {back} back and simplify", f"代回 {back} 并化简", shown + (last,)))
    if simplified is not result:
        equations = "; ".join(f"{printing.text(r.lhs, problem)} = {printing.text(r.rhs, problem)}"
                              for r in problem.relations if r.kind == "equation")
        steps.append(Step(f"Use the equation {equations}", f"利用方程 {equations}",
                          ((target, simplified, result),), on_surface=True))
    return steps


def _is_abstract_intermediate(problem, name) -> bool:
    return name in problem.declarations and name not in problem.definitions and name not in problem.implicit
