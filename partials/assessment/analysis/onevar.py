"""One-variable limits s → 0⁺ (s a positive symbol), each SymPy call within
a time budget, each finite answer checked against high-precision values
(SymPy's limit is trusted only when the numbers agree with it)."""
from __future__ import annotations

from dataclasses import dataclass

import sympy

from partials.core.budget import OutOfTime, time_budget
from partials.assessment.analysis.cuberoot import explicit
from partials.assessment.analysis.deadline import allowance

S = sympy.Symbol("s", positive=True)
CALL_SECONDS = 0.4
FINITE, INFINITE, OSCILLATES, UNKNOWN = "finite", "infinite", "oscillates", "unknown"


@dataclass(frozen=True)
class OneSided:
    status: str           # FINITE, INFINITE, OSCILLATES, UNKNOWN
    value: object = None  # the limit when FINITE (exact), ±oo when INFINITE

    @property
    def known(self) -> bool:
        return self.status != UNKNOWN


def right_limit(expr, s=S, seconds: float = CALL_SECONDS) -> OneSided:
    """lim expr as s → 0⁺."""
    expr = explicit(expr)
    if s not in expr.free_symbols:
        value = _finite(expr)
        return OneSided(FINITE, value) if value is not None else OneSided(UNKNOWN)
    seconds = allowance(seconds)
    if seconds <= 0:
        return OneSided(UNKNOWN)
    try:
        with time_budget(seconds, cpu=True):
            result = sympy.limit(expr, s, 0, "+")
    except OutOfTime:
        return OneSided(UNKNOWN)
    except (ValueError, TypeError, NotImplementedError, ZeroDivisionError, AttributeError, RecursionError,
            sympy.PolynomialError):
        return OneSided(UNKNOWN)
    return _classified(result, expr, s)


def _classified(result, expr, s) -> OneSided:
    if isinstance(result, sympy.Limit) or result.free_symbols or result is sympy.nan:
        return OneSided(UNKNOWN)
    if result.has(sympy.AccumBounds):
        return OneSided(OSCILLATES) if _varies(expr, s) else OneSided(UNKNOWN)
    if result in (sympy.oo, -sympy.oo, sympy.zoo):
        return OneSided(INFINITE, result) if _grows(expr, s) else OneSided(UNKNOWN)
    value = _finite(result)
    if value is None:
        return OneSided(UNKNOWN)
    return OneSided(FINITE, value) if _approaches(expr, s, value) else OneSided(UNKNOWN)


def _finite(value):
    if not value.is_real or value.has(sympy.oo, -sympy.oo, sympy.zoo, sympy.nan):
        return None
    return value


def numeric(expr, s, at, digits: int = 50):
    seconds = allowance(CALL_SECONDS)
    if seconds <= 0:
        return None
    try:
        with time_budget(seconds, cpu=True):
            number = expr.subs(s, at).evalf(digits)
    except OutOfTime:
        return None
    except (ValueError, TypeError, ZeroDivisionError):
        return None
    if not number.is_Number or not number.is_real or number in (sympy.oo, -sympy.oo, sympy.zoo, sympy.nan):
        return None
    return number


def _approaches(expr, s, value) -> bool:
    errors = []
    for k in (12, 24, 36):
        number = numeric(expr, s, sympy.Rational(1, 10 ** k))
        if number is None:
            return False
        errors.append(abs(number - value.evalf(50)))
    return errors[-1] < 1e-3 * (1 + abs(value.evalf(20))) and errors[-1] <= errors[0] + 1e-30


def _grows(expr, s) -> bool:
    values = [numeric(expr, s, sympy.Rational(1, 10 ** k)) for k in (12, 24)]
    return all(v is not None for v in values) and abs(values[1]) > 1e6 and abs(values[1]) >= abs(values[0])


def _varies(expr, s) -> bool:
    values = [numeric(expr, s, sympy.Rational(10 ** 7 + 97 * j, 10 ** 19)) for j in range(9)]
    values = [v for v in values if v is not None]
    return len(values) >= 2 and max(values) - min(values) > 1e-2


@dataclass(frozen=True)
class TwoSided:
    """lim as h → 0 from both sides: the right limit of expr(s), the left of expr(−s)."""

    right: OneSided
    left: OneSided

    @property
    def exists(self):
        """True / False / None (undecided)."""
        statuses = (self.right.status, self.left.status)
        if INFINITE in statuses or OSCILLATES in statuses:
            return False
        if statuses == (FINITE, FINITE):
            differ = _differ(self)
            return None if differ is None else not differ
        return None

    @property
    def value(self):
        return self.right.value if self.exists else None


def _differ(limits: TwoSided):
    difference = limits.right.value - limits.left.value
    if difference.is_zero:
        return False
    number = difference.evalf(40)
    if number.is_Number and abs(number) > 1e-30:
        return True
    seconds = allowance(CALL_SECONDS)
    if seconds <= 0:
        return None
    try:
        with time_budget(seconds, cpu=True):
            zero = sympy.simplify(difference) == 0
    except OutOfTime:
        return None
    return False if zero else None


def two_sided(expr_of_h, h) -> TwoSided:
    """lim expr as h → 0 (h a real symbol), from the right and from the left."""
    right = right_limit(expr_of_h.subs(h, S))
    left = right_limit(expr_of_h.subs(h, -S))
    return TwoSided(right, left)
