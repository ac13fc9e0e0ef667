"""Every statement of the problem-set bank (its `zh` and `en` fields), read
whole as pasted, asks what the exercise asks and gives the stored answers.

The stored answers were written by hand in the bank; they are judged with
the checker against the problem read from the statement (the same oracle as
tests/test_problemset_engine.py, which judges them against the bare `text`)."""
from __future__ import annotations

import pytest
import sympy

from partials.assessment.checker import check
from partials.classroom.problemset import bank_files, load_problem_set
from partials.reading.reader import read_assignments, read_expression, read_target
from partials.reading.statement.reader import read_statement
from partials.assessment.statement_solving import point_of, problem_of, targets_of, variables_of
from partials.classroom.variants import family_members
from partials.assessment.verify import verify

SETS = [load_problem_set(path) for path in bank_files()]


def _instances():
    for problem_set in SETS:
        for exercise in problem_set.problems:
            if exercise.is_family:
                yield exercise.instantiate(family_members(exercise)[0])
            else:
                yield exercise


# analysis exercises (a function at a point) are statements for `partials analyze`,
# checked by tests/classroom/test_analysis_set.py
CASES = [(exercise, language) for exercise in _instances() for language in ("zh", "en")
         if getattr(exercise, language) and exercise.kind != "analysis"]


def test_the_bank_has_statements_in_both_languages():
    assert len([c for c in CASES if c[1] == "zh"]) >= 129
    assert len([c for c in CASES if c[1] == "en"]) >= 129


@pytest.mark.parametrize("case", CASES, ids=[f"{e.id}-{lang}" for e, lang in CASES])
def test_statement_solves_whole_with_the_stored_answers(case):
    exercise, language = case
    statement = read_statement(getattr(exercise, language))
    problem = problem_of(statement)
    asked = {(str(of), tuple(map(str, wrt))) for of, wrt in targets_of(statement, problem)}
    if exercise.kind == "differential":
        assert statement.differential, "the statement asks for the total differential"
        asked |= {(str(problem.dependent[0] if exercise.of is None else exercise.of), (str(x),))
                  for x in variables_of(statement, problem)}
    if exercise.kind == "identity":
        assert [verify(problem, i.text).holds for i in statement.identities] == [exercise.holds]
    if exercise.at:
        expected_point = read_assignments(exercise.at)
        assert point_of(statement, problem) == expected_point
    for notation, answer in exercise.answers.items():
        target = read_target(notation)
        if exercise.kind != "identity":
            assert (str(target.of), tuple(map(str, target.wrt))) in asked, f"{notation} is not asked: {asked}"
        if exercise.at:
            framed = problem.framed_for(target.of, target.wrt)
            value = framed.d(target.of, *target.wrt).at(point_of(statement, problem))
            assert sympy.simplify(sympy.sympify(value) - read_expression(answer, problem)) == 0
            continue
        verdict = check(_problem_text(problem), notation, answer)
        assert verdict.correct is True, f"{notation}: {verdict.message}"


def _problem_text(problem) -> str:
    """The relations the statement was read into (with any declarations it implied)."""
    return problem.text
