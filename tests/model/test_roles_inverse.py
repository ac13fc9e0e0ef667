"""An inverse map with one more output: x = u cos v, y = u sin v, z = u² asked
for ∂z/∂x reads x, y as the inputs (as --of u does), never prints 0 for a
derivative it did not compute; a reading that cannot be completed asks (exit 2).

The oracle: the same z written directly in x, y (u = √(x²+y²), v = arctan(y/x)
for x > 0, or the linear inverse) and differentiated by sympy.diff, compared
at points of both signs of y."""
import pytest
import sympy

import partials
from partials.cli import main

X, Y = sympy.symbols("x y", real=True)
POLAR = {"u": sympy.sqrt(X**2 + Y**2), "v": sympy.atan(Y / X)}
LINEAR = {"u": (X + Y) / 2, "v": (X - Y) / 2}  # x = u + v, y = u − v
POINTS = [(sympy.Rational(3, 2), sympy.Rational(1, 2)), (sympy.Rational(1, 3), sympy.Rational(-4, 5)),
          (2, sympy.Rational(-1, 7))]

CASES = [
    ("x = u cos v, y = u sin v, z = u^2", POLAR, lambda u, v: u**2),
    ("x = u cos v, y = u sin v, z = u v", POLAR, lambda u, v: u * v),
    ("x = u cos v, y = u sin v, z = u^2 sin v", POLAR, lambda u, v: u**2 * sympy.sin(v)),
    ("x = u cos v, y = u sin v, w = u + v", POLAR, lambda u, v: u + v),
    ("x = u + v, y = u - v, z = u v", LINEAR, lambda u, v: u * v),
    ("x = u + v, y = u - v, z = e^u cos v", LINEAR, lambda u, v: sympy.exp(u) * sympy.cos(v)),
]


def in_xy(formula, inverse):
    return formula(inverse["u"], inverse["v"])


@pytest.mark.parametrize("text, inverse, formula", CASES, ids=[c[0] for c in CASES])
@pytest.mark.parametrize("wrt", [("x",), ("y",), ("x", "x"), ("x", "y")])
def test_the_output_is_differentiated_through_the_inverse(text, inverse, formula, wrt):
    problem = partials.parse(text)
    of = text.split(",")[-1].split("=")[0].strip()
    solution = problem.framed_for(of, wrt).d(of, *wrt)
    expected = sympy.diff(in_xy(formula, inverse), *[{"x": X, "y": Y}[w] for w in wrt])
    for x0, y0 in POINTS:
        values = {X: x0, Y: y0}
        u0, v0 = (sympy.simplify(inverse[n].subs(values)) for n in "uv")
        names = {s.name: s for s in solution.explicit.free_symbols | solution.expr.free_symbols}
        at = {names[n]: value for n, value in (("x", x0), ("y", y0), ("u", u0), ("v", v0)) if n in names}
        got = solution.expr.xreplace(at)
        assert abs(sympy.N(got - expected.subs(values), 40)) < 1e-30, (text, wrt, solution.text)


def test_the_issue_example_is_not_zero(capsys):
    assert main(["solve", "x = u cos v, y = u sin v, z = u^2", "--of", "z", "--d", "x"]) == 0
    out = capsys.readouterr().out
    assert out.strip() == "∂z/∂x = 2u cos v"


def test_at_the_books_point(capsys):
    assert main(["solve", "x = u cos v, y = u sin v, z = u^2", "--of", "z", "--d", "x",
                 "--at", "x=2,y=0,u=2,v=0"]) == 0
    assert capsys.readouterr().out.rstrip().endswith(": 4")


def test_a_reading_that_cannot_be_completed_asks(capsys):
    """x = u + v, z = uv: one equation cannot give both u and v; not 0."""
    assert main(["solve", "x = u + v, z = u v", "--of", "z", "--d", "x"]) == 2
    captured = capsys.readouterr()
    assert captured.out == "" and "unknown" in captured.err


def test_derivatives_by_the_inner_names_keep_the_forward_reading():
    assert partials.parse("x = u cos v, y = u sin v, z = u^2").framed_for("z", ("u",)).d("z", "u").text == "2u"
