"""`partials solve --at` at a point where the formula is not smooth (issue #14):
the derivative formula's value there (sign(0) = 0) is never printed as the
answer; a first partial of f(x, y) comes from the definition, checked here
against one-sided difference quotients in mpmath; otherwise exit 3 with why."""
from __future__ import annotations

import pytest
from mpmath import mp, mpf

from partials.cli import main


def _quotients(f, by):
    """One-sided difference quotients at (0, 0): (right, left)."""
    with mp.workdps(50):  # local: other tests' oracles set their own precision
        h = mpf(10) ** -30
        move = (lambda t: (t, 0)) if by == "x" else (lambda t: (0, t))
        return (f(*move(h)) - f(0, 0)) / h, (f(*move(-h)) - f(0, 0)) / (-h)


CASES = [
    ("f(x,y) = |x| + |y|", lambda x, y: abs(x) + abs(y), "x"),
    ("f(x,y) = |x - y|", lambda x, y: abs(x - y), "y"),
    ("f(x,y) = √|xy|", lambda x, y: mp.sqrt(abs(x * y)), "x"),
    ("f(x,y) = x^2 + |y|^3", lambda x, y: x * x + abs(y) ** 3, "y"),
    ("f(x,y) = √(x^2+y^2)", lambda x, y: mp.sqrt(x * x + y * y), "x"),
    ("f(x,y) = (x^4+y^4)^(1/2)", lambda x, y: mp.sqrt(x ** 4 + y ** 4), "y"),
]


@pytest.mark.parametrize("text,f,by", CASES, ids=[c[0] for c in CASES])
def test_the_value_at_a_non_smooth_point_is_the_definitions(capsys, text, f, by):
    right, left = _quotients(f, by)
    status = main(["solve", text, "--d", by, "--at", "x=0,y=0"])
    out = capsys.readouterr().out
    assert status == 0
    line = out.splitlines()[-1]
    assert "by the definition" in line
    if abs(right - left) > mpf("1e-10"):
        assert ": does not exist" in line
    else:
        shown = line.split(": ", 1)[1].split("  (", 1)[0]
        assert abs(mpf(shown) - right) < mpf("1e-10")


def test_a_smooth_point_keeps_the_formulas_value(capsys):
    assert main(["solve", "f(x,y) = |x| + y^2", "--d", "y", "--at", "x=0,y=0"]) == 0
    assert capsys.readouterr().out.splitlines()[-1].strip() == "at (x=0, y=0): 0"


def test_without_the_definition_it_says_it_cannot(capsys):
    status = main(["solve", "u = |x| + |y| + |t|", "--d", "x", "--at", "x=0,y=0,t=0"])
    captured = capsys.readouterr()
    assert status == 3
    assert "not smooth there" in captured.err and "Traceback" not in captured.err
    assert "at (" not in captured.out
