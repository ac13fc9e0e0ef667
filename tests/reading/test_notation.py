"""Every row of docs/design.md's notation tables reads to the right SymPy object."""
import pytest
import sympy
from sympy import E, Abs, Rational, acot, asin, atan, cos, cosh, exp, log, pi, sin, sqrt, tan

from partials.core.errors import NotationError
from partials.model.notation import Partial
from partials.model.problem import abstract_derivative
from partials.reading.reader import read_answer, read_expression, read_problem, read_target
from partials.core.symbols import function, variable

x, y, z, u, v, t = (variable(n) for n in "xyzuvt")
f, F = function("f"), function("F")

EXPRESSIONS = [
    # implicit multiplication
    ("2x", 2 * x), ("xy", x * y), ("x y", x * y), ("xyz", x * y * z), ("2(x+1)", 2 * (x + 1)),
    ("(x+1)(x-1)", (x + 1) * (x - 1)), ("x(y+1)", x * (y + 1)), ("u^2 ln v", u**2 * log(v)),
    ("2u ln v·(-y/x^2)", 2 * u * log(v) * (-y / x**2)), ("u^2/v·2x", u**2 / v * 2 * x),
    # powers
    ("x^2", x**2), ("x**2", x**2), ("x²", x**2), ("e^(uv)", exp(u * v)), ("e^-x", exp(-x)),
    ("x^2y", x**2 * y), ("x^y^z", x ** (y**z)), ("x²y", x**2 * y), ("x⁻¹", 1 / x), ("e^z", exp(z)),
    ("(x+y)^2", (x + y) ** 2), ("2^-1", Rational(1, 2)), ("x^(1/2)", sqrt(x)),
    # functions without brackets
    ("ln v", log(v)), ("lnx", log(x)), ("ln(x+2)", log(x + 2)), ("ln[√(x²+y²)]", log(sqrt(x**2 + y**2))),
    ("y^lnx", y ** log(x)), ("ln x + y", log(x) + y), ("sin xy", sin(x * y)), ("sinx cosy", sin(x) * cos(y)),
    ("cos x sin y", cos(x) * sin(y)), ("sin^2 x", sin(x) ** 2), ("sin x^2", sin(x**2)), ("cos²x", cos(x) ** 2),
    ("sin(x)y", sin(x) * y), ("sin(x)^2", sin(x) ** 2), ("ln sin x", log(sin(x))), ("x sin y z", x * sin(y * z)),
    ("e^x sin y", exp(x) * sin(y)), ("sin 2x", sin(2 * x)),
    # roots and elementary functions
    ("sqrt(x)", sqrt(x)), ("√x", sqrt(x)), ("√(x^2+y^2)", sqrt(x**2 + y**2)), ("根号(x^2+y^2)", sqrt(x**2 + y**2)),
    ("exp(x)", exp(x)), ("log x", log(x)), ("lg x", log(x, 10)), ("log_2 x", log(x, 2)), ("log_{10}(x)", log(x, 10)),
    ("tan x", tan(x)), ("arcsin x", asin(x)), ("arctan(y/x)", atan(y / x)), ("arccot x", acot(x)),
    ("cosh x", cosh(x)), ("abs(x)", Abs(x)), ("|x|", Abs(x)), ("|x| + ln|y|", Abs(x) + log(Abs(y))),
    ("sec x", sympy.sec(x)), ("csc x", sympy.csc(x)), ("cot x", sympy.cot(x)), ("tanh x", sympy.tanh(x)),
    # brackets and operators
    ("[x+1]{y-1}", (x + 1) * (y - 1)), ("x·y", x * y), ("x×y", x * y), ("x*y", x * y), ("x÷y", x / y),
    ("x−y", x - y), ("-x^2", -(x**2)), ("1/2x", 1 / (2 * x)), ("0.5x", x / 2), ("2.25", Rational(9, 4)),
    # constants, Greek letters, subscripts
    ("e", E), ("π", pi), ("pi x", pi * x), ("φ", variable("phi")), ("alpha + θ", variable("alpha") + variable("theta")),
    ("x_1 + x₂", variable("x_1") + variable("x_2")), ("x_{12}", variable("x_12")),
    # abstract functions
    ("f(x^2-y^2)", f(x**2 - y**2)), ("xF(y/x)", x * F(y / x)), ("F(yz, y+xz)", F(y * z, y + x * z)),
]


@pytest.mark.parametrize("text, expected", EXPRESSIONS, ids=[row[0] for row in EXPRESSIONS])
def test_expression_notation(text, expected):
    assert read_expression(text) == expected


DERIVATIVES = [
    ("∂z/∂x", Partial(z, x)), ("dz/dx", Partial(z, x)), ("z_x", Partial(z, x)), ("z'_x", Partial(z, x)),
    ("z'x", Partial(z, x)), ("az/ax", Partial(z, x)), ("偏z/偏x", Partial(z, x)), ("∂u/∂y", Partial(u, y)),
    ("∂^2z/∂x∂y", Partial(z, x, y)), ("∂²z/∂x²", Partial(z, x, x)), ("z_xy", Partial(z, x, y)),
    ("(δ^2)z/δ(x^2)", Partial(z, x, x)), ("d^2z/dx^2", Partial(z, x, x)), ("∂^2 z/(∂x ∂y)", Partial(z, x, y)),
    ("f'", Partial(variable("f"), 1)), ("f''", Partial(variable("f"), 1, 1)), ("f_1'", Partial(variable("f"), 1)),
    ("f1'", Partial(variable("f"), 1)), ("f'_1", Partial(variable("f"), 1)), ("F'1", Partial(variable("F"), 1)),
    ("f_12''", Partial(variable("f"), 1, 2)), ("f''_{12}", Partial(variable("f"), 1, 2)),
    ("f12''", Partial(variable("f"), 1, 2)), ("f₁′", Partial(variable("f"), 1)), ("F_x", Partial(variable("F"), x)),
    ("F'_z", Partial(variable("F"), z)), ("∂F/∂u", Partial(variable("F"), u)),
    ("z·F'1", z * Partial(variable("F"), 1)), ("y(∂z/∂y)F'1", y * Partial(z, y) * Partial(variable("F"), 1)),
]


@pytest.mark.parametrize("text, expected", DERIVATIVES, ids=[row[0] for row in DERIVATIVES])
def test_derivative_notation(text, expected):
    assert read_expression(text) == expected


def test_prime_with_argument_is_the_derivative_at_that_argument():
    assert read_expression("f'(x^2-y^2)") == abstract_derivative(f, (x**2 - y**2,), [1])
    concrete = read_expression("f'(x^2-y^2)").subs(f, sympy.Lambda(t, sin(t))).doit()
    assert sympy.simplify(concrete - cos(x**2 - y**2)) == 0


WITH_ARGUMENTS = [
    ("f₁′(x+y, xy)", abstract_derivative(f, (x + y, x * y), [1])),
    ("f_1'(x+y, xy)", abstract_derivative(f, (x + y, x * y), [1])),
    ("f_12''(u, v)", abstract_derivative(f, (u, v), [1, 2])),
    ("f''_{12}(u, v)", abstract_derivative(f, (u, v), [1, 2])),
    ("f₂₁″(u, v)", abstract_derivative(f, (u, v), [1, 2])),
    ("F'_1(yz, y+xz)", abstract_derivative(F, (y * z, y + x * z), [1])),
    ("F'2(yz, y+xz)", abstract_derivative(F, (y * z, y + x * z), [2])),
    ("f₁′(g(x), y)", abstract_derivative(f, (function("g")(x), y), [1])),
    ("2f_1'(x, y)x", 2 * x * abstract_derivative(f, (x, y), [1])),
    # without a comma in the bracket it stays a product, as before
    ("f1'(x+y)", Partial(variable("f"), 1) * (x + y)),
    ("f1'(x+y)^2", Partial(variable("f"), 1) * (x + y) ** 2),
]


@pytest.mark.parametrize("text, expected", WITH_ARGUMENTS, ids=[row[0] for row in WITH_ARGUMENTS])
def test_indexed_partial_with_its_arguments_written_out(text, expected):
    assert read_expression(text) == expected


def test_indexed_partial_at_arguments_is_that_derivative_there():
    """f₁′(x+y, xy) with f(a, b) = a²b is 2ab at a = x+y, b = xy."""
    a, b = sympy.symbols("a b")
    concrete = read_expression("f₁′(x+y, xy)").subs(f, sympy.Lambda((a, b), a**2 * b)).doit()
    assert sympy.expand(concrete - 2 * (x + y) * x * y) == 0


def test_indexed_partial_beyond_the_arguments_is_refused():
    with pytest.raises(NotationError, match="given 2 arguments but differentiated by argument 3"):
        read_expression("f₃′(x+y, xy)")


ABSTRACT_IN_CONTEXT = [
    ("z = f(u, v)", "f_1'", abstract_derivative(f, (u, v), [1])),
    ("z = f(u, v)", "f''_{12}", abstract_derivative(f, (u, v), [1, 2])),
    ("z = f(u, v)", "f_21''", abstract_derivative(f, (u, v), [1, 2])),
    ("F(x, y, z) = 0", "F'_z", abstract_derivative(F, (x, y, z), [3])),
    ("F(x, y, z) = 0", "F_x", abstract_derivative(F, (x, y, z), [1])),
    ("z = y/f(x^2 - y^2)", "f'", abstract_derivative(f, (x**2 - y**2,), [1])),
    ("F(yz, y + xz) = 0", "z·F'1", z * abstract_derivative(F, (y * z, y + x * z), [1])),
]


@pytest.mark.parametrize("problem, text, expected", ABSTRACT_IN_CONTEXT)
def test_abstract_notation_takes_the_problems_arguments(problem, text, expected):
    assert read_expression(text, read_problem(problem)) == expected


def test_mixed_partials_of_abstract_functions_are_equal():
    problem = read_problem("z = f(x + y, xy)")
    assert read_expression("f_12''", problem) == read_expression("f_21''", problem)


@pytest.mark.parametrize("text, of, wrt", [
    ("∂z/∂x", z, (x,)), ("z_xy", z, (x, y)), ("az/ax", z, (x,)), ("dz/dx", z, (x,)), ("∂²z/∂x²", z, (x, x)),
    ("偏u/偏x", u, (x,)), ("(δ^2)z/δ(x^2)", z, (x, x)),
])
def test_targets(text, of, wrt):
    target = read_target(text)
    assert (target.of, target.wrt) == (of, wrt)


@pytest.mark.parametrize("text, target, expr", [
    ("∂z/∂x = 2x", (z, (x,)), 2 * x),
    ("az/ax = 2ulnv - y/x^2", (z, (x,)), 2 * u * log(v) - y / x**2),
    ("z'x = yz/(e^z - xy)", (z, (x,)), y * z / (exp(z) - x * y)),
    ("2x + 1", None, 2 * x + 1),
])
def test_answers_may_repeat_the_target(text, target, expr):
    found, value = read_answer(text)
    assert (None if found is None else (found.of, found.wrt)) == target
    assert value == expr


def test_e_is_a_variable_when_the_problem_defines_it():
    problem = read_problem("c = a + b, d = b + 1, e = c·d")
    assert variable("e") in problem.dependent
    assert read_expression("e + 1", problem) == variable("e") + 1
    assert read_expression("e + 1") == E + 1


def test_a_and_d_stay_letters_outside_derivative_notation():
    assert read_expression("ad + a/d") == variable("a") * variable("d") + variable("a") / variable("d")


# Slips found while writing the problem bank: each reads as a textbook means it.
READS_AS_MEANT = [
    ("x (z-1)^2", x * (z - 1) ** 2), ("xy (z-1)^3", x * y * (z - 1) ** 3), ("e^x (x + 1)", exp(x) * (x + 1)),
    ("e^x/(1+x)", exp(x) / (1 + x)), ("x e^z/3", x * exp(z) / 3), ("(x/y)^z/x", (x / y) ** z / x),
    ("ln√(x^2+y^2)", log(sqrt(x**2 + y**2))), ("g'^2", Partial(variable("g"), 1) ** 2),
    ("cos x f_1'", cos(x) * Partial(variable("f"), 1)), ("e^x sin y f_1'", exp(x) * sin(y) * Partial(variable("f"), 1)),
    ("f' (x+y)", Partial(variable("f"), 1) * (x + y)), ("∂w/∂θ", Partial(variable("w"), variable("theta"))),
]


@pytest.mark.parametrize("text, expected", READS_AS_MEANT, ids=[row[0] for row in READS_AS_MEANT])
def test_reads_as_a_textbook_means(text, expected):
    assert read_expression(text) == expected


def test_declared_names_in_answers():
    problem = read_problem("z = f(u, v), u = u(x, y), v = v(x, y)")
    assert read_expression("u (x+1)", problem) == u * (x + 1)
    assert read_expression("e^u (x+1)", problem) == exp(u) * (x + 1)
    assert read_expression("u(x, y) + 1", problem) == u + 1
