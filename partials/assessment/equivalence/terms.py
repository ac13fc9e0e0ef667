"""Points where every term of the answer key matters.

An answer that leaves out a term is caught only at a point where that term
is not negligible against the others: `y` for y − 100x·e^(−50(x² + y²))
agrees with the key to 40 digits wherever |x|, |y| > 1.  After the usual
points, each term of the key (an Add, written in the problem's variables)
is measured against the sum of the terms' sizes; a term negligible at every
point is hunted for with more draws, kept where it matters.  When no such
point is found the numbers cannot decide, and say so."""
from __future__ import annotations

import random

import sympy

from partials.core.evaluate import Undefined, Unsupported

MAX_TERMS = 16  # keys with more terms are not split
MATTERS = 1e-8  # a term matters where it is at least this part of the sum of the terms' sizes
HUNT_ATTEMPTS = 240
WANTED = 4


def terms_of(expected) -> list:
    """The terms of the key when it is a sum of a few, else []."""
    terms = sympy.Add.make_args(expected)
    return list(terms) if 1 < len(terms) <= MAX_TERMS else []


def shares(point, terms) -> list | None:
    """Each term's size as a part of the sum of the sizes at the point (floats), or None."""
    try:
        sizes = [abs(point.evaluate(term)) for term in terms]
    except (Undefined, Unsupported):
        return None
    total = sum(sizes)
    if not total:
        return None
    return [size / total for size in sizes]


def negligible(values, terms) -> list:
    """The terms that matter at none of the points."""
    left = set(range(len(terms)))
    for item in values:
        found = shares(item.point, terms)
        if found is None:
            continue
        left -= {k for k in left if found[k] >= MATTERS}
        if not left:
            return []
    return [terms[k] for k in sorted(left)]


def centres(terms, independent) -> list:
    """({name: centre}, {name: spread}) of every bump e^(g) in the terms, g a
    quadratic with a maximum: where ∇g = 0, as wide as g's curvature allows."""
    found = []
    names = {s.name: s for s in independent}
    for term in terms:
        for power in term.atoms(sympy.exp):
            g = power.args[0]
            variables = [names[s.name] for s in g.free_symbols if s.name in names]
            if not variables or len(variables) != len(g.free_symbols) or len(variables) > 4:
                continue
            try:
                polynomial = sympy.Poly(g, *variables)
            except sympy.PolynomialError:
                continue
            if polynomial.total_degree() != 2:
                continue
            solution = sympy.solve([sympy.diff(g, v) for v in variables], variables, dict=True)
            if len(solution) != 1 or len(solution[0]) != len(variables):
                continue
            centre = {v.name: float(solution[0][v]) for v in variables}
            spread = {}
            for v in variables:
                curvature = abs(float(sympy.diff(g, v, 2)))
                spread[v.name] = 1.0 / curvature ** 0.5 if curvature else 1.0
            found.append((centre, spread))
    return found


def hunt(sampler_for, terms, wanted_terms, make_value):
    """Up to WANTED points (ExpectedValue via `make_value`) where each of
    `wanted_terms` matters, drawn by `sampler_for(rng, centres)`, half of
    them near the centres of the terms' bumps."""
    sampler = sampler_for(random.Random("partials-check-terms"), centres(wanted_terms, sampler_for.independent))
    found, covered = [], set()
    indices = [terms.index(t) for t in wanted_terms]
    for attempt in range(HUNT_ATTEMPTS):
        if len(found) >= WANTED and covered >= set(indices):
            break
        point = sampler.draw(attempt)
        if point is None:
            continue
        share = shares(point, terms)
        if share is None:
            continue
        matters = {k for k in indices if share[k] >= MATTERS}
        if not matters or (matters <= covered and len(found) >= WANTED):
            continue
        value = make_value(point)
        if value is not None:
            found.append(value)
            covered |= matters
    return found, [terms[k] for k in indices if k not in covered]
