"""A written answer at a point: `--at x=1,y=2`, or `∂z/∂x|_(1,2) = 4`.

The answer's value at the point (intermediates and an implicit unknown
given their values there by the graph package, partials.calculus.points) is
compared with the derivative's value there: exactly, to 40 digits; a
decimal written alone is right when the exact value rounds to it (0.4 for
2/5, 14.78 for 2e²); abstract values (f₁′(3, 2)) are independent unknowns,
compared for several random values given to them.
"""
from __future__ import annotations

import random
import re

import sympy

from partials.assessment.diagnosis import Diagnosis
from partials.core.errors import LimitError, PartialsError

ABSTRACT_DRAWS = 3  # random values given to f₁′(3, 2) & co. when comparing values at a point
VALUE_DIGITS = 40
VALUE_TOLERANCE = sympy.Rational(1, 10**25)


def judge_at_point(prepared, expr, point: str, label, written_text: str):
    """An answer at a point: its value there against the derivative's value."""
    from partials.assessment.checker import Verdict, _same_target
    from partials.calculus.points import node_values, value_at
    from partials.assessment.written_answers import shown

    notation = prepared.notation
    if label is not None and label.wrt and not _same_target(label, prepared.target):
        return Verdict(False, f"the answer is for {label.notation()}, but the question asks for {notation}",
                       diagnosis=Diagnosis("wrong_target", f"answers {label.notation()} instead of {notation}"),
                       target=notation)
    from partials.reading.reader import read_assignments

    point = read_assignments(point)
    solution = prepared.problem.d(prepared.target.of, *prepared.target.wrt)
    expected = value_at(solution, point)
    values = node_values(prepared.problem, point)
    from partials.calculus.chain import substitute

    got = substitute(expr, values)
    got = got.doit() if got.has(sympy.Derivative) and not got.has(sympy.Subs) else got
    stray = sorted((s.name for s in got.free_symbols), key=str)
    where = ", ".join(f"{k} = {v}" for k, v in values.items() if k in prepared.problem.independent or k in prepared.problem.implicit)
    interpreted = f"{notation} at ({where}) = {shown(got)}"
    if stray:
        reason = f"the answer uses {stray[0]}, which has no value at the point"
        return Verdict(False, f"wrong: {reason}", interpreted, diagnosis=Diagnosis("unknown_name", reason), target=notation)
    same = same_value(expected, got, written_text)
    if same is None:
        return Verdict(None, f"could not decide: the value at ({where}) is not a finite number", interpreted, target=notation)
    if same:
        return Verdict(True, f"right (the value at ({where}) is {shown(expected)})", interpreted, target=notation)
    return Verdict(False, f"wrong: at ({where}) the value is {shown(expected)}, the answer gives {shown(got)}",
                   interpreted, diagnosis=Diagnosis("wrong_value", f"the value at ({where}) is {shown(expected)}"),
                   target=notation)


def same_value(expected, got, written_text: str = ""):
    """True/False, or None when a value is not a finite number.  Abstract
    values (f₁′(3, 2)) are independent unknowns: compared for several random
    values of them.  A decimal written alone is right when the exact value
    rounds to it."""
    from partials.calculus.chain import top_atoms

    atoms = sorted(set(top_atoms(expected)) | set(top_atoms(got)), key=sympy.default_sort_key)
    draws = [{}] if not atoms else [
        {a: sympy.Rational(rng.randint(-97, 97), rng.randint(1, 13)) for a in atoms}
        for rng in (random.Random(k) for k in range(ABSTRACT_DRAWS))
    ]
    decimals = _decimals_written(written_text)
    for draw in draws:
        e, g = (sympy.N(v.xreplace(draw), VALUE_DIGITS) for v in (expected, got))
        if not (e.is_number and g.is_number) or e.has(sympy.zoo, sympy.nan) or g.has(sympy.zoo, sympy.nan):
            return None
        if e.is_real is None or g.is_real is None:
            return None
        difference = abs(e - g)
        tolerance = VALUE_TOLERANCE * (1 + abs(e))
        if decimals is not None and not atoms:
            tolerance = max(tolerance, sympy.Rational(1, 2) * sympy.Rational(1, 10**decimals) * (1 + sympy.Rational(1, 10**6)))
        if difference > tolerance:
            return False
    return True


def _decimals_written(text: str):
    """3 for "0.333" or "≈ -1.414" written alone; None otherwise."""
    match = re.fullmatch(r"\s*[≈~]?\s*[-−]?\s*[0-9]*\.(?P<decimals>[0-9]+)\s*", text or "")
    return len(match["decimals"]) if match else None


def check_at(problem_text: str, target, answer: str, *, of=None, seed: int = 0, at: str):
    """An answer to a derivative at the point `at` ("x=1,y=2")."""
    from partials.assessment.checker import UNREADABLE, Verdict, prepare
    from partials.assessment.written_answers import judge_written, read_written

    prepared = prepare(problem_text, target, of=of, seed=seed)
    try:
        written = read_written(answer, prepared.problem)
    except LimitError as error:
        return Verdict(None, f"too expensive to check: {error}", status="too expensive", target=prepared.notation)
    except PartialsError as error:
        return Verdict(None, f"cannot understand the answer: {error}", status=UNREADABLE, target=prepared.notation)
    return judge_written(prepared, written, at=at)
