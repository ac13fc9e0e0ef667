"""partials: partial derivatives the way a calculus textbook writes them.

    >>> import partials
    >>> p = partials.parse("z = u^2 ln v, u = y/x, v = x^2 + y^2")
    >>> p.independent
    (x, y)

Every call runs within a budget of time and memory (keywords `timeout=`
seconds, default 10, and `memory=` MB, default 768; partials.core.bounded):
past it, partials.TooExpensive.  `timeout=None` runs without a time limit.
`const=` ("m" or "m,k" or a list) names letters that are constants
(parameters). Only PartialsError and its subclasses are raised.
"""
from partials.core.bounded import DEFAULT_MEMORY_MB, DEFAULT_SECONDS, TooExpensive, warm_up_with
from partials.core.errors import LimitError, MathError, NotationError, PartialsError, RoleError
from partials.model.notation import Partial, Target
from partials.model.problem import Problem, Relation

__all__ = [
    "parse", "solve", "check", "Problem", "Relation", "Target", "Partial",
    "PartialsError", "NotationError", "RoleError", "LimitError", "MathError", "TooExpensive",
]
__version__ = "0.1.0"


def _read_one_problem() -> None:
    """Before the first worker is forked: the parser and SymPy's lazy parts,
    inherited by every worker after it."""
    from partials.reading.reader import read_problem

    read_problem("z = x y")


warm_up_with(_read_one_problem)


def parse(text: str, of=None, const=None, *, timeout=DEFAULT_SECONDS, memory=DEFAULT_MEMORY_MB) -> Problem:
    """Read a problem typed in textbook notation into a Problem."""
    from partials.model.arguments import name_argument, text_argument
    from partials.core.bounded import bounded

    text, of = text_argument(text, "the problem"), name_argument(of, "of")
    return bounded(_parse, text, of, const, seconds=timeout, memory_mb=memory)


def _parse(text, of, const=None):
    from partials.model.arguments import known_name
    from partials.reading.reader import read_problem

    problem = read_problem(text, of=of, const=const)
    known_name(problem, of)
    return problem


def solve(text: str, *wrt, of=None, const=None, timeout=DEFAULT_SECONDS, memory=DEFAULT_MEMORY_MB):
    """Shortcut: parse `text` and differentiate its dependent variable (or `of`)."""
    from partials.model.arguments import name_argument, text_argument
    from partials.core.bounded import bounded

    text, of = text_argument(text, "the problem"), name_argument(of, "of")
    wrt = tuple(name_argument(w, "each variable to differentiate by") for w in wrt)
    if any(w is None for w in wrt):
        raise PartialsError("each variable to differentiate by must be a variable name (a str), not None")
    from partials.calculus import engine  # noqa: F401 - imported before the worker forks: it inherits the module
    return bounded(_solve, text, wrt, of, const, seconds=timeout, memory_mb=memory)


def _solve(text, wrt, of, const=None):
    from partials.calculus.engine import solve_problem

    return solve_problem(_parse(text, of, const), wrt, of=of)


def check(problem_text: str, target: str, answer: str, *, of=None, seed: int = 0, const=None,
          timeout=DEFAULT_SECONDS, memory=DEFAULT_MEMORY_MB, **options):
    """Decide whether `answer` is the derivative `target` of the problem.
    Past the budget, a Verdict with status "too expensive" (exit code 3)."""
    from partials.model.arguments import name_argument, seed_argument, target_argument, text_argument
    from partials.core.bounded import bounded

    if const:
        raise PartialsError("check with constants (const=…) is not supported yet",
                            hint="partials.solve(text, const=…) gives the derivative with the constants kept")
    problem_text = text_argument(problem_text, "the problem")
    target, answer = target_argument(target), text_argument(answer, "the answer")
    of, seed = name_argument(of, "of"), seed_argument(seed)
    from partials.assessment import checker  # noqa: F401 - imported before the worker forks: it inherits the module
    try:
        return bounded(_check, problem_text, target, answer, of, seed, options, seconds=timeout, memory_mb=memory)
    except TooExpensive as error:
        from partials.assessment.checker import TOO_EXPENSIVE, Verdict

        return Verdict(None, f"{error.message.replace('too expensive', 'too expensive to check', 1)}",
                       status=TOO_EXPENSIVE)


def _check(problem_text, target, answer, of, seed, options):
    from partials.model.arguments import known_name
    from partials.assessment.checker import check as check_answer, problem_of

    if of is not None:
        known_name(problem_of(problem_text, str(of)), of)
    verdict = check_answer(problem_text, target, answer, of=of, seed=seed, **options)
    _ = verdict.interpreted  # printed here, within the budget (and a Verdict then pickles)
    return verdict
