"""Parameter families: the same exercise with different coefficients.

A problem declares parameters (single letters, written `$a` in its text and
answers) with the integers each may take.  `worksheet_variants` gives every
one of N versions of a worksheet its own values: reproducible from the seed,
and different between versions as long as the family has enough members, so
students sitting side by side get different numbers.
"""
from __future__ import annotations

import itertools
import random
import re

from partials.core.errors import LimitError
from partials.classroom.problemset import PARAMETER, Exercise

MAX_VARIANTS = 200
_PARAMETER_AND_SPACE = re.compile(PARAMETER.pattern + r"(\s*)")
MAX_FAMILY_SIZE = 100_000


def substitute(text: str, values: dict) -> str:
    """Put integer parameter values into textbook text, the way a person
    would write them: `$a x` with a = 1 is `x`, `x + $b y` with b = -3 is
    `x - 3 y`, `x^$a` with a = -2 is `x^(-2)`."""

    def one(match: re.Match) -> str:
        value = int(values[match.group(1)])
        before = match.string[: match.start()].rstrip()
        after = match.string[match.end():]
        prefix = before[-1:] if before else ""
        multiplies_next = bool(after.strip()) and (after.lstrip()[0].isalpha() or after.lstrip()[0] in "([{√")
        if prefix in ("^", "/") or not multiplies_next:
            text = str(value)
        else:
            text = {1: "", -1: "-"}.get(value, str(value))
        if value < 0 and prefix and (prefix.isalnum() or prefix in "^*/·×)]}"):
            text = f"({value})" if text == str(value) else "(-1)"
        if prefix.isdigit() and text:
            text = "·" + text  # 2$a with a = 3 is 2·3, not 23
        if multiplies_next and text[-1:] != ")":
            return text  # `$b y` -> `3y`: the coefficient sticks to its variable
        return text + match.group(2)

    result = _PARAMETER_AND_SPACE.sub(one, text)
    result = re.sub(r"\+\s*-\s*", "- ", result)
    result = re.sub(r"-\s*-\s*", "+ ", result)
    result = re.sub(r"([=(,]\s*)\+\s*", r"\1", result)
    return result


def family_members(exercise: Exercise) -> list[dict]:
    """Every assignment of values to the exercise's parameters."""
    names = sorted(exercise.parameters)
    size = 1
    for name in names:
        size *= len(exercise.parameters[name])
    if size > MAX_FAMILY_SIZE:
        raise LimitError(f"problem '{exercise.id}' has {size} parameter combinations (at most {MAX_FAMILY_SIZE})")
    return [dict(zip(names, combo)) for combo in itertools.product(*(exercise.parameters[n] for n in names))]


def draw_values(exercise: Exercise, count: int, seed) -> list[dict]:
    """`count` assignments for one family: a seeded shuffle of all members,
    so the first min(count, size) versions all differ."""
    members = family_members(exercise)
    random.Random(f"partials:{seed}:{exercise.id}").shuffle(members)
    return [members[k % len(members)] for k in range(count)]


def worksheet_variants(exercises, count: int, seed) -> list[list[Exercise]]:
    """N versions of a list of exercises; families get their own values in
    each version, other exercises are the same in all of them."""
    if not 1 <= count <= MAX_VARIANTS:
        raise LimitError(f"the number of variants must be between 1 and {MAX_VARIANTS}")
    versions: list[list[Exercise]] = [[] for _ in range(count)]
    for exercise in exercises:
        if exercise.is_family:
            for version, values in zip(versions, draw_values(exercise, count, seed)):
                version.append(exercise.instantiate(values))
        else:
            for version in versions:
                version.append(exercise)
    return versions
