"""The command line on whole statements: solve answers what is asked (text
and --json), parse shows what was read, check takes statements, errors point
into the pasted text, and junk gives one message with exit status 2.

Expected values are computed here by sympy.diff of the problem written out
by hand (never by partials)."""
from __future__ import annotations

import csv
import io
import json
from contextlib import redirect_stderr, redirect_stdout

import pytest
import sympy as sp

from partials.cli import main
from partials.reading.reader import read_expression, read_problem
from partials.reading.statement.normalize import normalize

x, y, z = sp.symbols("x y z")


def run(*argv):
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        code = main(list(argv))
    return code, out.getvalue(), err.getvalue()


def value(text: str):
    """A printed value read back by the project's reader (numbers only)."""
    return read_expression(text.replace("−", "-"))


# ---- the questions as posted on the Q&A page (seed-problems.md) --------------------------
def test_seed_question_u_f_x_y_z():
    code, out, _ = run("solve", "设函数u=f(x,y,z),y=g(x,t),t=v(x,z)均有一阶连续偏导数,则偏u/偏x=?")
    assert code == 0 and out.strip() == "∂u/∂x = f₁′ + f₂′·(g₁′ + g₂′·v₁′)"


def test_seed_question_capital_z_and_az_ax():
    code, out, _ = run("solve", "求复合函数的偏导数 设Z=u^2 lnv , u=y/x, v=x^2+y^2, 求 az/ax ,az/ay", "--json")
    results = json.loads(out)["results"]
    assert code == 0 and [r["notation"] for r in results] == ["∂z/∂x", "∂z/∂y"]
    by_hand = (y / x)**2 * sp.log(x**2 + y**2)
    problem = read_problem("z = (y/x)^2 ln(x^2 + y^2)")
    for result, w in zip(results, (x, y)):
        got = read_expression(result["text"].replace("−", "-"), None)
        got = got.subs({s: sp.Symbol(s.name) for s in got.free_symbols}).subs(
            {sp.Symbol("u"): y / x, sp.Symbol("v"): x**2 + y**2})
        assert sp.simplify(got - sp.diff(by_hand, w)) == 0
    del problem


def test_seed_question_relations_separated_by_spaces():
    code, out, _ = run("solve", "z=e^(uv) u=ln[根号(x^2+y^2)] v=arctan(y/x)复合函数的偏导数或导数", "--json")
    data = json.loads(out)
    assert code == 0 and [r["notation"] for r in data["results"]] == ["∂z/∂x", "∂z/∂y"]


def test_seed_question_second_derivative_with_blank():
    code, out, _ = run("solve", "复合函数的偏导数问题.设z=y^lnx,则(δ^2)z/δ(x^2)=多少.麻烦高手把过程都具体写下,")
    assert code == 0 and out.startswith("∂²z/∂x² = ")


# ---- solve: labelled results, --json, options override the text --------------------------------
def test_solve_statement_with_point_and_dz_json():
    code, out, _ = run("solve", "求 z = x²y³ 在点 (2, −1) 处的全微分。", "--json")
    data = json.loads(out)
    assert code == 0
    formulas = [read_expression(p["text"]) for p in data["differential"]["partials"]]
    by_hand = [sp.diff(x**2 * y**3, w) for w in (x, y)]
    for formula, expected in zip(formulas, by_hand):
        named = {s: sp.Symbol(s.name) for s in formula.free_symbols}
        assert sp.expand(formula.subs(named) - expected) == 0
    assert "value_sympy" in data["differential"]
    assert "dz = −4 dx + 12 dy" in data["differential"]["text"]  # by hand: 2xy³ = −4, 3x²y² = 12


def test_solve_point_value_by_hand():
    code, out, _ = run("solve", r"设 $z=\ln(x^{2}+y)$，求 $\dfrac{\partial z}{\partial x}\Big|_{(1,2)}$", "--json")
    result = json.loads(out)["results"][0]
    expected = sp.diff(sp.log(x**2 + y), x).subs({x: 1, y: 2})
    assert code == 0 and value(result["value"]) == expected


def test_command_line_point_overrides_the_text():
    code, out, _ = run("solve", "设 z = x^2 y，求 ∂z/∂x 在点 (1, 2) 处", "--at", "x=3,y=1", "--json")
    assert code == 0 and value(json.loads(out)["results"][0]["value"]) == 6  # 2xy at (3, 1)


def test_command_line_d_overrides_the_text():
    code, out, _ = run("solve", "设 z = x^2 y^3，求 ∂z/∂x", "--d", "y")
    assert code == 0 and out.strip() == "∂z/∂y = 3x²y²"


def test_combination_json():
    code, out, _ = run("solve", "设 z = xy + x/y，求 x ∂z/∂x + y ∂z/∂y", "--json")
    combination = json.loads(out)["combinations"][0]
    assert code == 0 and combination["expression"] == "x ∂z/∂x + y ∂z/∂y"
    got = read_expression(combination["text"])
    assert sp.simplify(got.subs({s: sp.Symbol(s.name) for s in got.free_symbols}) - 2 * x * y) == 0


@pytest.mark.parametrize("statement, holds", [
    ("Let z = y/f(x^2 - y^2). Show that (1/x) z_x + (1/y) z_y = z/y^2.", True),
    ("设 z = x² + y²，证明 x z_x + y z_y = z", False),
])
def test_identity_routed_to_verify(statement, holds):
    code, out, _ = run("solve", statement, "--json")
    assert json.loads(out)["identities"][0]["holds"] is holds
    assert code == (0 if holds else 1)


def test_every_second_partial_asked_in_words():
    code, out, _ = run("solve", "Find the second partial derivatives of z = x^3 y^2")
    assert code == 0
    assert out.splitlines() == ["∂²z/∂x² = 6xy²", "∂²z/∂x∂y = 6x²y", "∂²z/∂y² = 2x³"]


def test_constants_are_not_variables():
    code, out, _ = run("solve", "Let z = e^(kx) sin y, where k is a constant. Find the partial derivatives.", "--json")
    data = json.loads(out)
    assert code == 0 and [r["notation"] for r in data["results"]] == ["∂z/∂x", "∂z/∂y"]
    assert data["constants"] == ["k"] and data["independent"] == ["x", "y"]


# ---- parse ---------------------------------------------------------------------------------------
def test_parse_shows_what_was_read():
    code, out, _ = run("parse", "例3. 设 z = f(x + y, xy)，其中 f 具有二阶连续偏导数，a 为常数，求 ∂z/∂x 在点 (1, 2) 处的值。要过程")
    assert code == 0
    assert "z = f(x + y, x·y)    (definition)" in out
    assert "asked: ∂z/∂x" in out and "at the point: (1, 2)" in out and "constants: a" in out
    assert "hypotheses: 其中 f 具有二阶连续偏导数" in out and "例3." in out and "要过程" in out


def test_parse_json_keys():
    code, out, _ = run("parse", "Find the total differential of z = ln(1 + x² + y²) at x = 1, y = 2.", "--json")
    data = json.loads(out)
    assert code == 0 and data["asked"] == ["dz (total differential)"] and data["point"] == "x = 1, y = 2"


# ---- check -----------------------------------------------------------------------------------------
STATEMENT = r"设 $z=\ln(x^{2}+y)$，求 $\dfrac{\partial z}{\partial x}\Big|_{(1,2)}$"


@pytest.mark.parametrize("answer, code", [("2/3", 0), ("0.666666666666667", 0), ("1/2", 1), ("2x/(x^2+y)", 0),
                                          ("2x/(x+y)", 1), (r"\frac{2x}{x^{2}+y}", 0), ("ln", 2)])
def test_check_statement_at_its_point(answer, code):
    # by hand: ∂z/∂x = 2x/(x² + y) = 2/3 at (1, 2); 2x/(x+y) is 2/3 there too but wrong as a formula
    assert run("check", STATEMENT, "--answer", answer)[0] == code


def test_check_statement_asking_several_needs_a_target():
    code, _, err = run("check", "设 z = x^2 y, 求 ∂z/∂x, ∂z/∂y", "--answer", "2xy")
    assert code == 2 and "--target" in err
    assert run("check", "设 z = x^2 y, 求 ∂z/∂x, ∂z/∂y", "--d", "y", "--answer", "x^2")[0] == 0


# ---- errors point into the pasted text; junk is one message -----------------------------------------------
@pytest.mark.parametrize("text, under", [
    (r"设 $z = \frac{x}{y} + x * / y$，求 ∂z/∂x", "/ y"),
    ("设 z = x² + y²，证明 x z_x + y z_y = z +* 1", "* 1"),
    ("设 z = x² + y²，求 x ∂z/∂x + * y", "* y"),
    (r"Let $z = \sqrt{x} + \foo y$. Find z_x.", "\\foo"),
    ("设 z = x⼀⼀y，求 ∂z/∂x", "⼀y"),
])
def test_caret_under_the_original_character(text, under):
    code, _, err = run("solve", text)
    assert code == 2
    lines = err.splitlines()
    at = next(k for k, line in enumerate(lines) if line.strip() == "^")
    caret_line, shown = lines[at], lines[at - 1]
    assert shown.strip() == text
    column = caret_line.index("^") - 4
    assert column == sum(2 if ord(ch) > 0x2E80 else 1 for ch in text[:text.index(under)])


@pytest.mark.parametrize("junk", ["求", "设 ，", "Let. Find.", "$$", r"\frac{", "设 z = ，求 ∂z/∂x", "求 ∂z/∂x",
                                  "在点 (a, b) 处", "<equation></equation>", "设 z = x^2 y, 求 z_x(1, 2) 与 z_y(3, 4)", "Find the derivative.", "z = x at (1, 2, 3)"])
def test_junk_is_one_message_with_exit_2(junk):
    code, _, err = run("solve", junk)
    assert code == 2 and "Traceback" not in err and err.strip()


# ---- the normalising pass ---------------------------------------------------------------------------------
PLAIN = ["z = u^2 ln v, u = y/x, v = x^2 + y^2", "z=y^lnx", "u = f(x,y,z), y = g(x,t), t = v(x,z)", "e^z = xyz",
         "F(yz, y + xz) = 0", "z = e^(uv), u = ln[√(x^2+y^2)], v = arctan(y/x)", "z = y / f(x^2 - y^2)",
         "z = f(u,v), u = u(x,y), v = v(x,y)", "y = ln(x+2)", "c = a + b, d = b + 1, e = c·d", "z = x^{2} y"]


@pytest.mark.parametrize("text", PLAIN)
def test_text_without_markup_is_untouched(text):
    assert normalize(text).text == text


@pytest.mark.parametrize("pasted, plain", [
    (r"z=\frac{x}{y}", "z = x/y"), (r"z = \sqrt{x^{2}+y^{2}}", "z = √(x^2+y^2)"), (r"z=\sqrt[3]{xy}", "z = ∛(xy)"),
    (r"z = \mathrm{e}^{xy}\sin x", "z = e^(xy) sin x"), (r"z=\left(x+y\right)^{2}\cdot\ln x", "z = (x+y)^2·ln x"),
    ("z ＝ x²＋y（1－x）", "z = x² + y(1 - x)"), ("z = x^1\\2", "z = x^(1/2)"), ("z = ∛(x+y)", "z = cbrt(x+y)"),
    ("<equation>z = x⼀y</equation>", "z = x/y"), (r"z = \varphi + \theta x, \varphi = x y", "z = φ + θx, φ = xy"),
    ("z = 根号(x^2+y^2)", "z = √(x^2+y^2)"), (r"z = x\times y \div 2", "z = x×y÷2"),
])
def test_pasted_forms_read_as_the_plain_ones(pasted, plain):
    assert read_problem(pasted).relations[0].rhs == read_problem(plain).relations[0].rhs


def test_origins_point_into_the_original():
    text = r"设 $z=\frac{x}{y}$，求 \frac{\partial z}{\partial x}"
    mapped = normalize(text)
    for position, character in enumerate(mapped.text):
        origin = mapped.origin(position)
        assert 0 <= origin < len(text)
        if character in "xyz" and text[origin] in "xyz":
            assert text[origin] == character


@pytest.mark.parametrize("statement", ["设 z = x^2 y，求 z 在点 (1,2) 处沿 (1,1) 的方向导数",
                                       "Find the gradient of z = x^2 y at (1, 2).", "求 z = x^2 + y^2 的极值"])
def test_what_partials_does_not_compute_is_refused(statement):
    code, out, err = run("solve", statement)
    assert code == 2 and out == "" and "does not compute" in err


@pytest.mark.parametrize("answer, code", [
    (r"f_{1}^{\prime} + y f_{2}^{\prime}", 0), (r"f'_1 + y\cdot f'_2", 0), (r"\boxed{f_1' + yf_2'}", 0),
    (r"$f_{1}^{\prime} + x f_{2}^{\prime}$", 1), (r"\dfrac{\partial z}{\partial x} = f'_{1} + y f'_{2}", 0),
])
def test_latex_answers_are_read(answer, code):
    # by hand: z = f(x + y, xy) gives ∂z/∂x = f₁′ + y·f₂′
    assert run("check", "z = f(x+y, xy)", "--d", "x", "--answer", answer)[0] == code


def test_latex_statement_and_answer_second_order():
    statement = r"设 z = f(x+y, xy)，其中 f 具有二阶连续偏导数，求 $\frac{\partial^2 z}{\partial x\partial y}$"
    right = "f''_{11} + (x+y) f''_{12} + xy f''_{22} + f'_2"
    assert run("check", statement, "--answer", right)[0] == 0
    assert run("check", statement, "--answer", "f''_{11} + (x+y) f''_{12} + xy f''_{22}")[0] == 1


def test_grade_takes_a_problem_set_whose_text_is_a_whole_statement(tmp_path):
    problem_set = tmp_path / "set.toml"
    problem_set.write_text('title = "statements"\ntopic = "statements"\n\n[[problem]]\nid = "s-01"\n'
                           'text = "设 z = u^2 ln v，而 u = y/x，v = x^2 + y^2，求 ∂z/∂x。"\ntags = ["chain"]\n'
                           'difficulty = 1\nanswers = { "∂z/∂x" = "2u ln v·(-y/x^2) + u^2/v·2x" }\n', encoding="utf-8")
    answers = tmp_path / "answers.csv"
    # by hand: ∂z/∂x = 2u ln v·(−y/x²) + (u²/v)·2x; "2ulnv - y/x^2" adds instead of multiplying
    answers.write_text("student,problem,answer\nann,s-01,2u ln v·(-y/x^2) + u^2/v·2x\nbob,s-01,2ulnv - y/x^2\n"
                       "cid,s-01,\\frac{2u^{2}x}{v} - \\frac{2uy\\ln v}{x^{2}}\n", encoding="utf-8")
    _, out, _ = run("grade", str(problem_set), str(answers), "--jobs", "1")
    rows = {row[0]: row[4] for row in list(csv.reader(io.StringIO(out)))[1:4]}
    assert rows == {"ann": "right", "bob": "wrong", "cid": "right"}
