"""`partials solve` presentation: the explicit form labelled on its own line,
--ascii, --lang, plain text when piped and bold only on a terminal."""
import io
import json

import pytest
import sympy

import partials
from partials.cli import main
from partials.presentation.printing import BOLD, RESET, present, use_colour
from partials.reading.reader import read_expression
from partials.core.symbols import variable

x, y = variable("x"), variable("y")
TEXT = "z = u^2 ln v, u = y/x, v = x^2 + y^2"


def solve(capsys, *argv):
    status = main(["solve", *argv])
    captured = capsys.readouterr()
    assert status == 0, captured.err
    return captured.out


@pytest.mark.parametrize("flags, expected", [
    ((), [
        "∂z/∂x = 2u²x/v − 2uy ln v/x²",
        "      = 2y²(x² − (x² + y²) ln(x²+y²))/(x³(x² + y²))  (in x, y)",
    ]),
    (("--ascii",), [
        "dz/dx = 2u^2x/v - 2uy ln v/x^2",
        "      = 2y^2(x^2 - (x^2 + y^2) ln(x^2+y^2))/(x^3(x^2 + y^2))  (in x, y)",
    ]),
    (("--latex",), [
        r"\frac{\partial z}{\partial x} = \frac{2 u^{2} x}{v} - \frac{2 u y \ln v}{x^{2}}",
        r"\phantom{\frac{\partial z}{\partial x}} = \frac{2 y^{2} \left(x^{2} - \left(x^{2} + y^{2}\right)"
        r" \ln\left(x^{2} + y^{2}\right)\right)}{x^{3} \left(x^{2} + y^{2}\right)}\quad\text{(in $x, y$)}",
    ]),
])
def test_explicit_form_is_labelled_on_its_own_line(capsys, flags, expected):
    assert solve(capsys, TEXT, "--d", "x", "--explicit", *flags).splitlines() == expected


def test_explicit_line_is_the_derivative_of_the_substituted_function(capsys):
    explicit = solve(capsys, TEXT, "--d", "x", "--explicit").splitlines()[1]
    right = explicit.split(" = ", 1)[1].removesuffix("  (in x, y)")
    substituted = (y / x) ** 2 * sympy.log(x**2 + y**2)
    assert sympy.simplify(read_expression(right) - sympy.diff(substituted, x)) == 0


def test_explicit_line_only_when_the_forms_differ(capsys):
    assert solve(capsys, "z = e^(xy)", "--d", "x", "--explicit").splitlines() == ["∂z/∂x = ye^(xy)"]


def test_ascii_output_is_plain_ascii(capsys):
    out = solve(capsys, TEXT, "--d", "x", "--d2", "x", "y", "--explicit", "--steps", "--ascii")
    assert out.isascii()
    assert "   dz/dx = dz/du*du/dx + dz/dv*dv/dx" in out.splitlines()


def test_ascii_value_at_a_point(capsys):
    assert solve(capsys, "z = e^(xy)", "--d", "x", "--at", "x=1,y=2", "--ascii").splitlines() == [
        "dz/dx = ye^(xy)",
        "  at (x=1, y=2): 2e^2 ~= 14.7781",
    ]


@pytest.mark.parametrize("lang, captions", [
    ("en", ["1. The problem", "3. By the chain rule, one term for each path from z to x",
            "5. Substitute them and simplify"]),
    ("zh", ["1. 题设", "3. 由链式法则（z 到 x 的每条路径一项）", "5. 代入并化简"]),
])
def test_step_captions_in_the_chosen_language(capsys, lang, captions):
    lines = solve(capsys, TEXT, "--d", "x", "--steps", "--lang", lang).splitlines()
    assert [line for line in lines if line[:2] in {"1.", "3.", "5."}] == captions
    assert lines[-1] == "∂z/∂x = 2u²x/v − 2uy ln v/x²"


def test_unknown_language_is_a_usage_error(capsys):
    with pytest.raises(SystemExit) as exit:
        main(["solve", TEXT, "--lang", "fr"])
    assert exit.value.code == 2
    assert "--lang" in capsys.readouterr().err


def test_piped_output_has_no_escape_codes(capsys):
    out = solve(capsys, TEXT, "--d", "x", "--explicit", "--steps")
    assert "\033[" not in out and "└" not in out and "├" not in out


def test_json_is_unchanged_by_presentation_flags(capsys):
    plain = json.loads(solve(capsys, TEXT, "--d", "x", "--json"))
    dressed = json.loads(solve(capsys, TEXT, "--d", "x", "--json", "--explicit", "--ascii", "--lang", "zh"))
    assert dressed == plain
    assert plain["results"][0]["text"] == "2u²x/v − 2uy ln v/x²"


class _Terminal(io.StringIO):
    def isatty(self):
        return True


def test_colour_only_on_a_terminal_without_no_color(monkeypatch):
    monkeypatch.delenv("NO_COLOR", raising=False)
    assert use_colour(_Terminal()) and not use_colour(io.StringIO())
    monkeypatch.setenv("NO_COLOR", "1")
    assert not use_colour(_Terminal())


def test_terminal_answer_is_bold_and_tree_box_drawn():
    [solution] = [partials.parse(TEXT).d("z", x)]
    shown = present(solution, explicit=True, steps=True, terminal=True).splitlines()
    assert shown[-2] == BOLD + "∂z/∂x = 2u²x/v − 2uy ln v/x²" + RESET
    assert shown[-1].startswith("      = 2y²(") and BOLD not in shown[-1]
    assert any("└" in line or "├" in line for line in shown)


@pytest.mark.parametrize("flags, expected", [
    ((), [
        "dz = (2u²x/v − 2uy ln v/x²) dx + (2u²y/v + 2u ln v/x) dy",
        "   = 2y²(x² − (x² + y²) ln(x²+y²))/(x³(x² + y²)) dx"
        " + 2y(y² + (x² + y²) ln(x²+y²))/(x²(x² + y²)) dy  (in x, y)",
    ]),
    (("--ascii",), [
        "dz = (2u^2x/v - 2uy ln v/x^2) dx + (2u^2y/v + 2u ln v/x) dy",
        "   = 2y^2(x^2 - (x^2 + y^2) ln(x^2+y^2))/(x^3(x^2 + y^2)) dx"
        " + 2y(y^2 + (x^2 + y^2) ln(x^2+y^2))/(x^2(x^2 + y^2)) dy  (in x, y)",
    ]),
])
def test_total_differential_explicit_form_is_labelled(capsys, flags, expected):
    assert solve(capsys, TEXT, "--total", "--explicit", *flags).splitlines() == expected


def test_total_differential_in_ascii_at_a_point(capsys):
    # dz = -y e^(-xy) dx - x e^(-xy) dy at (1, 2)
    assert solve(capsys, "z = e^(-xy)", "--total", "--at", "x=1,y=2", "--ascii").splitlines() == [
        "dz = -2e^(-2) dx - e^(-2) dy",
    ]


def test_latex_and_ascii_exclude_each_other(capsys):
    with pytest.raises(SystemExit) as exit:
        main(["solve", TEXT, "--latex", "--ascii"])
    assert exit.value.code == 2
    assert "not allowed with" in capsys.readouterr().err


def test_arguments_of_abstract_functions_written_out(capsys):
    assert solve(capsys, "z = f(x+y, xy)", "--d", "x", "--d2", "x", "y", "--arguments").splitlines() == [
        "∂z/∂x = f₁′(x+y, xy) + y·f₂′(x+y, xy)",
        "∂²z/∂x∂y = f₁₁″(x+y, xy) + (x + y)f₁₂″(x+y, xy) + xy·f₂₂″(x+y, xy) + f₂′(x+y, xy)",
    ]


@pytest.mark.parametrize("text, flags, target", [
    ("z = f(x+y, xy)", ("--d2", "x", "y"), "z_xy"), ("F(yz, y + xz) = 0", ("--d", "y"), "z_y"),
    ("z = f(u,v), u = x+y, v = xy", ("--d", "x"), "z_x"), ("u = f(x,y,z), y = g(x,t), t = v(x,z)", ("--d", "x"), "u_x"),
])
def test_answers_with_arguments_read_back_as_the_same_answer(capsys, text, flags, target):
    """What --arguments prints, kept and explicit, is something a student can type back."""
    for line in solve(capsys, text, *flags, "--arguments", "--explicit", "--ascii").splitlines():
        answer = line.split(" = ", 1)[1].split("  (in ")[0]
        verdict = partials.check(text, target, answer)
        assert verdict.correct, (line, verdict.message)


def test_interpreted_answer_shows_arguments_other_than_the_problems(capsys):
    status = main(["check", "z = f(x+y, xy)", "--d", "x", "--answer", "f₁′(x, y) + y f₂′(x, y)"])
    out = capsys.readouterr().out
    assert status == 1
    assert "interpreted as: ∂z/∂x = f₁′(x, y) + y·f₂′(x, y)" in out
