"""Checking an answer: `check(problem_text, target, answer) -> Verdict`.

    >>> v = check("z = u^2 ln v, u = y/x, v = x^2 + y^2", "az/ax", "2ulnv - y/x^2")
    >>> v.correct, v.diagnosis.code
    (False, 'added_instead_of_multiplied')

The work is split so that batch grading pays for a problem once:
`prepare(problem_text, target, of, seed)` reads the problem, asks the engine
for the answer key and draws the test points (cached), and `judge(prepared,
answer_text)` reads one answer and decides it.

A verdict's `correct` is True (right), False (wrong) or None: the answer
could not be understood (`status == "unreadable"`), or the checker could not
decide (`status == "undecided"`: too few points where both expressions are
defined), or the check was too expensive (`status == "too expensive"`).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

import sympy
from sympy.core.function import AppliedUndef

from partials.assessment.diagnosis import Diagnoser, Diagnosis, show
from partials.assessment.equivalence import PointSet, Undefined, Unsupported, algebraically_equal, compare, size
from partials.core.errors import LimitError, PartialsError
from partials.model.notation import Partial, Target
from partials.assessment.answer_terms import Circular, UnknownName, check_not_circular, foreign_name, meant, partial_value
from partials.assessment.at_point import AtPoint

MAX_ANSWER_NODES = 20_000  # answers larger than this are too expensive to check
ALGEBRA_ANSWER_SIZE = 25  # tree nodes: algebra is tried on answers this small
NOT_SIMPLIFIED_RATIO = 2.0  # answer this many times longer than the key: "not simplified"
VISIBLE = 1e-6  # relative difference at a test point the diagnoser can see

# statuses, and the exit status of `partials check` for each
RIGHT, WRONG, UNREADABLE, UNDECIDED, TOO_EXPENSIVE = "right", "wrong", "unreadable", "undecided", "too expensive"
EXIT_CODES = {RIGHT: 0, WRONG: 1, UNREADABLE: 2, UNDECIDED: 3, TOO_EXPENSIVE: 3}


class Verdict:
    """The outcome of one check.

    correct        True, False, or None (unreadable, undecided, too expensive)
    message        one sentence for the student (with the counterexample)
    interpreted    how the answer was understood, in textbook text
    counterexample {"point": {...}, "expected": float, "got": float
                    [, "functions": {name: concrete function}]} or None
    diagnosis      Diagnosis(code, sentence) or None
    status         "right" | "wrong" | "unreadable" | "undecided" | "too expensive"
    """

    def __init__(self, correct, message, interpreted=None, counterexample=None, diagnosis=None, status="", target=""):
        self.correct = correct
        self.message = message
        self._interpreted = interpreted  # a string, or a function giving it (printing is slow)
        self.counterexample = counterexample
        self.diagnosis = diagnosis
        self.status = status or {True: RIGHT, False: WRONG, None: UNDECIDED}[correct]
        self.target = target

    @property
    def interpreted(self) -> str | None:
        if callable(self._interpreted):
            self._interpreted = self._interpreted()
        return self._interpreted

    @property
    def exit_code(self) -> int:
        return EXIT_CODES[self.status]

    def as_dict(self) -> dict:
        return {
            "correct": self.correct,
            "status": self.status,
            "message": self.message,
            "target": self.target,
            "interpreted": self.interpreted,
            "counterexample": self.counterexample,
            "diagnosis": self.diagnosis.as_dict() if self.diagnosis else None,
        }

    def __repr__(self) -> str:
        return f"Verdict(correct={self.correct!r}, status={self.status!r}, message={self.message!r})"

    def __str__(self) -> str:
        return self.message


@dataclass
class Prepared:
    """Everything about one (problem, derivative, seed) that answers share."""

    problem: object
    target: Target
    expected: sympy.Expr  # the engine's answer, as kept (intermediates, z)
    explicit: sympy.Expr  # the engine's answer in independent variables
    points: PointSet
    seed: int
    derivative_cache: dict = field(default_factory=dict)
    at: AtPoint | None = None  # answers are values at this point (an exercise's `at`)
    _diagnoser: Diagnoser | None = None

    def __post_init__(self):
        self.notation = self.target.notation(ordinary=len(self.problem.independent) == 1)
        self.key = min((self.expected, self.explicit), key=size)
        self.key_size = size(self.key)

    def diagnoser(self) -> Diagnoser:
        """The problem's possible mistakes, built at the first wrong answer."""
        if self._diagnoser is None:
            self._diagnoser = Diagnoser(self.problem, self.target.of, self.target.wrt, self.expected, self.points)
        return self._diagnoser


# ---------------------------------------------------------------------------
# public API
# ---------------------------------------------------------------------------
def check(problem_text: str, target: str, answer: str, *, of=None, seed: int = 0, at=None, **options) -> Verdict:
    """Decide whether `answer` is the derivative `target` of the problem
    (`target` "dz": the total differential; `at` "x=1,y=2": the value there).

    Raises PartialsError when the problem or the target cannot be read (the
    teacher's input); an answer that cannot be read gives a Verdict with
    correct None and status "unreadable"."""
    if options:
        raise PartialsError(f"unknown option(s) for check: {', '.join(sorted(options))}")
    special = _written_check(problem_text, target, answer, of, seed, at)
    if special is not None:
        return special
    prepared = prepare(problem_text, target, of=of, seed=seed, at=at)
    return judge(prepared, answer)


def prepare(problem_text: str, target, of=None, seed: int = 0, at: str | None = None) -> Prepared:
    """Read the problem and the target, get the answer key, draw test points
    (and, with `at`, the key's value at that point: answers are values there)."""
    if not isinstance(target, Target):
        target = target_of(target, problem_text, None if of is None else str(of))
    return _prepared(problem_text, target, None if of is None else str(of), int(seed), at or None)


@lru_cache(maxsize=256)
def target_of(text: str, problem_text: str | None = None, of: str | None = None) -> Target:
    """The derivative named by `text` (∂z/∂x, z_xy, az/ax; y' when the
    problem, given by its text, has one independent variable), cached."""
    from partials.reading.reader import read_target

    return read_target(text, None if problem_text is None else problem_of(problem_text, of))


@lru_cache(maxsize=64)
def problem_of(problem_text: str, of: str | None = None):
    """The problem read from its text, or from a whole statement (cached: grading reads it once)."""
    from partials.assessment.statement_solving import read_problem_or_statement

    return read_problem_or_statement(problem_text, of=of)


def read_answer_in(answer_text: str, problem):
    """(label or None, expression) of an answer read in the problem's context
    (cached per problem and text: a class often gives the same answer)."""
    key = (id(problem), " ".join(answer_text.split()))  # runs of spaces read alike
    known = _answers_read.get(key)
    if known is not None and known[0] is problem:
        return known[1]
    from partials.core.errors import NotationError
    from partials.reading.latex_answer import latex_to_text, looks_like_latex
    from partials.reading.reader import read_answer

    try:
        result = read_answer(answer_text, problem)  # LaTeX is read by the normalising pass (reading/statement) …
    except NotationError:
        if not looks_like_latex(answer_text):
            raise
        # … and what it cannot read, such as f_{1}' \frac{∂²u}{∂x²} pasted from solve --latex, by latex_answer
        result = read_answer(latex_to_text(answer_text, frozenset(problem.functions)), problem)
    if len(_answers_read) >= CACHE_SIZE:
        _answers_read.clear()
    _answers_read[key] = (problem, result)
    return result


CACHE_SIZE = 4096
_answers_read: dict = {}
_verdicts: dict = {}


@lru_cache(maxsize=64)
def _prepared(problem_text, target, of, seed, at=None) -> Prepared:
    problem = problem_of(problem_text, of)
    problem = problem.framed_for(target.of, target.wrt)
    solution = problem.d(target.of, *target.wrt)
    expected, explicit = solution.expr, solution.explicit
    points = PointSet(problem, expected, seed=seed)
    if len(points.values) < 3 and explicit != expected:
        points = PointSet(problem, explicit, seed=seed)
    at_point = AtPoint(problem, target, at) if at else None
    return Prepared(problem, target, expected, explicit, points, seed, at=at_point)


def judge(prepared: Prepared, answer_text: str) -> Verdict:
    """Read `answer_text` in the problem's context and decide it."""
    written = _written_verdict(prepared, answer_text)
    if written is not None and written.status != UNREADABLE:
        return written
    plain = _plain_verdict(prepared, answer_text)
    if written is not None and plain.status == UNREADABLE:
        return written  # the written reading's reason names the part it could not read
    return plain


def _plain_verdict(prepared: Prepared, answer_text: str) -> Verdict:
    """The answer read as one expression (y' and z_u inside it evaluated in the problem)."""
    notation = prepared.notation
    try:
        label, answer = read_answer_in(answer_text, prepared.problem)
        answer = _as_derivatives(prepared, answer)
    except Circular as error:
        reason = str(error)
        return Verdict(False, f"wrong: {reason}", diagnosis=Diagnosis("contains_the_question", reason), target=notation)
    except UnknownName as error:
        return _unknown_name(str(error), notation)
    except LimitError as error:
        return Verdict(None, f"too expensive to check: {error}", status=TOO_EXPENSIVE, target=notation)
    except PartialsError as error:
        return Verdict(None, f"cannot understand the answer: {error}", status=UNREADABLE, target=notation)
    if size(answer, MAX_ANSWER_NODES) > MAX_ANSWER_NODES:
        return Verdict(None, "too expensive to check: the answer is too large", status=TOO_EXPENSIVE, target=notation)
    key = (id(prepared), label, answer)
    known = _verdicts.get(key)
    if known is not None and known[0] is prepared:
        return known[1]
    verdict = judge_expression(prepared, answer, label)
    if len(_verdicts) >= CACHE_SIZE:
        _verdicts.clear()
    _verdicts[key] = (prepared, verdict)
    return verdict


def _written_check(problem_text, target, answer, of, seed, at):
    """A total differential (--target dz) or an answer at a point (--at):
    partials.assessment.written_answers; None for a derivative checked everywhere."""
    from partials.assessment.written_differentials import check_differential, differential_variable
    from partials.assessment.written_points import check_at

    name = differential_variable(target)
    if name is not None:
        return check_differential(problem_text, name, answer, of=of, seed=int(seed), at=at)
    if at is not None:
        return check_at(problem_text, target, answer, of=of, seed=int(seed), at=at)
    return None


def _written_verdict(prepared, answer_text):
    """Chains of equalities, labels, f_1 for f₁′ and the like
    (partials.assessment.written_answers); None for an answer read the plain way."""
    from partials.assessment.written_answers import written_verdict

    return written_verdict(prepared, answer_text)


def judge_expression(prepared: Prepared, answer, label: Target | None = None) -> Verdict:
    """Decide an answer already read into SymPy (abstract notation resolved)."""
    notation = prepared.notation
    interpreted = _interpreted(prepared, answer)
    if label is not None and not _same_target(label, prepared.target):
        return Verdict(
            False,
            f"the answer is for {label.notation()}, but the question asks for {notation}",
            interpreted, diagnosis=Diagnosis("wrong_target", f"answers {label.notation()} instead of {notation}"),
            target=notation,
        )
    stranger = foreign_name(prepared.problem, answer)
    if stranger:
        return _unknown_name(stranger, notation, interpreted)
    if prepared.at is not None:
        return _decide_at(prepared, answer, interpreted)
    return _decide(prepared, answer, interpreted)


def _decide_at(prepared: Prepared, answer, interpreted) -> Verdict:
    """An answer judged by its value at the exercise's point."""
    at, notation = prepared.at, prepared.notation
    try:
        equal, value = at.equal(answer)
    except PartialsError as error:
        return Verdict(None, f"cannot understand the answer: {error}", interpreted, status=UNREADABLE, target=notation)
    where = f"at {at.text}"
    if equal is None:
        return Verdict(None, f"could not decide: {value}", interpreted, target=notation)
    if equal:
        return Verdict(True, f"right (the value {where})", interpreted, target=notation)
    key = _text(at.key, prepared.problem)
    return Verdict(False, f"wrong: {where} the value is {key}, the answer gives {_text(value, prepared.problem)}",
                   interpreted, target=notation)


def _unknown_name(reason, notation, interpreted=None) -> Verdict:
    """A name the problem does not have: the answer cannot be understood."""
    return Verdict(None, f"cannot understand the answer: {reason}", interpreted,
                   diagnosis=Diagnosis("unknown_name", reason), status=UNREADABLE, target=notation)


# ---------------------------------------------------------------------------
# deciding
# ---------------------------------------------------------------------------
def _decide(prepared: Prepared, answer, interpreted) -> Verdict:
    notation = prepared.notation
    if _algebra_says_equal(prepared, answer):
        return _right(prepared, answer, interpreted, "shown by algebra")
    try:
        outcome = compare(answer, prepared.points)
    except Unsupported as why:
        return Verdict(None, f"could not decide: {why}", interpreted, target=notation)
    if outcome.status == "equal":
        return _right(prepared, answer, interpreted, f"equal at {outcome.valid} random points")
    if outcome.status == "undecided":
        return Verdict(None, f"could not decide: {outcome.reason}", interpreted, target=notation)
    diagnosis = prepared.diagnoser().explain(answer) if _visibly_different(prepared, answer) else None
    counterexample = _counterexample(prepared, outcome)
    message = f"wrong: {diagnosis.sentence}" if diagnosis else "wrong"
    point = ", ".join(f"{k} = {v:.6g}" for k, v in counterexample["point"].items())
    expected_shown, got_shown = _distinct(outcome.mismatch.exact, outcome.got)
    message += f" (at {point}: expected {expected_shown}, got {got_shown}"
    message += ", with concrete functions in place of abstract ones)" if "functions" in counterexample else ")"
    return Verdict(False, message, interpreted, counterexample, diagnosis, target=notation)


def _visibly_different(prepared, answer) -> bool:
    """The answer differs from the key at one of the test points by more than
    rounding: only then can the diagnoser (floats, tolerance 1e-7) tell the
    possible mistakes apart (a difference of 10⁻²⁰, or one seen only at
    points hunted for, is left undiagnosed rather than misdiagnosed)."""
    for item in prepared.points.values:
        try:
            got = item.point.evaluate(answer)
        except (Undefined, Unsupported):
            continue
        if abs(got - item.fast) > VISIBLE * max(abs(got), abs(item.fast)) + 1e-9:
            return True
    return False


def _distinct(expected, got) -> tuple:
    """Two values printed with enough digits (10, or up to 30) to differ;
    beyond that, the second is their difference."""
    import mpmath

    with mpmath.mp.workdps(80):
        for digits in (10, 20, 30):
            shown = mpmath.nstr(mpmath.mpf(expected), digits), mpmath.nstr(mpmath.mpf(got), digits)
            if shown[0] != shown[1]:
                return shown
        return shown[0], f"{shown[1]} (a difference of {mpmath.nstr(mpmath.mpf(got) - mpmath.mpf(expected), 3)})"


def _right(prepared, answer, interpreted, how) -> Verdict:
    shorter = _shorter_form(answer, prepared.key_size, prepared.key)
    if shorter is not None:
        shown = _text(shorter, prepared.problem)
        diagnosis = Diagnosis("not_simplified", f"correct, but not simplified: it can be written {shown}")
        return Verdict(True, f"right ({how}); {diagnosis.sentence}", interpreted, diagnosis=diagnosis, target=prepared.notation)
    return Verdict(True, f"right ({how})", interpreted, target=prepared.notation)


def _shorter_form(answer, key_size, key):
    """A clearly shorter way to write a right answer, or None when it is
    simplified enough: much longer than the answer key, or with a common
    factor left in a fraction ((x+1)/(x²+3x+2))."""
    answer_size = size(answer)
    if answer_size > NOT_SIMPLIFIED_RATIO * key_size + 10:
        return key
    if answer_size > 80 or answer_size < 8 or answer.has(sympy.Subs, sympy.Derivative):
        return None
    try:
        cancelled = sympy.cancel(answer)
    except (sympy.PolynomialError, ValueError, TypeError):
        return None
    if size(cancelled) <= min(0.6 * answer_size, answer_size - 4):
        return cancelled
    return None


def _algebra_says_equal(prepared, answer) -> bool:
    if size(answer, ALGEBRA_ANSWER_SIZE) > ALGEBRA_ANSWER_SIZE:
        return False  # larger answers are decided by the numbers alone
    problem = prepared.problem
    if problem.implicit:
        return algebraically_equal(answer, prepared.expected)
    try:
        substituted = _substitute_definitions(problem, answer)
    except ValueError:  # Derivative(u(x, y), x) with x defined: the numbers decide
        return False
    return algebraically_equal(substituted, prepared.explicit)


def _substitute_definitions(problem, expr):
    for _ in range(len(problem.definitions) + 1):
        replaced = expr.xreplace(problem.definitions)
        if replaced == expr:
            break
        expr = replaced
    return expr


def _counterexample(prepared, outcome) -> dict:
    item = outcome.mismatch
    result = {"point": item.point.as_dict(), "expected": float(item.exact), "got": float(outcome.got)}
    used = {call.func.__name__ for call in prepared.expected.atoms(AppliedUndef)}
    if used:
        result["functions"] = {name: item.point.functions[name].describe() for name in sorted(used) if name in item.point.functions}
    return result


# ---------------------------------------------------------------------------
# the answer in the problem's terms
# ---------------------------------------------------------------------------
def _as_derivatives(prepared: Prepared, answer):
    """Replace ∂z/∂y (z_u, y') written inside an answer by its value in the
    problem (partials.assessment.answer_terms); an answer containing the derivative it
    answers raises Circular."""
    partials = answer.atoms(Partial)
    if not partials:
        return answer
    problem = prepared.problem
    meanings = {partial: meant(problem, partial) for partial in partials}
    check_not_circular(problem, prepared.target, meanings.values())
    replacements = {p: partial_value(problem, q, prepared.derivative_cache) for p, q in meanings.items()}
    return answer.xreplace(replacements)


def _same_target(label: Target, target: Target) -> bool:
    return label.of == target.of and sorted(map(str, label.wrt)) == sorted(map(str, target.wrt))


def _interpreted(prepared, answer):
    """How the answer was understood, printed when first asked for."""
    return lambda: f"{prepared.notation} = {_text(answer, prepared.problem)}"


def _text(expr, problem) -> str:
    try:
        from partials.presentation.printing import text

        return text(expr, problem)
    except (ImportError, PartialsError, AttributeError, TypeError, ValueError, KeyError):
        return show(expr)  # the printer could not print this: plain text
