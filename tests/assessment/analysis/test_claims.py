"""Claims and multiple-choice items about f at a point, checked against the
independent mpmath oracle (tests/analysis/analysis_oracle.py): a claim built
from the oracle's verdicts is never judged wrong, its negation never right;
unreadable or ambiguous claims are refused (exit 2)."""
from __future__ import annotations

import pytest
from mpmath import mp, mpf

import analysis_oracle as oracle
from partials.assessment.analysis.analyze import analyze
from partials.assessment.analysis.choices import answer_item, item_from
from partials.assessment.analysis.claims import RIGHT, UNDECIDED, WRONG, check_claim
from partials.cli import main
from partials.core.errors import PartialsError

P = "(x,y) ≠ (0,0); 0, (x,y) = (0,0)"
sqrt, sin, fabs = mp.sqrt, mp.sin, abs


def at0(g):
    return lambda x, y: 0 if (x, y) == (0, 0) else g(x, y)


FUNCTIONS = [
    (f"f(x,y) = xy/(x^2+y^2), {P}", at0(lambda x, y: x * y / (x * x + y * y))),
    (f"f(x,y) = xy/√(x^2+y^2), {P}", at0(lambda x, y: x * y / sqrt(x * x + y * y))),
    ("f(x,y) = √|xy|", lambda x, y: sqrt(fabs(x * y))),
    ("f(x,y) = |x| + |y|", lambda x, y: fabs(x) + fabs(y)),
    (f"f(x,y) = (x^2+y^2)sin(1/(x^2+y^2)), {P}", at0(lambda x, y: (x * x + y * y) * sin(1 / (x * x + y * y)))),
    (f"f(x,y) = x^2 y/(x^4+y^2), {P}", at0(lambda x, y: x * x * y / (x ** 4 + y * y))),
    ("f(x,y) = x^2 + 3xy", lambda x, y: x * x + 3 * x * y),
]


def _truths(f):
    """The oracle's answers at (0, 0): continuous, f_x, f_y, differentiable."""
    zero = mpf(0)
    fx, fy = oracle.partial(f, zero, zero, "x"), oracle.partial(f, zero, zero, "y")
    exist = fx != "dne" and fy != "dne"
    return {"continuous": oracle.continuous(f, zero, zero), "fx": fx, "fy": fy, "exist": exist,
            "differentiable": exist and oracle.differentiable(f, zero, zero, fx, fy)}


@pytest.mark.parametrize("text,f", FUNCTIONS, ids=[t for t, _ in FUNCTIONS])
def test_claims_from_the_oracle_are_never_judged_wrong(text, f):
    truth = _truths(f)
    report = analyze(text)
    said = {True: "", False: "不"}
    claims = {
        f"{said[truth['continuous']]}连续": RIGHT,
        f"{said[not truth['continuous']]}连续": WRONG,
        f"偏导数{said[truth['exist']]}存在": RIGHT,
        f"{'' if truth['differentiable'] else 'not '}differentiable": RIGHT,
        f"{'not ' if truth['differentiable'] else ''}differentiable": WRONG,
        f"{said[truth['continuous']]}连续但{said[not truth['differentiable']]}可微": WRONG,
    }
    if truth["fx"] != "dne":
        value = int(mp.nint(truth["fx"]))
        assert abs(truth["fx"] - value) < mpf("1e-8")  # the table's partials are integers
        claims[f"f_x(0,0) = {value}"] = RIGHT
        claims[f"f_x(0,0) = {value + 1}"] = WRONG
    else:
        claims["f_x(0,0) 不存在"] = RIGHT
        claims["f_x(0,0) = 0"] = WRONG
    decided = 0
    for claim, expected in claims.items():
        verdict = check_claim(claim, report).verdict
        assert verdict in (expected, UNDECIDED), (claim, verdict)
        decided += verdict != UNDECIDED
    assert decided >= len(claims) - 1


ITEM_1997 = {  # 数学一 style: xy/(x²+y²) at the origin
    "function": f"f(x,y) = xy/(x^2+y^2), {P}",
    "options": {"A": "连续，偏导数存在", "B": "连续，偏导数不存在", "C": "不连续，偏导数存在", "D": "不连续，偏导数不存在"},
    "answer": "C",
}
ITEM_SQRT = {
    "function": "f(x,y) = √|xy|",
    "options": {"A": "不连续", "B": "偏导数不存在", "C": "偏导数存在但不可微", "D": "可微"},
}


def test_a_multiple_choice_item_is_answered_option_by_option():
    answered = answer_item(item_from(ITEM_1997))
    # the oracle: f is not continuous at 0, and both partials exist (f = 0 on the axes)
    truth = _truths(FUNCTIONS[0][1])
    assert truth["continuous"] is False and truth["exist"] is True
    assert answered.key == "C"
    assert answered.judge("C") == RIGHT and answered.judge("a") == WRONG
    assert [answered.checks[k].verdict for k in "ABD"] == [WRONG] * 3


def test_sqrt_abs_xy_is_continuous_with_partials_but_not_differentiable():
    truth = _truths(FUNCTIONS[2][1])
    assert (truth["continuous"], truth["exist"], truth["differentiable"]) == (True, True, False)
    assert answer_item(item_from(ITEM_SQRT)).key == "C"


def test_the_cli_answers_items_and_claims(tmp_path, capsys):
    item = tmp_path / "item.toml"
    item.write_text('function = "f(x,y) = √|xy|"\n[options]\nA = "不连续"\nB = "偏导数存在但不可微"\n',
                    encoding="utf-8")
    assert main(["check", "--choices", str(item)]) == 0
    assert "answer: B" in capsys.readouterr().out
    assert main(["analyze", "--choices", str(item), "--answer", "A"]) == 1
    assert main(["check", "f(x,y) = √|xy|", "--claim", "连续但不可微"]) == 0
    assert main(["check", "f(x,y) = √|xy|", "--claim", "f_y(0,0) = 1"]) == 1
    capsys.readouterr()
    stored_wrong = tmp_path / "wrong.toml"
    stored_wrong.write_text('function = "f(x,y) = √|xy|"\nanswer = "A"\n[options]\nA = "不连续"\nB = "连续"\n',
                            encoding="utf-8")
    assert main(["check", "--choices", str(stored_wrong)]) == 1
    assert "disagrees" in capsys.readouterr().out


@pytest.mark.parametrize("claim", ["好吃", "连续且可口", "偏导数存在但不连续", "f_x(0,0) = y", ""])
def test_unreadable_or_ambiguous_claims_are_refused(claim, capsys):
    report = analyze("f(x,y) = √|xy|")
    with pytest.raises(PartialsError):
        check_claim(claim, report)
    assert main(["check", "f(x,y) = √|xy|", "--claim", claim]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") <= 3 and "Traceback" not in err


def test_partials_existing_and_continuous_reads_as_the_partials(capsys):
    # (x²+y²)sin(1/(x²+y²)): differentiable, partials exist, but f_x has no limit at 0
    report = analyze(FUNCTIONS[4][0])
    assert check_claim("偏导数存在且连续", report).verdict == WRONG
    assert check_claim("partials exist and are continuous", report).verdict == WRONG
    assert check_claim("可微但偏导数不连续", report).verdict == RIGHT


def test_a_bad_item_file_is_one_message(tmp_path, capsys):
    bad = tmp_path / "bad.toml"
    bad.write_text("function = \n", encoding="utf-8")
    assert main(["check", "--choices", str(bad)]) == 2
    assert main(["check", "--choices", str(tmp_path / "missing.toml")]) == 2
    one_option = tmp_path / "one.toml"
    one_option.write_text('function = "f(x,y) = x"\n[options]\nA = "连续"\n', encoding="utf-8")
    assert main(["check", "--choices", str(one_option)]) == 2
    assert "Traceback" not in capsys.readouterr().err
