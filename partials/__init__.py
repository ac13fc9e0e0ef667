"""partials: partial derivatives the way a calculus textbook writes them.

    >>> import partials
    >>> p = partials.parse("z = u^2 ln v, u = y/x, v = x^2 + y^2")
    >>> p.independent
    (x, y)
"""
from partials.core.errors import LimitError, MathError, NotationError, PartialsError, RoleError
from partials.model.problem import Problem, Relation
from partials.model.notation import Partial, Target

__all__ = [
    "parse", "solve", "check", "Problem", "Relation", "Target", "Partial",
    "PartialsError", "NotationError", "RoleError", "LimitError", "MathError",
]
__version__ = "0.1.0"


def parse(text: str, of=None) -> Problem:
    """Read a problem typed in textbook notation into a Problem."""
    from partials.reading.reader import read_problem

    return read_problem(text, of=of)


def solve(text: str, *wrt, of=None):
    """Shortcut: parse `text` and differentiate its dependent variable (or `of`)."""
    problem = parse(text, of=of)
    from partials.calculus.engine import solve_problem

    return solve_problem(problem, wrt, of=of)


def check(problem_text: str, target: str, answer: str, **options):
    """Decide whether `answer` is the derivative `target` of the problem."""
    from partials.assessment.checker import check as check_answer

    return check_answer(problem_text, target, answer, **options)
