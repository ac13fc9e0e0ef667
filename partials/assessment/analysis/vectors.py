"""--at x=0,y=0 and --dir "(cos a, sin a)" / "(1,1)" (made a unit vector)."""
from __future__ import annotations

import sympy

from partials.core.errors import NotationError
from partials.reading.reader import read_assignments, read_expression
from partials.assessment.analysis.conditions import split_top_level


def read_point(text: str, function) -> tuple:
    values = read_assignments(text)
    x, y = function.variables
    if set(values) != {x, y}:
        raise NotationError(f"the point gives {x} and {y}, e.g. {x}=0,{y}=0", text, 0)
    return values[x], values[y]


def read_direction(text: str) -> tuple:
    inner = text.strip()
    if inner[:1] in "([（" and inner[-1:] in ")]）":
        inner = inner[1:-1]
    parts = split_top_level(inner, ",，")
    if len(parts) != 2:
        raise NotationError("a direction has two components, e.g. (1,1) or (cos a, sin a)", text, 0)
    l1, l2 = (read_expression(part) for part in parts)
    if len((l1.free_symbols | l2.free_symbols)) > 1:
        raise NotationError("a direction has at most one angle", text, 0)
    norm = sympy.sqrt(sympy.simplify(l1 ** 2 + l2 ** 2))
    if norm == 0:
        raise NotationError("the direction is the zero vector", text, 0)
    if norm != 1:
        l1, l2 = sympy.radsimp(l1 / norm), sympy.radsimp(l2 / norm)
    return l1, l2
