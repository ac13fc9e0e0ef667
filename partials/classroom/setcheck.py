"""A problem set is read in full before it is typeset or used for grading:
a statement, a point or a stored answer that does not read is the author's
mistake, reported with the file, the problem id and the field, never
printed on a worksheet nor charged to a student as a wrong answer."""
from __future__ import annotations

import sympy

from partials.core.errors import PartialsError
from partials.classroom.problemset import ProblemSetError


def check_readable(problem_set) -> None:
    """Raise ProblemSetError at the first field of `problem_set` that does
    not read (every parameter family is checked at its default values)."""
    for exercise in problem_set.problems:
        check_exercise(exercise.default_instance())


def check_exercise(exercise) -> None:
    source = exercise.source or "<problem set>"

    def failed(field_name, error):
        message = error.message if isinstance(error, PartialsError) else str(error)
        raise ProblemSetError(source, f"does not read: {message}", exercise.id, field_name) from None

    if exercise.kind == "analysis":  # a function at a point: read as `partials analyze` reads it
        _check_analysis(exercise, failed)
        return
    try:
        problem = exercise.problem()
    except (PartialsError, RecursionError) as error:
        failed("text", error)
    if exercise.at:
        try:
            _check_point(exercise.at, problem)
        except (PartialsError, RecursionError) as error:
            failed("at", error)
    for asked, answer in exercise.answers.items():
        try:
            _check_target(asked, problem)
        except (PartialsError, RecursionError) as error:
            failed(f"answers: key '{asked}'", error)
        try:
            _check_answer(answer, problem)
        except (PartialsError, RecursionError) as error:
            failed(f"answers: '{asked}'", error)
    if exercise.identity:
        try:
            _check_identity(exercise.identity, problem)
        except (PartialsError, RecursionError) as error:
            failed("identity", error)


def _check_point(text, problem) -> None:
    from partials.calculus.points import read_point
    from partials.reading.reader import read_assignments

    for name, value in read_point(read_assignments(text), problem).items():
        value = sympy.sympify(value, strict=True)
        if value.has(sympy.zoo, sympy.oo, -sympy.oo, sympy.nan) or not value.is_number or value.is_real is False:
            raise PartialsError(f"{name} = {value} is not a real number")


def _check_target(text, problem) -> None:
    from partials.reading.reader import read_target

    read_target(text, problem)


def _check_answer(text, problem) -> None:
    from partials.reading.reader import read_answer

    _, expr = read_answer(text, problem)
    if isinstance(expr, sympy.Basic) and expr.has(sympy.zoo, sympy.nan):
        raise PartialsError("the answer divides by zero")


def _check_identity(text, problem) -> None:
    from partials.reading.reader import read_expression

    if text.count("=") != 1:
        raise PartialsError("write the identity as one 'left = right'")
    for side in text.split("="):
        read_expression(side, problem)


def _check_analysis(exercise, failed) -> None:
    from partials.assessment.analysis.reading import read_function
    from partials.assessment.analysis.vectors import read_point

    try:
        function = read_function(exercise.text)
    except (PartialsError, RecursionError) as error:
        failed("text", error)
    if exercise.at:
        try:
            read_point(exercise.at, function)
        except (PartialsError, RecursionError) as error:
            failed("at", error)
