"""The shortest exact form of a number found at a point.

`−(1/2 − 2 ln 2)/(2 ln 2)` is printed as 1 − 1/(4 ln 2), and
`(16 ln 4 − 32)/(16 ln 2 − 8)` as 4(ln 2 − 1)/(2 ln 2 − 1): logarithms of
integers are written in primes (ln 4 = 2 ln 2) so that they can cancel, and
the shortest of a few cheap rewritings (radsimp, cancel, expand without
powers of sums) is kept. Only small numbers come here (points.MAX_EXACT_NODES),
so every rewriting is quick.
"""
from __future__ import annotations

import sympy

from partials.calculus.tidy import nodes

MAX_LOG_ARGUMENT = 10**6  # ln n is split into primes only for small n


def simplest(value):
    """The form of `value` with the fewest nodes, then the shortest (the given form on a tie)."""
    primes = logs_in_primes(value)
    candidates = [value, sympy.radsimp(value), sympy.cancel(value), _expanded(value)]
    if primes != value:
        candidates += [primes, sympy.cancel(primes), _expanded(primes)]
    return min(candidates, key=lambda form: (nodes(form), len(sympy.sstr(form))))  # then the smaller numbers


def logs_in_primes(value):
    """ln 12 → 2 ln 2 + ln 3 (positive integers below MAX_LOG_ARGUMENT)."""
    replacements = {}
    for log in value.atoms(sympy.log):
        argument = log.args[0]
        if argument.is_Integer and 1 < argument < MAX_LOG_ARGUMENT:
            factors = sympy.factorint(int(argument))
            if len(factors) > 1 or max(factors.values()) > 1:
                replacements[log] = sympy.Add(*[k * sympy.log(p) for p, k in factors.items()])
    return value.xreplace(replacements) if replacements else value


def _expanded(value):
    return sympy.expand(value, multinomial=False, power_exp=False, power_base=False, log=False)
