"""Products written after a power: `a^b c`, `a^b (…)^n`, `a^-b (…)`, `x (…)^n`, `x|x|`.

The decision (README: `x^2y` is x²·y, `e^x (x+1)` keeps the bracket as a factor):
an exponent written without brackets is one atom (with its sign and its own
tower of powers); a bracket written after it is a factor of the product, never
part of the exponent, and a power written on the bracket is the bracket's.
Every expected value below is built directly in SymPy from the pieces, not by
the reader, and compared exactly at points of both signs.
"""
import itertools

import pytest
import sympy
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import partials
from partials.reading.reader import read_expression

X, Y, Z = sympy.symbols("x y z")
POINTS = [{X: sympy.Rational(3, 7), Y: sympy.Rational(-5, 3), Z: sympy.Rational(2, 9)},
          {X: sympy.Rational(-4, 5), Y: sympy.Rational(7, 4), Z: sympy.Rational(-1, 6)}]


def plain(expr):
    """The reader's real symbols as plain symbols of the same name."""
    return expr.xreplace({s: sympy.Symbol(s.name) for s in expr.free_symbols})


def same(read, expected) -> bool:
    read = plain(read)
    for point in POINTS:
        difference = (read - expected).xreplace(point)
        if abs(sympy.N(difference, 40)) > sympy.Float("1e-30", 40):
            return False
    return True


# ---- the table of every combination ------------------------------------------
BASES = {"e": sympy.E, "2": sympy.Integer(2), "y": Y}
EXPONENTS = {  # text after ^ → its value
    "x": X, "-x": -X, "x^2": X**2, "-x^2": -X**2, "x²": X**2, "(x)": X, "{-x}": -X, "x^y": X**Y, "−x": -X,
}
AFTER = {  # text after the power → the factor it stands for
    "": 1, " y": Y, " (x+1)": X + 1, "(x+1)": X + 1, " (x+y)^2": (X + Y) ** 2, "(x+y)^2": (X + Y) ** 2,
    " (x+1)²": (X + 1) ** 2, " (x+1)(1-x)": (X + 1) * (1 - X), " (ln y)^2": sympy.log(Y) ** 2,
    " (x+1)^-1": 1 / (X + 1), " (x+1)^y": (X + 1) ** Y, " (x+1)^2 (y+1)": (X + 1) ** 2 * (Y + 1),
    " |y|": sympy.Abs(Y), "|x+1|": sympy.Abs(X + 1), " |y|^2": sympy.Abs(Y) ** 2,
}
TABLE = [(f"{b}^{e}{a}", BASES[b] ** EXPONENTS[e] * AFTER[a])
         for b, e, a in itertools.product(BASES, EXPONENTS, AFTER)]


@pytest.mark.parametrize("text, expected", TABLE, ids=[t for t, _ in TABLE])
def test_every_power_followed_by_a_factor(text, expected):
    assert same(read_expression(text), expected), (text, read_expression(text))


NAMED = [
    ("x (z-1)^2", X * (Z - 1) ** 2), ("x(z-1)^2", X * (Z - 1) ** 2), ("x (z-1)²", X * (Z - 1) ** 2),
    ("-x (x+1)^2", -X * (X + 1) ** 2), ("x^2y", X**2 * Y), ("x^2 y", X**2 * Y), ("e^x^y (y+1)", sympy.exp(X**Y) * (Y + 1)),
    ("e^x (x+1)^y (y+1)", sympy.exp(X) * (X + 1) ** Y * (Y + 1)), ("e^--x (x+1)", sympy.exp(X) * (X + 1)),
    ("2^-x^2 (x+1)^3", 2 ** (-X**2) * (X + 1) ** 3), ("y^x (ln y)^2", Y**X * sympy.log(Y) ** 2),
    ("e^-x (x+1)(1-x)", sympy.exp(-X) * (X + 1) * (1 - X)), ("e^x (x+y)^2", sympy.exp(X) * (X + Y) ** 2),
    ("e^(x+1)^2", sympy.exp((X + 1) ** 2)), ("e^(x+1)²", sympy.exp((X + 1) ** 2)),
    ("x|x|", X * sympy.Abs(X)), ("2|x|", 2 * sympy.Abs(X)), ("e^x |y|", sympy.exp(X) * sympy.Abs(Y)),
    ("x |x|^3", X * sympy.Abs(X) ** 3), ("|x| |y|", sympy.Abs(X) * sympy.Abs(Y)), ("|x|y", sympy.Abs(X) * Y),
    ("|x + |y||", sympy.Abs(X + sympy.Abs(Y))), ("x|y| + |x|y", X * sympy.Abs(Y) + sympy.Abs(X) * Y),
    ("(x+1)|x-1|", (X + 1) * sympy.Abs(X - 1)), ("|x|(x+1)", sympy.Abs(X) * (X + 1)),
    ("ln|x| |y|", sympy.log(sympy.Abs(X) * sympy.Abs(Y))), ("x^2|y|", X**2 * sympy.Abs(Y)),
]


@pytest.mark.parametrize("text, expected", NAMED, ids=[t for t, _ in NAMED])
def test_named_combinations(text, expected):
    assert same(read_expression(text), expected), (text, read_expression(text))


def test_the_derivative_of_the_issue_example_is_the_product_rule():
    solution = partials.parse("z = e^x (x+y)^2").d("z", "x")
    expected = sympy.diff(sympy.exp(X) * (X + Y) ** 2, X)
    assert same(solution.expr, expected)


def test_the_abstract_example_keeps_the_square_outside_the_exponent():
    read = plain(read_expression("e^z (∂z/∂x)^2"))
    assert read.func is sympy.Mul and sympy.exp(Z) in read.args


# ---- the property: any power, any tower, any sign, any brackets after it -------
ATOMS = st.sampled_from([("x", X), ("y", Y), ("2", sympy.Integer(2)), ("(x+1)", X + 1), ("{y-2}", Y - 2)])
BRACKETS = st.sampled_from([("(x+1)", X + 1), ("(y-3)", Y - 3), ("(ln y)", sympy.log(Y)), ("|x-2|", sympy.Abs(X - 2)),
                            ("(x+y)", X + Y)])
SMALL = st.sampled_from([("2", 2), ("3", 3), ("-1", -1), ("y", Y), ("²", 2), ("³", 3)])


@st.composite
def exponents(draw, depth=0):
    sign = draw(st.sampled_from(["", "-", "−"]))
    text, value = draw(ATOMS)
    if depth < 2 and draw(st.booleans()):
        upper_text, upper_value = draw(exponents(depth=depth + 1))
        text, value = f"{text}^{upper_text}", value ** upper_value
    return f"{sign}{text}", (-value if sign else value)


@st.composite
def powered_products(draw):
    base_text, base_value = draw(st.sampled_from([("e", sympy.E), ("2", sympy.Integer(2)), ("y", Y), ("x", X)]))
    exponent_text, exponent_value = draw(exponents())
    text, value = f"{base_text}^{exponent_text}", base_value ** exponent_value
    for _ in range(draw(st.integers(0, 3))):
        bracket_text, bracket_value = draw(BRACKETS)
        if draw(st.booleans()):
            power_text, power_value = draw(SMALL)
            bracket_text = bracket_text + (power_text if power_text in "²³" else f"^{power_text}")
            bracket_value = bracket_value ** power_value
        text += draw(st.sampled_from(["", " "])) + bracket_text
        value *= bracket_value
    return text, value


@settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))
@given(powered_products())
def test_a_bracket_after_a_power_is_always_a_factor(case):
    text, expected = case
    assert same(read_expression(text), expected), (text, read_expression(text))
