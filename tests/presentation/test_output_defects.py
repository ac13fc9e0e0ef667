"""Output defects of issue 12: differentials with coefficient ±1 (text and
LaTeX), decimals at numerically found points, unsimplified values, sec²
rewritten as 1 + tan², spelled Greek names, a leaked placeholder."""
import re

import pytest
import sympy
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import partials
from partials.cli import main
from partials.presentation import printing
from partials.core.clean_numbers import cleaned
from partials.calculus.differential import Differential, total_differential
from partials.reading.reader import read_expression
from partials.calculus.simplest_value import simplest
from partials.calculus.tidy import nodes

R, THETA, X, Y, T, P, D = sympy.symbols("r theta x y T p d")


def plain(expr):
    return expr.xreplace({s: sympy.Symbol(s.name) for s in expr.free_symbols})


# ---- differentials ----------------------------------------------------------------
def test_latex_differential_with_coefficient_one_keeps_its_backslash():
    latex = total_differential(partials.parse("z = 4x + y")).latex
    assert latex == r"\mathrm{d}z = 4\,\mathrm{d}x + \mathrm{d}y"


def test_coefficient_minus_one_is_a_bare_minus():
    assert total_differential(partials.parse("V = T - p")).text == "dV = dT − dp"
    assert total_differential(partials.parse("V = T - p")).render("latex") == r"\mathrm{d}V = \mathrm{d}T - \mathrm{d}p"
    assert total_differential(partials.parse("V = -T + p")).text == "dV = −dT + dp"


def test_spelled_greek_names_are_letters_in_text_and_latex_and_names_in_ascii():
    d = total_differential(partials.parse("z = r cos theta"))
    assert d.text == "dz = cos θ dr − r sin θ dθ"
    assert d.render("latex") == r"\mathrm{d}z = \cos \theta\,\mathrm{d}r - r \sin \theta\,\mathrm{d}\theta"
    assert d.render("ascii") == "dz = cos theta dr - r sin theta dtheta"


COEFFICIENTS = [("", 1), ("-", -1), ("2", 2), ("-3", -3), ("x", X), ("-y", -Y), ("x y", X * Y)]
NAMES = [("x", X), ("y", Y), ("theta", THETA)]


@settings(max_examples=80, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.lists(st.tuples(st.sampled_from(COEFFICIENTS), st.sampled_from(NAMES)), min_size=1, max_size=3),
       st.sampled_from([("", 0), (" + x^2", X**2), (" - y^2", -Y**2)]))
def test_a_printed_differential_reads_back_to_the_differential(terms, extra):
    """Oracle: Σ ∂f/∂v·dv by sympy.diff on the expression built here; the
    printed text read back (dv reads as the product d·v)."""
    text = " + ".join(f"{c}{' ' if c and c != '-' else ''}{n}" for (c, _), (n, _) in terms) + extra[0]
    expr = sum((c * v for (_, c), (_, v) in terms), sympy.S.Zero) + extra[1]
    problem = partials.parse(f"z = {text}")
    differential = total_differential(problem)
    variables = sorted(expr.free_symbols, key=str)
    expected = sum(sympy.diff(expr, v) * D * v for v in variables)
    printed = differential.text.split(" = ", 1)[1]
    assert not re.search(r"(^|[ −+])1 d", printed)
    assert sympy.expand(plain(read_expression(printed)) - expected) == 0, (text, differential.text)
    latex = differential.render("latex")
    assert latex.count("mathrm") == latex.count("\\mathrm")


# ---- numbers at a point -----------------------------------------------------------
def test_decimals_found_numerically_print_clean():
    d = total_differential(partials.parse("z + sin z = x - y")).at({"x": 1, "y": 1})
    assert d.text == "dz = 0.5 dx − 0.5 dy"


def test_float_coefficients_that_are_integers_are_integers():
    problem = partials.parse("z = x y")
    d = total_differential(problem)
    shown = Differential(problem, d.of, d.partials, [sympy.Float(-1.0, 15), sympy.Float(0.0, 15)], point={})
    assert shown.text == "dz = −dx"
    assert cleaned(sympy.Float("2.00000000000000", 15)) == 2
    assert isinstance(cleaned(sympy.Float("2.5", 15)), sympy.Float)


def test_the_issue_value_is_simplified():
    value = -(sympy.Rational(1, 2) - 2 * sympy.log(2)) / (2 * sympy.log(2))
    assert printing.text(simplest(value)) == "1 − 1/(4 ln 2)"


def test_logarithms_of_integers_cancel_at_a_point(capsys):
    assert main(["solve", "x^y = y^x", "--at", "x=2,y=4"]) == 0
    assert "at (x=2, y=4): (4 ln 2 − 4)/(2 ln 2 − 1)" in capsys.readouterr().out


LOGS = st.sampled_from([sympy.log(2), sympy.log(3), sympy.log(4), sympy.log(6), sympy.log(8), sympy.sqrt(2)])
SMALL = st.integers(-6, 6).filter(bool).map(sympy.Integer) | st.sampled_from([sympy.Rational(1, 2), sympy.Rational(-3, 4)])


@settings(max_examples=150, deadline=None)
@given(SMALL, LOGS, SMALL, SMALL, LOGS, SMALL)
def test_the_simplest_form_is_the_same_number_and_never_longer(a, u, b, c, v, e):
    value = (a * u + b) / (c * v + e)
    if value.has(sympy.zoo, sympy.nan) or sympy.N(c * v + e, 30) == 0:
        return
    form = simplest(value)
    assert abs(sympy.N(form - value, 50)) < 1e-40
    assert nodes(form) <= nodes(value)


# ---- sec² stays sec² ---------------------------------------------------------------
INNER = [("x", X), ("x y", X * Y), ("x^2 + y", X**2 + Y), ("2x - y", 2 * X - Y), ("e^x", sympy.exp(X))]


@pytest.mark.parametrize("inner_text, inner", INNER)
@pytest.mark.parametrize("name, build", [("tan", sympy.tan), ("cot", sympy.cot)])
def test_tan_and_cot_differentiate_to_sec_and_csc_squared(inner_text, inner, name, build):
    solution = partials.parse(f"z = {name}({inner_text})").d("z", "x")
    printed = solution.text
    assert ("sec²" if name == "tan" else "csc²") in printed and "tan²" not in printed and "cot²" not in printed
    point = {X: sympy.Rational(3, 10), Y: sympy.Rational(7, 10)}
    expected = sympy.diff(build(inner), X).subs(point)
    assert abs(sympy.N(plain(solution.expr).subs({sympy.Symbol("x"): point[X], sympy.Symbol("y"): point[Y]})
                       - expected, 40)) < 1e-30


def test_tan_second_derivative_in_the_table_form():
    assert partials.parse("z = tan(x^2 + y)").d("z", "x", "y").text == "4x sec²(x²+y) tan(x²+y)"


# ---- Greek names in captions and labels ------------------------------------------------
def test_steps_and_labels_write_theta_as_a_letter(capsys):
    assert main(["solve", "z = u^2, u = r cos theta", "--d", "theta", "--steps", "--explicit"]) == 0
    out = capsys.readouterr().out
    assert "theta" not in out and "from z to θ" in out and "(in r, θ)" in out
    assert main(["solve", "z = u^2, u = r cos theta", "--d", "theta", "--steps", "--ascii"]) == 0
    out = capsys.readouterr().out
    assert "θ" not in out and "from z to theta" in out


def test_notation_uses_the_letter():
    assert partials.parse("z = r cos theta").d("z", "theta").notation == "∂z/∂θ"


# ---- the diagnosis never shows an internal placeholder --------------------------------
@pytest.mark.parametrize("answer", ["-z F_1'/(y F_1' + x F_2') + F_1'", "0", "F_1'", "-F_1'/F_2'"])
def test_a_diagnosis_shows_no_placeholder(answer):
    verdict = partials.check("F(x z, y z) = 0", "∂z/∂x", answer)
    assert verdict.status == "wrong"
    assert "_atom" not in verdict.message and "Dummy" not in verdict.message
    assert not re.search(r"(?<![A-Za-z])_[a-z]", verdict.message)


def test_the_steps_differential_is_written_like_the_answer():
    from partials.presentation.steps import explain_differential

    problem = partials.parse("V = T - p")
    t, p = problem.independent
    text = explain_differential(problem, problem.dependent[0], {t: sympy.Integer(1), p: sympy.Integer(-1)}).render_text()
    assert "dV = dT − dp" in text and "1 dp" not in text
    latex = explain_differential(problem, problem.dependent[0], {t: sympy.Integer(1), p: sympy.Integer(-1)}).render_latex()
    assert r"\mathrm{d}T - \mathrm{d}p" in latex
