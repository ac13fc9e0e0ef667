"""A total differential written as the answer: `--target dz`.

    dz = 2xy dx + (x² + 3y²) dy        dz = z_x dx + z_y dy = …        dz|_(1,2) = 4dx + 13dy

dx, dy (in any spelling of the variable: dθ, dtheta, dx_1) become
placeholder letters (partials.assessment.answer_text) that end a term like a product
sign (ln x dy is ln x·dy, 1/3 dx is (1/3)·dx), the member is read like any
answer, and it must be linear in them: P dx + Q dy.  Each coefficient is
judged as the partial derivative it stands for, and a wrong one is named.
"""
from __future__ import annotations

import re

import sympy

from partials.assessment.answer_text import PLACEHOLDER_LETTERS
from partials.assessment.diagnosis import Diagnosis
from partials.core.errors import LimitError, PartialsError
from partials.model.notation import Target
from partials.core.symbols import GREEK_LETTERS, variable


def differential_variable(target) -> str | None:
    """"dz" (or "d z", "dθ") → "z"; None for any other target."""
    if not isinstance(target, str):
        return None
    match = re.fullmatch(r"\s*d\s*(?P<name>[A-Za-zα-ωΑ-Ω]+(?:_[0-9]+)?)\s*", target)
    if not match:
        return None
    return GREEK_LETTERS.get(match["name"], match["name"])


def check_differential(problem_text: str, of_name: str, answer: str, *, of=None, seed: int = 0, at=None):
    """Judge `dz = P dx + Q dy`: each coefficient as the partial it stands for."""
    from partials.assessment.checker import UNREADABLE, Verdict, prepare, problem_of
    from partials.assessment.written_answers import combined, read_written, same_point

    problem = problem_of(problem_text, None if of is None else str(of))
    of_symbol = variable(of_name)
    known = {s.name for s in (*problem.variables, *problem.implicit, *problem.declarations)}
    if of_symbol.name not in known:
        raise PartialsError(f"'{of_name}' does not occur in the problem, so d{of_name} cannot be asked")
    if "d" in known:
        raise PartialsError("d is a variable of this problem, so dx cannot be told from d·x",
                            hint="check each partial derivative with --d instead")
    framed = problem.framed_for(of_symbol)
    independent = list(framed.independent)
    notation = f"d{of_name}"
    prepared = [prepare(problem_text, Target(of_symbol, (x,)), of=of, seed=seed) for x in independent]
    spellings = [_spellings(x.name) for x in independent]
    letters = "".join(c for c in PLACEHOLDER_LETTERS if GREEK_LETTERS[c] not in known)
    if len(letters) < len(independent):
        raise PartialsError(f"d{of_name} has too many terms to check here; check each partial derivative with --d")
    try:
        written = read_written(answer, prepared[0].problem, differentials=(spellings, letters))
    except LimitError as error:
        return Verdict(None, f"too expensive to check: {error}", status="too expensive", target=notation)
    except PartialsError as error:
        return Verdict(None, f"cannot understand the answer: {error}", status=UNREADABLE, target=notation)
    if written.label is not None and written.label.of != of_symbol:
        reason = f"answers d{written.label.of} instead of {notation}"
        return Verdict(False, f"the answer is for d{written.label.of}, but the question asks for {notation}",
                       diagnosis=Diagnosis("wrong_target", reason), target=notation)
    if written.point is not None and at and not same_point(written.point, at):
        sentence = f"the answer is at ({written.point}), but the question asks at ({at})"
        return Verdict(False, f"wrong: {sentence}", diagnosis=Diagnosis("wrong_point", sentence), target=notation)
    point = written.point or (at if at else None)
    verdicts = []
    marks = [variable(GREEK_LETTERS[c]) for c in letters[: len(independent)]]
    for part in written.parts:
        verdicts.append(None if part.error is not None else _judge_differential(prepared, marks, part, point))
    last = written.parts[-1]
    empty = next((part for part in written.parts if not part.member.stripped), None)
    for part in (last, empty):
        if part is not None and part.error is not None:
            return Verdict(None, f"cannot understand the answer: {part.error}", status=UNREADABLE, target=notation)
    return combined(written, verdicts)


def labelled_differential(answer: str, problem) -> str | None:
    """"dz" when the answer starts `dz = …` (or `dz|_(1,2) = …`) for a
    variable z of the problem that is not d; None otherwise."""
    from partials.assessment.answer_text import members, peel_label

    parts = members(answer)
    if len(parts) < 2:
        return None
    match = re.fullmatch(r"\s*d\s*(?P<name>[A-Za-zα-ωΑ-Ω]+(?:_[0-9]+)?)\s*", peel_label(parts[0].text).text)
    if not match:
        return None
    name = GREEK_LETTERS.get(match["name"], match["name"])
    known = {s.name for s in (*problem.variables, *problem.implicit, *problem.declarations)}
    return f"d{name}" if name in known and "d" not in known else None


def _spellings(name: str) -> list[str]:
    spelled = [name]
    letters = [letter for letter, spelled_name in GREEK_LETTERS.items() if spelled_name == name]
    spelled += letters + ([f"\\{name}"] if letters else [])  # \theta in LaTeX
    if "_" in name:
        head, digits = name.split("_", 1)
        spelled += [f"{head}_{{{digits}}}", head + "".join("₀₁₂₃₄₅₆₇₈₉"[int(d)] for d in digits)]
    return spelled


def _judge_differential(prepared, marks, part, point):
    """One member P dx + Q dy: split into coefficients, each judged."""
    from partials.assessment.checker import Verdict, judge_expression
    from partials.assessment.written_answers import derivatives_in, shown
    from partials.assessment.written_points import judge_at_point

    notation = f"d{prepared[0].target.of}"
    independent = [p.target.wrt[0] for p in prepared]
    expr = part.expr
    coefficients = [expr.diff(m) for m in marks]
    rest = sympy.expand(expr.xreplace({m: 0 for m in marks}))
    if rest != 0 or any(c.free_symbols & set(marks) for c in coefficients) or all(c == 0 for c in coefficients):
        reason = f"{part.member.stripped} is not of the form P dx + Q dy"
        part.error = PartialsError(reason)
        return None
    outcomes = []
    for prepared_k, coefficient in zip(prepared, coefficients):
        try:
            value = derivatives_in(prepared_k, coefficient)
        except PartialsError as error:
            part.error = error
            return None
        if point is not None:
            outcomes.append(judge_at_point(prepared_k, value, point, None, ""))
        else:
            outcomes.append(judge_expression(prepared_k, value, None))
    wrong = [(x, v) for x, v in zip(independent, outcomes) if v.correct is False]
    terms = " + ".join(f"({shown(c)}) d{x}" for x, c in zip(independent, coefficients))
    interpreted = f"{notation} = {terms}"
    if wrong:
        said = "; ".join(_coefficient_sentence(x, v) for x, v in wrong)
        diagnosis = Diagnosis("wrong_coefficient", "; ".join(f"the coefficient of d{x} is wrong" for x, _ in wrong))
        return Verdict(False, f"wrong: {said}", interpreted, diagnosis=diagnosis, target=notation)
    if any(v.correct is None for v in outcomes):
        which = [f"d{x}: {v.message}" for x, v in zip(independent, outcomes) if v.correct is None]
        return Verdict(None, "could not decide: " + "; ".join(which), interpreted, status=outcomes[0].status
                       if outcomes[0].correct is None else "undecided", target=notation)
    return Verdict(True, "right (each coefficient is the partial derivative)", interpreted, target=notation)


def _coefficient_sentence(x, verdict) -> str:
    why = verdict.message.removeprefix("wrong").removeprefix(":").strip()
    return f"the coefficient of d{x} is wrong" + ("" if not why else f" {why}" if why.startswith("(") else f": {why}")
