"""Quick high-precision values of an expression near the point, with the
project's one float evaluator (mpmath, no SymPy substitution): used to
choose which paths to look at, never as a certificate (every verdict still
rests on an exact limit, a bound or a theorem)."""
from __future__ import annotations

import mpmath

from partials.assessment.analysis.cuberoot import explicit
from partials.core.evaluate import MP, Evaluator, Undefined, Unsupported

DIGITS = 60
NEAR = Evaluator(MP, {}, singular=mpmath.mpf(10) ** -(3 * DIGITS), huge=mpmath.mpf(10) ** (3 * DIGITS))


def prepared(expr):
    """The form the evaluator values (∛ as sign·|·|^(1/3))."""
    return explicit(expr)


def value_at(expr, env: dict):
    """expr (prepared) at env (names → mpf), or None where it has no real
    finite value or the evaluator cannot value it."""
    try:
        with mpmath.workdps(DIGITS):
            return NEAR(expr, env)
    except (Undefined, Unsupported, ZeroDivisionError, OverflowError, ValueError, TypeError):
        return None
