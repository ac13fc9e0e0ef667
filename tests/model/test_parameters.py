"""Letters declared constant (--const m, const="m"): never differentiated, never
an independent variable, never asked for at a point.

The oracle: sympy.diff of the expression built here with m a plain symbol,
compared at points of both signs and several values of m."""
import pytest
import sympy

import partials
from partials import PartialsError
from partials.cli import main

R, TH, M, X, Y, A, B = sympy.symbols("r theta m x y a b")


def plain(expr):
    return expr.xreplace({s: sympy.Symbol(s.name) for s in expr.free_symbols})


CASES = [
    ("f(r, θ) = r^m cos mθ", "m", "f", (R, TH), R**M * sympy.cos(M * TH)),
    ("z = a x^2 + b y", "a,b", "z", (X, Y), A * X**2 + B * Y),
    ("z = e^(a x) sin(b y)", "a, b", "z", (X, Y), sympy.exp(A * X) * sympy.sin(B * Y)),
    ("u = x^m y^(1-m)", "m", "u", (X, Y), X**M * Y ** (1 - M)),
    ("z = ln(x^2 + a y^2)", "a", "z", (X, Y), sympy.log(X**2 + A * Y**2)),
]
POINTS = [(sympy.Rational(3, 2), sympy.Rational(1, 3)), (sympy.Rational(2, 5), sympy.Rational(-7, 4))]
PARAMETER_VALUES = [sympy.Rational(1, 2), sympy.Integer(3), sympy.Rational(-2, 3)]


@pytest.mark.parametrize("text, const, of, variables, expr", CASES, ids=[c[0] for c in CASES])
@pytest.mark.parametrize("order", [1, 2])
def test_constants_are_kept_and_not_differentiated(text, const, of, variables, expr, order):
    problem = partials.parse(text, const=const)
    assert [str(v) for v in problem.independent] == [str(v) for v in variables]
    for wrt in ([variables[0]] * order, [variables[-1], variables[0]][:order]):
        solution = problem.d(of, *[str(w) for w in wrt])
        expected = sympy.diff(expr, *wrt)
        got = plain(solution.explicit)
        for p in PARAMETER_VALUES:
            for point in POINTS:
                values = {variables[0]: point[0], variables[1]: point[1], M: p, A: p, B: 1 - p}
                want = sympy.N(expected.xreplace(values), 40)
                if not want.is_real:
                    continue  # r^m at a negative r: outside the real domain
                assert abs(sympy.N(got.xreplace(values), 40) - want) < 1e-30, (text, wrt, solution.text)


def test_the_issue_example_on_the_command_line(capsys):
    assert main(["solve", "f(r, θ) = r^m cos mθ"]) == 2  # without --const: which of m, r, θ?
    capsys.readouterr()
    assert main(["solve", "f(r, θ) = r^m cos mθ", "--const", "m"]) == 0
    assert capsys.readouterr().out == "∂f/∂r = mr^(m−1) cos(mθ)\n∂f/∂θ = −mr^m sin(mθ)\n"


def test_a_point_never_asks_for_a_constant(capsys):
    assert main(["solve", "f(r, θ) = r^m cos mθ", "--const", "m", "--d2", "r", "r", "--at", "r=1,θ=0"]) == 0
    assert capsys.readouterr().out.rstrip().endswith("at (r=1, θ=0): m(m − 1)")
    assert main(["solve", "z = a x^2 + b y", "--const", "a,b", "--total", "--at", "x=1,y=2"]) == 0
    assert capsys.readouterr().out.strip() == "dz = 2a dx + b dy"


def test_constants_in_verify_and_parse(capsys):
    assert main(["verify", "z = a x + b y", "∂z/∂x = a", "--const", "a,b"]) == 0
    assert main(["parse", "z = a x + b y", "--const", "a,b"]) == 0
    assert "independent: x, y" in capsys.readouterr().out


@pytest.mark.parametrize("argv, words", [
    (["solve", "z = a x^2, a = 2", "--const", "a"], "declared constant"),
    (["solve", "z = a x^2", "--const", "1a"], "not a letter"),
    (["solve", "z = a x^2", "--const", "a", "--d", "a"], "does not occur"),
    (["check", "z = a x", "--const", "a", "--target", "∂z/∂x", "--answer", "a"], "not supported"),
])
def test_misuse_is_one_clear_message(argv, words, capsys):
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert words in err and "Traceback" not in err


def test_a_constant_never_equals_the_variable_of_the_same_name():
    from partials.model.parameters import parameter
    from partials.core.symbols import variable

    assert parameter("m") != variable("m") and parameter("m") == parameter("m")


def test_the_api_reports_bad_constants_as_partials_errors():
    with pytest.raises(PartialsError):
        partials.parse("z = a x", const=3)
    with pytest.raises(PartialsError):
        partials.check("z = a x", "∂z/∂x", "a", const="a")
