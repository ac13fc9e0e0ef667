"""partials.assessment.verify and `partials verify`: identities among partial
derivatives, checked against SymPy on the fully substituted functions."""
from __future__ import annotations

import json

import pytest
import sympy

from partials.cli import main
from partials.core.errors import PartialsError
from partials.reading.reader import read_problem
from partials.assessment.verify import verify

x, y, z, t = sympy.symbols("x y z t", real=True)
f = sympy.Function("f")

# (problem, identity, holds, oracle: (left, right) as SymPy on the substituted function)
EXPLICIT = [
    ("u = ln[√(x^2+y^2)]", "u_xx + u_yy = 0", True,
     lambda: (sympy.diff(sympy.log(sympy.sqrt(x**2 + y**2)), x, 2) + sympy.diff(sympy.log(sympy.sqrt(x**2 + y**2)), y, 2), 0)),
    ("z = x^y", "(x/y) z_x + (1/ln x) z_y = 2z", True,
     lambda: (x / y * sympy.diff(x**y, x) + sympy.diff(x**y, y) / sympy.log(x), 2 * x**y)),
    ("z = x^2 - y^2", "z_xx - z_yy = 0", False, lambda: (sympy.Integer(4), 0)),
    ("z = u^2 ln v, u = y/x, v = x^2 + y^2", "z_x = 2u ln v - y/x^2", False,
     lambda: (sympy.diff((y / x) ** 2 * sympy.log(x**2 + y**2), x),
              2 * (y / x) * sympy.log(x**2 + y**2) - y / x**2)),
    ("u = x^2 y + y^2 z + z^2 x", "u_x + u_y + u_z = (x + y + z)^2", True,
     lambda: (sum(sympy.diff(x**2 * y + y**2 * z + z**2 * x, v) for v in (x, y, z)), (x + y + z) ** 2)),
    ("u = e^(-9t) sin(3x)", "u_t = u_xx", True,
     lambda: (sympy.diff(sympy.exp(-9 * t) * sympy.sin(3 * x), t), sympy.diff(sympy.exp(-9 * t) * sympy.sin(3 * x), x, 2))),
    ("u = e^(-9t) sin(3x)", "u_t = 2u_xx", False,
     lambda: (sympy.diff(sympy.exp(-9 * t) * sympy.sin(3 * x), t), 2 * sympy.diff(sympy.exp(-9 * t) * sympy.sin(3 * x), x, 2))),
]


@pytest.mark.parametrize("text,identity,holds,oracle", EXPLICIT, ids=[c[1] for c in EXPLICIT])
def test_verdicts_agree_with_sympy_on_the_substituted_function(text, identity, holds, oracle):
    left, right = oracle()
    assert (sympy.simplify(left - right) == 0) is holds  # the oracle itself
    verdict = verify(read_problem(text), identity)
    assert verdict.holds is holds
    assert verdict.exit_code == (0 if holds else 1)
    if not holds:
        point = {sympy.Symbol(str(k), real=True): v for k, v in verdict.counterexample.items()}
        want_left, want_right = (complex(sympy.N(sympy.sympify(side).subs(point))) for side in (left, right))
        got_left, got_right = (complex(v) for v in verdict.values)
        assert abs(want_left - want_right) > 1e-6  # it really is a counterexample
        assert abs(got_left - want_left) < 1e-6 * (1 + abs(want_left))
        assert abs(got_right - want_right) < 1e-6 * (1 + abs(want_right))


ABSTRACT = [
    ("z = y/f(x^2 - y^2)", "(1/x) z_x + (1/y) z_y = z/y^2", True),
    ("z = xy + x F(y/x)", "x z_x + y z_y = z + xy", True),
    ("z = xy + x F(y/x)", "x z_x + y z_y = z", False),
    ("z = f(x^2 + y^2)", "y z_x - x z_y = 0", True),
    ("z = f(x^2 + y^2)", "x z_x - y z_y = 0", False),
    ("F(x - 2z, y - 3z) = 0", "2 z_x + 3 z_y = 1", True),
    ("F(x - 2z, y - 3z) = 0", "3 z_x + 2 z_y = 1", False),
    ("u = φ(x - 2t) + ψ(x + 2t)", "u_tt = 4u_xx", True),
    ("u = φ(x - 2t) + ψ(x + 2t)", "u_tt = u_xx", False),
    ("e^z = xyz", "x z_x = z/(z - 1)", True),  # holds only on the surface: decided at points on it
    ("e^z = xyz", "x z_x = z/(z + 1)", False),
]


@pytest.mark.parametrize("text,identity,holds", ABSTRACT, ids=[f"{c[0]}: {c[1]}" for c in ABSTRACT])
def test_identities_with_abstract_and_implicit_functions(text, identity, holds):
    verdict = verify(read_problem(text), identity)
    assert verdict.holds is holds, verdict.message
    if holds:
        assert verdict.counterexample is None
    else:
        left, right = verdict.values
        assert abs(complex(left) - complex(right)) > 1e-6
        assert set(map(str, verdict.counterexample)) <= {"x", "y", "z", "t"}


def test_a_false_identity_with_a_concrete_function_gets_a_whole_number_point():
    verdict = verify(read_problem("z = x^2 - y^2"), "z_xx - z_yy = 0")
    assert verdict.counterexample == {x: 1, y: 2} and verdict.values == (4, 0)
    assert "at x = 1, y = 2 the left side is 4 and the right side 0" in verdict.message


def test_steps_show_each_derivative_both_sides_and_the_conclusion():
    verdict = verify(read_problem("z = y/f(x^2 - y^2)"), "(1/x) z_x + (1/y) z_y = z/y^2")
    captions = [s.caption for s in verdict.steps]
    assert captions[0] == "The identity to verify"
    assert any("∂z/∂x" in c for c in captions) and any("∂z/∂y" in c for c in captions)
    assert "simplifies to 0" in captions[-1]
    assert "f′(x²−y²)" in verdict.text
    latex = verdict.latex_steps()
    assert latex.startswith("\\begin{enumerate}") and "\\frac" in latex
    assert "等式成立" in verdict.latex_steps("zh")


@pytest.mark.parametrize("identity", ["z_x + z_y", "z_x = 1 = 2"])
def test_an_identity_needs_exactly_one_equals_sign(identity):
    with pytest.raises(PartialsError, match="one 'left = right'"):
        verify(read_problem("z = x y"), identity)


def test_derivatives_of_unknown_names_are_refused():
    with pytest.raises(PartialsError):
        verify(read_problem("z = x y"), "w_x = 1")


# ---- command line ----------------------------------------------------------------
def test_cli_exit_codes(capsys):
    assert main(["verify", "z = y/f(x^2 - y^2)", "(1/x) z_x + (1/y) z_y = z/y^2"]) == 0
    assert "holds" in capsys.readouterr().out
    assert main(["verify", "z = xy + x F(y/x)", "x z_x + y z_y = z"]) == 1
    assert "does not hold" in capsys.readouterr().out
    assert main(["verify", "z = x^^2", "z_x = 2x"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("partials verify:") and "Traceback" not in err


def test_cli_json_and_steps(capsys):
    assert main(["verify", "u = ln[√(x^2+y^2)]", "u_xx + u_yy = 0", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["holds"] is True and data["counterexample"] is None and data["method"] == "symbolic"
    assert main(["verify", "z = x^2 - y^2", "z_xx - z_yy = 0", "--json"]) == 1
    data = json.loads(capsys.readouterr().out)
    assert data["holds"] is False and data["counterexample"] == {"x": "1", "y": "2"}
    assert main(["verify", "z = x^2 - y^2", "z_xx + z_yy = 0", "--steps"]) == 0
    assert capsys.readouterr().out.startswith("1. The identity to verify")
