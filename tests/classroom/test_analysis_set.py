"""problem_sets/10-point-analysis.toml: every stored answer (a property or a
value at the point) agrees with the independent mpmath oracle of
tests/analysis/analysis_oracle.py AND is confirmed by `partials analyze`
(right, with a certificate, never undecided); the schema, the worksheet and
grading handle kind = "analysis"."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest
import sympy
from mpmath import mp, mpf

from partials.assessment.analysis.analyze import analyze
from partials.assessment.analysis.claims import RIGHT, check_claim, claim_of
from partials.classroom.problemset import ProblemSetError, load_problem_set, problem_set_from_data
from partials.classroom.worksheet import Options, build_worksheet
from partials.reading.reader import read_assignments

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "analysis"))
import analysis_oracle as oracle  # noqa: E402

SET = load_problem_set(Path(__file__).resolve().parents[2] / "problem_sets" / "10-point-analysis.toml")
sqrt, sin, fabs = mp.sqrt, mp.sin, abs


def _cbrt(t):
    return mp.sign(t) * fabs(t) ** (mpf(1) / 3)


def _off(g, a=0, b=0):
    return lambda x, y: 0 if (x, y) == (a, b) else g(x, y)


# the same functions written independently, in mpmath
MPMATH = {
    "point-analysis-01": _off(lambda x, y: x * y / (x * x + y * y)),
    "point-analysis-02": _off(lambda x, y: x * y / sqrt(x * x + y * y)),
    "point-analysis-03": lambda x, y: sqrt(fabs(x * y)),
    "point-analysis-04": lambda x, y: fabs(x) + fabs(y),
    "point-analysis-05": _off(lambda x, y: (x * x + y * y) * sin(1 / (x * x + y * y))),
    "point-analysis-06": _off(lambda x, y: x * x * y / (x ** 4 + y * y)),
    "point-analysis-07": _off(lambda x, y: x * y * (x * x - y * y) / (x * x + y * y)),
    "point-analysis-08": lambda x, y: 1 if (x, y) == (0, 0) else sin(x * x + y * y) / (x * x + y * y),
    "point-analysis-09": _off(lambda x, y: x * x * y / (x * x + y * y)),
    "point-analysis-10": lambda x, y: _cbrt(x ** 3 + y ** 3),
    "point-analysis-11": _off(lambda x, y: (x - 1) * (y - 2) / ((x - 1) ** 2 + (y - 2) ** 2), 1, 2),
    "point-analysis-12": _off(lambda x, y: (x * x + y * y) * sin(1 / sqrt(x * x + y * y))),
}
CASES = [(e, key) for e in SET.problems for key in e.answers]


def _point(exercise):
    if not exercise.at:
        return mpf(0), mpf(0)
    named = {str(name): value for name, value in read_assignments(exercise.at).items()}
    return mpf(int(named["x"])), mpf(int(named["y"]))


def _truth(exercise, key):
    """The oracle's answer to `key`, in the stored form ("yes"/"no", a number, "does not exist")."""
    f, (a, b) = MPMATH[exercise.id], _point(exercise)
    yes_no = {True: "yes", False: "no"}
    partials = {by: oracle.partial(f, a, b, by) for by in "xy"}
    if key == "continuous":
        return yes_no[oracle.continuous(f, a, b)]
    if key == "limit":
        return oracle.value(f, a + mpf(10) ** -30, b)  # continuity is asked too; a value to compare
    if key in ("f_x", "f_y"):
        return partials[key[-1]]
    if key == "differentiable":
        if "dne" in partials.values():
            return "no"
        return yes_no[oracle.differentiable(f, a, b, partials["x"], partials["y"])]
    if key == "partials_continuous":
        if "dne" in partials.values():
            return "no"
        return yes_no[oracle.partials_continuous(f, a, b, partials["x"], partials["y"])]
    first = key[2]
    return oracle.mixed(f, a, b, first, partials[first])


def test_every_exercise_has_an_independent_function():
    assert {e.id for e in SET.problems} == set(MPMATH) and len(SET.problems) >= 10
    assert all(e.kind == "analysis" for e in SET.problems)


@pytest.mark.parametrize("exercise,key", CASES, ids=[f"{e.id}:{k}" for e, k in CASES])
def test_stored_answer_agrees_with_the_oracle(exercise, key):
    stored, truth = exercise.answers[key], _truth(exercise, key)
    if stored in ("yes", "no"):
        assert truth == stored
    elif stored == "does not exist":
        assert truth == "dne"
    else:
        assert truth != "dne" and abs(truth - mpf(str(sympy.N(sympy.Rational(stored), 30)))) < mpf("1e-6")


@pytest.mark.parametrize("exercise", SET.problems, ids=[e.id for e in SET.problems])
def test_stored_answers_are_confirmed_by_the_analysis(exercise):
    report = analyze(exercise.text)
    for key, answer in exercise.answers.items():
        check = check_claim(claim_of(key, answer), report)
        assert check.verdict == RIGHT, (key, answer, [(a.text, a.verdict, a.en) for a in check.atoms])


@pytest.mark.parametrize("answers, words", [
    ({"continuous": "maybe"}, "yes or no"),
    ({"smooth": "yes"}, "not a property"),
    ({"f_x": "y"}, "a number"),
])
def test_malformed_analysis_answers_are_refused_naming_the_field(answers, words):
    data = {"title": "t", "topic": "t", "problem": [{"id": "a-1", "kind": "analysis", "text": "f(x,y) = |x|",
                                                    "tags": ["t"], "difficulty": 1, "answers": answers}]}
    with pytest.raises(ProblemSetError, match=words) as error:
        problem_set_from_data(data)
    assert "answers" in str(error.value)


def test_the_worksheet_has_statements_answers_and_steps_in_plain_ascii_for_pdflatex():
    document = build_worksheet([list(SET.problems)], Options(answers=True, steps=True, lang="en"))
    tex = document.tex
    assert not document.warnings and tex.isascii()
    assert tex.count("\\item") >= 3 * len(SET.problems)
    assert "differentiable: no" in tex and "does not exist" in tex


def test_grading_reads_a_students_answer_to_an_analysis_exercise_as_a_claim(tmp_path):
    from partials.classroom import grading

    exercises = grading.load_exercises(SET.path)
    rows = grading.read_rows("student,problem,answer\n"
                             "ann,point-analysis-01,不连续，偏导数存在\n"     # the oracle: right
                             "bob,point-analysis-01,连续但不可微\n"           # f is not continuous: wrong
                             "cy,point-analysis-03,\"f_x(0,0) = 1\"\n"         # f_x(0,0) = 0: wrong
                             "dee,point-analysis-03,好吃\n")
    graded = grading.grade(exercises, rows, jobs=1)
    assert [(g.student, g.status, g.correct) for g in graded] == [
        ("ann", "right", True), ("bob", "wrong", False), ("cy", "wrong", False), ("dee", "unreadable", None)]
    assert "f_x(0, 0) = lim" in graded[2].message
