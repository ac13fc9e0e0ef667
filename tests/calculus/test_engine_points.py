"""Derivatives, total differentials and node values at a point."""
import math

import pytest
import sympy

import partials
from engine_cases import full_substitution
from partials.calculus.engine import total_differential
from partials.core.errors import MathError
from partials.calculus.points import derivative_at, gradient_at, node_values, value_at
from partials.reading.reader import read_assignments
from partials.core.symbols import variable

x, y, z = map(variable, "xyz")

EXPLICIT_AT = [
    # text, of, wrt, point
    ("z = u^2 ln v, u = y/x, v = x^2 + y^2", "z", ("x",), {x: 1, y: 2}),
    ("z = u^2 ln v, u = y/x, v = x^2 + y^2", "z", ("x", "y"), {x: 1, y: 2}),
    ("z = y^lnx", "z", ("x", "x"), {x: 1, y: 2}),
    ("z = arctan(x/y)", "z", ("x",), {x: 1, y: 1}),
    ("z = √(x^2 + y^2)", "z", ("x",), {x: 3, y: 4}),
    ("z = e^(uv), u = ln[√(x^2+y^2)], v = arctan(y/x)", "z", ("y",), {x: 1, y: 1}),
    ("u = x^(y/z)", "u", ("z",), {x: 2, y: 1, z: 1}),
    ("z = x^3 y - 3x^2 y^3", "z", ("x", "y", "y"), {x: sympy.Rational(1, 2), y: 2}),
]


@pytest.mark.parametrize("text,of,wrt,point", EXPLICIT_AT)
def test_value_is_exact_and_matches_substitution(text, of, wrt, point):
    problem = partials.parse(text)
    full = full_substitution(problem, variable(of))
    expected = sympy.diff(full, *[variable(w) for w in wrt]).xreplace(point)
    value = derivative_at(problem, of, wrt, point)
    assert not value.has(sympy.Float)
    assert sympy.simplify(value - expected) == 0
    assert value_at(problem.d(of, *wrt), point) == value or sympy.simplify(value_at(problem.d(of, *wrt), point) - value) == 0


@pytest.mark.parametrize("text,of,wrt,point", EXPLICIT_AT)
def test_float_point_gives_float(text, of, wrt, point):
    problem = partials.parse(text)
    exact = derivative_at(problem, of, wrt, point)
    approximate = derivative_at(problem, of, wrt, {k: float(v) for k, v in point.items()})
    assert isinstance(approximate, sympy.Float)
    assert math.isclose(float(approximate), float(exact), rel_tol=1e-9, abs_tol=1e-12)


def test_text_point_is_read_by_the_reader():
    problem = partials.parse("z = x^2 y")
    assert derivative_at(problem, "z", ("x",), read_assignments("x=1/2, y=√2")) == sympy.sqrt(2)


def test_gradient_by_reverse_mode_equals_forward_mode():
    problem = partials.parse("z = u^2 ln v, u = y/x, v = x^2 + y^2")
    reverse = gradient_at(problem, "z", {x: 1, y: 2})
    for w in (x, y):
        assert sympy.simplify(reverse[w] - derivative_at(problem, "z", (w,), {x: 1, y: 2})) == 0


def test_implicit_unknown_given_and_checked():
    problem = partials.parse("x^2 + y^2 + z^2 = 4z")
    point = {x: 1, y: 1, z: 2 + sympy.sqrt(2)}
    assert derivative_at(problem, "z", ("x",), point) == -sympy.sqrt(2) / 2
    with pytest.raises(MathError, match="does not satisfy"):
        derivative_at(problem, "z", ("x",), {x: 1, y: 1, z: 1})


def test_implicit_unknown_found_when_unique():
    problem = partials.parse("z^3 + z = x + y")
    value = derivative_at(problem, "z", ("x",), {x: 1, y: 1})  # z = 1
    assert value == sympy.Rational(1, 4)


def test_implicit_unknown_found_numerically():
    problem = partials.parse("e^z + z = x y")
    value = derivative_at(problem, "z", ("x",), {x: 2, y: 3})
    zvalue = sympy.nsolve(sympy.exp(z) + z - 6, z, 1)
    assert math.isclose(float(value), float(3 / (sympy.exp(zvalue) + 1)), rel_tol=1e-9)


def test_several_roots_ask_for_the_value():
    problem = partials.parse("e^z = xyz")
    with pytest.raises(MathError, match="not unique") as error:
        derivative_at(problem, "z", ("x",), {x: 1, y: 3})
    assert "z=" in str(error.value)


def test_no_real_root_is_an_error():
    with pytest.raises(MathError, match="no real z"):
        derivative_at(partials.parse("e^z = xyz"), "z", ("x",), {x: 1, y: 2})


@pytest.mark.parametrize("text,point,named", [
    ("z = ln(x + y)", {x: -1, y: 0}, "z"),
    ("z = u^2, u = √(x - y)", {x: 0, y: 1}, "u"),
    ("z = u v, u = ln(x), v = y", {x: 0, y: 1}, "u"),
])
def test_domain_errors_name_the_variable(text, point, named):
    with pytest.raises(MathError) as error:
        derivative_at(partials.parse(text), "z", ("x",), point)
    assert str(error.value).startswith(f"{named} = ")


def test_singular_derivative_is_an_error():
    with pytest.raises(MathError, match="not differentiable"):  # partials.smoothness: exit 3, no value
        derivative_at(partials.parse("z = √(x^2 + y^2)"), "z", ("x",), {x: 0, y: 0})


def test_missing_independent_variable_is_named():
    with pytest.raises(MathError, match="no value for y"):
        derivative_at(partials.parse("z = x y"), "z", ("x",), {x: 1})


def test_singular_jacobian_at_the_point():
    problem = partials.parse("xu - yv = 0, yu + xv = 1, u = u(x,y), v = v(x,y)")
    with pytest.raises(MathError):
        derivative_at(problem, "u", ("x",), {x: 0, y: 0, variable("u"): 0, variable("v"): 0})
    assert derivative_at(problem, "u", ("x",), {x: 1, y: 0, variable("u"): 0, variable("v"): 1}) == 0


def test_identically_zero_jacobian():
    with pytest.raises(MathError, match="Jacobian"):
        partials.parse("x = u + v, y = 2u + 2v").d("u", "x")


def test_node_values_of_the_computational_graph():
    values = node_values(partials.parse("c = a + b, d = b + 1, e = c d"), {"a": 2, "b": 1})
    assert [values[variable(n)] for n in "cde"] == [3, 2, 6]


def test_total_differential_symbolic_and_at_a_point():
    d = total_differential(partials.parse("u = x^(yz)"))
    dx, dy, dz = map(variable, ("dx", "dy", "dz"))
    full = x ** (y * z)
    expected = sum(sympy.diff(full, w) * dw for w, dw in ((x, dx), (y, dy), (z, dz)))
    assert sympy.simplify(d.explicit - expected) == 0
    assert d.text.startswith("du = ")
    at = d.at({x: 2, y: 1, z: 1})
    assert sympy.simplify(at.expr - expected.xreplace({x: 2, y: 1, z: 1})) == 0
    assert "dx" in at.text and "dz" in at.text


def test_total_differential_of_implicit_keeps_z():
    d = total_differential(partials.parse("e^z = xyz"))
    assert z in d.expr.free_symbols
    assert d.latex.startswith("\\mathrm{d}z = ")


def test_abstract_problem_at_a_point_keeps_abstract_values():
    value = derivative_at(partials.parse("z = f(x + y, xy)"), "z", ("x",), {x: 1, y: 2})
    assert value.atoms(sympy.Subs)
    assert {tuple(s.point) for s in value.atoms(sympy.Subs)} == {(3, 2)}


def test_abstract_intermediates_at_a_point():
    problem = partials.parse("z = f(u,v), u = u(x,y), v = v(x,y)")
    for point in ({x: 1, y: 2}, {x: 1.0, y: 2.0}):
        value = derivative_at(problem, "z", ("x",), point)
        assert not value.atoms(sympy.Derivative) - {s.expr for s in value.atoms(sympy.Subs)}
        points = {tuple(s.point) for s in value.atoms(sympy.Subs)}
        assert (1, 2) in points
        assert not value.atoms(sympy.Float)


def test_derivative_by_an_intermediate_holds_the_others():
    s = partials.parse("z = u^2 ln v, u = y/x, v = x^2 + y^2").d("z", "u")
    assert s.expr == 2 * variable("u") * sympy.log(variable("v"))


def test_implicit_unknown_of_a_periodic_equation_found_by_scanning():
    """sympy.solve cannot list the roots of z + sin z = xy; z + sin z is
    increasing, so the root is unique: found on a grid and by bisection."""
    problem = partials.parse("z + sin z = xy")
    value = derivative_at(problem, "z", ("x",), {x: 1, y: 2})
    root = sympy.nsolve(z + sympy.sin(z) - 2, z, 1)
    assert math.isclose(float(value), float(2 / (1 + sympy.cos(root))), rel_tol=1e-9)


def test_a_periodic_equation_with_many_roots_asks_for_one():
    with pytest.raises(MathError, match="not unique") as error:
        derivative_at(partials.parse("sin z = xy/2"), "z", ("x",), {x: 1, y: 1})
    assert "z = " in str(error.value) and "z=" in str(error.value.hint)


def test_scanning_for_roots():
    from partials.calculus.computational_graph.roots import real_roots

    assert real_roots(z**2 - 2, z) == pytest.approx([-math.sqrt(2), math.sqrt(2)], rel=1e-12)
    assert real_roots(sympy.tan(z) - 1, z)[:2] == pytest.approx([math.pi / 4 - 32 * math.pi, math.pi / 4 - 31 * math.pi])
    assert real_roots(sympy.exp(z) - 2 * z, z) == []  # e^z > 2z everywhere
    assert real_roots(1 / z - 0 * z, z) == []  # the sign change at the pole is not a root
    assert real_roots(sympy.Function("f")(z) - 1, z) is None  # cannot be evaluated
