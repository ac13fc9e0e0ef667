"""No value where the formula is not differentiable: exit 3, never sign(0) = 0.

The oracle: one-sided difference quotients of the concrete function, built
here in SymPy from the same pieces as the text and evaluated at 60 digits.
Whenever a value is printed it must equal both one-sided limits; where they
differ (or blow up) the answer must be the refusal."""
import pytest
import sympy
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import partials
from partials.cli import main
from partials.calculus.points import derivative_at
from partials.calculus.smoothness import NotSmooth, not_smooth_reason

X, Y = sympy.symbols("x y", real=True)


@pytest.mark.parametrize("text, wrt, point", [
    ("z = |x| y", "x", "x=0,y=1"), ("z = √(x^2+y^2)", "x", "x=0,y=0"), ("z = |x - y|", "y", "x=1,y=1"),
    ("u = x - 1, z = |u| y", "x", "x=1,y=2"), ("z = x^(1/3) + y", "x", "x=0,y=1"), ("z = x^(3/2) + y", "x", "x=0,y=5"),
    ("z = arcsin(x) y", "x", "x=1,y=1"), ("z = arccos(x y)", "y", "x=1,y=-1"), ("z = |x|^(1/2) y", "x", "x=0,y=2"),
    ("z = |sin x| + y", "x", "x=π,y=0"), ("z = (x^2 - y)^(2/3)", "y", "x=1,y=1"),
])
def test_not_differentiable_at_the_point_is_exit_3(text, wrt, point, capsys):
    """Never the formula's value there: exit 3 pointing to partials analyze, or
    (a first partial of a function of two variables) the definition's answer,
    which tests/commands/test_solve_nonsmooth_point.py checks against one-sided quotients."""
    status = main(["solve", text, "--d", wrt, "--at", point])
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err
    if status == 3:
        assert "at (" not in captured.out and "partials analyze" in captured.err
    else:
        assert status == 0 and "(by the definition" in captured.out


@pytest.mark.parametrize("text, point", [
    ("z = ln(x) y", "x=0,y=1"), ("z = x y/(x^2+y^2)", "x=0,y=0"), ("z = tan x + y", "x=π/2,y=0"),
    ("z = sin(x)/x + y", "x=0,y=1"),
])
def test_no_value_at_all_is_a_domain_error(text, point, capsys):
    assert main(["solve", text, "--d", "x", "--at", point]) == 2
    captured = capsys.readouterr()
    assert "at (" not in captured.out and "undefined" in captured.err


def test_second_order_and_total_differential_refuse_too(capsys):
    assert main(["solve", "z = |x| y", "--d2", "x", "y", "--at", "x=0,y=1"]) == 3
    assert main(["solve", "z = |x| y", "--total", "--at", "x=0,y=1"]) == 3
    assert main(["solve", "z = (x^2+y^2)^(3/2)", "--d2", "x", "x", "--at", "x=0,y=0"]) == 3
    capsys.readouterr()


@pytest.mark.parametrize("text, wrt, point, value", [
    ("z = |x| y", "y", "x=0,y=1", "0"),         # |x| does not move with y
    ("z = |x| y", "x", "x=-2,y=3", "−3"),
    ("z = (x^2+y^2)^(3/2)", "x", "x=0,y=0", "0"),
    ("z = √(x^2+y^2)", "x", "x=3,y=4", "3/5"),
])
def test_smooth_points_still_get_their_value(text, wrt, point, value, capsys):
    assert main(["solve", text, "--d", wrt, "--at", point]) == 0
    assert capsys.readouterr().out.rstrip().endswith(f": {value}")


# ---- property: a printed value is always the two one-sided limits ----------------------
PIECES = [  # text with {a} for an inner argument, the same in SymPy
    ("|{a}|", lambda a: sympy.Abs(a)), ("√({a})", lambda a: sympy.sqrt(a)), ("({a})^(1/3)", lambda a: sympy.cbrt(a)),
    ("({a})^(3/2)", lambda a: a ** sympy.Rational(3, 2)), ("|{a}|^3", lambda a: sympy.Abs(a) ** 3),
    ("({a})^2", lambda a: a**2), ("sin({a})", lambda a: sympy.sin(a)), ("|{a}|·({a})", lambda a: sympy.Abs(a) * a),
    ("√(({a})^2)", lambda a: sympy.sqrt(a**2)), ("arcsin({a})", lambda a: sympy.asin(a)),
]
INNERS = [("x", X), ("x - 1", X - 1), ("x y", X * Y), ("x + y - 1", X + Y - 1), ("x^2 - y", X**2 - Y), ("y", Y)]
POINTS = [(0, 0), (1, 0), (0, 1), (1, 1), (-1, 1), (1, -1), (2, 1)]


def one_sided(expr, x0, y0, side):
    h = sympy.Rational(side, 10**25)
    at = {X: sympy.Integer(x0), Y: sympy.Integer(y0)}
    moved = {X: sympy.Integer(x0) + h, Y: sympy.Integer(y0)}
    return sympy.N((expr.xreplace(moved) - expr.xreplace(at)) / h, 60)


def defined_near(expr, x0, y0) -> bool:
    for side in (-1, 1):
        value = sympy.N(expr.xreplace({X: x0 + sympy.Rational(side, 10**25), Y: y0}), 60)
        if not value.is_real:
            return False
    return True


@settings(max_examples=120, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.sampled_from(PIECES), st.sampled_from(INNERS), st.sampled_from(POINTS), st.sampled_from([" + x", " + x y", " (x + 2)"]))
def test_a_value_is_printed_only_where_both_one_sided_limits_agree(piece, inner, point, tail):
    (piece_text, build), (inner_text, inner_expr) = piece, inner
    text = "z = " + piece_text.format(a=inner_text)
    expr = build(inner_expr)
    if tail == " + x":
        text, expr = text + tail, expr + X
    elif tail == " + x y":
        text, expr = text + tail, expr + X * Y
    else:
        text, expr = f"z = ({text[4:]}){tail}", expr * (X + 2)
    x0, y0 = point
    value_here = sympy.N(expr.xreplace({X: x0, Y: y0}), 30)
    if not value_here.is_real or not defined_near(expr, x0, y0):
        return  # outside the domain: some error is expected, no value checked here
    problem = partials.parse(text)
    point = {name: v for name, v in (("x", x0), ("y", y0)) if sympy.Symbol(name, real=True) in problem.independent}
    try:
        value = derivative_at(problem, "z", ("x",), point)
    except NotSmooth:
        return
    except partials.MathError:
        return
    left, right = one_sided(expr, x0, y0, -1), one_sided(expr, x0, y0, 1)
    assert abs(left - right) < 1e-12, (text, point, value, left, right)
    assert abs(sympy.N(value, 30) - right) < 1e-12, (text, point, value, right)


def test_the_reason_is_one_function_others_can_call():
    problem = partials.parse("z = |x| y")
    assert "corner" in not_smooth_reason(problem, {X: 0, Y: 1}, (X,))
    assert not_smooth_reason(problem, {X: 0, Y: 1}, (Y,)) is None
    assert not_smooth_reason(problem, {X: 2, Y: 1}, (X,)) is None


def test_the_graph_command_refuses_too(capsys):
    assert main(["graph", "z = |x| y", "--at", "x=0,y=1"]) == 3
    captured = capsys.readouterr()
    assert captured.out == "" and "not differentiable" in captured.err
    assert main(["graph", "z = |x| y", "--at", "x=2,y=1"]) == 0
    capsys.readouterr()
