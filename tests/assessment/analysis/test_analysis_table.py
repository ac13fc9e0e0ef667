"""The analysis at a point against an independent oracle (tests/analysis_oracle.py):
every decided verdict must agree with high-precision values along many paths
and with one-sided difference quotients; at most 10 % may be undecided."""
from __future__ import annotations

import functools

import mpmath
import pytest
import sympy
from mpmath import mp, mpf

from partials.assessment.analysis.analyze import analyze
import analysis_oracle as oracle

sqrt, sin, cos, exp, log, fabs = mp.sqrt, mp.sin, mp.cos, mp.exp, mp.log, mpmath.fabs


def cbrt(t):
    return mp.sign(t) * fabs(t) ** (mpf(1) / 3)


def at0(g, value=0, a=0, b=0):
    """g off the point (a, b), `value` at it."""
    return lambda x, y: value if (x, y) == (a, b) else g(x, y)


def axes(g, on_axes=0):
    return lambda x, y: on_axes if x * y == 0 else g(x, y)


P = "(x,y) ≠ (0,0); 0, (x,y) = (0,0)"
TABLE = [
    (f"f(x,y) = xy/(x^2+y^2), {P}", at0(lambda x, y: x * y / (x * x + y * y)), (0, 0)),
    (f"f(x,y) = x^2 y/(x^2+y^2), {P}", at0(lambda x, y: x * x * y / (x * x + y * y)), (0, 0)),
    (f"f(x,y) = xy/√(x^2+y^2), {P}", at0(lambda x, y: x * y / sqrt(x * x + y * y)), (0, 0)),
    ("f(x,y) = √|xy|", lambda x, y: sqrt(fabs(x * y)), (0, 0)),
    ("f(x,y) = |x| + |y|", lambda x, y: fabs(x) + fabs(y), (0, 0)),
    (f"f(x,y) = (x^2+y^2)sin(1/(x^2+y^2)), {P}", at0(lambda x, y: (x * x + y * y) * sin(1 / (x * x + y * y))), (0, 0)),
    (f"f(x,y) = (x^2+y^2)sin(1/√(x^2+y^2)), {P}",
     at0(lambda x, y: (x * x + y * y) * sin(1 / sqrt(x * x + y * y))), (0, 0)),
    (f"f(x,y) = xy(x^2-y^2)/(x^2+y^2), {P}", at0(lambda x, y: x * y * (x * x - y * y) / (x * x + y * y)), (0, 0)),
    (f"f(x,y) = x^2 y/(x^4+y^2), {P}", at0(lambda x, y: x * x * y / (x ** 4 + y * y)), (0, 0)),
    (f"f(x,y) = xy^2/(x^2+y^4), {P}", at0(lambda x, y: x * y * y / (x * x + y ** 4)), (0, 0)),
    (f"f(x,y) = x^2y^2/(x^2y^2+(x-y)^2), {P}", at0(lambda x, y: x * x * y * y / (x * x * y * y + (x - y) ** 2)), (0, 0)),
    (f"f(x,y) = xy^3/(x^2+y^4), {P}", at0(lambda x, y: x * y ** 3 / (x * x + y ** 4)), (0, 0)),
    ("f(x,y) = sin(x^2+y^2)/(x^2+y^2), f(0,0) = 1", at0(lambda x, y: sin(x * x + y * y) / (x * x + y * y), 1), (0, 0)),
    ("f(x,y) = sin(x^2+y^2)/(x^2+y^2), f(0,0) = 0", at0(lambda x, y: sin(x * x + y * y) / (x * x + y * y), 0), (0, 0)),
    (f"f(x,y) = |x-y|^(1/2)/√(x^2+y^2), {P}", at0(lambda x, y: fabs(x - y) ** mpf(0.5) / sqrt(x * x + y * y)), (0, 0)),
    (f"f(x,y) = |x-y|/√(x^2+y^2), {P}", at0(lambda x, y: fabs(x - y) / sqrt(x * x + y * y)), (0, 0)),
    (f"f(x,y) = |x-y|^(3/2)/√(x^2+y^2), {P}", at0(lambda x, y: fabs(x - y) ** mpf(1.5) / sqrt(x * x + y * y)), (0, 0)),
    (f"f(x,y) = |x-y|^2/√(x^2+y^2), {P}", at0(lambda x, y: fabs(x - y) ** 2 / sqrt(x * x + y * y)), (0, 0)),
    (f"f(x,y) = |x-y|^3/√(x^2+y^2), {P}", at0(lambda x, y: fabs(x - y) ** 3 / sqrt(x * x + y * y)), (0, 0)),
    ("f(x,y) = 1, xy ≠ 0; 0, xy = 0", axes(lambda x, y: 1), (0, 0)),
    ("f(x,y) = x + y, xy ≠ 0; 0, x = 0 or y = 0", axes(lambda x, y: x + y), (0, 0)),
    ("f(x,y) = (x+y)sin(1/x)sin(1/y), xy ≠ 0; 0, xy = 0", axes(lambda x, y: (x + y) * sin(1 / x) * sin(1 / y)), (0, 0)),
    ("f(x,y) = x sin(1/y), y ≠ 0; 0, y = 0", lambda x, y: 0 if y == 0 else x * sin(1 / y), (0, 0)),
    (f"f(x,y) = xy sin(1/(x^2+y^2)), {P}", at0(lambda x, y: x * y * sin(1 / (x * x + y * y))), (0, 0)),
    ("f(x,y) = e^√(x^2+y^4)", lambda x, y: exp(sqrt(x * x + y ** 4)), (0, 0)),
    ("f(x,y) = ∛(x^3+y^3)", lambda x, y: cbrt(x ** 3 + y ** 3), (0, 0)),
    ("f(x,y) = cbrt(xy)", lambda x, y: cbrt(x * y), (0, 0)),
    ("f(x,y) = x^2 + y^2", lambda x, y: x * x + y * y, (0, 0)),
    ("f(x,y) = e^(x+2y)", lambda x, y: exp(x + 2 * y), (0, 0)),
    ("f(x,y) = sin(xy) + x", lambda x, y: sin(x * y) + x, (1, 2)),
    ("f(x,y) = x^3 - 3xy^2", lambda x, y: x ** 3 - 3 * x * y * y, (1, -1)),
    ("f(x,y) = ln(1 + x^2 + y^2)", lambda x, y: log(1 + x * x + y * y), (0, 0)),
    ("f(x,y) = xy", lambda x, y: x * y, (2, 3)),
    ("f(x,y) = (x-1)(y-2)/((x-1)^2+(y-2)^2), (x,y) ≠ (1,2); 0, (x,y) = (1,2)",
     at0(lambda x, y: (x - 1) * (y - 2) / ((x - 1) ** 2 + (y - 2) ** 2), 0, 1, 2), (1, 2)),
    ("f(x,y) = |x-1| + |y|", lambda x, y: fabs(x - 1) + fabs(y), (1, 0)),
    ("f(x,y) = √((x-1)^2+(y+1)^2)", lambda x, y: sqrt((x - 1) ** 2 + (y + 1) ** 2), (1, -1)),
    (f"f(x,y) = x^2y^2/(x^2+y^2)^(3/2), {P}", at0(lambda x, y: x * x * y * y / (x * x + y * y) ** mpf(1.5)), (0, 0)),
    (f"f(x,y) = x^2y^2/(x^2+y^2), {P}", at0(lambda x, y: x * x * y * y / (x * x + y * y)), (0, 0)),
    (f"f(x,y) = x^3/(x^2+y^2), {P}", at0(lambda x, y: x ** 3 / (x * x + y * y)), (0, 0)),
    (f"f(x,y) = (x^3+y^3)/(x^2+y^2), {P}", at0(lambda x, y: (x ** 3 + y ** 3) / (x * x + y * y)), (0, 0)),
    (f"f(x,y) = xy^2/(x^2+y^2), {P}", at0(lambda x, y: x * y * y / (x * x + y * y)), (0, 0)),
    (f"f(x,y) = sin(xy)/(x^2+y^2), {P}", at0(lambda x, y: sin(x * y) / (x * x + y * y)), (0, 0)),
    ("f(x,y) = (1-cos(x^2+y^2))/(x^2+y^2)^2, f(0,0) = 1/2",
     at0(lambda x, y: (1 - cos(x * x + y * y)) / (x * x + y * y) ** 2, mpf(1) / 2), (0, 0)),
    ("f(x,y) = (x^2+y^2)^(1/3)", lambda x, y: (x * x + y * y) ** (mpf(1) / 3), (0, 0)),
    ("f(x,y) = |xy|", lambda x, y: fabs(x * y), (0, 0)),
    ("f(x,y) = √(x^2+y^2)", lambda x, y: sqrt(x * x + y * y), (0, 0)),
    ("f(x,y) = y^2 sin(x/y), y ≠ 0; 0, y = 0", lambda x, y: 0 if y == 0 else y * y * sin(x / y), (0, 0)),
    ("f(x,y) = x^2+y^2, xy ≠ 0; 1, xy = 0", axes(lambda x, y: x * x + y * y, 1), (0, 0)),
    (f"f(x,y) = xy/(x^2+y^2) + x + 2y, {P}", at0(lambda x, y: x * y / (x * x + y * y) + x + 2 * y), (0, 0)),
    (f"f(x,y) = (x^4+y^4)/(x^2+y^2), {P}", at0(lambda x, y: (x ** 4 + y ** 4) / (x * x + y * y)), (0, 0)),
    ("f(x,y) = sin x + |y|", lambda x, y: sin(x) + fabs(y), (0, 0)),
    ("f(x,y) = |x| y", lambda x, y: y * fabs(x), (0, 0)),
    (f"f(x,y) = sin(x^2 y)/(x^2+y^2), {P}", at0(lambda x, y: sin(x * x * y) / (x * x + y * y)), (0, 0)),
    ("f(x,y) = e^(-1/(x^2+y^2)), f(0,0) = 0", at0(lambda x, y: exp(-1 / (x * x + y * y))), (0, 0)),
    ("f(x,y) = { xy/(x^2+y^2), x^2+y^2 ≠ 0; 0, x^2+y^2 = 0 }", at0(lambda x, y: x * y / (x * x + y * y)), (0, 0)),
    ("f(x,y) = x^2y/(x^2+y^2) if (x,y) ≠ (0,0), 0 otherwise", at0(lambda x, y: x * x * y / (x * x + y * y)), (0, 0)),
    ("f(x,y) = xy/√(x^2+y^2), 当 (x,y) ≠ (0,0) 时; 0, 其他", at0(lambda x, y: x * y / sqrt(x * x + y * y)), (0, 0)),
    ("f(x,y) = (x^2+y^2)ln(x^2+y^2), f(0,0) = 0", at0(lambda x, y: (x * x + y * y) * log(x * x + y * y)), (0, 0)),
    (f"f(x,y) = 2xy/(x^2+y^2), {P}", at0(lambda x, y: 2 * x * y / (x * x + y * y)), (0, 0)),
    ("f(x,y) = x^2y/(x^2+y^2), (x,y) ≠ (0,0); 1, (x,y) = (0,0)",
     at0(lambda x, y: x * x * y / (x * x + y * y), 1), (0, 0)),
    ("f(x,y) = cos(x) + e^y", lambda x, y: cos(x) + exp(y), (0, 1)),
    ("f(x,y) = |x+y|", lambda x, y: fabs(x + y), (0, 0)),
]


def _number(value):
    return mpf(str(sympy.N(value, 60)))


@functools.lru_cache(maxsize=None)
def _report(text, point):
    return analyze(text, tuple(sympy.Integer(c) for c in point))


def _check(text, f, point):
    a, b = (mpf(c) for c in point)
    report = _report(text, point)
    found = report.findings
    problems = []
    if found["continuous"].decided and found["continuous"].verdict != oracle.continuous(f, a, b):
        problems.append(("continuous", found["continuous"].verdict))
    partials = {}
    for key, by in (("fx", "x"), ("fy", "y")):
        truth = oracle.partial(f, a, b, by)
        finding = found[key]
        if finding.verdict is True:
            if truth == "dne" or abs(_number(finding.value) - truth) > mpf("1e-8"):
                problems.append((key, finding.value, truth))
            partials[by] = truth
        elif finding.verdict is False and truth != "dne":
            problems.append((key, "dne", truth))
    d = found["differentiable"]
    if d.decided and len(partials) == 2:
        truth = oracle.differentiable(f, a, b, partials["x"], partials["y"])
        if d.verdict != truth:
            problems.append(("differentiable", d.verdict))
    if d.verdict is True and found["partials_continuous"].decided:
        truth = oracle.partials_continuous(f, a, b, partials["x"], partials["y"])
        if found["partials_continuous"].verdict is True and truth is False:
            problems.append(("partials_continuous", True))
    for key, first in (("fxy", "x"), ("fyx", "y")):
        finding = found[key]
        if finding.decided and first in partials:
            truth = oracle.mixed(f, a, b, first, partials[first])
            if finding.verdict is True and (truth == "dne" or abs(_number(finding.value) - truth) > mpf("1e-6")):
                problems.append((key, finding.value, truth))
            if finding.verdict is False and truth != "dne":
                problems.append((key, "dne", truth))
    return report, problems


def test_the_table_has_at_least_sixty_functions():
    assert len(TABLE) >= 60


@pytest.mark.parametrize("text,f,point", TABLE, ids=[t[0][:50] for t in TABLE])
def test_no_wrong_verdict(text, f, point):
    report, problems = _check(text, f, point)
    assert report.point == tuple(sympy.Integer(c) for c in point)
    assert not problems, problems


def test_at_most_ten_percent_undecided():
    asked = undecided = 0
    for text, _, point in TABLE:
        report = _report(text, point)
        for name in ("continuous", "fx", "fy", "differentiable", "partials_continuous"):
            asked += 1
            undecided += not report.findings[name].decided
    assert undecided <= asked // 10, (undecided, asked)
