"""The elementary functions on Python floats (the math module), one table for
every numeric evaluator: the graph's values at a point and the checker's."""
from __future__ import annotations

import math

import sympy


def _acot(t: float) -> float:
    """SymPy's arccot: atan(1/t), in (−π/2, π/2], π/2 at 0."""
    return math.atan(1 / t) if t else math.pi / 2


ON_FLOATS = {
    "exp": math.exp, "log": math.log, "sqrt": math.sqrt,
    "sin": math.sin, "cos": math.cos, "tan": math.tan,
    "cot": lambda t: math.cos(t) / math.sin(t), "sec": lambda t: 1 / math.cos(t), "csc": lambda t: 1 / math.sin(t),
    "asin": math.asin, "acos": math.acos, "atan": math.atan, "acot": _acot,
    "sinh": math.sinh, "cosh": math.cosh, "tanh": math.tanh,
    "coth": lambda t: 1 / math.tanh(t), "sech": lambda t: 1 / math.cosh(t), "csch": lambda t: 1 / math.sinh(t),
    "asinh": math.asinh, "acosh": math.acosh, "atanh": math.atanh,
}

# SymPy's function classes (sqrt is a Pow in SymPy, so not one of them)
BY_SYMPY_FUNCTION = {getattr(sympy, name): function for name, function in ON_FLOATS.items() if name != "sqrt"}
