"""`partials solve`: output lines, JSON object, exit codes."""
import json

import pytest

from partials.cli import main
from partials.core.symbols import variable

x, y, z = map(variable, "xyz")


def run(capsys, *argv):
    status = main(["solve", *argv])
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def test_headline_example(capsys):
    status, out, _ = run(capsys, "z=y^lnx", "--d2", "x", "x")
    assert status == 0
    assert out.strip() == "∂²z/∂x² = y^(ln x)(ln y − 1) ln y/x²"


def test_no_d_gives_every_first_partial(capsys):
    status, out, _ = run(capsys, "z = u^2 ln v, u = y/x, v = x^2 + y^2")
    lines = out.strip().splitlines()
    assert status == 0 and len(lines) == 2
    assert lines[0].startswith("∂z/∂x = ") and lines[1].startswith("∂z/∂y = ")


def test_targets_written_in_the_text(capsys):
    status, out, _ = run(capsys, "z = y^lnx, ∂²z/∂x²")
    assert status == 0 and out.startswith("∂²z/∂x² = ")


def test_repeated_d_and_d2_in_order(capsys):
    status, out, _ = run(capsys, "e^z = xyz", "--d", "x", "--d", "y", "--d2", "x", "y")
    lines = out.strip().splitlines()
    assert [line.split(" = ")[0] for line in lines] == ["∂z/∂x", "∂z/∂y", "∂²z/∂x∂y"]


def test_explicit_adds_the_substituted_form(capsys):
    _, out, _ = run(capsys, "z = u^2 ln v, u = y/x, v = x^2 + y^2", "--d", "x", "--explicit")
    lines = out.strip().splitlines()
    assert len(lines) == 2 and "ln v" in lines[0] and "ln(x²+y²)" in lines[1].replace(" ", "")


def test_json_object_as_in_design(capsys):
    status, out, _ = run(capsys, "z = u^2 ln v, u = y/x, v = x^2 + y^2", "--d", "x", "--json")
    data = json.loads(out)
    assert status == 0
    assert data["of"] == "z" and data["independent"] == ["x", "y"]
    [result] = data["results"]
    assert set(result) >= {"wrt", "notation", "text", "latex", "kept", "sympy"}
    assert result["wrt"] == ["x"] and result["notation"] == "∂z/∂x"
    assert "Dummy" not in result["kept"] and "Dummy" not in result["sympy"]
    assert "Symbol('u', real=True)" in result["kept"]
    assert "Symbol('u', real=True)" not in result["sympy"]


def test_json_is_the_same_twice(capsys):
    _, first, _ = run(capsys, "z = f(x + y, xy)", "--d2", "x", "y", "--json")
    _, second, _ = run(capsys, "z = f(x + y, xy)", "--d2", "x", "y", "--json")
    assert first == second


def test_at_a_point(capsys):
    status, out, _ = run(capsys, "z = x^2 y", "--d", "x", "--at", "x=1,y=2")
    assert status == 0
    assert out.strip().splitlines()[-1] == "  at (x=1, y=2): 4"


def test_at_a_point_json_has_value(capsys):
    _, out, _ = run(capsys, "z = x^2 y", "--d", "x", "--at", "x=1,y=2", "--json")
    assert json.loads(out)["results"][0]["value"] == "4"


def test_total_differential(capsys):
    status, out, _ = run(capsys, "z = x^2 y", "--total")
    assert status == 0 and out.strip() == "dz = 2xy dx + x² dy"
    _, out, _ = run(capsys, "z = x^2 y", "--total", "--at", "x=1,y=2")
    assert out.strip() == "dz = 4 dx + dy"


def test_inverse_problem_with_of(capsys):
    status, out, _ = run(capsys, "x = u cos v, y = u sin v", "--of", "u", "--d", "x")
    assert status == 0 and out.strip() == "∂u/∂x = cos v"


def test_latex_output(capsys):
    _, out, _ = run(capsys, "e^z = xyz", "--d", "x", "--latex")
    assert "\\frac" in out


def test_steps_are_printed(capsys):
    status, out, _ = run(capsys, "z = u^2 ln v, u = y/x, v = x^2 + y^2", "--d", "x", "--steps")
    assert status == 0 and len(out.strip().splitlines()) > 2


@pytest.mark.parametrize("argv,message", [
    (["x = u + v, y = 2u + 2v", "--of", "u", "--d", "x"], "Jacobian"),
    (["z = ln(x + y)", "--d", "x", "--at", "x=-1,y=0"], "z = "),
    (["z = x y", "--d", "w"], "w"),
    (["z = x y", "--d", "x", "--at", "x=1"], "no value for y"),
    (["e^z = xyz", "--d", "x", "--at", "x=1,y=2"], "no real z"),
])
def test_errors_are_one_line_and_exit_2(capsys, argv, message):
    status, out, err = run(capsys, *argv)
    assert status == 2 and out == ""
    assert message in err and "Traceback" not in err
