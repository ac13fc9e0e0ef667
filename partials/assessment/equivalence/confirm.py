"""A float agreement between an answer and the key, confirmed at high
precision: floats decide nothing alone (2x + 10⁻¹⁰ and 2.0000000001x agree
with 2x to float tolerance; so does an expanded (x + y)³¹ with one
coefficient off by one).

Both expressions are evaluated at the same point at DIGITS and at HIGH
digits.  The change between the two precisions measures the rounding
error of each (large when terms cancel), so the tolerance follows the
magnitudes of the terms, not only of the result: the two are equal when
their HIGH-digit values differ by less than RELATIVE of their size plus a
multiple of that rounding error."""
from __future__ import annotations

from partials.core.evaluate import Undefined, Unsupported
from partials.assessment.equivalence.sampling import DIGITS

HIGH = DIGITS + 25  # digits of the confirming evaluation
RELATIVE = 1e-30  # points are computed at POINT_DIGITS digits (surface points, intermediates): room to spare
ABSOLUTE = 1e-45  # points are exact to POINT_DIGITS: a real difference is far above this
NOISE_FACTOR = 100


def confirm(answer, expected, item):
    """None when `answer` equals `expected` at the point of `item` to high
    precision; otherwise the answer's value there (the evidence)."""
    point = item.point
    try:
        if item.high is None:
            item.high = point.evaluate(expected, precise=True, digits=HIGH)
        low = point.evaluate(answer, precise=True)
        high = point.evaluate(answer, precise=True, digits=HIGH)
    except (Undefined, Unsupported):
        return None  # the float values agreed and no finer value exists: the float verdict stands
    return None if agree(low, high, item.exact, item.high) else high


def agree(low, high, other_low, other_high) -> bool:
    """Two values, each known at DIGITS (`low`) and HIGH digits, are equal:
    they differ by less than RELATIVE of their size plus the rounding noise."""
    noise = abs(low - high) + abs(other_low - other_high)
    tolerance = RELATIVE * max(abs(high), abs(other_high)) + NOISE_FACTOR * noise + ABSOLUTE
    return abs(high - other_high) <= tolerance


def values_at(point, expr) -> tuple:
    """expr at the point at DIGITS and at HIGH digits (raises Undefined / Unsupported)."""
    return point.evaluate(expr, precise=True), point.evaluate(expr, precise=True, digits=HIGH)
