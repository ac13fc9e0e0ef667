"""Variables are real: a value read from the text must be a real number.

`√(−1)`, `ln(−1)` and `arcsin 2` have no real value, and `1/0`, `x/0`, `0^−1`
divide by zero; SymPy would carry them on as i or zoo and print a derivative
of them. `not_real_reason` finds the first such part of an expression read
from the user's text; the reader turns it into one message (exit 2).
"""
from __future__ import annotations

import re

import sympy

_UNDEFINED = (sympy.zoo, sympy.nan, sympy.oo, -sympy.oo)


def not_real_reason(expr) -> str | None:
    """Why `expr` (as read, before any work) is not a real expression, or None."""
    if not isinstance(expr, sympy.Basic):
        return None
    if expr.has(*_UNDEFINED):
        return "it divides by zero (or takes ln 0)"
    for part in sympy.preorder_traversal(expr):
        if part is sympy.I or (part.is_number and _is_not_real(part)):
            return f"{_shown(part)} is not a real number (variables and values are real)"
    return None


def _is_not_real(number) -> bool:
    if number.is_extended_real is False:
        return True
    return number.has(sympy.I)


def _shown(number) -> str:
    """The value in an error message, in the textbook's function names (the
    reading layer sits below the printers): arcsin 2, ln(-1), √(-1)."""
    from partials.core.functions import PRINTED

    text = sympy.sstr(number).replace("**", "^").replace("*", "·").replace("I", "i")
    text = re.sub(r"\bsqrt\(", "√(", text)
    text = re.sub(r"\b([a-z]+)\(([\w.]+)\)", lambda m: f"{PRINTED[m[1]]} {m[2]}" if m[1] in PRINTED else m[0], text)
    return re.sub(r"\b([a-z]+)\(", lambda m: PRINTED.get(m[1], m[1]) + "(", text)
