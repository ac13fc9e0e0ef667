"""The answer key's values at a set of test points, and an answer compared
against them."""
from __future__ import annotations

import random
from dataclasses import dataclass

from partials.core.evaluate import Undefined, Unsupported, close
from partials.assessment.equivalence.sampling import ATTEMPTS, Point, PointSampler
from partials.assessment.equivalence.confirm import confirm
from partials.assessment.equivalence.domain import conditions
from partials.assessment.equivalence.terms import hunt, negligible, terms_of

WANTED_POINTS = 8  # points at which both expressions must agree
MINIMUM_POINTS = 4  # fewer valid points than this: "could not decide"


@dataclass
class ExpectedValue:
    point: Point
    exact: object  # mpf
    fast: float
    high: object = None  # mpf at confirm.HIGH digits, computed when first needed


class PointSet:
    """The points at which an answer key is tested, with its values there.

    `values` are drawn near the positive quadrant, where textbook answers
    live; `wide()` is a second, larger set drawn over both signs and several
    orders of magnitude, used only for an answer that is undefined at too
    many of the first points (ln(y(ln y − 1)) needs y > e).  Both come from
    the seed alone, so a verdict never depends on which answers came before."""

    def __init__(self, problem, expected, seed=0, wanted=WANTED_POINTS, attempts=ATTEMPTS):
        self.problem = problem
        self.expected = expected
        self.seed = seed
        self.reasons: dict[str, int] = {}
        self.conditions = conditions([*problem.definitions.values(), *problem.equations, expected], problem)
        sampler = PointSampler(problem, random.Random(f"partials-check:{seed}"), conditions=self.conditions)
        self.values = self._draw(sampler, wanted, attempts)
        self._wide = None
        self._term_points = None

    def term_points(self) -> tuple:
        """(points where the key's otherwise negligible terms matter, the
        terms for which none was found) — see .terms."""
        if self._term_points is None:
            terms = terms_of(self.expected)
            wanted = negligible(self.values, terms) if terms else []
            self._term_points = ([], [])
            if wanted:
                def sampler_for(rng, centres):
                    return PointSampler(self.problem, rng, conditions=self.conditions, centers=centres)

                sampler_for.independent = self.problem.independent
                self._term_points = hunt(sampler_for, terms, wanted, self._value_at)
        return self._term_points

    def _value_at(self, point):
        try:
            exact = point.evaluate(self.expected, precise=True)
        except (Undefined, Unsupported):
            return None
        return ExpectedValue(point, exact, float(exact))

    def wide(self) -> list:
        if self._wide is None:
            sampler = PointSampler(self.problem, random.Random(f"partials-check-wide:{self.seed}"), wide=True,
                                   conditions=self.conditions)
            self._wide = self._draw(sampler, 2 * WANTED_POINTS, 2 * ATTEMPTS)
        return self._wide

    def inside(self, answer) -> list:
        """Points in the domain of the answer as well as the key's (drawn
        for an answer undefined at too many of the usual points)."""
        more = conditions([answer], self.problem)
        if not more:
            return []
        sampler = PointSampler(self.problem, random.Random(f"partials-check-inside:{self.seed}"),
                               conditions=more + self.conditions)
        return self._draw(sampler, WANTED_POINTS, ATTEMPTS)

    def _draw(self, sampler, wanted, attempts) -> list:
        values = []
        for attempt in range(attempts):
            if len(values) >= wanted:
                break
            point = sampler.draw(attempt)
            if point is None:
                self._note("no point of the domain (or of the surface) found")
                continue
            try:
                exact = point.evaluate(self.expected, precise=True)
            except Undefined as why:
                self._note(f"the answer key is undefined ({why})")
                continue
            values.append(ExpectedValue(point, exact, float(exact)))
        return values

    def _note(self, reason):
        self.reasons[reason] = self.reasons.get(reason, 0) + 1

    def why_few(self) -> str:
        if not self.reasons:
            return "no points were tried"
        common = max(self.reasons, key=self.reasons.get)
        return f"{common} at {self.reasons[common]} random points"


@dataclass
class Comparison:
    status: str  # "equal" | "different" | "undecided"
    valid: int = 0
    mismatch: ExpectedValue | None = None
    got: object = None
    reason: str = ""
    undefined: int = 0


def compare(answer, points: PointSet, minimum=MINIMUM_POINTS) -> Comparison:
    """Compare `answer` with the answer key at every test point (and at the
    wide points when the answer is undefined at too many of the first)."""
    outcome = _compare_at(answer, points.expected, points.values, minimum)
    if outcome.status == "equal":
        return _every_term_seen(answer, points, outcome)
    if outcome.status != "undecided":
        return outcome
    wider = _compare_at(answer, points.expected, points.wide(), minimum) if outcome.undefined else Comparison("undecided")
    if wider.status != "undecided":
        return wider
    if outcome.undefined or wider.undefined:
        inside = _compare_at(answer, points.expected, points.inside(answer), minimum)
        if inside.status != "undecided":
            return inside
    if outcome.undefined and not outcome.valid and not wider.valid:
        outcome.reason = "the answer is undefined at every test point where the derivative exists"
    elif len(points.values) < minimum:
        outcome.reason = f"only {len(points.values)} valid test points could be found ({points.why_few()})"
    else:
        outcome.reason = f"only {max(outcome.valid, wider.valid)} test points where both expressions are defined"
    return outcome


def _every_term_seen(answer, points, outcome) -> Comparison:
    """An "equal" stands only if every term of the key mattered somewhere:
    the answer is compared at points where a negligible term matters too."""
    extra, unseen = points.term_points()
    if extra:
        more = _compare_at(answer, points.expected, extra, 1)
        if more.status == "different":
            return more
    if unseen:
        return Comparison("undecided", outcome.valid, reason=f"a term of the answer key ({unseen[0]}) is negligible "
                          "at every test point that could be found")
    return outcome


def _compare_at(answer, expected, values, minimum) -> Comparison:
    """Floats screen; a float mismatch is confirmed at DIGITS digits, and a
    float agreement is confirmed at high precision (floats decide nothing
    alone: 2x + 10⁻¹⁰ is not 2x)."""
    valid, undefined = 0, 0
    for item in values:
        try:
            got = item.point.evaluate(answer)
            if close(got, item.fast):
                confirmed = confirm(answer, expected, item)
                if confirmed is None:
                    valid += 1
                    continue
                return Comparison("different", valid + 1, item, confirmed)
            got = item.point.evaluate(answer, precise=True)  # confirm a mismatch
        except Undefined:
            try:
                got = item.point.evaluate(answer, precise=True)
            except Undefined:
                undefined += 1
                continue
        if close(got, item.exact):
            confirmed = confirm(answer, expected, item)
            if confirmed is None:
                valid += 1
                continue
            got = confirmed
        return Comparison("different", valid + 1, item, got)
    if valid >= minimum:
        return Comparison("equal", valid)
    return Comparison("undecided", valid, undefined=undefined)
