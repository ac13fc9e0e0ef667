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


def parse(text: str, of=None, const=None) -> Problem:
    """Read a problem typed in textbook notation into a Problem; `const`
    ("m" or "m,k" or a list) names letters that are constants (parameters)."""
    from partials.reading.reader import read_problem

    return read_problem(text, of=of, const=const)


def solve(text: str, *wrt, of=None, const=None):
    """Shortcut: parse `text` and differentiate its dependent variable (or `of`)."""
    problem = parse(text, of=of, const=const)
    from partials.calculus.engine import solve_problem

    return solve_problem(problem, wrt, of=of)


def check(problem_text: str, target: str, answer: str, const=None, **options):
    """Decide whether `answer` is the derivative `target` of the problem."""
    from partials.assessment.checker import check as check_answer
    from partials.model.parameters import constants

    if const:
        raise PartialsError("check with constants (const=…) is not supported yet",
                            hint="partials.solve(text, const=…) gives the derivative with the constants kept")
    with constants(const):
        return check_answer(problem_text, target, answer, **options)
