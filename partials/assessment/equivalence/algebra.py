"""Cheap algebra: equality proved by size-bounded rewrites, and the size of
an expression tree."""
from __future__ import annotations

import math

import sympy

from partials.core.budget import tree_size

ALGEBRA_SIZE_LIMIT = 30  # tree nodes above which algebra is not attempted


def algebraically_equal(answer, expected) -> bool:
    """True when answer − expected reduces to 0 by cheap, size-bounded
    rewrites (the numeric test decides everything else).  False means "not
    shown", never "different"."""
    if answer == expected:
        return True
    difference = answer - expected
    if difference == 0:
        return True
    if size(difference, ALGEBRA_SIZE_LIMIT) > ALGEBRA_SIZE_LIMIT or not _expands_small(difference):
        return False
    if difference.has(sympy.Subs, sympy.Derivative):
        return False  # expanding around abstract derivatives is slow; numbers decide
    try:
        return sympy.expand(difference) == 0
    except (sympy.PolynomialError, RecursionError, ValueError, TypeError):
        return False


def size(expr, limit: int | None = None) -> int:
    """Number of nodes of the expression tree (counting stops past `limit`)."""
    return tree_size(expr, math.inf if limit is None else limit)


def _expands_small(expr) -> bool:
    """Expansion stays small: no integer power above 6 of a sum."""
    return not any(p.exp.is_Integer and abs(int(p.exp)) > 6 and p.base.is_Add for p in expr.atoms(sympy.Pow))
