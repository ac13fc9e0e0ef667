"""Decimals as a reader expects them: 0.5, −1, 1.18025254381 (not
0.500000000000000, −1.00000000000000, 0.0).

A value found numerically carries 15 digits, the last of them noise; it is
shown with 12 significant digits and no trailing zeros, and a decimal that is
an integer to that precision is the integer (so that a differential reads
`dz = −dx`, not `−1.00000000000000 dx + 0.0 dy`).
"""
from __future__ import annotations

import sympy
from mpmath.libmp import to_str

SIGNIFICANT = 12


def cleaned(value):
    """A Float that is an integer to 12 significant digits becomes that integer."""
    if not isinstance(value, sympy.Float):
        return value
    if value == 0:
        return sympy.S.Zero
    nearest = sympy.Integer(round(float(value))) if abs(float(value)) < 1e15 else None
    if nearest is not None and abs(value - nearest) <= abs(value) * sympy.Float(10) ** -SIGNIFICANT:
        return nearest
    return value


def decimal_text(value) -> tuple[str, str]:
    """(mantissa, exponent) of a Float with 12 significant digits and no
    trailing zeros: (“1.18025254381”, “”), (“2.5”, “20”) for 2.5·10²⁰."""
    text = to_str(value._mpf_, SIGNIFICANT, strip_zeros=True, min_fixed=-6, max_fixed=SIGNIFICANT + 1)
    mantissa, _, exponent = text.partition("e")
    mantissa = mantissa.removesuffix(".0")
    return mantissa, exponent.lstrip("+")
