"""`partials graph`: the table, JSON, DOT and rendering, from typed text."""
import json
import shutil

import pytest

import partials.presentation.graph_picture
from partials.cli import main

SEED_TEXT = "c = a + b, d = b + 1, e = c·d"


def run(capsys, *argv):
    status = main(["graph", *argv])
    out, err = capsys.readouterr()
    return status, out, err


def test_seed_json_at_the_point(capsys):
    status, out, _ = run(capsys, SEED_TEXT, "--at", "a=2,b=1", "--wrt", "b", "--of", "e", "--json")
    assert status == 0
    data = json.loads(out)
    assert set(data) == {"nodes", "edges", "paths", "visits"}
    nodes = {n["name"]: n for n in data["nodes"]}
    assert [n["name"] for n in data["nodes"]] == ["a", "b", "c", "d", "e"]
    assert {k: n["value"] for k, n in nodes.items()} == {"a": 2, "b": 1, "c": 3, "d": 2, "e": 6}
    assert {k: n["forward"] for k, n in nodes.items()} == {"a": 0, "b": 1, "c": 1, "d": 1, "e": 5}
    assert {k: n["adjoint"] for k, n in nodes.items()} == {"a": 2, "b": 5, "c": 2, "d": 3, "e": 1}
    assert nodes["a"]["expr"] is None and nodes["c"]["expr"] == "a + b"
    assert [(e["from"], e["to"], e["local"], e["value"]) for e in data["edges"]] == [
        ("a", "c", "1", 1), ("b", "c", "1", 1), ("b", "d", "1", 1), ("c", "e", "d", 2), ("d", "e", "c", 3),
    ]
    assert data["paths"] == 3
    assert data["visits"] == {"forward": 5, "reverse": 5}


def test_seed_json_in_floating_point(capsys):
    status, out, _ = run(capsys, SEED_TEXT, "--at", "a=2,b=1", "--wrt", "b", "--json", "--float")
    data = json.loads(out)
    e = data["nodes"][-1]
    assert status == 0 and e["value"] == 6.0 and e["forward"] == 5.0 and isinstance(e["forward"], float)


def test_mode_forward_leaves_the_adjoints_out(capsys):
    _, out, _ = run(capsys, SEED_TEXT, "--at", "a=2,b=1", "--wrt", "a", "--mode", "forward", "--json")
    data = json.loads(out)
    assert [n["adjoint"] for n in data["nodes"]] == [None] * 5
    assert data["nodes"][-1]["forward"] == 2
    assert data["visits"] == {"forward": 5, "reverse": None}


def test_seed_table(capsys):
    status, out, _ = run(capsys, SEED_TEXT, "--at", "a=2,b=1", "--wrt", "b")
    assert status == 0
    assert "∂e/∂b = 5: forward mode from b and reverse mode from e agree." in out
    assert "paths: 3 from the inputs to the outputs, 2 of them from b to e" in out
    assert "edge visits: forward 5, reverse 5 (5 edges)" in out
    row_e = next(line for line in out.splitlines() if line.startswith("e "))
    assert row_e.split()[-3:] == ["6", "5", "1"]


def test_symbolic_table_without_a_point(capsys):
    _, out, _ = run(capsys, SEED_TEXT, "--wrt", "b")
    assert "∂e/∂b = c + d: forward mode from b and reverse mode from e agree." in out


def test_dot_labels_edges_with_local_derivatives_and_values(capsys):
    status, out, _ = run(capsys, SEED_TEXT, "--at", "a=2,b=1", "--dot")
    assert status == 0 and out.startswith("digraph")
    assert '"c" -> "e" [label="∂e/∂c = d\\n= 2"];' in out
    assert '"d" -> "e" [label="∂e/∂d = c\\n= 3"];' in out


@pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz is not installed")
@pytest.mark.parametrize("kind, magic", [("svg", b"<svg"), ("png", b"\x89PNG")])
def test_render_with_graphviz(capsys, tmp_path, kind, magic):
    path = tmp_path / f"seed.{kind}"
    status, _, _ = run(capsys, SEED_TEXT, "--at", "a=2,b=1", f"--{kind}", str(path))
    assert status == 0
    assert magic in path.read_bytes()[:400]


def test_render_without_graphviz_names_the_package(capsys, tmp_path, monkeypatch):
    monkeypatch.setattr(partials.presentation.graph_picture.shutil, "which", lambda name: None)
    status, out, err = run(capsys, SEED_TEXT, "--svg", str(tmp_path / "x.svg"))
    assert status == 2
    assert "apt-get install graphviz" in err and "Traceback" not in err


@pytest.mark.parametrize("argv, message", [
    ([SEED_TEXT, "--at", "a=2"], "no value for b"),
    ([SEED_TEXT, "--at", "a=2,b=1,c=3"], "computed from its definition"),
    ([SEED_TEXT, "--wrt", "q"], "'q' does not occur"),
    (["z = ln x", "--at", "x=0"], "undefined"),
    (["x^2 + y^2 + z^2 = 14", "--at", "x=1,y=2"], "several solutions"),
])
def test_errors_are_one_message(capsys, argv, message):
    status, _, err = run(capsys, *argv)
    assert status == 2
    assert message in err and "Traceback" not in err


SEED_TEXTS = [
    ("z = u^2 ln v, u = y/x, v = x^2 + y^2", "x=1,y=2"),
    ("z = e^(uv), u = ln[√(x^2+y^2)], v = arctan(y/x)", "x=1,y=1"),
    ("z = y^lnx", "x=2,y=3"),
    ("u = f(x,y,z), y = g(x,t), t = v(x,z)", "x=1,z=2"),
    ("z = f(u,v), u = u(x,y), v = v(x,y)", "x=1,y=2"),
    ("z = y / f(x^2 - y^2)", "x=2,y=1"),
    ("e^z = xyz", "x=e^2,y=1/2,z=2"),
    ("x^2 + y^2 + z^2 = 14", "x=1,y=2,z=3"),
    ("F(yz, y + xz) = 0", "x=1,y=2,z=3"),
    ("y = ln(x+2)", "x=1/2"),
    (SEED_TEXT, "a=2,b=1"),
]


@pytest.mark.parametrize("text, point", SEED_TEXTS)
def test_seed_problems_forward_equals_reverse(capsys, text, point):
    status, out, err = run(capsys, text, "--at", point, "--json")
    assert status == 0, err
    data = json.loads(out)
    assert data["visits"]["forward"] == data["visits"]["reverse"] == len(data["edges"])
    status, out, _ = run(capsys, text, "--at", point)
    assert "agree." in out


@pytest.mark.parametrize("text, point", SEED_TEXTS)
def test_seed_problems_symbolic(capsys, text, point):
    status, out, err = run(capsys, text)
    assert status == 0, err
    assert "agree." in out


def test_forward_from_an_intermediate(capsys):
    """--wrt c: ∂e/∂c as a perturbation of node c (its adjoint), and the
    problem is not re-framed as if c were an unknown."""
    status, out, _ = run(capsys, SEED_TEXT, "--wrt", "c", "--at", "a=2,b=1", "--json")
    data = json.loads(out)
    assert status == 0
    assert data["nodes"][-1]["forward"] == data["nodes"][2]["adjoint"] == 2
    assert data["visits"] == {"forward": 3, "reverse": 5}


def test_json_strings_read_back_as_the_exact_values(capsys):
    """x = u cos v, y = u sin v asked for ∂u/∂x at (1, 1): u = √2, v = π/4;
    exact values are plain text that partials reads back."""
    import sympy

    from partials.reading.reader import read_expression

    status, out, err = run(capsys, "x = u cos v, y = u sin v", "--of", "u", "--wrt", "x",
                           "--at", "x=1,y=1,u=√2,v=π/4", "--json")
    assert status == 0, err
    nodes = {n["name"]: n for n in json.loads(out)["nodes"]}
    expected = {
        ("u", "value"): sympy.sqrt(2), ("v", "value"): sympy.pi / 4,
        ("u", "forward"): sympy.sqrt(2) / 2, ("v", "forward"): -sympy.Rational(1, 2),
        ("x", "adjoint"): sympy.sqrt(2) / 2, ("y", "adjoint"): sympy.sqrt(2) / 2,
    }
    for (name, field), value in expected.items():
        assert sympy.simplify(read_expression(nodes[name][field]) - value) == 0, (name, field)
