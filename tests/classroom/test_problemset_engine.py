"""Every stored answer of the bank against the engine, through the checker
(so the textbook form a student types is accepted), and the identities
through partials.assessment.verify."""
from __future__ import annotations

import pytest
import sympy

from partials.assessment.checker import check
from partials.classroom.problemset import bank_files, load_problem_set
from partials.reading.reader import read_assignments, read_expression, read_problem, read_target
from partials.classroom.variants import family_members
from partials.assessment.verify import verify

SETS = [load_problem_set(path) for path in bank_files()]


def _instances():
    for problem_set in SETS:
        for exercise in problem_set.problems:
            if exercise.kind == "analysis":  # answers are properties: tests/classroom/test_analysis_set.py
                continue
            if exercise.is_family:
                members = family_members(exercise)
                yield exercise.instantiate(members[0])
                yield exercise.instantiate(members[-1])
            else:
                yield exercise


INSTANCES = list(_instances())
CASES = [(e, asked) for e in INSTANCES for asked in e.answers]
IDENTITIES = [e for e in INSTANCES if e.kind == "identity"]


def _id(exercise, asked=""):
    values = "".join(f"{k}{v}" for k, v in sorted(exercise.values.items()))
    return f"{exercise.id}{'-' + values if values else ''}{':' + asked if asked else ''}"


@pytest.mark.parametrize("case", CASES, ids=[_id(*c) for c in CASES])
def test_stored_answer_is_accepted_by_the_checker(case):
    exercise, asked = case
    answer = exercise.answers[asked]
    if exercise.at:
        target = read_target(asked)
        problem = read_problem(exercise.text, of=exercise.of).framed_for(target.of, target.wrt)
        value = problem.d(target.of, *target.wrt).at(read_assignments(exercise.at))
        expected = read_expression(answer, problem)
        assert sympy.simplify(sympy.sympify(value) - expected) == 0, f"{exercise.id} {asked}: engine gives {value}"
        return
    verdict = check(exercise.text, asked, answer, of=exercise.of)
    assert verdict.correct is True, f"{exercise.id} {asked}: {verdict.message}"


@pytest.mark.parametrize("exercise", IDENTITIES, ids=[_id(e) for e in IDENTITIES])
def test_identity_verdict_matches_the_bank(exercise):
    verdict = verify(exercise.problem(), exercise.identity)
    assert verdict.holds is exercise.holds, verdict.message
    if not exercise.holds:
        assert verdict.counterexample, "a failing identity comes with a counterexample"
