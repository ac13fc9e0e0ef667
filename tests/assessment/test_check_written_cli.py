"""`partials check` with answers as written: --target dz, --at, Greek --d,
chains and their exit statuses (0 right, 1 wrong, 2 cannot understand)."""
import json

import pytest

from partials.cli import main

SEED_1 = "z = u^2 ln v, u = y/x, v = x^2 + y^2"


def run(capsys, *argv):
    status = main(list(argv))
    captured = capsys.readouterr()
    return status, captured.out, captured.err


@pytest.mark.parametrize("d, answer", [("θ", "2r^2 cos(2θ)"), ("theta", "2r^2 cos(2θ)"), ("θ", "2r^2cos(2theta)"),
                                       ("theta", "z_θ = 2r²cos2θ")])
def test_greek_d_typed_or_spelled(capsys, d, answer):
    # z = r² sin 2θ: ∂z/∂θ = 2r² cos 2θ
    status, out, err = run(capsys, "check", "z = r^2 sin(2θ)", "--d", d, "--answer", answer)
    assert (status, err) == (0, ""), out
    assert "interpreted as: ∂z/∂θ = " in out
    status, out, _ = run(capsys, "check", "z = r^2 sin(2θ)", "--d", d, "--answer", "r^2 cos(2θ)")
    assert status == 1, out


def test_total_differential_right_exits_0(capsys):
    # z = x²y + y³: dz = 2xy dx + (x² + 3y²) dy
    status, out, _ = run(capsys, "check", "z = x^2 y + y^3", "--target", "dz", "--answer", "dz = 2xy dx + (x^2+3y^2) dy")
    assert status == 0, out
    assert "interpreted as: dz = " in out


def test_total_differential_names_the_wrong_coefficient(capsys):
    status, out, _ = run(capsys, "check", "z = x^2 y + y^3", "--target", "dz", "--answer", "dz = 2xy dx + x^2 dy")
    assert status == 1
    assert "coefficient of dy is wrong" in out and "coefficient of dx" not in out


def test_total_differential_at_a_point(capsys):
    # at (1, 2): dz = 4 dx + 13 dy
    argv = ["check", "z = x^2 y + y^3", "--target", "dz", "--at", "x=1,y=2", "--answer"]
    assert run(capsys, *argv, "dz = 4dx + 13dy")[0] == 0
    assert run(capsys, *argv, "4dx + 12dy")[0] == 1
    assert run(capsys, "check", "z = x^2 y + y^3", "--target", "dz", "--answer", "dz|_(1,2) = 4dx + 13dy")[0] == 0


def test_not_a_differential_exits_2(capsys):
    status, out, _ = run(capsys, "check", "z = x^2 y + y^3", "--target", "dz", "--answer", "2xy + x^2")
    assert status == 2
    assert "cannot understand" in out and "P dx + Q dy" in out


def test_dz_where_d_is_a_variable_exits_2(capsys):
    status, _, err = run(capsys, "check", "c = a + b, d = b + 1, e = c·d", "--of", "e", "--target", "de", "--answer", "d da")
    assert status == 2
    assert "d is a variable" in err


def test_value_at_a_point(capsys):
    # z = ln(x² + y²): ∂z/∂x = 2x/(x² + y²) = 2/5 at (1, 2)
    argv = ["check", "z = ln(x^2+y^2)", "--d", "x", "--at", "x=1,y=2", "--answer"]
    assert run(capsys, *argv, "2/5")[0] == 0
    assert run(capsys, *argv, "0.4")[0] == 0
    status, out, _ = run(capsys, *argv, "1/5")
    assert status == 1 and "2/5" in out


def test_chain_with_a_wrong_step_json(capsys):
    status, out, _ = run(capsys, "check", SEED_1, "--d", "x", "--json", "--answer",
                         "∂z/∂x = ∂z/∂u·∂u/∂x = 2u ln v·(-y/x^2) + u^2/v·2x")
    verdict = json.loads(out)
    assert status == 0 and verdict["correct"] is True
    assert verdict["diagnosis"]["code"] == "wrong_step"
    assert "∂z/∂u·∂u/∂x" in verdict["message"]


def test_posted_answer_chain_is_wrong_and_its_step_named(capsys):
    status, out, _ = run(capsys, "check", SEED_1, "--d", "x", "--answer", "az/ax=az/au+au/ax=2ulnv-y/x^2")
    assert status == 1
    assert "added instead of multiplied" in out
    assert "the step az/au+au/ax is wrong too" in out


def test_primes_dropped_said_on_the_interpreted_line(capsys):
    status, out, _ = run(capsys, "check", "z = f(x+y, xy)", "--d", "x", "--answer", "f_1 + y f_2")
    assert status == 0
    assert "interpreted as: ∂z/∂x = f₁′ + y·f₂′" in out and "f_1 as f₁′" in out


def test_unmappable_answer_exits_2_not_1(capsys):
    status, out, _ = run(capsys, "check", "z = f(x+y, xy)", "--d", "x", "--answer", "f_1 + y f_3")
    assert status == 2
    assert "cannot understand" in out and "f_3" in out
    status, out, _ = run(capsys, "check", "z = f(x+y, xy)", "--d", "x", "--answer", "∂f/∂x + y∂f/∂y")
    assert status == 2


@pytest.mark.parametrize("answer", ["=" * 5000, "z_x" + " = 2xy" * 40, "∂z/∂x|_(1,2,3) = 4", "= 2xy", "z_x = ",
                                    "∂z/∂x|_{x=1,y=} = 4", "∂z/∂x|_( = 4", "∂z/∂x|"])
def test_hostile_chains_get_one_message(capsys, answer):
    status, out, err = run(capsys, "check", "z = x^2 y", "--d", "x", "--answer", answer)
    assert status in (2, 3)
    assert "Traceback" not in out + err
    assert "cannot understand" in out or "too expensive" in out, out + err


GRADE_SET = '''title = "Written answers"
topic = "grading"

[[problem]]
id = "composite"
text = "z = u^2 ln v, u = y/x, v = x^2 + y^2"
tags = ["chain-rule"]
difficulty = 1
answers = { "∂z/∂x" = "2u ln v·(-y/x^2) + u^2/v·2x" }

[[problem]]
id = "abstract"
text = "z = f(x+y, xy)"
tags = ["abstract"]
difficulty = 2
answers = { "∂z/∂x" = "f1' + y f2'" }
'''


def test_grade_reads_written_answers(tmp_path):
    from partials.classroom import grading

    path = tmp_path / "set.toml"
    path.write_text(GRADE_SET, encoding="utf-8")
    rows = grading.read_rows(
        "student,problem,answer\n"
        "ann,composite,∂z/∂x = ∂z/∂u·∂u/∂x + ∂z/∂v·∂v/∂x = 2u ln v·(-y/x^2) + u^2/v·2x\n"
        "bob,composite,az/ax=az/au+au/ax=2ulnv-y/x^2\n"
        "cy,abstract,z_x = f_1 + y f_2\n"
        "dan,abstract,y f_1 + f_2\n"
        "eve,abstract,f_1 + y f_3\n"
    )
    graded = grading.grade(grading.load_exercises(path), rows, jobs=1)
    assert [g.status for g in graded] == ["right", "wrong", "right", "wrong", "unreadable"]


def test_stored_answers_as_answer_keys_write_them_are_typeset(tmp_path):
    """A problem set's answers may drop the primes or keep the chain: the key
    typesets the meaning (f₁′, f₂′), the same as the primed answer."""
    from partials.classroom.problemset import problem_set_from_data
    from partials.classroom.worksheet import answer_lines

    def key(answer):
        data = {"title": "t", "topic": "t", "problem": [{
            "id": "p", "text": "z = f(x+y, xy)", "tags": ["abstract"], "difficulty": 1,
            "answers": {"∂z/∂x": answer}}]}
        return answer_lines(problem_set_from_data(data).problems[0])

    primed = key("f_1' + y f_2'")
    assert key("f_1 + y f_2") == primed
    assert key("z_x = ∂f/∂u·∂u/∂x + ∂f/∂v·∂v/∂x = f1 + yf2") == primed
    assert "f_{1}'" in primed[0] and "f_{2}'" in primed[0]


@pytest.mark.parametrize("answer, status", [
    ("dz = 2xy dx + x^2 dy", 0),        # z = x²y: dz = 2xy dx + x² dy
    ("dz = 2xy dx + 2x dy", 1),
    ("az/ax = 2xy = 2x·y", 0),
    ("Z'y = x^2", 0),
    ("z_y = 2xy", 1),
])
def test_without_d_the_derivative_on_the_left_is_the_target(capsys, answer, status):
    assert run(capsys, "check", "z = x^2 y", "--answer", answer)[0] == status


def test_without_d_and_without_a_label_the_derivative_is_asked_for(capsys):
    status, _, err = run(capsys, "check", "z = x^2 y", "--answer", "2xy")
    assert status == 2 and "--d VAR" in err


def test_a_point_on_the_label_must_be_the_point_asked(capsys):
    # z = x²y: ∂z/∂x = 2xy is 4 at (1, 2) and at (2, 1): right at its own point, but not the point asked
    argv = ["check", "z = x^2 y", "--d", "x", "--at", "x=1,y=2", "--answer"]
    assert run(capsys, *argv, "∂z/∂x|_(1,2) = 4")[0] == 0
    status, out, _ = run(capsys, *argv, "∂z/∂x|_(2,1) = 4")
    assert status == 1 and "asks at" in out
    argv = ["check", "z = x^2 y", "--target", "dz", "--at", "x=1,y=2", "--answer"]
    assert run(capsys, *argv, "dz|_(1,2) = 4dx + dy")[0] == 0
    assert run(capsys, *argv, "dz|_(1,1) = 2dx + dy")[0] == 1
