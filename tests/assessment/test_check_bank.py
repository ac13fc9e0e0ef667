"""Every reference answer stored in the problem bank (problem_sets/*.toml,
checked there against its own oracle) is accepted by the checker, and the
same answer with its sign flipped is rejected."""
import pytest

from partials.assessment.checker import judge, prepare
from partials.classroom.problemset import bank_files, load_problem_set


def _stored_answers():
    cases = []
    for path in bank_files():
        for exercise in load_problem_set(path).problems:
            exercise = exercise.default_instance()
            if exercise.kind != "derivative" or exercise.at:
                continue
            for target, answer in exercise.answers.items():
                cases.append(pytest.param(exercise.text, exercise.of, target, answer, id=f"{exercise.id}:{target}"))
    return cases


@pytest.mark.parametrize("text, of, target, answer", _stored_answers())
def test_stored_answer_is_accepted_and_its_negation_rejected(text, of, target, answer):
    prepared = prepare(text, target, of=of)
    verdict = judge(prepared, answer)
    assert verdict.correct is True, verdict.message
    negated = judge(prepared, f"-({answer})")
    assert negated.correct is (False if prepared.explicit != 0 else True), negated.message
