"""Partials of abstract functions at a point never cancel against each other.

The oracle: a concrete function F in place of f. A value printed in terms of
f₁′(p), f₂′(p), f₁₁″(p)… must equal the derivative of F(a(x), b(x)) computed
by sympy.diff on the concrete composition, at the point. Arguments are drawn
so that they often coincide there (e^0 = cos 0 = 1 + 0), the case in which
SymPy's Subs compared f₁′(1, 1) equal to f₂′(1, 1).
"""
import pytest
import sympy
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sympy.core.function import AppliedUndef

import partials
from partials.cli import main
from partials.calculus.points import derivative_at
from partials.presentation.printing import text

X = sympy.Symbol("x", real=True)
Y = sympy.Symbol("y", real=True)
U, V = sympy.symbols("u v")


def F(u, v):
    """Concrete and generic: all its partials at (1, 1) differ."""
    return u**3 * v + sympy.sin(u) * v**2 + sympy.exp(u - 2 * v)


def concrete(expr):
    """Every f(…), f₁′(…), f₁₂″(…) of `expr` replaced by F's value there."""
    replacements = {}
    for atom in expr.atoms(sympy.Subs):
        slots, point = atom.variables, atom.point
        by = [(U, V)[slots.index(s)] for s, count in atom.expr.variable_count for _ in range(int(count))]
        replacements[atom] = sympy.diff(F(U, V), *by).subs({U: point[0], V: point[1]})
    expr = expr.xreplace(replacements)
    calls = {c: F(*c.args) for c in expr.atoms(AppliedUndef)}
    return expr.xreplace(calls)


def equal(a, b) -> bool:
    return abs(sympy.N(a - b, 50)) < sympy.Float("1e-40", 50)


def test_the_issue_example():
    problem = partials.parse("y = f(e^x, cos x)")
    value = derivative_at(problem, "y", ("x", "x"), {"x": 0})
    assert text(value, problem) == "f₁₁″(1, 1) + f₁′(1, 1) − f₂′(1, 1)"
    expected = sympy.diff(F(sympy.exp(X), sympy.cos(X)), X, 2).subs(X, 0)
    assert equal(concrete(value), expected)


def test_the_issue_example_on_the_command_line(capsys):
    assert main(["solve", "y = f(e^x, cos x)", "--d2", "x", "x", "--at", "x=0"]) == 0
    assert "at (x=0): f₁₁″(1, 1) + f₁′(1, 1) − f₂′(1, 1)" in capsys.readouterr().out


@pytest.mark.parametrize("problem_text, expected", [
    ("z = f(x, x)", sympy.diff(F(X, X), X)),
    ("z = f(x + y, x - y)", sympy.diff(F(X + Y, X - Y), X)),
    ("z = f(x y, y x)", sympy.diff(F(X * Y, X * Y), X)),
])
def test_repeated_arguments_keep_both_partials(problem_text, expected):
    solution = partials.parse(problem_text).d("z", "x")
    assert equal(concrete(solution.expr).subs({X: sympy.Rational(3, 7), Y: sympy.Rational(-2, 5)}),
                 expected.subs({X: sympy.Rational(3, 7), Y: sympy.Rational(-2, 5)}))


def test_different_partials_at_one_point_never_compare_equal():
    from partials.model.problem import abstract_derivative
    from partials.core.symbols import function

    f = function("f")
    one = sympy.Integer(1)
    forms = [abstract_derivative(f, (one, one), p) for p in ([1], [2], [1, 1], [1, 2], [2, 2])]
    assert len(set(forms)) == 5 and all(a != b for a in forms for b in forms if a is not b)
    assert abstract_derivative(f, (one, one), [2, 1]) == forms[3]  # f₁₂″ = f₂₁″
    assert forms[0] - forms[1] != 0


ARGUMENTS = [("e^x", sympy.exp(X)), ("cos x", sympy.cos(X)), ("1 + x", 1 + X), ("1 - sin x", 1 - sympy.sin(X)),
             ("x^2 + 1", X**2 + 1), ("x", X), ("2x", 2 * X), ("sin x", sympy.sin(X)), ("e^(2x)", sympy.exp(2 * X))]


@settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.sampled_from(ARGUMENTS), st.sampled_from(ARGUMENTS), st.sampled_from([1, 2]),
       st.sampled_from([sympy.Integer(0), sympy.Rational(1, 2)]))
def test_values_at_a_point_match_a_concrete_function(first, second, order, at):
    problem = partials.parse(f"y = f({first[0]}, {second[0]})")
    value = derivative_at(problem, "y", ("x",) * order, {"x": at})
    expected = sympy.diff(F(first[1], second[1]), X, order).subs(X, at)
    assert equal(concrete(value), expected), (first[0], second[0], order, at, value)
