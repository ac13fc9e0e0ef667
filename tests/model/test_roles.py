"""Roles of names (docs/design.md "Problem text") for the seed problems and beyond."""
import pytest
import sympy

import partials

from partials import RoleError, parse
from partials.core.symbols import variable


def names(symbols):
    return tuple(str(s) for s in symbols)


ROLES = [
    # text, independent, intermediate, dependent, implicit, functions
    ("z = u^2 ln v, u = y/x, v = x^2 + y^2", "x y", "u v", "z", "", {}),
    ("z = e^(uv), u = ln[√(x^2+y^2)], v = arctan(y/x)", "x y", "u v", "z", "", {}),
    ("z = y^lnx", "x y", "", "z", "", {}),
    ("u = f(x,y,z), y = g(x,t), t = v(x,z)", "x z", "y t", "u", "", {"f": 3, "g": 2, "v": 2}),
    ("z = f(u,v), u = u(x,y), v = v(x,y)", "x y", "u v", "z", "", {"f": 2}),
    ("z = y / f(x^2 - y^2)", "x y", "", "z", "", {"f": 1}),
    ("e^z = xyz", "x y", "", "z", "z", {}),
    ("F(yz, y + xz) = 0", "x y", "", "z", "z", {"F": 2}),
    ("y = ln(x+2)", "x", "", "y", "", {}),
    ("c = a + b, d = b + 1, e = c·d", "a b", "c d", "e", "", {}),
    ("x^2 + y^2 = 1", "x", "", "y", "y", {}),
    ("xu - yv = 0, yu + xv = 1, u = u(x,y), v = v(x,y)", "x y", "", "u v", "u v", {}),
    ("u = f(ux, v+y), v = g(u-x, v^2 y)", "x y", "", "u v", "u v", {"f": 2, "g": 2}),
    ("x = e^u + u sin v, y = e^u - u cos v, u = u(x,y), v = v(x,y)", "x y", "", "u v", "u v", {}),
    ("z = z(x, y), x + 2y + z - 2√(xyz) = 0", "x y", "", "z", "z", {}),
    ("u = x^2 + y^2 + z^2, z = z(x, y), x + y + z = xyz", "x y", "z", "u", "z", {}),
    ("w = f(x + y + z, xyz)", "x y z", "", "w", "", {"f": 2}),
    ("z = f(x, y), y = φ(x)", "x", "y", "z", "", {"f": 2, "phi": 1}),
]


@pytest.mark.parametrize("text, independent, intermediate, dependent, implicit, functions", ROLES,
                         ids=[row[0] for row in ROLES])
def test_roles(text, independent, intermediate, dependent, implicit, functions):
    problem = parse(text)
    assert names(problem.independent) == tuple(independent.split())
    assert names(problem.intermediate) == tuple(intermediate.split())
    assert names(problem.dependent) == tuple(dependent.split())
    assert names(problem.implicit) == tuple(implicit.split())
    assert problem.functions == functions


def test_inverse_map_reframes_for_the_asked_derivative():
    problem = parse("x = u cos v, y = u sin v").framed_for("u", ["x"])
    assert names(problem.independent) == ("x", "y")
    assert names(problem.implicit) == ("u", "v")
    assert len(problem.equations) == 2


def test_of_names_the_dependent_variable_of_an_equation():
    problem = parse("u^2 + v^2 + w^2 = 1", of="w")
    assert names(problem.implicit) == ("w",)
    assert names(problem.independent) == ("u", "v")


def test_targets_in_the_text():
    problem = parse("z = y^lnx, ∂²z/∂x²")
    assert [(t.of, t.wrt) for t in problem.targets] == [(variable("z"), (variable("x"), variable("x")))]
    problem = parse("设 z = f(x+y, xy)，求∂^2z/∂x∂y")
    assert [t.notation() for t in problem.targets] == ["∂²z/∂x∂y"]


@pytest.mark.parametrize("text, words", [
    ("z = x + 1, z = y", "defined twice"),
    ("x = y + 1, y = x + 1", "cycle"),
    ("u^2 + v^2 + w^2 = 1", "--of"),
    ("x + y = 1, x - y = 2, x y = 3", "equation"),
    ("z = f(x, y) + f(x)", "arguments"),
    ("z = f(x, y), f = x", "function and as a variable"),
])
def test_role_errors_say_what_to_add(text, words):
    with pytest.raises(RoleError, match=words) as caught:
        parse(text)
    assert caught.value.hint


def test_a_derivative_by_an_intermediate_keeps_the_roles():
    problem = parse("z = u^2 ln v, u = y/x, v = x^2 + y^2").framed_for(None, ["u"])
    assert names(problem.dependent) == ("z",)
    assert names(problem.intermediate) == ("u", "v")
    assert problem.equations == ()


def test_of_alone_reframes_an_invertible_map():
    """x = u cos v, y = u sin v with --of u and nothing else: u(x, y), and its
    partials are those of the inverse map u = √(x² + y²), v = atan2(y, x)."""
    import sympy

    from partials import solve

    x, y = variable("x"), variable("y")
    inverse = {"u": sympy.sqrt(x**2 + y**2), "v": sympy.atan(y / x)}
    for name in ("u", "v"):
        solutions = solve("x = u cos v, y = u sin v", of=name)
        assert [s.wrt for s in solutions] == [(x,), (y,)]
        for solution in solutions:
            expected = sympy.diff(inverse[name], solution.wrt[0])
            at = {variable("u"): inverse["u"], variable("v"): inverse["v"]}
            difference = solution.expr.subs(at) - expected
            for point in ({x: 1.3, y: 0.4}, {x: 0.7, y: 2.1}):
                assert abs(complex(difference.subs(point).evalf())) < 1e-12


def test_of_an_independent_variable_is_an_error():
    from partials import solve

    with pytest.raises(RoleError, match="'x' is an independent variable"):
        solve("z = u^2 ln v, u = y/x, v = x^2 + y^2", of="x")


@pytest.mark.parametrize("text, dependent, independent", [
    ("f(x,y) = x^2 y", "f", ("x", "y")),
    ("f(x) = x^2 sin x", "f", ("x",)),
    ("g(u, v) = u^2 - v^2, u = x + y, v = x - y", "g", ("x", "y")),
])
def test_a_function_defined_by_its_formula_is_the_dependent_variable(text, dependent, independent):
    problem = parse(text)
    assert names(problem.dependent) == (dependent,)
    assert names(problem.independent) == independent
    assert not problem.equations and not problem.functions


@pytest.mark.parametrize("text", ["F(x, y) = 0", "F(x, y, z) = 1", "F(x + y, z) = x^2", "f(x, y) = x^2 + z"])
def test_other_calls_on_the_left_stay_equations(text):
    problem = parse(text)
    assert len(problem.equations) == 1


def test_the_derivative_of_a_function_defined_by_its_formula():
    import sympy

    from partials import solve

    x, y = variable("x"), variable("y")
    [fx, fy] = solve("f(x,y) = x^2 y + sin(xy)")
    assert sympy.simplify(fx.expr - sympy.diff(x**2 * y + sympy.sin(x * y), x)) == 0
    assert sympy.simplify(fy.expr - sympy.diff(x**2 * y + sympy.sin(x * y), y)) == 0


def test_a_greek_name_is_the_same_variable_typed_or_spelled():
    """One name → symbol path (partials.core.symbols.symbol_named) for the
    API, the roles, the engine and points."""
    problem = partials.parse("x = r cos θ, y = r sin θ, z = x^2 + y^2")
    assert problem.role_of("θ") == problem.role_of("theta") == "independent"
    by_letter, by_name = problem.d("z", "θ"), problem.d("z", "theta")
    assert by_letter.expr == by_name.expr
    # the oracle: z = r², so ∂z/∂θ = 0 and ∂z/∂r = 2r
    assert sympy.simplify(by_letter.explicit) == 0
    r = sympy.Symbol("r", real=True)
    assert sympy.simplify(problem.d("z", "r").explicit - 2 * r) == 0
