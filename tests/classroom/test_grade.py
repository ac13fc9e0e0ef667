"""`partials grade`: every row graded, in worker processes with a time limit
and a memory cap; unreadable rows get "cannot understand" with the reason."""
import csv
import io
import time

import pytest

from partials.classroom import grading
from partials.cli import main

SET = '''title = "Grading test set"
topic = "grading"

[[problem]]
id = "composite"
text = "z = u^2 ln v, u = y/x, v = x^2 + y^2"
tags = ["chain-rule"]
difficulty = 1
answers = { "∂z/∂x" = "2u ln v·(-y/x^2) + u^2/v·2x", "∂z/∂y" = "2u ln v/x + 2u^2 y/v" }

[[problem]]
id = "implicit"
text = "e^z = xyz"
tags = ["implicit"]
difficulty = 2
answers = { "∂z/∂x" = "yz/(e^z - xy)" }
'''

ANSWERS = """student,problem,answer
ann,composite,az/ax = 2u ln v·(-y/x^2) + u^2/v·2x
ann,composite ∂z/∂y,2u ln v/x + 2u^2 y/v
ann,implicit,z/(xz - x)
bob,composite,az/ax = 2ulnv - y/x^2
bob,composite:z_y,2y ln(x^2+y^2)/x^2
bob,implicit,-yz/(e^z - xy)
cy,composite,2u ln v·(-y/x^2) + u^2/v·2x
cy,nonexistent,1
cy,implicit,yz/(e^z -
cy,too,many,fields
"""


@pytest.fixture
def exercises(tmp_path):
    path = tmp_path / "set.toml"
    path.write_text(SET, encoding="utf-8")
    return grading.load_exercises(path)


def test_read_rows_skips_header_and_blank_lines_and_marks_bad_rows():
    rows = grading.read_rows("student,problem,answer\n\nann,p1,x\nbob,p2\n")
    assert [(r.student, r.problem, r.answer) for r in rows] == [("ann", "p1", "x"), ("bob", "p2", "")]
    assert rows[0].error is None
    assert "expected 3 fields" in rows[1].error


def test_grade_every_row(exercises):
    graded = grading.grade(exercises, grading.read_rows(ANSWERS), jobs=2)
    by_row = [(g.student, g.status, g.diagnosis) for g in graded]
    assert by_row == [
        ("ann", "right", ""),
        ("ann", "right", ""),
        ("ann", "right", ""),
        ("bob", "wrong", "added_instead_of_multiplied"),
        ("bob", "wrong", "missing_path"),
        ("bob", "wrong", "implicit_sign"),
        ("cy", "unreadable", ""),  # composite asks two derivatives, the answer names none
        ("cy", "unreadable", ""),
        ("cy", "unreadable", ""),
        ("cy", "unreadable", ""),
    ]
    messages = [g.message for g in graded]
    assert "say which one" in messages[6]
    assert "no problem 'nonexistent'" in messages[7]
    assert "bracket" in messages[8]
    assert "expected 3 fields" in messages[9]
    assert grading.scores(graded) == {"ann": (3, 3), "bob": (0, 3), "cy": (0, 4)}


def test_grading_in_one_process_gives_the_same_verdicts(exercises):
    rows = grading.read_rows(ANSWERS)
    pooled = grading.grade(exercises, rows, jobs=2)
    inline = [grading.grade_row(exercises, row) for row in rows]
    assert [(g.status, g.correct, g.diagnosis) for g in pooled] == [(g.status, g.correct, g.diagnosis) for g in inline]


def _spin_or_hog(original):
    def grade_row(exercises, row, seed=0):
        if row.answer == "SPIN":
            while True:  # a check that never ends
                pass
        if row.answer == "HOG":
            hoard = bytearray(4 * 1024**3)  # more than the memory cap
            return hoard
        return original(exercises, row, seed)

    return grade_row


def test_rows_over_the_time_limit_or_the_memory_cap_are_too_expensive(exercises, monkeypatch):
    """Workers are forked, so the patched grade_row runs inside them."""
    monkeypatch.setattr(grading, "grade_row", _spin_or_hog(grading.grade_row))
    rows = grading.read_rows(
        "ann,implicit,SPIN\nann,implicit,z/(xz - x)\nbob,implicit,HOG\nbob,implicit,-yz/(e^z - xy)\n"
    )
    started = time.monotonic()
    graded = grading.grade(exercises, rows, jobs=2, timeout=3, memory_mb=256)
    assert time.monotonic() - started < 60
    assert [g.status for g in graded] == ["too expensive", "right", "too expensive", "wrong"]
    assert "time limit" in graded[0].message
    assert "memory" in graded[2].message


def test_report_and_scores_from_the_command_line(tmp_path, capsys):
    set_path, answers_path, report_path = tmp_path / "set.toml", tmp_path / "answers.csv", tmp_path / "report.csv"
    set_path.write_text(SET, encoding="utf-8")
    answers_path.write_text(ANSWERS, encoding="utf-8")
    status = main(["grade", str(set_path), str(answers_path), "-o", str(report_path), "--jobs", "2"])
    out = capsys.readouterr().out
    assert status == 0
    assert "ann: 3/3" in out and "bob: 0/3" in out and "cy: 0/4" in out
    with open(report_path, newline="", encoding="utf-8") as stream:
        report = list(csv.reader(stream))  # messages with a caret span lines
    assert report[0] == grading.REPORT_FIELDS
    assert len(report) == 1 + 10
    assert report[4][6] == "added_instead_of_multiplied"
    assert [r[5] for r in report[1:4]] == ["yes", "yes", "yes"]


def test_unknown_problem_set_file_is_one_error(tmp_path, capsys):
    answers = tmp_path / "answers.csv"
    answers.write_text(ANSWERS, encoding="utf-8")
    status = main(["grade", str(tmp_path / "missing.toml"), str(answers)])
    assert status == 2
    assert "Traceback" not in capsys.readouterr().err


class _Terminal(io.StringIO):
    def isatty(self):
        return True


def test_progress_bar_only_on_a_terminal():
    assert grading.progress_bar(io.StringIO()) is None
    terminal = _Terminal()
    draw = grading.progress_bar(terminal)
    draw(1, 2)
    draw(2, 2)
    assert "1/2" in terminal.getvalue() and terminal.getvalue().endswith("2/2\n")


def _slow_first_prepare(original):
    state = {"slow": True}

    def prepare(*args, **kwargs):
        if state["slow"]:  # once per process: a problem the engine takes long over
            time.sleep(2)
            state["slow"] = False
        return original(*args, **kwargs)

    return prepare


def test_preparing_the_set_does_not_count_against_a_row(exercises, monkeypatch):
    from partials.assessment import checker

    monkeypatch.setattr(checker, "prepare", _slow_first_prepare(checker.prepare))
    rows = grading.read_rows("ann,implicit,z/(xz - x)\nbob,implicit,-yz/(e^z - xy)\n")
    graded = grading.grade(exercises, rows, jobs=2, timeout=1.5)
    assert [g.status for g in graded] == ["right", "wrong"]


def test_workers_that_cannot_warm_up_in_time_are_replaced(exercises, monkeypatch):
    from partials.assessment import checker

    monkeypatch.setattr(checker, "prepare", _slow_first_prepare(checker.prepare))
    rows = grading.read_rows("ann,implicit,z/(xz - x)\n")
    graded = grading.grade(exercises, rows, jobs=1, timeout=30, startup_timeout=0.5)
    assert [g.status for g in graded] == ["right"]  # a cold worker graded it
