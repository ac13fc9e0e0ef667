"""Judging an answer given at a point (an exercise's `at = "r=2, s=1, t=0"`,
`partials check --at`): the answer's value there against the derivative's.

The key is `partials.calculus.points.derivative_at` (the engine's value at the point,
exact where SymPy can); the answer, with the problem's derivatives written
in it already resolved, has every node value of the point substituted.
Equal means equal exactly (the difference simplifies to 0) or to
CONFIRM_DIGITS significant digits; values of abstract functions (f₁′(1, 1))
are compared with several random concrete functions in their place."""
from __future__ import annotations

import random

import sympy
from sympy.core.function import AppliedUndef

from partials.core.errors import PartialsError

CONFIRM_DIGITS = 50
RELATIVE = sympy.Float(10, CONFIRM_DIGITS) ** -35
CONCRETE_DRAWS = 3


class AtPoint:
    """The key's value at one point, and the node values answers are evaluated with."""

    def __init__(self, problem, target, at_text: str):
        from partials.calculus.points import derivative_at, node_values, read_point
        from partials.reading.reader import read_assignments

        self.text = at_text
        self.point = read_point(read_assignments(at_text), problem)
        self.nodes = node_values(problem, self.point)
        self.key = derivative_at(problem, target.of, target.wrt, self.point)
        self.functions = dict(problem.functions)
        for name, arguments in problem.declarations.items():
            self.functions.setdefault(name.name, len(arguments))

    def value_of(self, answer):
        """The answer's value at the point (a SymPy number, maybe with f₁′(1, 1))."""
        value = answer.xreplace(self.nodes)
        left = sorted(s.name for s in value.free_symbols if not s.name.startswith("_"))
        if left:
            raise PartialsError(f"the answer at {self.text} still depends on {', '.join(left)}")
        return value

    def equal(self, answer) -> tuple:
        """(True/False, the answer's value) — or (None, reason) when it cannot be decided."""
        value = self.value_of(answer)
        difference = value - self.key
        if difference == 0:
            return True, value
        if not _abstract(difference):
            return _numbers_equal(value, self.key), value
        verdicts = {_numbers_equal(*self._concrete(random.Random(f"partials-at:{k}"), value)) for k in range(CONCRETE_DRAWS)}
        if verdicts == {True}:
            return True, value
        if False in verdicts:
            return False, value
        return None, "the values at the point could not be computed"

    def _concrete(self, rng, value):
        from partials.assessment.equivalence import MP, ConcreteFunction, Evaluator

        functions = {name: ConcreteFunction(name, arity, rng) for name, arity in sorted(self.functions.items())}
        with MP.workdps(CONFIRM_DIGITS + 10):
            evaluate = Evaluator(MP, functions)
            return sympy.Float(evaluate(value, {}), CONFIRM_DIGITS), sympy.Float(evaluate(self.key, {}), CONFIRM_DIGITS)


def _abstract(expr) -> bool:
    return bool(expr.atoms(AppliedUndef)) or expr.has(sympy.Subs, sympy.Derivative)


def _numbers_equal(a, b):
    """True / False for two real numbers, None when either has no real value."""
    try:
        a_value, b_value = sympy.N(a, CONFIRM_DIGITS), sympy.N(b, CONFIRM_DIGITS)
        if not all(v.is_number and v.is_real and v.is_finite for v in (a_value, b_value)):
            return None
        difference = sympy.N(a - b, CONFIRM_DIGITS)
        if not difference.is_number or not difference.is_real:
            return None
        return bool(abs(difference) <= RELATIVE * max(abs(a_value), abs(b_value), 1))
    except (TypeError, ValueError, ZeroDivisionError):
        return None
