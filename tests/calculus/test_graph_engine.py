"""Numbers accumulated on the graph agree with the symbolic chain-rule engine
(partials.calculus.engine.differentiate) evaluated at the same point."""
import random

import pytest
import sympy

from partials.calculus.computational_graph import derivative_at, gradient_at
from partials.core.symbols import variable

from test_graph import ABSTRACT, TEXTBOOK, assert_same_number, make_concrete, random_point, random_problem

import partials.calculus.engine as engine
partials = pytest.importorskip("partials")


def engine_at(problem, of, wrt, point):
    """The engine's symbolic answer, then the point put in (unknowns too)."""
    solution = engine.differentiate(problem, of, (wrt,))
    at = {variable(str(k)): sympy.sympify(v) for k, v in point.items()}
    return solution.explicit.subs(at)


@pytest.mark.parametrize("seed", range(15))
def test_random_problems(seed):
    rng = random.Random(300 + seed)
    problem = random_problem(rng, rng.randint(2, 5))
    out = variable("out")
    point = random_point(rng, problem)
    gradient = gradient_at(problem, out, point)
    for wrt in problem.independent:
        assert_same_number(gradient[wrt], engine_at(problem, out, wrt, point))


@pytest.mark.parametrize("problem, of, point", TEXTBOOK + ABSTRACT)
def test_textbook_and_abstract_problems(problem, of, point):
    for wrt in problem.independent:
        found = derivative_at(problem, of, wrt, point)
        assert_same_number(make_concrete(found), make_concrete(engine_at(problem, of, wrt, point)))


TEXTS = [
    # (text, of, point): every first partial, abstract functions made concrete
    ("z = u^2 ln v, u = y/x, v = x^2 + y^2", "z", "x=1,y=2"),
    ("z = e^(uv), u = ln[√(x^2+y^2)], v = arctan(y/x)", "z", "x=1,y=1"),
    ("z = y^lnx", "z", "x=2,y=3"),
    ("u = f(x,y,z), y = g(x,t), t = v(x,z)", "u", "x=1,z=2"),
    ("z = f(u,v), u = u(x,y), v = v(x,y)", "z", "x=1,y=2"),
    ("z = y / f(x^2 - y^2)", "z", "x=2,y=1"),
    ("e^z = xyz", "z", "x=e^2,y=1/2,z=2"),
    ("F(yz, y + xz) = 0", "z", "x=1,y=2,z=3"),
    ("x^2 + y^2 + z^2 = 14", "z", "x=1,y=2,z=-3"),
    ("u = u(x,y), v = v(x,y), xu - yv = 0, yu + xv = 1", "u", "x=1,y=2,u=2/5,v=1/5"),
    ("u = u(x,y), v = v(x,y), xu - yv = 0, yu + xv = 1", "v", "x=1,y=2,u=2/5,v=1/5"),
    ("y = ln(x+2)", "y", "x=1/2"),
    # a definition downstream of the implicit unknown, used in its equation
    ("u^2 + z^2 + y = 3, u = x + z, w = u·y", "w", "x=0,y=1,z=1"),
    ("u^2 + z^2 + y = 3, u = x + z, w = u·y", "z", "x=0,y=1,z=1"),
    ("c = a + b, d = b + 1, e = c·d", "e", "a=2,b=1"),
]


@pytest.mark.parametrize("text, of, point", TEXTS)
def test_seed_texts(text, of, point):
    from partials.reading.reader import read_assignments

    problem = partials.parse(text)
    values = read_assignments(point)
    exact = gradient_at(problem, of, values)
    approximate = gradient_at(problem, of, values, exact=False)
    for wrt, found in exact.items():
        expected = make_concrete(engine_at(problem, of, wrt, values))
        assert_same_number(make_concrete(found), expected)
        assert_same_number(make_concrete(derivative_at(problem, of, wrt, values)), expected)
        concrete = make_concrete(sympy.sympify(approximate[wrt]))
        assert abs(sympy.N(concrete - expected, 30)) < 1e-9


@pytest.mark.parametrize("text, of, point", TEXTS)
def test_same_numbers_as_the_engine_solution_at_the_point(text, of, point):
    """The graph's gradient equals the engine's symbolic Solution evaluated
    at the point by partials.calculus.points.value_at (its own node values and
    unknown solving), which `partials solve --at` uses for higher orders."""
    import partials.calculus.points as points
    from partials.reading.reader import read_assignments

    problem = partials.parse(text)
    values = read_assignments(point)
    ours = gradient_at(problem, of, values)
    theirs = {wrt: points.value_at(engine.differentiate(problem, of, (wrt,)), values) for wrt in ours}
    assert set(theirs) == set(ours)
    for wrt, value in ours.items():
        assert_same_number(make_concrete(value), make_concrete(sympy.sympify(theirs[wrt])))
