"""The numeric core of checking, each part against an independent oracle:
SymPy's own evalf for the evaluator, SymPy's diff for the concrete stand-ins
of abstract functions, the equations themselves for points of a surface."""
import random

import mpmath
import pytest
import sympy

import partials
from partials.assessment.equivalence import (
    FP, MP, ConcreteFunction, Evaluator, PointSampler, PointSet, Undefined, algebraically_equal, close,
    compare,
)
from partials.model.problem import Problem, Relation, abstract_derivative
from partials.core.symbols import function, variable

x, y, z, u, v = (variable(n) for n in "xyzuv")
f = function("f")

EXPRESSIONS = [
    x**2 * sympy.log(y) + sympy.sqrt(x * y),
    sympy.exp(x * y) * sympy.sin(x + y) / (1 + x**2),
    sympy.atan(y / x) + sympy.acot(x) - sympy.asin(x / 4) + sympy.acos(y / 5),
    y ** sympy.log(x),
    sympy.tan(x) * sympy.cot(y) + sympy.sec(x) - sympy.csc(y),
    sympy.sinh(x) * sympy.cosh(y) / sympy.tanh(x + y) + sympy.Abs(x - y),
    sympy.Rational(3, 7) * x**-3 + sympy.pi * y + sympy.E**x + sympy.Float("0.125") * x,
    (x**2 + y**2) ** sympy.Rational(3, 2) - (x * y) ** sympy.Rational(1, 3),
]


@pytest.mark.parametrize("expr", EXPRESSIONS, ids=[str(e)[:40] for e in EXPRESSIONS])
def test_evaluator_agrees_with_sympy_evalf(expr):
    rng = random.Random(str(expr))
    for _ in range(5):
        point = {x: rng.uniform(0.3, 2.0), y: rng.uniform(0.3, 2.0)}
        truth = expr.subs({s: sympy.Float(val, 40) for s, val in point.items()}).evalf(40)
        names = {s.name: val for s, val in point.items()}
        with MP.workdps(40):
            exact = Evaluator(MP, {})(expr, {k: MP.mpf(val) for k, val in names.items()})
            assert abs(exact - MP.mpf(str(truth))) <= 1e-30 * (1 + abs(exact))
        fast = Evaluator(FP, {})(expr, names)
        assert fast == pytest.approx(float(truth), rel=1e-12)


@pytest.mark.parametrize("expr, point", [
    (sympy.log(x), {"x": -1.0}),
    (sympy.sqrt(x), {"x": -2.0}),
    (1 / x, {"x": 0.0}),
    (sympy.asin(x), {"x": 1.5}),
    (sympy.tan(x), {"x": float(mpmath.pi / 2)}),
    (x ** sympy.Rational(1, 3), {"x": -8.0}),
])
def test_points_outside_the_domain_are_undefined(expr, point):
    with pytest.raises(Undefined):
        Evaluator(FP, {})(expr, point)


def _concrete_as_sympy(concrete: ConcreteFunction, slots):
    """The stand-in function written out in SymPy from its coefficients."""
    n = concrete.arity
    expr = sympy.Float(concrete.c0, 30) + sum(sympy.Float(concrete.c[i], 30) * slots[i] for i in range(n))
    expr += sum(sympy.Float(concrete.q[i][j], 30) * slots[i] * slots[j] for i in range(n) for j in range(n)) / 2
    expr += sympy.Float(concrete.amplitude, 30) * sympy.sin(
        sum(sympy.Float(concrete.w[i], 30) * slots[i] for i in range(n)) + sympy.Float(concrete.phase, 30))
    expr += sympy.Float(concrete.growth, 30) * sympy.exp(sum(sympy.Float(concrete.s[i], 30) * slots[i] for i in range(n)))
    return expr


@pytest.mark.parametrize("arity, positions", [
    (1, ()), (1, (1,)), (1, (1, 1)), (1, (1, 1, 1)), (2, (1,)), (2, (2,)), (2, (1, 2)), (2, (2, 2)),
    (2, (1, 1, 2)), (3, (1, 2, 3)), (3, (3,)), (2, (1, 1, 2, 2)),
])
def test_concrete_function_derivatives_agree_with_sympy_diff(arity, positions):
    rng = random.Random(f"{arity}{positions}")
    concrete = ConcreteFunction("f", arity, rng)
    slots = sympy.symbols(f"a1:{arity + 1}", real=True)
    derivative = _concrete_as_sympy(concrete, slots)
    for p in positions:  # (sympy.diff with no variable would differentiate anyway)
        derivative = sympy.diff(derivative, slots[p - 1])
    args = [rng.uniform(-2, 2) for _ in range(arity)]
    truth = derivative.subs({s: sympy.Float(a, 30) for s, a in zip(slots, args)}).evalf(30)
    with MP.workdps(30):
        exact = concrete.derivative(MP, [MP.mpf(a) for a in args], positions)
        assert abs(exact - MP.mpf(str(truth))) <= 1e-20 * (1 + abs(exact))
    assert concrete.derivative(FP, args, positions) == pytest.approx(float(truth), rel=1e-10, abs=1e-12)


def test_abstract_derivatives_evaluate_like_doit_on_the_concrete_function():
    """f₁₂″(x+y, xy) evaluated by the checker = .doit() with f made concrete."""
    rng = random.Random(3)
    concrete = ConcreteFunction("f", 2, rng)
    a, b = sympy.symbols("a b", real=True)
    lam = sympy.Lambda((a, b), _concrete_as_sympy(concrete, (a, b)))
    expr = abstract_derivative(f, (x + y, x * y), [1, 2]) * x + abstract_derivative(f, (x + y, x * y), [2])
    truth = expr.subs(f, lam).doit().subs({x: sympy.Float("0.7", 30), y: sympy.Float("1.3", 30)}).evalf(30)
    got = Evaluator(FP, {"f": concrete})(expr, {"x": 0.7, "y": 1.3})
    assert got == pytest.approx(float(truth), rel=1e-10)


def _implicit(*relations):
    return Problem.from_relations(list(relations))


@pytest.mark.parametrize("problem", [
    _implicit(Relation("equation", sympy.exp(z), x * y * z)),
    _implicit(Relation("equation", x**2 + y**2 + z**2, 4 * z)),
    _implicit(Relation("equation", function("F")(y * z, y + x * z), 0)),
    _implicit(Relation("equation", x * u - y * v, 0), Relation("equation", y * u + x * v, 1),
              Relation("declaration", u, sympy.Function("u")(x, y)), Relation("declaration", v, sympy.Function("v")(x, y))),
], ids=["e^z=xyz", "sphere", "F(yz,y+xz)=0", "system"])
def test_sampled_points_lie_on_the_surface(problem):
    sampler = PointSampler(problem, random.Random(5))
    points = [p for p in (sampler.draw(k) for k in range(40)) if p is not None]
    assert len(points) >= 8
    for point in points:
        for equation in problem.equations:
            with MP.workdps(40):
                residual = Evaluator(MP, point.functions)(equation, point.exact)
            assert abs(residual) < 1e-25
        assert {s.name for s in problem.implicit} <= set(point.exact)


def test_surface_points_avoid_a_vanishing_f_z():
    """On x² + y² + z² = 4z, F_z = 2z − 4 vanishes at z = 2: no point there."""
    problem = _implicit(Relation("equation", x**2 + y**2 + z**2, 4 * z))
    points = [p for p in (PointSampler(problem, random.Random(1)).draw(k) for k in range(60)) if p]
    assert all(abs(p.exact["z"] - 2) > 1e-3 for p in points)


def test_same_seed_same_points_other_seed_other_points():
    problem = _implicit(Relation("equation", sympy.exp(z), x * y * z))
    key = y * z / (sympy.exp(z) - x * y)
    first, again, other = PointSet(problem, key, seed=4), PointSet(problem, key, seed=4), PointSet(problem, key, seed=5)
    assert [p.fast for p in first.values] == [p.fast for p in again.values]
    assert [p.fast for p in first.values] != [p.fast for p in other.values]


def test_tolerance_is_relative_with_an_absolute_floor():
    assert close(1.0, 1.0 + 5e-10)
    assert not close(1.0, 1.0 + 5e-9)
    assert close(1e8, 1e8 * (1 + 5e-10))
    assert close(0.0, 1e-13)
    assert not close(0.0, 1e-9)


def test_algebra_proves_simple_equalities_and_never_claims_a_difference():
    assert algebraically_equal((x + 1) ** 2, x**2 + 2 * x + 1)
    assert not algebraically_equal(x**2, x**2 + 1)
    assert not algebraically_equal((x + y) ** 40, sympy.expand((x + y) ** 40))  # too big to expand: not shown


def test_answer_undefined_everywhere_is_undecided_with_the_reason():
    problem = Problem.from_relations([Relation("definition", z, x**2 * y)])
    points = PointSet(problem, 2 * x * y)
    outcome = compare(sympy.log(-x**2 - y**2 - 1), points)
    assert outcome.status == "undecided"
    assert "undefined" in outcome.reason


def test_key_undefined_everywhere_gives_could_not_decide():
    verdict = partials.check("z = sqrt(-x^2 - y^2 - 1)", "∂z/∂x", "x/sqrt(-x^2-y^2-1)")
    assert verdict.correct is None
    assert verdict.status == "undecided"
    assert "could not decide" in verdict.message


def test_answer_defined_only_far_from_the_first_points_is_still_decided():
    """ln(y(ln y − 1)) needs y > e: the wide points decide it."""
    verdict = partials.check("z = y^lnx", "∂²z/∂x²", "y^lnx ln y (ln y - 1)/x^2")
    assert verdict.correct is False


def test_surface_that_needs_large_values_is_still_sampled():
    """x + 2y + z = 2√(xyz) has no positive point with every value below 2.5."""
    text = "x + 2y + z - 2√(xyz) = 0"
    assert partials.check(text, "∂z/∂x", "(yz - √(xyz))/(√(xyz) - xy)").correct is True
    assert partials.check(text, "∂z/∂x", "-(yz - √(xyz))/(√(xyz) - xy)").correct is False


def test_could_not_decide_always_says_why():
    problem = Problem.from_relations([Relation("definition", z, sympy.sqrt(-x**2 - y**2 - 1))])
    points = PointSet(problem, -x / sympy.sqrt(-x**2 - y**2 - 1))
    outcome = compare(x, points)
    assert outcome.status == "undecided"
    assert "valid test points" in outcome.reason and "domain" in outcome.reason
