"""The computational graph: seed numbers, forward = reverse = an independent
oracle (full substitution then sympy.diff, evaluated exactly), visits, paths."""
import itertools
import random

import pytest
import sympy

from partials.core.errors import MathError, PartialsError, RoleError
from partials.calculus.computational_graph import build_graph, derivative_at, gradient_at, local_partial
from partials.presentation.graph_picture import notation
from partials.model.problem import Problem, Relation
from partials.core.symbols import function, variable

a, b, c, d, e = (variable(n) for n in "abcde")
x, y, z, u, v, t, w = (variable(n) for n in "xyzuvtw")
f, g, F = function("f"), function("g"), function("F")


def define(*pairs, **options) -> Problem:
    return Problem.from_relations([Relation("definition", lhs, rhs) for lhs, rhs in pairs], **options)


SEED = define((c, a + b), (d, b + 1), (e, c * d))
SEED_POINT = {"a": 2, "b": 1}


# ---- seed problem 11 ---------------------------------------------------------------
def test_seed_graph_shape():
    graph = build_graph(SEED)
    assert [(n.name, n.role) for n in graph.nodes] == [
        (a, "input"), (b, "input"), (c, "intermediate"), (d, "intermediate"), (e, "output"),
    ]
    assert [(s.source, s.target, s.local) for s in graph.edges] == [
        (a, c, 1), (b, c, 1), (b, d, 1), (c, e, d), (d, e, c),
    ]


def test_seed_graph_numbers():
    sweeps = build_graph(SEED).sweeps(SEED_POINT, e, b)
    assert sweeps.values == {a: 2, b: 1, c: 3, d: 2, e: 6}
    assert sweeps.locals == [1, 1, 1, 2, 3]
    assert sweeps.forward == {a: 0, b: 1, c: 1, d: 1, e: 5}  # ∂node/∂b
    assert sweeps.adjoint == {a: 2, b: 5, c: 2, d: 3, e: 1}  # ∂e/∂node
    assert sweeps.forward_visits == sweeps.reverse_visits == 5


def test_seed_graph_entry_points():
    assert derivative_at(SEED, "e", "a", SEED_POINT) == 2
    assert derivative_at(SEED, "e", "b", SEED_POINT) == 5
    assert gradient_at(SEED, "e", SEED_POINT) == {a: 2, b: 5}
    assert gradient_at(SEED, "e", SEED_POINT, exact=False) == {a: 2.0, b: 5.0}


def test_seed_graph_symbolic_sweeps_in_node_names():
    sweeps = build_graph(SEED).symbolic(e, b)
    assert sweeps.forward[e] == c + d
    assert sweeps.adjoint == {a: d, b: c + d, c: d, d: c, e: 1}


def test_seed_graph_paths():
    graph = build_graph(SEED)
    assert graph.count_paths() == 3
    assert graph.count_paths(b, e) == 2
    assert graph.count_paths(a, e) == 1


def test_path_explosion_of_seed_problem_12():
    """X reaches Y by 3 edges and Y reaches Z by 3: 9 paths, 6 edges; the
    graph here has three parallel intermediates on each stage."""
    p1, p2, p3, q1, q2, q3 = (variable(n) for n in ("p_1", "p_2", "p_3", "q_1", "q_2", "q_3"))
    Y, Z = variable("Y"), variable("Z")
    problem = define(
        (p1, 2 * x), (p2, x ** 2), (p3, sympy.sin(x)), (Y, p1 + p2 + p3),
        (q1, 3 * Y), (q2, Y ** 3), (q3, sympy.exp(Y)), (Z, q1 + q2 + q3),
    )
    graph = build_graph(problem)
    assert graph.count_paths(x, Z) == 9
    # (α+β+γ)(δ+ε+ξ) at x = 0: Y = 0, so (2 + 0 + 1)(3 + 0 + 1) = 12
    assert derivative_at(problem, Z, x, {x: 0}) == 12


# ---- an independent oracle -----------------------------------------------------------
def substituted(problem: Problem, of) -> sympy.Expr:
    """`of` written in the independent variables only (full substitution)."""
    expr = problem.definitions[of]
    for _ in range(len(problem.definitions) + 1):
        expr = expr.xreplace(problem.definitions)
    return expr


def oracle(problem: Problem, of, wrt, point: dict) -> sympy.Expr:
    at = {variable(str(k)): sympy.sympify(v) for k, v in point.items()}
    return sympy.diff(substituted(problem, of), wrt).xreplace(at)


def assert_same_number(found, expected):
    difference = sympy.sympify(found) - sympy.sympify(expected)
    assert difference == 0 or abs(sympy.N(difference, 60)) < 1e-40, (found, expected)


UNARY = [
    sympy.sin, sympy.cos, sympy.exp, sympy.atan,
    lambda q: sympy.sqrt(q ** 2 + 1), lambda q: sympy.log(q ** 2 + 1), lambda q: 1 / (q ** 2 + 2),
]


def random_problem(rng: random.Random, size: int) -> Problem:
    """Definitions n_1 … n_size, each a random expression in up to three
    earlier names (inputs x, y, z or definitions); the last is the output."""
    names = [x, y, z]
    pairs = []
    for k in range(1, size + 1):
        used = rng.sample(names, min(len(names), rng.randint(1, 3)))
        terms = []
        for name in used:
            coefficient = sympy.Rational(rng.randint(-5, 5) or 1, rng.randint(1, 4))
            shape = rng.randrange(4)
            if shape == 0:
                terms.append(coefficient * name)
            elif shape == 1:
                terms.append(coefficient * name ** rng.randint(2, 3))
            else:
                terms.append(coefficient * rng.choice(UNARY)(name))
        expr = sympy.Add(*terms) if rng.random() < 0.5 else sympy.Mul(*terms)
        name = variable(f"n_{k}")
        pairs.append((name, expr))
        names.append(name)
    # the output uses the last definition and every input, so all are inputs
    pairs.append((variable("out"), pairs[-1][0] + x * y * z))
    return define(*pairs)


def random_point(rng: random.Random, problem: Problem) -> dict:
    return {name: sympy.Rational(rng.randint(-9, 9), rng.randint(1, 5)) for name in problem.independent}


@pytest.mark.parametrize("seed", range(30))
def test_forward_reverse_and_oracle_agree_on_random_problems(seed):
    rng = random.Random(seed)
    problem = random_problem(rng, rng.randint(2, 6))
    out = variable("out")
    point = random_point(rng, problem)
    graph = build_graph(problem)
    gradient = graph.gradient(point, out)
    for wrt in problem.independent:
        sweeps = graph.sweeps(point, out, wrt)
        assert_same_number(sweeps.forward[out], sweeps.adjoint[wrt])
        assert_same_number(gradient[wrt], oracle(problem, out, wrt, point))
        assert_same_number(derivative_at(problem, out, wrt, point), gradient[wrt])
        assert sweeps.forward_visits == sweeps.reverse_visits == len(graph.edges)


@pytest.mark.parametrize("seed", range(10))
def test_float_mode_matches_exact(seed):
    rng = random.Random(100 + seed)
    problem = random_problem(rng, 5)
    out = variable("out")
    point = random_point(rng, problem)
    exact = gradient_at(problem, out, point)
    approximate = gradient_at(problem, out, point, exact=False)
    for name in problem.independent:
        assert isinstance(approximate[name], float)
        assert approximate[name] == pytest.approx(float(exact[name]), rel=1e-9, abs=1e-12)


@pytest.mark.parametrize("seed", range(10))
def test_path_count_equals_enumeration(seed):
    rng = random.Random(200 + seed)
    problem = random_problem(rng, 7)
    graph = build_graph(problem)
    children = {}
    for edge in graph.edges:
        children.setdefault(edge.source, []).append(edge.target)

    def walks(node):
        if node in graph.outputs:
            return 1
        return sum(walks(child) for child in children.get(node, []))

    assert graph.count_paths() == sum(walks(i) for i in graph.inputs)


# ---- explicit textbook problems --------------------------------------------------------
TEXTBOOK = [
    # seed problem 1
    (define((z, u ** 2 * sympy.log(v)), (u, y / x), (v, x ** 2 + y ** 2)), z, {x: 1, y: 2}),
    # seed problem 2
    (define((z, sympy.exp(u * v)), (u, sympy.log(sympy.sqrt(x ** 2 + y ** 2))), (v, sympy.atan(y / x))), z,
     {x: 1, y: 1}),
    # seed problem 3
    (define((z, y ** sympy.log(x))), z, {x: sympy.E, y: 2}),
    # seed problem 9
    (define((y, sympy.log(x + 2))), y, {x: sympy.Rational(1, 2)}),
    (define((w, x * sympy.sqrt(y) + sympy.pi * y)), w, {x: 3, y: 2}),
]


@pytest.mark.parametrize("problem, of, point", TEXTBOOK)
def test_textbook_problems_match_oracle(problem, of, point):
    gradient = gradient_at(problem, of, point)
    for wrt in problem.independent:
        assert_same_number(gradient[wrt], oracle(problem, of, wrt, point))
        assert_same_number(derivative_at(problem, of, wrt, point), gradient[wrt])


def test_exact_values_stay_exact():
    problem, of, point = TEXTBOOK[0]
    # z = (y/x)² ln(x² + y²) at (1, 2): ∂z/∂x = −2·4·ln 5 + 4·2/5
    assert gradient_at(problem, of, point)[x] == -8 * sympy.log(5) + sympy.Rational(8, 5)


# ---- abstract functions --------------------------------------------------------------------
CONCRETE = {
    "f": lambda *s: sympy.sin(s[0]) * s[-1] + s[0] ** 2 * (len(s) > 2 and s[1] or 1),
    "g": lambda *s: sympy.exp(s[0] / 3) + s[-1] ** 3,
    "v": lambda *s: s[0] * s[1] + sympy.cos(s[1]),
    "u": lambda *s: s[0] ** 2 - 3 * s[1],
    "F": lambda *s: s[0] ** 2 + s[0] * s[1] - sympy.Rational(1, 2) * s[1] ** 2,
}


def make_concrete(expr: sympy.Expr) -> sympy.Expr:
    """Put the concrete functions above in place of the abstract ones, then .doit()."""
    for name, body in CONCRETE.items():
        expr = expr.replace(function(name), lambda *args, body=body: body(*args))
    return expr.doit()


ABSTRACT = [
    # seed problem 4: u = f(x, y, z), y = g(x, t), t = v(x, z)
    (define((u, f(x, y, z)), (y, g(x, t)), (t, function("v")(x, z))), u, {x: 1, z: 2}),
    # seed problem 6: z = y / f(x² − y²)
    (define((z, y / f(x ** 2 - y ** 2))), z, {x: 2, y: 1}),
    (define((z, f(x * y, x + y) ** 2 + x)), z, {x: 1, y: sympy.Rational(1, 2)}),
]


@pytest.mark.parametrize("problem, of, point", ABSTRACT)
def test_abstract_functions_with_concrete_stand_ins(problem, of, point):
    gradient = gradient_at(problem, of, point)
    for wrt in problem.independent:
        found = gradient[wrt]
        assert found.has(sympy.Subs)  # unknown values such as f₁′(3, 2)
        expected = make_concrete(sympy.diff(make_concrete(substituted(problem, of)), wrt)).xreplace(point)
        assert_same_number(make_concrete(found), expected)


def test_seed_problem_5_abstract_intermediates():
    """z = f(u, v), u = u(x, y), v = v(x, y): ∂z/∂x = f₁′·∂u/∂x + f₂′·∂v/∂x."""
    problem = Problem.from_relations([
        Relation("definition", z, f(u, v)),
        Relation("declaration", u, function("u")(x, y)),
        Relation("declaration", v, function("v")(x, y)),
    ])
    graph = build_graph(problem)
    assert [notation(edge.local, problem) for edge in graph.edges if edge.target == z] == ["f₁′", "f₂′"]
    found = derivative_at(problem, z, x, {x: 1, y: 2})
    assert notation(found, problem) in {
        "f₁′(u(1, 2), v(1, 2))·∂u/∂x(1, 2) + f₂′(u(1, 2), v(1, 2))·∂v/∂x(1, 2)",
        "∂u/∂x(1, 2)·f₁′(u(1, 2), v(1, 2)) + ∂v/∂x(1, 2)·f₂′(u(1, 2), v(1, 2))",
    }
    explicit = make_concrete(f(function("u")(x, y), function("v")(x, y)))
    assert_same_number(make_concrete(found), sympy.diff(explicit, x).xreplace({x: 1, y: 2}))
    # given values of the abstract intermediates are used
    given = derivative_at(problem, z, x, {x: 1, y: 2, u: 3, v: 5})
    assert given.has(sympy.Subs) and not given.has(function("u")(1, 2))


def test_local_partial_is_canonical():
    """f₁′ is Subs(Derivative(f(_1, _2), _1), (_1, _2), args), whatever the
    arguments, and compares equal across calls."""
    found = local_partial(f(x * y, x + y), x)
    first = sympy.Subs(sympy.Derivative(f(*SLOTS), SLOTS[0]), SLOTS, (x * y, x + y))
    second = sympy.Subs(sympy.Derivative(f(*SLOTS), SLOTS[1]), SLOTS, (x * y, x + y))
    assert sympy.expand(found - (y * first + second)) == 0


SLOTS = (sympy.Symbol("_1", real=True), sympy.Symbol("_2", real=True))


# ---- implicit dependents ------------------------------------------------------------------------
def equation(lhs, rhs=0, **options) -> Problem:
    return Problem.from_relations([Relation("equation", lhs, rhs)], **options)


def test_sphere_against_explicit_solution():
    problem = equation(x ** 2 + y ** 2 + z ** 2, 14)
    explicit = sympy.sqrt(14 - x ** 2 - y ** 2)
    for point in ({x: 1, y: 2, z: 3}, {x: sympy.Rational(1, 2), y: -1, z: sympy.sqrt(14 - sympy.Rational(5, 4))}):
        gradient = gradient_at(problem, z, point)
        for wrt in (x, y):
            assert_same_number(gradient[wrt], sympy.diff(explicit, wrt).xreplace(point))


def test_implicit_value_is_solved_when_unique():
    problem = equation(x * z + y - z, 0)  # z = y / (1 − x)
    gradient = gradient_at(problem, z, {x: 3, y: 4})
    explicit = y / (1 - x)
    for wrt in (x, y):
        assert_same_number(gradient[wrt], sympy.diff(explicit, wrt).xreplace({x: 3, y: 4}))


def finite_difference_of_implicit(equation_expr, unknown, point, wrt, h=sympy.Rational(1, 10 ** 8)):
    """Central difference of the solution of equation_expr = 0, by nsolve."""
    def solved(shift):
        moved = {name: value for name, value in point.items() if name != unknown}
        moved[wrt] = point[wrt] + shift
        return sympy.nsolve(equation_expr.xreplace(moved), unknown, sympy.N(point[unknown], 40), prec=40)
    return (solved(h) - solved(-h)) / (2 * h)


def test_seed_problem_7_against_finite_differences():
    """e^z = xyz: at x = e, y = 2 the solutions of e^z = 2e·z are z = −W(−1/(2e))
    on both branches; take the point by its z."""
    problem = equation(sympy.exp(z), x * y * z)
    zeros = [-sympy.LambertW(-sympy.exp(-1) / 2), -sympy.LambertW(-sympy.exp(-1) / 2, -1)]
    for root in zeros:
        point = {x: sympy.E, y: 2, z: root}
        gradient = gradient_at(problem, z, point)
        for wrt in (x, y):
            expected = finite_difference_of_implicit(sympy.exp(z) - x * y * z, z, point, wrt)
            assert abs(sympy.N(gradient[wrt] - expected, 30)) < 1e-10
            # the textbook formula ∂z/∂x = yz/(e^z − xy)
        textbook = (y * z / (sympy.exp(z) - x * y)).xreplace(point)
        assert_same_number(gradient[x], textbook)


def test_seed_problem_8_abstract_implicit():
    """F(yz, y + xz) = 0: ∂z/∂y = −(z F₁′ + F₂′)/(y F₁′ + x F₂′), with a
    concrete F and a point on the surface."""
    problem = equation(F(y * z, y + x * z))
    point = {x: 1, y: 1, z: 2}  # concrete F(s, t) = s² + st − t²/2: F(2, 3) = 4 + 6 − 9/2 ≠ 0
    concrete = make_concrete(F(y * z, y + x * z))
    point[z] = [r for r in sympy.solve(concrete.xreplace({x: 1, y: 1}), z) if r.is_real][0]
    found = derivative_at(problem, z, y, point)
    expected = finite_difference_of_implicit(concrete, z, point, y)
    assert abs(sympy.N(make_concrete(found) - expected, 30)) < 1e-10


def test_system_against_explicit_solution():
    """xu − yv = 0, yu + xv = 1 gives u = y/(x²+y²), v = x/(x²+y²)."""
    problem = Problem.from_relations([
        Relation("declaration", u, function("u")(x, y)),
        Relation("declaration", v, function("v")(x, y)),
        Relation("equation", x * u - y * v, 0),
        Relation("equation", y * u + x * v, 1),
    ])
    point = {x: 1, y: 2}
    explicit = {u: y / (x ** 2 + y ** 2), v: x / (x ** 2 + y ** 2)}
    for of in (u, v):
        gradient = gradient_at(problem, of, point)
        for wrt in (x, y):
            assert_same_number(gradient[wrt], sympy.diff(explicit[of], wrt).xreplace(point))


def test_inverted_definitions_polar():
    """x = u cos v, y = u sin v asked for ∂u/∂x: u = √(x²+y²), v = atan(y/x)."""
    problem = define((x, u * sympy.cos(v)), (y, u * sympy.sin(v)))
    point = {x: 1, y: 1, u: sympy.sqrt(2), v: sympy.pi / 4}
    assert_same_number(derivative_at(problem, u, x, point), sympy.sqrt(2) / 2)
    assert_same_number(derivative_at(problem, v, x, point), -sympy.Rational(1, 2))
    with pytest.raises(MathError, match="cannot be solved"):  # trigonometric: solutions are not listed completely
        derivative_at(problem, u, x, {x: 1, y: 1})


# ---- errors ---------------------------------------------------------------------------------
@pytest.mark.parametrize("problem, point, error, message", [
    (SEED, {"a": 2}, RoleError, "no value for b"),
    (SEED, {"a": 2, "b": 1, "c": 3}, RoleError, "computed from its definition"),
    (SEED, {"a": 2, "b": 1, "q": 3}, RoleError, "not a variable"),
    (SEED, {"a": 2, "b": "1"}, PartialsError, "must be a number"),
    (define((z, sympy.log(x))), {"x": -1}, MathError, "z = ln x is not real"),
    (define((z, sympy.log(x))), {"x": 0}, MathError, "undefined"),
    (define((z, 1 / (x - y))), {"x": 1, "y": 1}, MathError, "undefined"),
    (equation(x ** 2 + y ** 2 + z ** 2, 14), {"x": 1, "y": 2, "z": 2}, MathError, "does not satisfy"),
    (equation(x ** 2 + y ** 2 + z ** 2, 14), {"x": 1, "y": 2}, MathError, "several solutions"),
    (equation(x ** 2 + y ** 2 + z ** 2, 1), {"x": 1, "y": 2}, MathError, "no real solution"),
    (equation(x ** 2 + y ** 2 + z ** 2, 14), {"x": 3, "y": 0, "z": 0, }, MathError, "does not satisfy"),
    (equation(x ** 2 + y ** 2 + z ** 2, 9), {"x": 3, "y": 0, "z": 0}, MathError, "implicit-function rule"),
])
def test_errors_are_clear(problem, point, error, message):
    of = problem.dependent[0]
    for exact in (True, False):
        with pytest.raises(error, match=message):
            gradient_at(problem, of, point, exact=exact)


def test_unknown_names_are_refused():
    with pytest.raises(RoleError):
        derivative_at(SEED, "e", "q", SEED_POINT)


def test_forward_from_an_intermediate_equals_its_adjoint():
    """∂e/∂c as a perturbation of node c: forward from c, reverse from e."""
    sweeps = build_graph(SEED).sweeps(SEED_POINT, e, c)
    assert sweeps.forward[e] == sweeps.adjoint[c] == 2


def test_every_edge_visited_once_per_sweep_on_all_inputs():
    rng = random.Random(7)
    problem = random_problem(rng, 8)
    graph = build_graph(problem)
    point = random_point(rng, problem)
    for wrt, of in itertools.product(graph.inputs, graph.outputs):
        sweeps = graph.sweeps(point, of, wrt, exact=False)
        assert sweeps.forward_visits == sweeps.reverse_visits == len(graph.edges)


def random_expression(rng: random.Random, names) -> sympy.Expr:
    terms = [sympy.Rational(rng.randint(-4, 4) or 1, rng.randint(1, 3)) * rng.choice(UNARY)(name) for name in names]
    return sympy.Add(*terms) + rng.choice(names) * rng.choice(names)


@pytest.mark.parametrize("seed", range(10))
def test_random_implicit_problems_against_explicit_solution(seed):
    """(z − φ(x, y))·(1 + z²) = 0 has the single real solution z = φ(x, y):
    −G_x/G_z on the graph must equal ∂φ/∂x."""
    rng = random.Random(400 + seed)
    phi = random_expression(rng, [x, y])
    problem = equation((z - phi) * (1 + z ** 2))
    point = {x: sympy.Rational(rng.randint(-6, 6), rng.randint(1, 4)), y: sympy.Rational(rng.randint(-6, 6), 3)}
    solved = gradient_at(problem, z, point)  # z found by solving at the point
    given = gradient_at(problem, z, {**point, z: phi.xreplace(point)})
    for wrt in (x, y):
        expected = sympy.diff(phi, wrt).xreplace(point)
        assert_same_number(given[wrt], expected)
        assert_same_number(solved[wrt], expected)


@pytest.mark.parametrize("seed", range(10))
def test_random_abstract_compositions(seed):
    """z = f(φ₁, φ₂) + g(φ₃, x) with random φ: f, g made concrete afterwards."""
    rng = random.Random(500 + seed)
    phis = [random_expression(rng, [x, y]) for _ in range(3)]
    problem = define((u, phis[0]), (v, phis[1]), (z, f(u, v) + g(phis[2], x) * u))
    point = {x: sympy.Rational(rng.randint(-6, 6), rng.randint(1, 4)), y: sympy.Rational(rng.randint(-6, 6), 3)}
    gradient = gradient_at(problem, z, point)
    explicit = make_concrete(substituted(problem, z))
    for wrt in (x, y):
        assert gradient[wrt].has(sympy.Subs)
        assert_same_number(make_concrete(gradient[wrt]), sympy.diff(explicit, wrt).xreplace(point))
        assert_same_number(derivative_at(problem, z, wrt, point), gradient[wrt])


def test_exact_values_are_bounded():
    """(3/2)^(10⁹) would never end: a clear limit instead, and floating
    point says it overflows."""
    from partials.core.errors import LimitError

    problem = define((u, x ** 1000), (v, u ** 1000), (w, v ** 1000))
    with pytest.raises(LimitError, match="grows too large"):
        gradient_at(problem, w, {x: sympy.Rational(3, 2)})
    with pytest.raises(MathError, match="too large for floating point"):
        gradient_at(problem, w, {x: sympy.Rational(3, 2)}, exact=False)
    assert gradient_at(problem, w, {x: 1}) == {x: 10 ** 9}


def test_large_exact_values_are_shown_by_their_approximation():
    from partials.presentation.graph_picture import shown

    names = [variable(f"a_{k}") for k in range(1, 10)]  # trees of ~4000 parts
    pairs, below = [], x
    for name in names:
        pairs.append((name, sympy.sin(below) + below ** 2))
        below = name
    problem = define(*pairs)
    point = {x: sympy.Rational(1, 3)}
    graph = build_graph(problem)
    exact = graph.sweeps(point, names[-1], x)
    approximate = graph.sweeps(point, names[-1], x, exact=False)
    value = exact.forward[names[-1]]
    text = shown(value, problem, approximate.forward[names[-1]])
    assert text.startswith("≈ ")
    assert float(text[2:]) == pytest.approx(float(sympy.N(value, 20)), rel=1e-9)
