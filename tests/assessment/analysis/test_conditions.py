"""The condition grammar of piecewise functions (partials/assessment/analysis/conditions.py)
against plain Python comparisons of the same conditions at points on and off
the axes, the diagonal and the point itself."""
from __future__ import annotations

from fractions import Fraction as F

import pytest

from partials.assessment.analysis.conditions import OTHERWISE, read_condition, split_top_level
from partials.core.errors import NotationError
from partials.reading.reader import read_expression

X, Y = read_expression("x"), read_expression("y")
POINTS = [(F(a), F(b)) for a in (-2, -1, 0, F(1, 3), 1, 2) for b in (-1, 0, F(1, 2), 1, 2)]

CASES = [
    ("(x,y) ≠ (0,0)", lambda x, y: (x, y) != (0, 0)),
    ("(x,y) != (0,0)", lambda x, y: (x, y) != (0, 0)),
    ("(x, y) <> (0, 0)", lambda x, y: (x, y) != (0, 0)),
    ("(x,y) = (0,0)", lambda x, y: (x, y) == (0, 0)),
    ("(x,y) ＝ (1,2)", lambda x, y: (x, y) == (1, 2)),
    ("x^2+y^2 ≠ 0", lambda x, y: x * x + y * y != 0),
    ("x^2 + y^2 = 0", lambda x, y: x * x + y * y == 0),
    ("xy ≠ 0", lambda x, y: x * y != 0),
    ("xy = 0", lambda x, y: x * y == 0),
    ("x = 0 or y = 0", lambda x, y: x == 0 or y == 0),
    ("x = 0 或 y = 0", lambda x, y: x == 0 or y == 0),
    ("x > 0 and y ≥ 0", lambda x, y: x > 0 and y >= 0),
    ("x > 0 且 y >= 0", lambda x, y: x > 0 and y >= 0),
    ("x ≤ y", lambda x, y: x <= y),
    ("x <= y", lambda x, y: x <= y),
    ("x < y", lambda x, y: x < y),
    ("0 < x < 1", lambda x, y: 0 < x < 1),
    ("x = y", lambda x, y: x == y),
    ("x ≠ y and x + y > 0 or x = 2", lambda x, y: (x != y and x + y > 0) or x == 2),
    ("当 (x,y) ≠ (0,0) 时", lambda x, y: (x, y) != (0, 0)),
    ("if x^2+y^2 ≠ 0", lambda x, y: x * x + y * y != 0),
    ("when xy = 0", lambda x, y: x * y == 0),
]


@pytest.mark.parametrize("text,meaning", CASES, ids=[c[0] for c in CASES])
def test_a_condition_holds_exactly_where_its_meaning_does(text, meaning):
    condition = read_condition(text, read_expression)
    assert not condition.otherwise
    for a, b in POINTS:
        values = {X: read_expression(f"({a.numerator})/({a.denominator})"),
                  Y: read_expression(f"({b.numerator})/({b.denominator})")}
        assert condition.holds(values) is meaning(a, b), (text, a, b)


@pytest.mark.parametrize("word", ["otherwise", "else", "其他", "其它", "elsewhere", " 其他， "])
def test_otherwise_words(word):
    assert read_condition(word, read_expression) is OTHERWISE


@pytest.mark.parametrize("text", ["x", "x ≠", "≠ 0", "x = 0 or", "x = = 0"])
def test_unreadable_conditions_are_one_notation_error(text):
    with pytest.raises(NotationError):
        read_condition(text, read_expression)


def test_a_pair_compared_with_a_single_value_is_refused():
    condition = read_condition("(x,y) ≠ 0", read_expression)
    with pytest.raises(NotationError):
        condition.holds({X: 1, Y: 2})


def test_an_irrational_boundary_is_decided_by_its_sign():
    condition = read_condition("x^2 < 2", read_expression)
    root2 = read_expression("√2")
    assert condition.holds({X: root2 - read_expression("1/10^30"), Y: 0}) is True
    assert condition.holds({X: root2, Y: 0}) is False


def test_split_top_level_ignores_nested_separators():
    assert split_top_level("f(a, b), (c, d), e", ",") == ["f(a, b)", " (c, d)", " e"]
    assert split_top_level("(1，2)，3", "，") == ["(1，2)", "3"]
