"""Values the reader must refuse: non-real numbers, division by zero, relations
that say nothing, numbers with too many digits. One message, exit 2, never i,
zoo, nan, nor an empty answer with exit 0."""
import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st

from partials import NotationError, PartialsError, parse
from partials.cli import main
from partials.reading.real_values import not_real_reason

NOT_REAL = [
    "z = √(−1) x", "z = √(-4) + x y", "z = ln(-1) x", "z = arcsin(2) x", "z = arccos(-3) + y", "z = (-8)^(1/3) x",
    "z = x (√(-1))^2 + y",  # i² = −1 is real, but i is still written: refused, not guessed
    "z = 1/0", "z = x/0 + y", "z = x y/(1 - 1)", "z = 0^-1 x", "z = ln 0 + x", "z = x^(1/0)", "z = 0/0 + x",
    "z = e^x/(2 - 2) y", "u = x y, z = u/0",
]


@pytest.mark.parametrize("text", NOT_REAL)
def test_a_value_that_is_not_real_is_refused(text, capsys):
    with pytest.raises(PartialsError):
        parse(text)
    assert main(["solve", text]) == 2
    captured = capsys.readouterr()
    assert captured.out == "" and "real value" in captured.err and "Traceback" not in captured.err


@pytest.mark.parametrize("point", ["x=1/0,y=1", "x=√(-1),y=2", "x=ln(-2),y=1"])
def test_a_point_that_is_not_real_is_refused(point, capsys):
    assert main(["solve", "z = x y", "--at", point]) == 2
    assert "real value" in capsys.readouterr().err


REAL = ["z = √(4) x", "z = arcsin(1/2) x + y", "z = (-8)^3 x", "z = ln(e) x", "z = x/(1 + 1)", "z = √(2 - 1) y + x",
        "z = |−3| x", "z = (−1)^2 x + y"]


@pytest.mark.parametrize("text", REAL)
def test_real_constants_are_read(text):
    assert parse(text) is not None


@settings(max_examples=200, deadline=None)
@given(st.integers(-9, 9), st.integers(1, 4), st.sampled_from(["√", "ln", "arcsin"]))
def test_constants_are_refused_exactly_when_they_are_not_real(a, b, function):
    """The oracle: mpmath at real arguments (its real-valued functions raise or give complex)."""
    import mpmath

    argument = sympy.Rational(a, b)
    text = f"z = x + {function}({a}/{b})"
    real = {"√": argument >= 0, "ln": argument > 0, "arcsin": -1 <= argument <= 1}[function]
    value = {"√": lambda t: mpmath.sqrt(t), "ln": lambda t: mpmath.log(t) if t else mpmath.mpc(0, 1),
             "arcsin": lambda t: mpmath.asin(t)}[function](mpmath.mpf(a) / b)
    assert real == (mpmath.im(value) == 0)
    if real:
        assert parse(text) is not None
    else:
        with pytest.raises(NotationError, match="real value"):
            parse(text)


def test_the_reason_names_the_part():
    assert "arcsin 2" in not_real_reason(sympy.asin(2) * sympy.Symbol("x"))
    assert not_real_reason(sympy.sqrt(2) * sympy.Symbol("x")) is None


NOTHING = ["z = z", "x = x", "z = x y, x + y = y + x", "u = u + 0"]


@pytest.mark.parametrize("text", NOTHING)
def test_a_relation_that_says_nothing_is_refused(text, capsys):
    assert main(["solve", text]) == 2
    captured = capsys.readouterr()
    assert captured.out == "" and "says nothing" in captured.err


@pytest.mark.parametrize("text", ["z = 5", "x = 1", "z = 2 + 3"])
def test_nothing_to_differentiate_is_an_error_not_silence(text, capsys):
    assert main(["solve", text]) == 2
    captured = capsys.readouterr()
    assert captured.out == "" and "nothing to differentiate" in captured.err


@pytest.mark.parametrize("text", [
    "z = 0." + "1" * 5000 + " x", "z = 1." + "0" * 70 + " x", "z = " + "9" * 5000, "z = x^" + "2" * 5000,
    "z = x⁴" + "⁴" * 5000, "z = 0.000" + "0" * 60 + "1 x",
])
def test_long_numbers_are_refused_by_the_digit_limit(text, capsys):
    assert main(["solve", text]) == 2
    err = capsys.readouterr().err
    assert "digits" in err and "int_max_str_digits" not in err and "4300" not in err
