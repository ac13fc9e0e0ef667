"""Implicit functions: one equation F = 0 (differentiate both sides, F_x and
F_z, the rule −F_x/F_z) and systems (the Jacobian and Cramer's rule)."""
from __future__ import annotations

import sympy
from sympy.core.function import AppliedUndef

from partials.presentation import printing
from partials.calculus.chain import atom_derivative, local_partial
from partials.presentation.printing.notation import Label
from partials.calculus.tidy import tidy
from partials.presentation.steps.labels import _call_label, _jacobian_label, _leibniz_label, _subscript_label, _target
from partials.presentation.steps.model import Step
from partials.presentation.steps.render import Determinant, Quotient


def _explain_implicit(problem, z, x, result):
    equation = problem.equations[0]
    relation = _relation_of(problem, equation)
    F = _helper_name(problem)
    variables = [v for v in problem.independent] + [z]
    F_call = Label(f"{F}({', '.join(printing.text(v) for v in variables)})",
                   f"{F}({', '.join(printing.text(v, ascii=True) for v in variables)})",
                   rf"{F}\left({', '.join(printing.latex(v) for v in variables)}\right)")
    Z = _leibniz_label(str(z), [str(x)], False)
    zx = printing.text(z) + " = " + printing.text(z) + "(" + ", ".join(printing.text(v) for v in problem.independent) + ")"
    steps = [Step(f"The equation defines {zx}; write it as {F} = 0 with",
                  f"方程确定隐函数 {zx}；设", ((relation.lhs, relation.rhs), (F_call, equation)))]
    lhs = _total(relation.lhs, x, z, Z)
    rhs = _total(relation.rhs, x, z, Z)
    steps.append(Step(f"Differentiate both sides with respect to {x}, remembering {zx}",
                      f"两边对 {x} 求偏导（{zx}）", ((lhs, rhs),)))
    Fx, Fz = tidy(local_partial(equation, x)), tidy(local_partial(equation, z))
    label_x, label_z = _subscript_label(F, x), _subscript_label(F, z)
    steps.append(Step(f"The partial derivatives of {F}, with {', '.join(map(str, variables))} independent",
                      f"求 {F} 的偏导数（把 {', '.join(map(str, variables))} 看作自变量）",
                      ((label_x, Fx), (label_z, Fz))))
    steps.append(Step("By the implicit function rule", "由隐函数求导公式",
                      ((_target(z, (x,), problem), Quotient(label_x, label_z)),)))
    steps.append(Step("Substitute and simplify", "代入并化简",
                      ((_target(z, (x,), problem), Quotient(Fx, Fz), result),)))
    return steps


def _total(expr, x, z, Z):
    """d/dx of one side of an equation with z = z(x, …), ∂z/∂x written Z;
    a single abstract call keeps its inner derivatives in brackets:
    F₁′·(z + y·∂z/∂y) + F₂′·(1 + x·∂z/∂y)."""
    if isinstance(expr, AppliedUndef):
        terms = []
        for position, argument in enumerate(expr.args, start=1):
            inner = local_partial(argument, x) + local_partial(argument, z) * Z
            if inner != 0:
                terms.append(sympy.Mul(atom_derivative(expr, position), inner, evaluate=False))
        return sympy.Add(*terms, evaluate=False) if len(terms) > 1 else (terms[0] if terms else sympy.S.Zero)
    return local_partial(expr, x) + local_partial(expr, z) * Z


def _explain_system(problem, u, x, result):
    unknowns = list(problem.implicit)
    names = _helper_names(problem, len(problem.equations))
    steps = [Step("Write the equations as", "把方程组写成",
                  tuple((_call_label(n, list(problem.independent) + unknowns), eq)
                        for n, eq in zip(names, problem.equations)))]
    table = {(n, v): tidy(local_partial(eq, v)) for n, eq in zip(names, problem.equations) for v in unknowns + [x]}
    steps.append(Step("Their partial derivatives", "各偏导数",
                      tuple((_subscript_label(n, v), value) for (n, v), value in table.items())))
    rows = tuple(tuple(table[(n, v)] for v in unknowns) for n in names)
    J = tidy(sympy.Matrix(rows).det())
    J_name = Label("J", "J", "J")
    steps.append(Step("The Jacobian determinant (it must not be zero)", "雅可比行列式（不为零）",
                      ((J_name, _jacobian_label(names, unknowns), Determinant(rows), J),)))
    column = unknowns.index(u)
    replaced = tuple(tuple(table[(n, x)] if k == column else table[(n, v)] for k, v in enumerate(unknowns))
                     for n in names)
    replaced_vars = [x if k == column else v for k, v in enumerate(unknowns)]
    rule = _jacobian_label(names, replaced_vars, prefix="−(1/J)·")
    steps.append(Step(f"By Cramer's rule (the column of {u} replaced by the derivatives by {x})",
                      f"由克拉默法则（把 {u} 所在的列换成对 {x} 的偏导数）",
                      ((_target(u, (x,), problem), rule, Quotient(Determinant(replaced), J), result),)))
    return steps


def _helper_name(problem) -> str:
    return _helper_names(problem, 1)[0]


def _helper_names(problem, count) -> list[str]:
    taken = set(problem.functions) | {str(s) for s in problem.variables}
    return [n for n in ("F", "G", "H", "Φ", "Ψ", "K", "L", "M") if n not in taken][:count]


def _relation_of(problem, equation):
    for relation in problem.relations:
        if relation.kind != "declaration" and sympy.expand(relation.as_zero - equation) == 0:
            return relation
    from partials.model.problem import Relation

    return Relation("equation", equation, sympy.S.Zero)
