"""One budget of time and memory for every command and API call
(partials.core.bounded): the worst inputs found by outside testing end in "too
expensive" (exit 3) or in the right result, never in a traceback or a hang;
bad budget options are usage errors.  Times are measured in bench/budget.py,
not here: these tests check outcomes only."""
import math
import time

import pytest
import sympy

import partials
from partials.core import bounded as budget
from partials.cli import main

SHORT = ["--timeout", "2"]


def _run(capsys, *argv):
    status = main(list(argv))
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return status, out, err


# ---- the mechanism -----------------------------------------------------------
def test_work_that_never_ends_is_too_expensive():
    with pytest.raises(budget.TooExpensive, match="over the 0.3 s time limit"):
        budget.run_within(time.sleep, 3600, seconds=0.3)


def test_a_big_integer_operation_in_c_is_stopped_too():
    """A signal cannot interrupt 3^(10^9) in C; killing the worker does."""
    with pytest.raises(budget.TooExpensive):
        budget.run_within(pow, 3, 10**9, seconds=0.5)


def test_memory_past_the_cap_is_too_expensive():
    with pytest.raises(budget.TooExpensive, match="memory"):
        budget.run_within(bytearray, 4 * 1024**3, memory_mb=64)


def test_a_worker_value_and_error_come_back_unchanged():
    kept = sympy.Mul(sympy.Rational(3, 2), sympy.Symbol("u") + sympy.Symbol("v"), evaluate=False)
    assert sympy.srepr(budget.run_within(lambda: kept)) == sympy.srepr(kept)
    with pytest.raises(partials.NotationError) as inline:
        partials.parse("z = (x", timeout=None)
    with pytest.raises(partials.NotationError) as caught:
        budget.run_within(partials.parse, "z = (x", timeout=None)
    assert caught.value.position == inline.value.position == 4  # the bracket left open
    assert str(caught.value) == str(inline.value) and "hint:" in str(caught.value)


@pytest.mark.parametrize("value", ["nan", "0", "-1", "inf", "abc", "-0.5"])
def test_bad_timeouts_are_usage_errors(value, capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["solve", "z = x^2 y", "--timeout", value])
    assert exit_.value.code == 2
    err = capsys.readouterr().err
    assert "--timeout" in err and "Traceback" not in err


@pytest.mark.parametrize("argv", [
    ["solve", "z = x^2 y", "--memory", "-5"],
    ["solve", "z = x^2 y", "--memory", "0"],
    ["check", "z = x^2 y", "--d", "x", "--answer", "2xy", "--memory", "1.5"],
    ["grade", "set.toml", "answers.csv", "--jobs", "-1"],
    ["grade", "set.toml", "answers.csv", "--jobs", "0"],
    ["grade", "set.toml", "answers.csv", "--timeout", "nan"],
    ["worksheet", "bank", "--timeout", "-1"],
])
def test_bad_budget_options_are_usage_errors(argv, capsys):
    with pytest.raises(SystemExit) as exit_:
        main(argv)
    assert exit_.value.code == 2
    assert "Traceback" not in capsys.readouterr().err


def test_every_command_takes_the_budget_options(capsys):
    for command in ("parse", "solve", "check", "verify", "graph", "grade", "worksheet"):
        with pytest.raises(SystemExit):
            main([command, "--help"])
        out = capsys.readouterr().out
        assert "--timeout" in out and "--memory" in out, command


def test_a_tiny_memory_cap_is_too_expensive_not_a_traceback(capsys):
    status, out, err = _run(capsys, "solve", "z = x^2 y", "--memory", "1")
    assert status in (0, 3)
    if status == 3:
        assert "too expensive" in err
    else:
        assert "∂z/∂x = 2xy" in out


# ---- the inputs of the issue ---------------------------------------------------
def test_a_tower_answer_is_too_expensive_or_wrong(capsys):
    status, out, _ = _run(capsys, "check", "z = x^2 y", "--d", "x", "--answer", "e^e^e^e^e^y", *SHORT)
    assert status in (1, 3)
    assert ("too expensive" in out) if status == 3 else ("wrong" in out)


def test_a_right_answer_to_a_huge_power_is_never_wrong(capsys):
    status, out, _ = _run(capsys, "check", "w = (x+y+z)^999", "--d", "x", "--answer", "999(x+y+z)^998", *SHORT)
    assert status in (0, 3)
    assert ("too expensive" in out) if status == 3 else ("right" in out)


def test_a_wrong_answer_to_a_huge_power_is_never_right(capsys):
    status, out, _ = _run(capsys, "check", "w = (x+y+z)^999", "--d", "x", "--answer", "998(x+y+z)^998", *SHORT)
    assert status in (1, 3)


def test_a_json_verdict_past_the_budget(capsys):
    import json

    status, out, _ = _run(capsys, "check", "z = x^2 y", "--d", "x", "--answer", "e^e^e^e^e^y", "--json",
                          "--timeout", "0.5")
    if status == 3:
        assert json.loads(out)["status"] == "too expensive"


@pytest.mark.parametrize("argv", [
    ["solve", "z = x^y", "--at", "x=10^60,y=10^60"],
    ["solve", "z = x^(x^(x^y))", "--at", "x=10,y=10"],
    ["solve", "z = e^(e^(e^(e^(xy))))", "--at", "x=2,y=2"],
    ["graph", "b = a^a, c = b^b, d = c^c", "--at", "a=3"],
    ["check", "z = 2^(2^(2^(2^(x+y))))", "--d", "x", "--answer", "2^(2^(2^(2^(x+y))))"],
])
def test_huge_values_end_within_the_budget(argv, capsys):
    status, out, err = _run(capsys, *argv, *SHORT)
    assert status in (0, 1, 2, 3)
    if status == 3:
        assert "too expensive" in out + err


def test_output_of_a_command_that_finished_is_printed_whole(capsys):
    status, out, _ = _run(capsys, "solve", "z = x^2 y", "--d", "x", "--d", "y")
    assert status == 0
    assert out.splitlines() == ["∂z/∂x = 2xy", "∂z/∂y = x²"]


# ---- the Python API ------------------------------------------------------------
def test_api_calls_past_the_budget():
    verdict = partials.check("z = x^2 y", "z_x", "e^e^e^e^e^y", timeout=0.5)
    assert verdict.status in ("too expensive", "wrong")
    assert verdict.correct is not True
    with pytest.raises(partials.TooExpensive):
        partials.parse("z = x^y", timeout=1).d("z", "x", timeout=1e-3)


def test_api_results_match_an_unbounded_run():
    bounded = partials.solve("z = u^2 ln v, u = y/x, v = x^2 + y^2", "x")
    free = partials.solve("z = u^2 ln v, u = y/x, v = x^2 + y^2", "x", timeout=None)
    assert sympy.srepr(bounded.expr) == sympy.srepr(free.expr)
    x, y = sympy.symbols("x y", real=True)
    z = (y / x) ** 2 * sympy.log(x**2 + y**2)  # the oracle: full substitution, then sympy.diff
    point = {x: sympy.Rational(3, 2), y: sympy.Rational(-5, 7)}
    explicit = bounded.explicit
    assert math.isclose(float(explicit.subs({s: point[x] if s.name == "x" else point[y] for s in explicit.free_symbols})),
                        float(sympy.diff(z, x).subs(point)), rel_tol=1e-12)


@pytest.mark.parametrize("call", [
    lambda: partials.check("z = x^2 y", "z_x", None),
    lambda: partials.check("z = x^2 y", "z_x", b"2xy"),
    lambda: partials.check("z = x^2 y", "z_x", 5),
    lambda: partials.check("z = x^2 y", "z_x", "2xy", seed="abc"),
    lambda: partials.check("z = x^2 y", None, "2xy"),
    lambda: partials.check(["z = x^2 y"], "z_x", "2xy"),
    lambda: partials.check("z = x^2 y", "z_x", "2xy", of=3),
    lambda: partials.check("z = x^2 y", "z_x", "2xy", timeout=float("nan")),
    lambda: partials.parse(["z = x y"]),
    lambda: partials.parse(None),
    lambda: partials.parse(b"z = x y"),
    lambda: partials.parse("z = xy", of="q"),
    lambda: partials.parse("z = xy", memory=-5),
    lambda: partials.solve("z = xy", 5),
    lambda: partials.solve("z = xy", None),
    lambda: partials.solve(42),
    lambda: partials.parse("z = xy").d("z", 7),
    lambda: partials.parse("z = xy").verify(None),
    lambda: partials.parse("z = xy").verify(b"z_x = y"),
])
def test_api_misuse_raises_only_partials_errors_with_a_message(call):
    with pytest.raises(partials.PartialsError) as caught:
        call()
    assert str(caught.value)


def test_api_of_names_a_variable_of_the_problem():
    with pytest.raises(partials.RoleError, match="'q' does not occur"):
        partials.parse("z = xy", of="q")
    assert partials.parse("x = u cos v, y = u sin v", of="u").independent  # a real name still works


# ---- the tidy bound counts the work ----------------------------------------------
def _cliff(n):
    names = [f"u_{k}" for k in range(1, n + 1)]
    return "z = " + " ".join(names) + ", " + ", ".join(f"{u} = ln(x + {k}y)" for k, u in enumerate(names, 1))


def test_the_tidy_bound_counts_the_terms_an_expansion_makes():
    from partials.calculus.tidy import MAX_EXPANDED_TERMS, expansion_terms

    x, y = sympy.symbols("x y")
    binomials = sympy.Mul(*[x + k * y for k in range(1, 20)], evaluate=False)
    assert expansion_terms(binomials, MAX_EXPANDED_TERMS) > MAX_EXPANDED_TERMS  # 2^19
    assert expansion_terms((x + y) * (x - y) + (x + 2 * y) ** 3, 10**6) == 2 * 2 + 2**3


@pytest.mark.parametrize("n", [3, 20, 21])
def test_a_product_of_many_intermediates_is_right_either_side_of_the_bound(n):
    """Oracle: full substitution, then sympy.diff, compared at a point."""
    solution = partials.parse(_cliff(n)).d("z", "x")
    x, y = sympy.symbols("x y", real=True)
    z = sympy.Mul(*[sympy.log(x + k * y) for k in range(1, n + 1)])
    point = {"x": sympy.Rational(7, 3), "y": sympy.Rational(1, 5)}
    got = solution.explicit.subs({s: point[s.name] for s in solution.explicit.free_symbols})
    expected = sympy.diff(z, x).subs({x: point["x"], y: point["y"]})
    assert abs(sympy.N(got - expected, 40)) <= 1e-25 * abs(sympy.N(expected, 40))
    assert abs(sympy.N(expected, 40)) > 1e-3  # a value that can be told apart from a wrong one


def _chain_used_five_times():
    """Ten intermediates, each used five times by the next (bounded values:
    the oracle below evaluates them)."""
    names = "abcdfghjmn"
    definitions = ["a = x y + x + y + x^2 + y^2"]
    for previous, name in zip(names, names[1:]):
        p = previous
        definitions.append(f"{name} = sin({p}) + {p} x + e^(-{p}^2) + cos({p}) y + {p}/2")
    return "z = n + n^2, " + ", ".join(definitions)


def test_a_chain_of_ten_intermediates_each_used_five_times_is_solved_and_right():
    """powsimp (superlinear) runs only on small expressions (tidy took
    seconds on such chains).  Oracle: the chain rule carried by hand on
    numbers (mpmath, 50 digits), value and x-derivative of each level,
    innermost first; the full substitution is 5^10 nodes, too large for
    sympy.diff."""
    import mpmath

    solution = partials.parse(_chain_used_five_times()).d("z", "x", timeout=30)
    mpmath.mp.dps = 50
    for x, y in ((mpmath.mpf(-3) / 10, mpmath.mpf(7) / 20), (mpmath.mpf(2) / 5, mpmath.mpf(-1) / 4)):
        value, rate = x * y + x + y + x**2 + y**2, y + 1 + 2 * x
        values = {"x": x, "y": y, "a": value}
        for name in "bcdfghjmn":
            v, r = value, rate
            value = mpmath.sin(v) + v * x + mpmath.exp(-v**2) + mpmath.cos(v) * y + v / 2
            rate = r * (mpmath.cos(v) + x - 2 * v * mpmath.exp(-v**2) - mpmath.sin(v) * y + mpmath.mpf(1) / 2) + v
            values[name] = value
        expected = rate * (1 + 2 * value)  # z = n + n²
        at = {s: sympy.Float(values[s.name], 50) for s in solution.expr.free_symbols}
        got = sympy.N(solution.expr.subs(at), 40)
        assert abs(float(got) - float(expected)) <= 1e-12 * abs(float(expected))
        assert abs(expected) > 1e-3
