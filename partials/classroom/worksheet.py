"""LaTeX worksheets from problem sets: problems with room to work, an answer
key and worked solutions, in English or Chinese, and their PDF.

    document = build_worksheet([exercises], Options(title="...", answers=True))
    pdf_path = compile_pdf(document.tex, "sheet.pdf", engine=document.engine)

English worksheets need only pdflatex with amsmath (Debian:
texlive-latex-base); Chinese ones are typeset with ctex under XeLaTeX
(texlive-xetex, texlive-lang-chinese). Formulas in the prose statements
are set as mathematics (`z = u² ln v` becomes $z = u^{2} \\ln v$); answers
are typeset with partials.presentation.printing.latex, worked solutions come from
partials.presentation.steps.
"""
from __future__ import annotations

import datetime
import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from partials.presentation import printing
from partials.core.errors import PartialsError
from partials.classroom import analysis_sheet
from partials.classroom.problemset import Exercise
from partials.presentation.tex import escape, tex_math_text, tex_text

ROOM_BY_DIFFICULTY = {1: "4cm", 2: "6cm", 3: "8cm"}
VERSION_LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
TEX_TIMEOUT_SECONDS = 300
PDF_ENGINES = {"en": "pdflatex", "zh": "xelatex"}
DEBIAN_PACKAGES = {
    "pdflatex": "texlive-latex-base",
    "xelatex": "texlive-xetex texlive-lang-chinese",
}


class WorksheetError(PartialsError):
    """The worksheet cannot be made (no TeX engine, TeX failed, bad choice)."""


@dataclass
class Options:
    title: str = "Partial derivatives"
    date: str = ""
    answers: bool = False
    steps: bool = False
    lang: str = "en"  # "en" or "zh": the statements and captions
    subtitle: str = ""


@dataclass
class Document:
    tex: str
    engine: str  # pdflatex or xelatex
    warnings: list = field(default_factory=list)


# ---- building ---------------------------------------------------------------
def build_worksheet(versions: list[list[Exercise]], options: Options) -> Document:
    """One document; each version (a list of exercises) starts on a new page
    with its own numbering, answer key and worked solutions."""
    if options.lang not in PDF_ENGINES:
        raise WorksheetError(f"unknown language '{options.lang}': use en or zh")
    date = options.date or datetime.date.today().isoformat()
    warnings: list[str] = []
    body = []
    for index, exercises in enumerate(versions):
        label = f"Version {VERSION_LETTERS[index % 26]}{index // 26 or ''}" if len(versions) > 1 else ""
        body.append(_version(exercises, options, date, label, warnings))
    tex = _preamble(options.lang) + "\n\\begin{document}\n" + "\n\\clearpage\n".join(body) + "\n\\end{document}\n"
    return Document(tex=tex, engine=PDF_ENGINES[options.lang], warnings=warnings)


def _version(exercises, options, date, label, warnings) -> str:
    words = _WORDS[options.lang]
    parts = [_header(options, date, label, words)]
    parts.append("\\begin{enumerate}")
    for exercise in exercises:
        parts.append(_problem_item(exercise, options.lang))
    parts.append("\\end{enumerate}")
    if options.answers:
        parts.append("\\clearpage\n" + _section(words["key"], options.title, label, options.lang))
        parts.append("\\begin{enumerate}")
        parts += [_answer_item(e, warnings) for e in exercises]
        parts.append("\\end{enumerate}")
    if options.steps:
        parts.append("\\clearpage\n" + _section(words["steps"], options.title, label, options.lang))
        parts.append("\\begin{enumerate}")
        parts += [_steps_item(e, options.lang, warnings) for e in exercises]
        parts.append("\\end{enumerate}")
    return "\n".join(parts)


def _header(options, date, label, words) -> str:
    title = tex_text(in_language(options.title, options.lang))
    version = f" \\hfill \\textbf{{{escape(label)}}}" if label else ""
    subtitle = f"\\\\[2pt] {tex_text(options.subtitle)}" if options.subtitle else ""
    return (
        "\\setcounter{page}{1}\n"
        f"\\noindent{{\\Large\\bfseries {title}}}{version}{subtitle}\\\\[4pt]\n"
        f"\\noindent {words['name']}: \\rule{{5cm}}{{0.4pt}} \\quad {words['class']}: \\rule{{3cm}}{{0.4pt}}"
        f" \\hfill {words['date']}: {escape(date)}\n"
        "\\par\\noindent\\rule{\\textwidth}{0.8pt}\\par\\medskip"
    )


def _section(name, title, label, lang="en") -> str:
    suffix = f" --- {escape(label)}" if label else ""
    return f"\\section*{{{name}: {tex_text(in_language(title, lang))}{suffix}}}"


_CJK = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]")


def in_language(text: str, lang: str) -> str:
    """A bilingual title "复合函数 · Composite functions" in one language;
    English text never carries CJK characters (pdflatex cannot set them)."""
    if lang == "zh" or not _CJK.search(text):
        return text
    for part in re.split(r"\s+[·|/]\s+", text):
        if not _CJK.search(part):
            return part
    return _CJK.sub("", text).strip() or "Worksheet"


def _problem_item(exercise: Exercise, lang: str) -> str:
    statement = exercise_statement(exercise, lang)
    room = ROOM_BY_DIFFICULTY.get(exercise.difficulty, "6cm")
    stars = "\\,".join("$\\star$" for _ in range(exercise.difficulty))
    return (
        f"\\item {statement} \\hfill{{\\footnotesize {stars}}}\n"
        f"\\par\\vspace{{{room}}}"
    )


def exercise_statement(exercise: Exercise, lang: str) -> str:
    """The statement as LaTeX: the prose in `lang` (else English, else a
    sentence made from the problem text and the derivatives asked)."""
    prose = exercise.zh if lang == "zh" else exercise.en
    prose = prose or exercise.en
    if prose:
        return tex_text(prose)
    if exercise.kind == "analysis":
        return analysis_sheet.statement(exercise)
    asked = ", ".join(f"${_target_latex(t)}$" for t in exercise.asks)
    given = prose_math(exercise.text)
    if exercise.kind == "identity":
        return f"Let {given}. Verify that {prose_math(exercise.identity)}."
    if exercise.kind == "differential":
        return f"Find the total differential of {given}."
    return f"Let {given}. Find {asked}."


# ---- answer key -----------------------------------------------------------------
def _answer_item(exercise: Exercise, warnings: list) -> str:
    try:
        lines = answer_lines(exercise)
    except PartialsError as error:
        warnings.append(f"{exercise.id}: answer not typeset ({error.message})")
        lines = [f"\\text{{{tex_text(v)}}}" for v in exercise.answers.values()]
    displayed = " \\\\\n".join(lines)
    return f"\\item \\begin{{gather*}}\n{displayed}\n\\end{{gather*}}" if lines else "\\item"


def answer_lines(exercise: Exercise) -> list[str]:
    """LaTeX lines of the answer key for one exercise."""
    # stored answers are read as answer keys write them (f_1 for f₁′, a chain's last member)
    from partials.reading.reader import read_target
    from partials.assessment.written_answers import key_expression

    if exercise.kind == "analysis":
        return analysis_sheet.answer_lines(exercise)
    problem = exercise.problem()
    point = _point_latex(exercise)
    typeset = {}
    for asked, answer in exercise.answers.items():
        target = read_target(asked)
        framed = problem.framed_for(target.of, target.wrt)
        typeset[asked] = (target, _latex(key_expression(answer, framed), framed))
    lines = []
    if exercise.kind == "differential" and typeset:
        of = next(iter(typeset.values()))[0].of
        terms = " + ".join(f"\\left({value}\\right) \\mathrm{{d}}{target.wrt[0]}" for target, value in typeset.values())
        lines.append(f"\\mathrm{{d}}{of}{point} = {terms}")
    else:
        for target, value in typeset.values():
            lines.append(f"{_target_latex(target)}{point} = {value}")
    if exercise.kind == "identity":
        lines.append(_identity_line(exercise, problem))
    return lines


def _identity_line(exercise, problem) -> str:
    from partials.assessment.verify import verify

    verdict = verify(problem, exercise.identity)
    identity = prose_math(exercise.identity).strip("$")
    if verdict.holds:
        return f"{identity} \\quad \\text{{holds}}"
    point = ", ".join(f"{k} = {_number_latex(v)}" for k, v in (verdict.counterexample or {}).items())
    return f"{identity} \\quad \\text{{does not hold (e.g. at }} {point}\\text{{)}}"


def _point_latex(exercise) -> str:
    if not exercise.at:
        return ""
    from partials.reading.reader import read_assignments

    values = read_assignments(exercise.at)
    return "\\Big|_{" + ",\\,".join(f"{k}={_latex(v)}" for k, v in values.items()) + "}"


# ---- worked solutions -----------------------------------------------------------
def _steps_item(exercise: Exercise, lang: str, warnings: list) -> str:
    try:
        blocks = steps_blocks(exercise, lang)
    except PartialsError as error:
        warnings.append(f"{exercise.id}: no worked solution ({error.message})")
        blocks = [tex_text(f"(no worked solution: {error.message})")]
    return "\\item " + "\n".join(blocks)


def steps_blocks(exercise: Exercise, lang: str) -> list[str]:
    """LaTeX of the worked solution(s) of one exercise, one block per derivative."""
    from partials.reading.reader import read_assignments, read_target

    if exercise.kind == "analysis":
        return analysis_sheet.steps_blocks(exercise, lang)
    problem = exercise.problem()
    if exercise.kind == "identity":
        from partials.assessment.verify import verify

        return [tex_math_text(verify(problem, exercise.identity).latex_steps(lang))]
    if exercise.kind == "differential":
        from partials.presentation.steps import explain_differential

        targets = [read_target(a) for a in exercise.asks]
        partials = {t.wrt[0]: problem.d(t.of, *t.wrt).expr for t in targets}
        point = read_assignments(exercise.at) if exercise.at else None
        return [explain_differential(problem, targets[0].of, partials, lang=lang, point=point).render_latex()]
    from partials.presentation.steps import explain

    blocks = []
    for asked in exercise.asks:
        target = read_target(asked)
        framed = problem.framed_for(target.of, target.wrt)
        steps = explain(framed.d(target.of, *target.wrt), lang=lang)
        if len(exercise.asks) > 1:
            blocks.append(f"\\par\\smallskip $\\displaystyle {_target_latex(target)}$:")
        blocks.append(steps.render_latex())
        if exercise.at:
            value = framed.d(target.of, *target.wrt).at(read_assignments(exercise.at))
            blocks.append(f"\\[ {_target_latex(target)}{_point_latex(exercise)} = {_latex(value, framed)} \\]")
    return blocks




# ---- LaTeX pieces ---------------------------------------------------------------
def _latex(expr, problem=None) -> str:
    return printing.latex(expr, problem)


def _target_latex(target) -> str:
    from partials.reading.reader import read_target

    if isinstance(target, str):
        target = read_target(target)
    return printing.derivative_notation(str(target.of), [str(w) for w in target.wrt], "latex")


def _number_latex(value) -> str:
    import sympy

    return sympy.latex(sympy.nsimplify(value, rational=False)) if not isinstance(value, str) else value


def prose_math(notation: str) -> str:
    """A formula in the parser's notation (x^2 + y^2) as inline LaTeX."""
    from partials.reading.reader import read_expression, read_problem

    try:
        problem = read_problem(notation)
        parts = [f"{_latex(r.lhs, problem)} = {_latex(r.rhs, problem)}" for r in problem.relations]
        return "$" + ",\\ ".join(parts) + "$"
    except PartialsError:
        pass
    if notation.count("=") == 1:
        try:
            left, right = (read_expression(side) for side in notation.split("="))
            return f"${_latex(left)} = {_latex(right)}$"
        except PartialsError:
            pass
    return tex_text(notation)


# ---- document -------------------------------------------------------------------
def _preamble(lang: str) -> str:
    if lang == "zh":
        head = "\\documentclass[11pt,a4paper]{ctexart}\n"
    else:
        head = "\\documentclass[11pt,a4paper]{article}\n"
    return head + (
        "\\usepackage{amsmath,amssymb}\n"
        "\\usepackage[margin=2.2cm]{geometry}\n"
        "\\pagestyle{plain}\n"
        "\\allowdisplaybreaks\n"
        "\\setlength{\\parindent}{0pt}\n"
    )


_WORDS = {
    "en": {"name": "Name", "class": "Class", "date": "Date", "key": "Answer key", "steps": "Worked solutions"},
    "zh": {"name": "姓名", "class": "班级", "date": "日期", "key": "参考答案", "steps": "解题过程"},
}


# ---- PDF ------------------------------------------------------------------------
def tex_engine_status(engine: str) -> str | None:
    """None when `engine` (and, for XeLaTeX, ctex) is usable, else what to install."""
    if shutil.which(engine) is None:
        return DEBIAN_PACKAGES[engine]
    if engine == "xelatex" and not _has_tex_file("ctexart.cls"):
        return "texlive-lang-chinese"
    return None


def _has_tex_file(name: str) -> bool:
    if shutil.which("kpsewhich") is None:
        return False
    try:
        found = subprocess.run(["kpsewhich", name], capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.TimeoutExpired):
        return False
    return bool(found.stdout.strip())


def compile_pdf(tex: str, output, engine: str = "pdflatex") -> Path:
    """Typeset `tex` with a real TeX engine into the PDF `output`."""
    missing = tex_engine_status(engine)
    if missing:
        raise WorksheetError(
            f"cannot make a PDF: {engine} is not installed",
            hint=f"install it with: apt-get install {missing}   (or write the .tex without --pdf)",
        )
    output = Path(output)
    with tempfile.TemporaryDirectory(prefix="partials-worksheet-") as work:
        source = Path(work) / "worksheet.tex"
        source.write_text(tex, encoding="utf-8")
        command = [engine, "-interaction=nonstopmode", "-halt-on-error", "-no-shell-escape", "worksheet.tex"]
        try:
            run = subprocess.run(command, cwd=work, capture_output=True, timeout=TEX_TIMEOUT_SECONDS)
        except subprocess.TimeoutExpired:
            raise WorksheetError(f"{engine} took longer than {TEX_TIMEOUT_SECONDS} s") from None
        pdf = Path(work) / "worksheet.pdf"
        if run.returncode != 0 or not pdf.exists():
            raise WorksheetError(f"{engine} failed: {_tex_error(Path(work) / 'worksheet.log')}")
        output.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(pdf, output)
    return output


def _tex_error(log: Path) -> str:
    try:
        lines = log.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return "no log written"
    for index, line in enumerate(lines):
        if line.startswith("!"):
            context = [later.strip() for later in lines[index + 1: index + 8] if later.startswith("l.")]
            return " ".join([line.strip()] + context)
    return lines[-1] if lines else "unknown error"
