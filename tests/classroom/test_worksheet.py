"""Worksheets: the LaTeX document, the command line, and real PDFs (one per
topic file, with answers and worked solutions) rendered to an image that is
not blank. PDF tests skip only when no TeX engine is installed."""
from __future__ import annotations

import shutil
import subprocess

import pytest

from partials.cli import main
from partials.classroom.problemset import bank_files, load_problem_set
from partials.presentation.tex import tex_text
from partials.classroom.worksheet import (
    Options,
    WorksheetError,
    build_worksheet,
    compile_pdf,
    exercise_statement,
    in_language,
)

BANK = bank_files()
HAS_PDFLATEX = shutil.which("pdflatex") is not None
HAS_PDFTOPPM = shutil.which("pdftoppm") is not None
needs_tex = pytest.mark.skipif(not HAS_PDFLATEX, reason="no TeX engine installed (apt-get install texlive-latex-base)")


# ---- prose to LaTeX -------------------------------------------------------------
PROSE = [
    ("Let z = u² ln v, where u = y/x.", "Let $z = u^{2} \\ln v$, where $u = y/x$."),
    ("Find ∂z/∂x and ∂z/∂y.", "Find $\\partial z/\\partial x$ and $\\partial z/\\partial y$."),
    ("设 z = f(x + y, xy)，求 ∂²z/∂x∂y", "设 $z = f(x + y, xy)$，求 $\\partial ^{2}z/\\partial x\\partial y$"),
    ("y = rs²e^(−t)", "$y = rs^{2}e^{-t}$"),
    ("Use 50% of a & b_1 #", "Use $50$\\% of a \\& $b$\\_$1$ \\#"),
    ("F_z ≠ 0", "$F$\\_$z \\neq 0$"),
]


@pytest.mark.parametrize("prose,latex", PROSE)
def test_prose_formulas_become_mathematics(prose, latex):
    assert tex_text(prose) == latex


def test_bilingual_titles_keep_one_language():
    assert in_language("复合函数 · Composite functions", "en") == "Composite functions"
    assert in_language("复合函数 · Composite functions", "zh") == "复合函数 · Composite functions"
    assert in_language("隐函数", "en") == "Worksheet"


def test_statement_uses_the_prose_of_the_language_else_english():
    exercise = load_problem_set(BANK[0]).problems[0]
    assert exercise_statement(exercise, "zh").startswith("设")
    assert exercise_statement(exercise, "en").startswith("Let")


# ---- the document ---------------------------------------------------------------
def _exercises(count=None):
    found = [e.default_instance() for path in BANK for e in load_problem_set(path).problems]
    return found[:count] if count else found


def test_document_has_header_numbered_problems_room_and_sections():
    exercises = _exercises()[:5]
    tex = build_worksheet([exercises], Options(title="Chain rule", date="2026-03-01", answers=True, steps=True)).tex
    assert tex.startswith("\\documentclass[11pt,a4paper]{article}") and "\\usepackage{amsmath" in tex
    assert "Chain rule" in tex and "2026-03-01" in tex and "Name:" in tex
    assert tex.count("\\item") >= 3 * 5 and tex.count("\\vspace{") == 5
    assert "\\section*{Answer key" in tex and "\\section*{Worked solutions" in tex
    assert "\\begin{document}" in tex and tex.rstrip().endswith("\\end{document}")


def test_answer_key_is_typeset_from_the_stored_answers():
    exercise = next(e for e in _exercises() if e.id == "abstract-01")
    tex = build_worksheet([[exercise]], Options(answers=True)).tex
    key = tex.split("Answer key", 1)[1]
    assert "\\frac{\\partial z}{\\partial x}" in key and "f_{1}'" in key and "f_{22}''" in key


def test_differential_and_identity_keys():
    by_id = {e.id: e for e in _exercises()}
    tex = build_worksheet([[by_id["differential-05"], by_id["identity-17"]]], Options(answers=True)).tex
    key = tex.split("Answer key", 1)[1]
    assert "\\mathrm{d}z" in key and "\\mathrm{d}x" in key and "\\frac{1}{3}" in key
    assert "does not hold" in key


def test_without_answers_there_is_no_key():
    tex = build_worksheet([_exercises()[:2]], Options()).tex
    assert "Answer key" not in tex and "Worked solutions" not in tex


def test_chinese_document_uses_ctex_and_chinese_statements():
    document = build_worksheet([_exercises()[:2]], Options(lang="zh", title="复合函数"))
    assert document.engine == "xelatex" and "{ctexart}" in document.tex
    assert "设" in document.tex and "姓名" in document.tex


def test_unknown_language_is_refused():
    with pytest.raises(WorksheetError, match="unknown language"):
        build_worksheet([_exercises()[:1]], Options(lang="fr"))


# ---- command line ---------------------------------------------------------------
def test_command_writes_tex_to_standard_output(capsys):
    assert main(["worksheet", str(BANK[0]), "--pick", "composite-03,composite-01", "--date", "2026-01-01"]) == 0
    out = capsys.readouterr().out
    assert out.index("\\sin v") < out.index("\\ln v")  # picked order: composite-03 first
    assert out.count("\\item") == 2


def test_topic_count_and_seed_choose_reproducibly(capsys, tmp_path):
    args = ["worksheet", *map(str, BANK), "--topic", "implicit", "--count", "4", "--seed", "9", "--date", "d"]
    assert main(args + ["-o", str(tmp_path / "a.tex")]) == 0
    assert main(args + ["-o", str(tmp_path / "b.tex")]) == 0
    first, second = (tmp_path / "a.tex").read_text(), (tmp_path / "b.tex").read_text()
    assert first == second and first.count("\\vspace{") == 4
    assert main(args[:-4] + ["--seed", "10", "--date", "d", "-o", str(tmp_path / "c.tex")]) == 0
    assert (tmp_path / "c.tex").read_text() != first


@pytest.mark.parametrize("args,words", [
    (["--pick", "no-such-id"], "no problem with id 'no-such-id'"),
    (["--topic", "astrology"], "no problem has topic 'astrology'"),
    (["--count", "0"], "--count must be between 1"),
])
def test_bad_choices_exit_2_with_one_message(capsys, args, words):
    assert main(["worksheet", str(BANK[0]), *args]) == 2
    assert words in capsys.readouterr().err


def test_malformed_set_exits_2_naming_file_problem_and_field(capsys, tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text('title = "t"\ntopic = "t"\n[[problem]]\nid = "p"\ntext = "z = x"\ntags = ["a"]\ndifficulty = 9\n'
                   'answers = { "∂z/∂x" = "1" }\n', encoding="utf-8")
    assert main(["worksheet", str(bad)]) == 2
    err = capsys.readouterr().err
    assert "bad.toml: problem 'p': field 'difficulty'" in err and "Traceback" not in err


def test_pdf_without_a_tex_engine_names_the_package(capsys, monkeypatch, tmp_path):
    monkeypatch.setattr(shutil, "which", lambda name: None)
    assert main(["worksheet", str(BANK[0]), "--pick", "composite-01", "--pdf", "-o", str(tmp_path / "w.pdf")]) == 2
    err = capsys.readouterr().err
    assert "pdflatex is not installed" in err and "apt-get install texlive-latex-base" in err


# ---- real PDFs --------------------------------------------------------------------
def _dark_pixel_share(pdf, page=1) -> float:
    """pdftoppm renders the page as a grey PGM; the share of dark pixels."""
    pgm = subprocess.run(["pdftoppm", "-gray", "-r", "40", "-f", str(page), "-l", str(page), str(pdf)],
                         capture_output=True, check=True).stdout
    assert pgm.startswith(b"P5")
    header_end, fields = 0, []
    while len(fields) < 4:  # magic, width, height, maxval
        start = header_end
        while pgm[start:start + 1].isspace():
            start += 1
        end = start
        while not pgm[end:end + 1].isspace():
            end += 1
        fields.append(pgm[start:end])
        header_end = end
    pixels = pgm[header_end + 1:]
    return sum(1 for p in pixels if p < 128) / max(len(pixels), 1)


@needs_tex
@pytest.mark.parametrize("path", BANK, ids=[p.stem for p in BANK])
def test_every_topic_file_compiles_with_answers_and_steps(path, tmp_path):
    pdf = tmp_path / f"{path.stem}.pdf"
    assert main(["worksheet", str(path), "--answers", "--steps", "--pdf", "-o", str(pdf), "--date", "2026-11-23"]) == 0
    assert pdf.read_bytes().startswith(b"%PDF")
    if HAS_PDFTOPPM:
        assert _dark_pixel_share(pdf, 1) > 0.002  # header, rules and the first problems


@needs_tex
def test_variants_compile_to_one_pdf_with_a_page_per_version_at_least(tmp_path):
    pdf = tmp_path / "quiz.pdf"
    family_set = next(p for p in BANK if "abstract-outer" in p.name)
    assert main(["worksheet", str(family_set), "--pick", "abstract-17,abstract-01", "--variants", "3", "--seed", "2",
                 "--answers", "--pdf", "-o", str(pdf)]) == 0
    if shutil.which("pdfinfo"):
        info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
        pages = int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))
        assert pages >= 6  # three versions, each with problems and an answer key


@needs_tex
def test_a_tex_error_is_reported_with_its_line(tmp_path):
    with pytest.raises(WorksheetError, match=r"pdflatex failed: ! Undefined control sequence.*l\.\d+"):
        compile_pdf("\\documentclass{article}\\begin{document}\n\\nosuchcommand\n\\end{document}\n", tmp_path / "x.pdf")


@pytest.mark.skipif(not (shutil.which("xelatex") and HAS_PDFTOPPM), reason="no XeLaTeX (apt-get install texlive-xetex texlive-lang-chinese)")
def test_chinese_worksheet_compiles_with_xelatex(tmp_path):
    from partials.classroom.worksheet import tex_engine_status

    if tex_engine_status("xelatex"):
        pytest.skip("ctex is not installed (apt-get install texlive-lang-chinese)")
    pdf = tmp_path / "zh.pdf"
    assert main(["worksheet", str(BANK[0]), "--pick", "composite-01,composite-02", "--lang", "zh", "--answers",
                 "--pdf", "-o", str(pdf)]) == 0
    assert _dark_pixel_share(pdf, 1) > 0.002


@needs_tex
def test_chinese_pdf_without_a_cjk_engine_falls_back_to_english(capsys, monkeypatch, tmp_path):
    import partials.commands.worksheet as command

    monkeypatch.setattr(command, "tex_engine_status", lambda engine: "texlive-xetex texlive-lang-chinese" if engine == "xelatex" else None)
    pdf = tmp_path / "fallback.pdf"
    assert main(["worksheet", str(BANK[0]), "--pick", "composite-01", "--lang", "zh", "--pdf", "-o", str(pdf)]) == 0
    err = capsys.readouterr().err
    assert "apt-get install texlive-xetex texlive-lang-chinese" in err and "English" in err
    assert pdf.read_bytes().startswith(b"%PDF")
