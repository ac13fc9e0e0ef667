"""A generated family with known answers: f = P/Q off the origin, f(0,0) = 0,
P homogeneous of degree p, Q homogeneous of degree q and positive definite
(no zero on the unit circle).  With d = p − q and P ≢ 0, by homogeneity alone
(the oracle here, independent of partials.assessment.analysis):

- continuous at 0  ⇔  d ≥ 1   (|f| ≤ M ρ^d; for d ≤ 0 f is ρ^d·H(θ), H ≢ 0);
- f_x(0,0): f(h,0) = c h^d with c = P(1,0)/Q(1,0), so f_x = 0 if c = 0 or d ≥ 2,
  c if d = 1, and does not exist if d ≤ 0 and c ≠ 0 (likewise f_y with (0,1));
- differentiable  ⇔  d ≥ 2, or d = 1 and P = (A x + B y)·Q with A, B the
  partials (a function homogeneous of degree 1 is differentiable at 0 only
  when it is linear).

Every decided verdict must be the known one, and at most 10 % undecided."""
from __future__ import annotations

import functools
import random

import pytest
import sympy

from partials.assessment.analysis.analyze import analyze

x, y = sympy.symbols("x y")
DEFINITE = [x**2 + y**2, x**2 + x*y + y**2, 2*x**2 + y**2, x**4 + y**4, x**4 + x**2*y**2 + 2*y**4,
            (x**2 + y**2)**2 + x**3*y]


def _member(seed: int):
    """(P, Q) with P ≢ 0 of degree 1..5."""
    rng = random.Random(seed)
    Q = DEFINITE[seed % len(DEFINITE)]
    p = rng.randint(1, 5)
    while True:
        P = sum(rng.choice([-2, -1, 0, 0, 1, 3]) * x**k * y**(p - k) for k in range(p + 1))
        if P != 0:
            return sympy.expand(P), Q


def _text(P, Q) -> str:
    def notation(e):
        return str(e).replace("**", "^")
    return f"f(x,y) = ({notation(P)})/({notation(Q)}), (x,y) ≠ (0,0); 0, (x,y) = (0,0)"


def _known(P, Q) -> dict:
    d = sympy.Poly(P, x, y).total_degree() - sympy.Poly(sympy.expand(Q), x, y).total_degree()
    partials = {}
    for name, at in (("fx", {x: 1, y: 0}), ("fy", {x: 0, y: 1})):
        c = P.subs(at) / Q.subs(at)
        partials[name] = 0 if (c == 0 or d >= 2) else c if d == 1 else None
    if d >= 2:
        differentiable = True
    elif d == 1 and None not in partials.values():
        differentiable = sympy.expand(P - (partials["fx"] * x + partials["fy"] * y) * Q) == 0
    else:
        differentiable = False
    return {"continuous": d >= 1, **partials, "differentiable": differentiable}


SEEDS = list(range(30))


@functools.lru_cache(maxsize=None)
def _report(seed):
    return analyze(_text(*_member(seed)))


@pytest.mark.parametrize("seed", SEEDS)
def test_decided_verdicts_are_the_known_ones(seed):
    P, Q = _member(seed)
    known, found = _known(P, Q), _report(seed).findings
    if found["continuous"].decided:
        assert found["continuous"].verdict is known["continuous"], _text(P, Q)
    for name in ("fx", "fy"):
        if found[name].verdict is True:
            assert known[name] is not None and found[name].value == known[name], (_text(P, Q), name)
        elif found[name].verdict is False:
            assert known[name] is None, (_text(P, Q), name)
    if found["differentiable"].decided:
        assert found["differentiable"].verdict is known["differentiable"], _text(P, Q)


def test_the_family_covers_every_case_and_is_mostly_decided():
    knowns = [_known(*_member(seed)) for seed in SEEDS]
    assert {k["continuous"] for k in knowns} == {True, False}
    assert {k["differentiable"] for k in knowns} == {True, False}
    assert any(k["fx"] is None for k in knowns) and any(k["fx"] not in (None, 0) for k in knowns)
    asked = undecided = 0
    for seed in SEEDS:
        for name in ("continuous", "fx", "fy", "differentiable"):
            asked += 1
            undecided += not _report(seed).findings[name].decided
    assert undecided <= asked // 10, (undecided, asked)


def test_a_degree_one_quotient_that_is_linear_is_differentiable():
    # P = (2x − y)·Q: f = 2x − y off the origin, 0 at it: differentiable with dz = 2dx − dy
    Q = x**2 + x*y + y**2
    P = sympy.expand((2*x - y) * Q)
    assert _known(P, Q)["differentiable"] is True
    report = analyze(_text(P, Q))
    assert report.findings["differentiable"].verdict is True
    assert report.findings["differentiable"].value == (2, -1)
