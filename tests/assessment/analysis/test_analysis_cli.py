"""`partials analyze`: exit statuses, the JSON contract, and metamorphic
agreement (move the point, swap x and y, add a polynomial, scale)."""
from __future__ import annotations

import io
import json
from contextlib import redirect_stderr, redirect_stdout

import pytest
import sympy

from partials.assessment.analysis.analyze import analyze
from partials.cli import main

P = "(x,y) ≠ (0,0); 0, (x,y) = (0,0)"
KEYS = ("continuous", "fx", "fy", "differentiable", "partials_continuous")


def _run(*argv):
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        status = main(list(argv))
    return status, out.getvalue(), err.getvalue()


def test_json_contract_and_exit_zero():
    status, out, _ = _run("analyze", f"f(x,y) = xy/(x^2+y^2), {P}", "--json")
    data = json.loads(out)
    assert status == 0
    assert data["point"] == {"x": "0", "y": "0"}
    assert data["value"] == "Integer(0)"
    assert data["limit"]["exists"] is False and data["continuous"]["verdict"] is False
    assert data["fx"] == {**data["fx"], "exists": True, "value": "Integer(0)", "kind": "definition"}
    assert data["differentiable"]["verdict"] is False and data["differentiable"]["differential"] is None
    for key in ("fy", "partials_continuous", "fxy", "fyx", "directional"):
        assert key in data


def test_bad_input_exits_2_with_one_message():
    status, out, err = _run("analyze", "f(x,y) = √(xy)")
    assert status == 2 and "not defined" in err and "Traceback" not in err
    status, _, err = _run("analyze", "f(x,y) = x/+")
    assert status == 2 and "Traceback" not in err


def test_undecided_exits_3():
    status, out, _ = _run("analyze", f"f(x,y) = x^2y^2/(x^2+y^4), {P}")
    assert status == 3 and "undecided" in out


def test_directional_one_sided_of_sqrt_abs_xy():
    status, out, _ = _run("analyze", "√|xy|", "--dir", "(1,1)", "--json")
    data = json.loads(out)
    assert data["directional"]["exists"] is True
    # f(t/√2, t/√2) = √(t²/2) = t/√2, so the quotient is √2/2 for every t > 0
    assert data["directional"]["value"] == sympy.srepr(sympy.sqrt(2) / 2)


def _verdicts(report):
    return {k: report.findings[k].verdict for k in KEYS}


CLASSICS = ["xy/(x^2+y^2)", "xy/√(x^2+y^2)", "x^2 y/(x^4+y^2)", "(x^2+y^2)sin(1/(x^2+y^2))", "x^3/(x^2+y^2)"]


@pytest.mark.parametrize("g", CLASSICS)
def test_moving_the_point_keeps_the_verdicts(g):
    base = analyze(f"f(x,y) = {g}, {P}")
    moved_g = g.replace("x", "(x-1)").replace("y", "(y+2)")
    moved = analyze(f"f(x,y) = {moved_g}, (x,y) ≠ (1,-2); 0, (x,y) = (1,-2)", (1, -2))
    assert _verdicts(moved) == _verdicts(base)


@pytest.mark.parametrize("g", CLASSICS)
def test_swapping_x_and_y_swaps_the_partials(g):
    base = analyze(f"f(x,y) = {g}, {P}")
    swapped = analyze(f"f(x,y) = {g.replace('x', 'T').replace('y', 'x').replace('T', 'y')}, {P}")
    assert base.findings["fx"].verdict == swapped.findings["fy"].verdict
    assert base.findings["fx"].value == swapped.findings["fy"].value
    assert _verdicts(base)["differentiable"] == _verdicts(swapped)["differentiable"]


@pytest.mark.parametrize("g", CLASSICS)
def test_adding_a_polynomial_and_scaling(g):
    base = analyze(f"f(x,y) = {g}, {P}")
    changed = analyze(f"f(x,y) = 3({g}) + x^2 - 2y + 5, (x,y) ≠ (0,0); 5, (x,y) = (0,0)")
    assert _verdicts(changed) == _verdicts(base)
    if base.findings["fy"].verdict:
        assert changed.findings["fy"].value == 3 * base.findings["fy"].value - 2
