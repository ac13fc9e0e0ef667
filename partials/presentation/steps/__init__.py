"""The chain-rule steps that lead to an answer, as a textbook shows them.

    steps = explain(solution)          # Steps: a list of Step
    print(steps.text)                  # numbered captions and formulas
    steps.latex                        # the same as a LaTeX enumerate
    explain(solution, lang="zh").text  # captions in Chinese (设, 由链式法则, …)

What is shown depends on the problem:

* explicit composites: the definitions, the dependency diagram
  (z → u, v → x, y), the chain rule with one term per path, every local
  partial, the substitution, and the result;
* one implicit equation: F, differentiating both sides, F_x and F_z, the
  rule −F_x/F_z, and the result;
* systems: the Jacobian determinant and Cramer's rule;
* second and higher orders: the steps of the previous order, then that result
  differentiated again with the first-order derivatives substituted back;
* the total differential (`explain_differential`): each partial, then dz.

Every formula is built from the problem's definitions and equations; the
final value is the engine's (`solution.expr`). Steps are data: formulas are
SymPy expressions or small display objects rendered by partials.presentation.printing.
"""
from __future__ import annotations

import sympy

from partials.presentation import printing
from partials.presentation.printing.notation import Label
from partials.presentation.steps.composite import _TextbookTree, _explain_composite
from partials.presentation.steps.higher import _explain_again
from partials.presentation.steps.implicit import _explain_implicit, _explain_system
from partials.presentation.steps.labels import _target
from partials.presentation.steps.model import Step, Steps
from partials.presentation.steps.render import Chain, Determinant, Diagram, Differential, Quotient, draw_tree, render, render_formula

__all__ = ["explain", "explain_derivative", "explain_differential", "Step", "Steps",
           "Chain", "Quotient", "Determinant", "Differential", "Diagram", "render", "render_formula", "draw_tree"]

MAX_PATHS = 12  # beyond this the chain rule is written node by node (passed on at each call)


def explain(solution, lang: str = "en") -> Steps:
    """The steps that lead to `solution` (a partials.calculus.solution.Solution)."""
    return explain_derivative(solution.problem, solution.of, solution.wrt, solution.expr, lang)


def explain_derivative(problem, of, wrt, result, lang: str = "en") -> Steps:
    """Like `explain`, from the parts of a solution."""
    steps, tree = _explain(problem, of, tuple(wrt), result)
    return Steps(steps, problem, lang, tree, _TextbookTree(problem).introduced)


def explain_differential(problem, of, partials: dict, lang: str = "en", point: dict | None = None) -> Steps:
    """dz = z_x dx + z_y dy: each partial, then dz (and its value at `point`).

    partials -- {independent variable: ∂of/∂variable}, in order."""
    steps = [Step(
        "The partial derivatives",
        "先求偏导数",
        tuple((_target(of, (x,), problem), value) for x, value in partials.items()),
    )]
    terms = tuple((value, x) for x, value in partials.items())
    steps.append(Step(
        "The total differential is dz = Σ ∂z/∂x·dx",
        "全微分 dz = Σ ∂z/∂x·dx",
        ((Label(f"d{of}", f"d{of}", rf"\mathrm{{d}}{printing.latex(of)}"), Differential(terms)),),
    ))
    if point:
        at = tuple((sympy.simplify(value.subs(point)), x) for value, x in terms)
        where = ", ".join(f"{k} = {v}" for k, v in point.items())
        steps.append(Step(f"At the point {where}", f"在点 {where} 处",
                          ((Label(f"d{of}", f"d{of}", rf"\mathrm{{d}}{printing.latex(of)}"), Differential(at)),)))
    return Steps(steps, problem, lang)


def _explain(problem, of, wrt, result):
    if len(wrt) > 1:
        previous = problem.d(of, *wrt[:-1]).expr
        steps, tree = _explain(problem, of, wrt[:-1], previous)
        return steps + _explain_again(problem, of, wrt, result, previous), tree
    x = wrt[0]
    if of in getattr(problem, "implicit", ()):
        if len(problem.equations) == 1:
            return _explain_implicit(problem, of, x, result), ()
        return _explain_system(problem, of, x, result), ()
    return _explain_composite(problem, of, x, result, MAX_PATHS)
