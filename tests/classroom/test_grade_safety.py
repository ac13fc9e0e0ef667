"""grade and worksheet: output paths checked before the work, rows that are
not UTF-8, report cells a spreadsheet would run (CSV injection), and problem
sets that do not read, rejected with file, id and field."""
import csv

import pytest

from partials.classroom import grading
from partials.cli import main

SET = '''title = "Safety set"
topic = "safety"

[[problem]]
id = "product"
text = "z = x^2 y"
tags = ["explicit"]
difficulty = 1
answers = { "∂z/∂x" = "2xy" }
'''


def _files(tmp_path, answers: bytes, problem_set: str = SET):
    set_path, answers_path = tmp_path / "set.toml", tmp_path / "answers.csv"
    set_path.write_text(problem_set, encoding="utf-8")
    answers_path.write_bytes(answers)
    return str(set_path), str(answers_path)


def _no_grading(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("graded before the output path was checked")

    monkeypatch.setattr(grading, "grade", refuse)


# ---- output paths -----------------------------------------------------------------
def test_grade_into_a_folder_is_refused_before_grading(tmp_path, capsys, monkeypatch):
    _no_grading(monkeypatch)
    set_path, answers = _files(tmp_path, b"ann,product,2xy\n")
    assert main(["grade", set_path, answers, "-o", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert "is a folder" in err and "Traceback" not in err


def test_grade_into_a_missing_folder_is_refused_before_grading(tmp_path, capsys, monkeypatch):
    _no_grading(monkeypatch)
    set_path, answers = _files(tmp_path, b"ann,product,2xy\n")
    assert main(["grade", set_path, answers, "-o", str(tmp_path / "missing" / "dir" / "r.csv")]) == 2
    err = capsys.readouterr().err
    assert "does not exist" in err and "Traceback" not in err


def test_worksheet_into_a_folder_is_refused(tmp_path, capsys):
    set_path, _ = _files(tmp_path, b"")
    assert main(["worksheet", set_path, "-o", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert "is a folder" in err and "Traceback" not in err
    assert main(["worksheet", set_path, "-o", str(tmp_path / "nowhere" / "w.tex")]) == 2
    assert "does not exist" in capsys.readouterr().err


# ---- rows that are not UTF-8 -----------------------------------------------------
def test_a_row_that_is_not_utf8_is_that_rows_cannot_understand(tmp_path, capsys):
    set_path, answers = _files(tmp_path, "student,problem,answer\nann,product,2xy\n".encode()
                               + b"bob,product,2x\xff\xfey\n" + "cy,product,x²\n".encode())
    report = tmp_path / "report.csv"
    assert main(["grade", set_path, answers, "-o", str(report), "--jobs", "1"]) == 0
    with open(report, newline="", encoding="utf-8") as stream:
        rows = list(csv.DictReader(stream))
    assert [(r["student"], r["status"]) for r in rows] == [("ann", "right"), ("bob", "unreadable"), ("cy", "wrong")]
    assert "not valid UTF-8" in rows[1]["message"]
    assert "ann: 1/1" in capsys.readouterr().out


def test_read_rows_marks_only_the_rows_with_bad_bytes():
    rows = grading.read_rows(grading.decode_answers(b"\xef\xbb\xbfann,p,x\nbob,p,\x80\ncy,p,y\n"))
    assert [(r.student, r.error is None) for r in rows] == [("ann", True), ("bob", False), ("cy", True)]


# ---- CSV injection -----------------------------------------------------------------
FORMULAS = ['=HYPERLINK("http://evil.example","click")', "+1+1", "-2xy", "@SUM(A1:A2)", "=1+1"]


def test_report_cells_that_start_a_formula_are_neutralised(tmp_path):
    lines = [f"=cmd|'/c calc'!A{k},product,{_csv_field(answer)}" for k, answer in enumerate(FORMULAS)]
    set_path, answers = _files(tmp_path, ("\n".join(lines) + "\n").encode())
    report = tmp_path / "report.csv"
    assert main(["grade", set_path, answers, "-o", str(report), "--jobs", "1"]) == 0
    raw = report.read_bytes().decode("utf-8")
    with open(report, newline="", encoding="utf-8") as stream:
        rows = list(csv.DictReader(stream))
    assert [r["answer"] for r in rows] == ["'" + answer for answer in FORMULAS]
    assert all(r["student"].startswith("'=cmd") for r in rows)
    for row in rows:  # no cell a spreadsheet would evaluate
        assert not any(value.startswith(("=", "+", "-", "@")) for value in row.values())
    records = [record for record in raw.split("\r\n") if record]  # messages hold "\n", records end "\r\n"
    assert len(records) == 1 + len(FORMULAS)
    assert all(record.startswith('"') and record.endswith('"') for record in records)  # every cell quoted
    assert rows[2]["status"] == "wrong"  # -2xy: neutralised in the report, graded as written


def test_inert_cell_leaves_plain_text_alone():
    assert grading.inert_cell("2xy") == "2xy"
    assert grading.inert_cell("-x") == "'-x"
    assert grading.inert_cell("\t=1") == "'\t=1"
    assert grading.inert_cell(None) is None


def _csv_field(text):
    return '"' + text.replace('"', '""') + '"'


# ---- problem sets that do not read ------------------------------------------------------
BROKEN = {
    "text": ('text = "z = (x"', 'answers = { "∂z/∂x" = "2xy" }'),
    "at": ('text = "z = x^2 y"\nat = "x=0, y=1/0"', 'answers = { "∂z/∂x" = "0" }'),
    "answers": ('text = "z = x^2 y"', 'answers = { "∂z/∂x" = "2x(y" }'),
}


def _broken_set(field):
    text, answers = BROKEN[field]
    return f'''title = "Broken"
topic = "broken"

[[problem]]
id = "fine"
text = "z = x y"
tags = ["explicit"]
difficulty = 1
answers = {{ "∂z/∂x" = "y" }}

[[problem]]
id = "broken-{field}"
{text}
tags = ["explicit"]
difficulty = 1
{answers}
'''


@pytest.mark.parametrize("field", sorted(BROKEN))
def test_grade_rejects_a_set_that_does_not_read(field, tmp_path, capsys, monkeypatch):
    _no_grading(monkeypatch)
    set_path, answers = _files(tmp_path, b"ann,fine,y\n", _broken_set(field))
    assert main(["grade", set_path, answers]) == 2
    err = capsys.readouterr().err
    assert set_path in err and f"'broken-{field}'" in err and f"field '{field}" in err
    assert "Traceback" not in err


@pytest.mark.parametrize("field", sorted(BROKEN))
def test_worksheet_rejects_a_set_that_does_not_read(field, tmp_path, capsys):
    set_path, _ = _files(tmp_path, b"", _broken_set(field))
    output = tmp_path / "sheet.tex"
    assert main(["worksheet", set_path, "--answers", "-o", str(output)]) == 2
    err = capsys.readouterr().err
    assert set_path in err and f"'broken-{field}'" in err and f"field '{field}" in err
    assert not output.exists()  # never typeset


# ---- the budget of worksheet and grade ----------------------------------------------------
def test_worksheet_past_its_budget_is_too_expensive_and_writes_nothing(tmp_path, capsys):
    output = tmp_path / "sheet.tex"
    status = main(["worksheet", "bank", "--answers", "--steps", "--timeout", "0.001", "-o", str(output)])
    err = capsys.readouterr().err
    assert status == 3 and "too expensive" in err and "Traceback" not in err
    assert not output.exists()


def test_grade_past_the_budget_of_a_row_reports_that_row(tmp_path):
    set_path, answers = _files(tmp_path, b"ann,product,2xy\nbob,product,e^e^e^e^e^y\n")
    report = tmp_path / "report.csv"
    assert main(["grade", set_path, answers, "-o", str(report), "--jobs", "1", "--timeout", "1.5"]) == 0
    with open(report, newline="", encoding="utf-8") as stream:
        rows = list(csv.DictReader(stream))
    assert rows[0]["status"] == "right"
    assert rows[1]["status"] in ("too expensive", "wrong") and rows[1]["correct"] != "yes"
