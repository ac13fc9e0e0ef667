"""`partials check`: exit status 0 right, 1 wrong, 2 cannot understand, 3
could not decide; --json; every derivative notation as the target."""
import json

import pytest

import partials
from partials.cli import main

SEED_1 = "z = u^2 ln v, u = y/x, v = x^2 + y^2"


def run(capsys, *argv):
    status = main(list(argv))
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def test_right_answer_exits_0(capsys):
    status, out, _ = run(capsys, "check", SEED_1, "--d", "x", "--answer", "2u ln v·(-y/x^2) + u^2/v·2x")
    assert status == 0
    assert "interpreted as: ∂z/∂x = " in out
    assert "right" in out


def test_wrong_answer_exits_1_with_diagnosis_and_counterexample(capsys):
    status, out, _ = run(capsys, "check", SEED_1, "--d", "x", "--answer", "az/ax = 2ulnv - y/x^2")
    assert status == 1
    assert "added instead of multiplied" in out
    assert "expected" in out and "got" in out


def test_unreadable_answer_exits_2_with_a_caret(capsys):
    status, out, _ = run(capsys, "check", SEED_1, "--d", "x", "--answer", "2u ln v·(-y/x^2")
    assert status == 2
    assert "cannot understand" in out
    assert "^" in out


def test_unreadable_problem_exits_2_on_stderr(capsys):
    status, out, err = run(capsys, "check", "z = u^2 ln (v", "--d", "x", "--answer", "1")
    assert status == 2
    assert err.startswith("partials check:")
    assert "Traceback" not in err


def test_undecided_exits_3(capsys):
    status, out, _ = run(capsys, "check", "y = ln(x+2)", "--d", "x", "--answer", "ln(-x^2-5)")
    assert status == 3
    assert "could not decide" in out


def test_json_output(capsys):
    status, out, _ = run(capsys, "check", SEED_1, "--d", "x", "--answer", "2ulnv - y/x^2", "--json")
    data = json.loads(out)
    assert status == 1
    assert data["correct"] is False
    assert set(data["counterexample"]) >= {"point", "expected", "got"}
    assert set(data["counterexample"]["point"]) == {"x", "y"}
    assert data["diagnosis"]["code"] == "added_instead_of_multiplied"
    assert data["interpreted"] == "∂z/∂x = 2u ln v − y/x²"


def test_json_right_answer_has_null_counterexample(capsys):
    status, out, _ = run(capsys, "check", "e^z = xyz", "--d", "x", "--answer", "z/(xz - x)", "--json")
    data = json.loads(out)
    assert status == 0 and data["correct"] is True and data["counterexample"] is None


def test_second_order_with_two_d_options(capsys):
    status, _, _ = run(capsys, "check", "z = f(x+y, xy)", "--d", "x", "--d", "y",
                       "--answer", "f11'' + (x+y) f12'' + xy f22'' + f2'")
    assert status == 0


def test_of_option_and_seed(capsys):
    statuses = [run(capsys, "check", "e^z = xyz", "--of", "z", "--d", "x", "--answer", "-yz/(e^z - xy)",
                    "--seed", str(seed))[0] for seed in (1, 2)]
    assert statuses == [1, 1]


def test_target_option(capsys):
    status, _, _ = run(capsys, "check", "z = y^lnx", "--target", "z_xx", "--answer", "z (ln y)(ln y - 1)/x^2")
    assert status == 0


def test_missing_derivative_is_an_error(capsys):
    status, _, err = run(capsys, "check", SEED_1, "--answer", "1")
    assert status == 2
    assert "--d" in err


@pytest.mark.parametrize("target", ["∂z/∂x", "az/ax", "z_x", "z'x", "dz/dx", "偏z/偏x"])
def test_api_accepts_every_target_notation(target):
    verdict = partials.check(SEED_1, target, "2u ln v·(-y/x^2) + u^2/v·2x")
    assert verdict.correct is True
    assert verdict.target == "∂z/∂x"


@pytest.mark.parametrize("target", ["∂²z/∂x∂y", "z_xy", "z_yx"])
def test_api_accepts_second_order_target_notations(target):
    verdict = partials.check("z = f(x+y, xy)", target, "f11'' + (x+y) f12'' + xy f22'' + f2'")
    assert verdict.correct is True


def test_api_unknown_option_is_an_error():
    with pytest.raises(partials.PartialsError):
        partials.check(SEED_1, "∂z/∂x", "1", colour="red")


@pytest.mark.parametrize("answer, status", [("-1/y^3", 0), ("-(x^2+y^2)/y^3", 0), ("1/y^3", 1)])
def test_an_answer_starting_with_a_minus_sign_is_an_answer(capsys, answer, status):
    """argparse would take "-1/y^3" for an option; on x² + y² = 1 both
    −1/y³ and −(x² + y²)/y³ are d²y/dx²."""
    code, out, err = run(capsys, "check", "x^2 + y^2 = 1, y = y(x)", "--d", "x", "--d", "x", "--answer", answer)
    assert code == status, err
    assert "interpreted as: d²y/dx² = " in out
