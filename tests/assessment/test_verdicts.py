"""Issue 12, false "wrong" and false "right": every example, each judged
against an oracle independent of the checker (sympy.diff of the fully
substituted problem, concrete functions in place of abstract ones)."""
import csv
import io
import random

import pytest
import sympy

import partials
import partials.reading.reader
from partials.classroom import grading
from partials.cli import main
from partials.reading.latex_answer import latex_to_text
from partials.reading.reader import read_problem
from partials.assessment.verify import verify

x, y, r, s, t = sympy.symbols("x y r s t", real=True)


def status(problem, target, answer, **options):
    return partials.check(problem, target, answer, **options).status


def differs_somewhere(truth, wrong, variables, seed=0):
    """The oracle: `wrong` differs from `truth` at some point of the real
    domain, both signs (evaluated by SymPy at 30 digits)."""
    rng = random.Random(seed)
    for _ in range(200):
        point = {v: sympy.Float(rng.choice((-1, 1)) * rng.uniform(0.01, 40), 30) for v in variables}
        a, b = sympy.N(truth.subs(point), 30), sympy.N(wrong.subs(point), 30)
        if a.is_real and b.is_real and abs(a - b) > 1e-25 * (1 + abs(a)):
            return True
    return False


# ---- 1. derivatives by intermediates, the chain rule written out ------------------------
CHAIN = "z = f(u,v), u = x + y, v = xy"


@pytest.mark.parametrize("answer", [
    "z_u + y z_v",
    "∂z/∂u·∂u/∂x + ∂z/∂v·∂v/∂x",
    "∂z/∂u + y·∂z/∂v",
    "f_1' + y f_2'",
    "∂z/∂x = f₁′ + y·f₂′",  # solve's own text output
    "\\frac{\\partial z}{\\partial x} = f_{1}' + y f_{2}'",  # solve --latex
])
def test_the_chain_rule_written_out_is_right(answer):
    assert status(CHAIN, "∂z/∂x", answer) == "right"


@pytest.mark.parametrize("answer", ["z_u + x z_v", "z_u", "z_u + z_v", "y z_v"])
def test_a_wrong_chain_written_out_is_wrong(answer):
    # oracle: with f(a, b) = a·b² the right value is v² + 2uv·y, these differ
    f = lambda a, b: a * b**2  # noqa: E731
    u, v = x + y, x * y
    truth = sympy.diff(f(u, v), x)
    z_u, z_v = v**2, 2 * u * v
    wrong = {"z_u + x z_v": z_u + x * z_v, "z_u": z_u, "z_u + z_v": z_u + z_v, "y z_v": y * z_v}[answer]
    assert differs_somewhere(truth, wrong, (x, y))
    assert status(CHAIN, "∂z/∂x", answer) == "wrong"


def test_declared_functions_chain_written_out():
    problem = "u = u(x,y), x = r cos t, y = r sin t"
    assert status(problem, "∂u/∂r", "∂u/∂x·∂x/∂r + ∂u/∂y·∂y/∂r") == "right"
    assert status(problem, "∂u/∂r", "u_x cos t + u_y sin t") == "right"
    assert status(problem, "∂u/∂r", "∂u/∂x·∂x/∂r + ∂u/∂y·∂y/∂t") == "wrong"


def test_solve_output_pasted_back_for_every_problem_of_a_set():
    from partials.classroom.problemset import load_problem_set

    checked = 0
    for exercise in load_problem_set("problem_sets/04-abstract-chains.toml").problems:
        exercise = exercise.default_instance()
        if exercise.at:
            continue
        problem = read_problem(exercise.text, of=exercise.of)
        for asked in exercise.asks:
            target = partials.reading.reader.read_target(asked, problem)
            solution = problem.framed_for(target.of, target.wrt).d(target.of, *target.wrt)
            for printed in (solution.text, solution.latex):
                assert status(exercise.text, asked, printed, of=exercise.of) == "right", (exercise.id, printed)
                checked += 1
    assert checked >= 10


# ---- 2. grade honours an exercise's `at` ------------------------------------------------------
def test_grade_judges_answers_at_the_exercise_point():
    exercises = grading.load_exercises("problem_sets/01-explicit-composites.toml")
    # oracle: u = x⁴y + y²z³ with x = rse^t, y = rs²e^(−t), z = r²s sin t, ∂u/∂s at (2, 1, 0)
    X, Y, Z = r * s * sympy.exp(t), r * s**2 * sympy.exp(-t), r**2 * s * sympy.sin(t)
    value = sympy.diff(X**4 * Y + Y**2 * Z**3, s).subs({r: 2, s: 1, t: 0})
    assert value == 192
    rows = [grading.Row(0, "a", "composite-07", "192"), grading.Row(1, "b", "composite-07", "∂u/∂s = 192"),
            grading.Row(2, "c", "composite-07", "191"), grading.Row(3, "d", "composite-08 ∂w/∂r", "2π"),
            grading.Row(4, "e", "composite-08 ∂w/∂t", "2π")]
    statuses = [grading.grade_row(exercises, row).status for row in rows]
    assert statuses == ["right", "right", "wrong", "right", "wrong"]


def test_check_at_a_point_with_abstract_values():
    problem = "z = f(x+y, xy)"
    assert status(problem, "∂z/∂x", "f_1'(2,1) + f_2'(2,1)", at="x=1,y=1") == "right"
    assert status(problem, "∂z/∂x", "f_1'(2,1) + 2f_2'(2,1)", at="x=1,y=1") == "wrong"


# ---- 3. y', y'' -------------------------------------------------------------------------------------
def test_primed_label_and_term_in_a_one_variable_problem():
    circle = "x^2 + y^2 = 1"
    assert status(circle, "dy/dx", "y' = -x/y") == "right"
    assert status(circle, "y'", "-x/y") == "right"
    assert status(circle, "dy/dx", "y' = x/y") == "wrong"
    # y'' = −(y² + x²)/y³ = −1/y³ on the circle (oracle: implicit differentiation by hand)
    assert status(circle, "y''", "-1/y^3") == "right"
    assert status(circle, "y''", "y'' = -(x^2 + y^2)/y^3") == "right"
    assert status(circle, "y''", "-(1 + y'^2)/y") == "right"  # y'' written with y' (1 + y'² + y y'' = 0)
    assert status(circle, "y''", "-(1 + x y')/y^2") == "wrong"
    assert status(circle, "y''", "1/y^3") == "wrong"


def test_primed_label_without_one_variable_is_refused():
    assert status("z = x^2 y", "∂z/∂x", "z' = 2xy") == "unreadable"


# ---- 4. domains away from the sampling box ------------------------------------------------------
@pytest.mark.parametrize("shift", [30, 250])
def test_domain_far_from_the_box(shift):
    problem = f"z = ln(x - {shift}) + y"
    assert status(problem, "∂z/∂x", f"1/(x - {shift})") == "right"
    assert status(problem, "∂z/∂x", f"1/(x - {shift + 1})") == "wrong"
    assert status(problem, "∂z/∂x", f"1/(x - {shift}) + 10^-9") == "wrong"


def test_domain_of_the_answer_narrower_than_the_keys():
    # ln(x²) has the domain x ≠ 0, the answer written with √x needs x > 0: decided there
    assert status("z = ln(x^2) + y", "∂z/∂x", "2/(√x)^2") == "right"


# ---- 5. names the problem does not have -----------------------------------------------------------
def test_greek_look_alike_is_cannot_understand_with_the_letter_meant():
    verdict = partials.check("z = u v, u = x + y, v = x - y", "∂z/∂x", "ν + u")
    assert verdict.status == "unreadable" and verdict.exit_code == 2
    assert "ν is not a name of this problem (did you mean v?)" in verdict.message


def test_any_unknown_name_is_cannot_understand():
    verdict = partials.check("z = x^2 y", "∂z/∂x", "2xq")
    assert verdict.status == "unreadable" and "q is not a name of this problem" in verdict.message


def test_cli_exit_code_for_a_look_alike(capsys):
    assert main(["check", "z = u v, u = x + y, v = x - y", "--d", "x", "--answer", "ν + u"]) == 2
    assert "did you mean v?" in capsys.readouterr().out


# ---- 6. the question as its own answer ---------------------------------------------------------------
@pytest.mark.parametrize("problem, target, answer", [
    ("z = x^2 y", "∂z/∂x", "z_x"),
    ("z = x^2 y", "∂z/∂x", "∂z/∂x = ∂z/∂x"),
    ("x^2 + y^2 + z^2 = 1", "∂z/∂x", "-x/z + z_x/2"),
    ("x^2 + y^2 = 1", "dy/dx", "y'"),
    # true on the surface (x u − y v = 0 differentiated), but v_x is solved for with u_x
    ("u = u(x,y), v = v(x,y), xu - yv = 0, yu + xv = 1", "∂u/∂x", "(y v_x - u)/x"),
])
def test_the_question_is_never_its_own_answer(problem, target, answer):
    verdict = partials.check(problem, target, answer)
    assert verdict.status != "right"
    assert "should" in verdict.message or "solve for" in verdict.message


# ---- 7. sign errors: both signs are sampled ----------------------------------------------------------
SIGN_ERRORS = [
    ("z = ln|x| + y", "1/|x|", 1 / x),
    ("z = |x| y", "y", y * sympy.sign(x)),
    ("z = √(x^2 y^2)", "y", x * y**2 / sympy.Abs(x * y)),
    ("z = |x|^3 + y", "3x^2", 3 * x * sympy.Abs(x)),
]


@pytest.mark.parametrize("problem, answer, truth", SIGN_ERRORS)
def test_sign_errors_on_half_the_domain_are_wrong(problem, answer, truth):
    wrong = {"1/|x|": 1 / sympy.Abs(x), "y": y, "3x^2": 3 * x**2}[answer]
    assert differs_somewhere(truth, wrong, (x, y))
    assert status(problem, "∂z/∂x", answer) == "wrong"


@pytest.mark.parametrize("problem, answer, truth", SIGN_ERRORS)
def test_verify_finds_the_sign_errors_too(problem, answer, truth):
    verdict = verify(read_problem(problem), f"z_x = {answer}")
    assert verdict.holds is False
    point = {sympy.Symbol(str(k), real=True): v for k, v in verdict.counterexample.items()}
    left, right = verdict.values
    assert abs(float(sympy.N(truth.subs(point))) - float(left)) < 1e-9 * (1 + abs(float(left)))
    assert abs(float(left) - float(right)) > 1e-6


# ---- 8. tolerance and magnitude -------------------------------------------------------------------------
@pytest.mark.parametrize("answer", ["2x + 10^-10", "2.0000000001x", "2x(1 + 10^-14)", "2x + 10^-20 y"])
def test_near_misses_are_wrong(answer):
    assert status("z = x^2 + y", "∂z/∂x", answer) == "wrong"


def test_expanded_power_with_one_coefficient_off_by_one_is_wrong():
    key = sympy.expand(sympy.diff((x + y) ** 32, x))
    terms = key.as_ordered_terms()
    off = key + terms[len(terms) // 2] / terms[len(terms) // 2].as_coeff_Mul()[0]  # one coefficient + 1
    assert sympy.expand(off - key) != 0
    assert status("z = (x+y)^32", "∂z/∂x", str(off)) == "wrong"
    assert status("z = (x+y)^32", "∂z/∂x", str(key)) == "right"


def test_a_term_that_matters_only_near_the_origin_is_not_dropped():
    problem = "z = xy + e^(-50(x^2+y^2))"
    assert status(problem, "∂z/∂x", "y") == "wrong"
    assert status(problem, "∂z/∂x", "y - 100x e^(-50(x^2+y^2))") == "right"


def test_identity_near_miss_does_not_hold():
    assert verify(read_problem("z = x^2 + y"), "z_x = 2x + 10^-10").holds is False
    assert verify(read_problem("z = x^2 + y"), "z_x = 2x").holds is True


# ---- 9. a polynomial that agrees with cos x on a short interval ------------------------------------------
def test_taylor_polynomial_of_cos_is_not_right():
    taylor = sympy.series(sympy.cos(x), x, 0, 30).removeO()
    assert differs_somewhere(sympy.cos(x), taylor, (x,))
    verdict = partials.check("z = sin x + y", "∂z/∂x", str(taylor))
    assert verdict.status == "wrong"


# ---- 10. verify uses the checker's sampler ------------------------------------------------------------------
def test_verify_has_no_sampler_of_its_own():
    import partials.assessment.verify as module

    source = open(module.__file__, encoding="utf-8").read()
    assert "lambdify" not in source and "_Sampler" not in source
    assert "PointSampler" in source


def test_verify_abstract_identity_at_points_of_both_signs():
    assert verify(read_problem("z = f(x^2 + y^2)"), "y z_x - x z_y = 0").holds is True
    assert verify(read_problem("z = f(x^2 + y^2)"), "x z_x - y z_y = 0").holds is False


# ---- the LaTeX reader ---------------------------------------------------------------------------------------
@pytest.mark.parametrize("latex, text", [
    ("\\frac{2 u^{2} x}{v}", "([2 u^2 x]/[v])"),
    ("\\frac{\\mathrm{d}^{2} y}{\\mathrm{d} x^{2}}", "(d²y/dx²)"),
    ("\\left(x + y\\right) e^{x y}", "(x + y) e^(x y)"),
    ("\\frac{\\partial^{2} z}{\\partial x \\partial y}", "(∂²z/∂x∂y)"),
    ("f'\\left(x^{2} - y^{2}\\right)", "f'(x^2 - y^2)"),
    ("\\sqrt{x^{2} + 1}", "√(x^2 + 1)"),
])
def test_latex_rewrites(latex, text):
    assert latex_to_text(latex, frozenset({"f"})) == text


def test_latex_power_of_an_abstract_function():
    assert latex_to_text("\\frac{1}{f^{2}\\left(u\\right)}", frozenset({"f"})) == "([1]/[f(u)^2])"


def test_grade_report_for_at_exercises_via_cli(tmp_path, capsys):
    answers = tmp_path / "answers.csv"
    answers.write_text("student,problem,answer\nann,composite-07,192\nbob,composite-07,193\n", encoding="utf-8")
    report = tmp_path / "report.csv"
    main(["grade", "problem_sets/01-explicit-composites.toml", str(answers), "-o", str(report), "--jobs", "1"])
    rows = list(csv.reader(io.StringIO(report.read_text(encoding="utf-8"))))
    by_student = {row[0]: row for row in rows[1:]}
    assert "right" in by_student["ann"] and "wrong" in by_student["bob"]


@pytest.mark.parametrize("bump", ["(x-1)^2+y^2", "(x-2)^2+(y+1)^2", "(x-5)^2+(y-3)^2"])
def test_a_term_that_matters_only_near_a_bump_away_from_the_origin(bump):
    problem = f"z = xy + e^(-80({bump}))"
    X, Y = sympy.symbols("X Y", real=True)
    centre = {"(x-1)^2+y^2": (1, 0), "(x-2)^2+(y+1)^2": (2, -1), "(x-5)^2+(y-3)^2": (5, 3)}[bump]
    bump_expr = (X - centre[0]) ** 2 + (Y - centre[1]) ** 2
    truth = sympy.diff(X * Y + sympy.exp(-80 * bump_expr), X)
    near = {X: centre[0] + sympy.Rational(1, 20), Y: centre[1]}
    assert abs(sympy.N((truth - Y).subs(near))) > 1  # the oracle: "y" is far off next to the bump
    verdict = partials.check(problem, "∂z/∂x", "y")
    assert verdict.status == "wrong"
    assert verdict.diagnosis is None  # seen only where the bump is: no mistake is guessed from the other points


def test_a_difference_far_below_float_precision_is_wrong():
    verdict = partials.check("z = x^2 + y", "∂z/∂x", "2x + 10^-25")
    assert verdict.status == "wrong"
    assert partials.check("z = x^2 + y", "∂z/∂x", "2x + 10^-25 - 10^-25").status == "right"


@pytest.mark.parametrize("problem, right, wrong", [
    ("z = ln(x^2 - 900) + y", "2x/(x^2 - 900)", "2x/(x^2 - 901)"),
    ("z = √(x - 30) + y", "1/(2√(x - 30))", "1/(2√(x - 29))"),
    ("z = arcsin(x - 30) + y", "1/√(1 - (x - 30)^2)", "1/√(1 + (x - 30)^2)"),
])
def test_domains_of_roots_and_inverse_functions_far_from_the_box(problem, right, wrong):
    assert status(problem, "∂z/∂x", right) == "right"
    assert status(problem, "∂z/∂x", wrong) == "wrong"


@pytest.mark.parametrize("answer", ["-x/|z|", "-x/√(4 - x^2 - y^2)"])
def test_implicit_unknowns_are_met_on_both_branches(answer):
    # oracle: on the lower half of x² + y² + z² = 4, at (1, 1, −√2), ∂z/∂x = −x/z = 1/√2
    point = {x: 1, y: 1}
    z_lower = -sympy.sqrt(2)
    assert sympy.simplify(-point[x] / z_lower - 1 / sympy.sqrt(2)) == 0
    wrong = {"-x/|z|": -point[x] / abs(z_lower), "-x/√(4 - x^2 - y^2)": -point[x] / sympy.sqrt(4 - 1 - 1)}[answer]
    assert wrong != 1 / sympy.sqrt(2)
    assert status("x^2 + y^2 + z^2 = 4", "∂z/∂x", answer) == "wrong"
    assert status("x^2 + y^2 + z^2 = 4", "∂z/∂x", "-x/z") == "right"
