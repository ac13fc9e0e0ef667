"""Points of a problem's domain, ON the surface F = 0 for implicit problems:
independent variables drawn at random, intermediates computed, implicit
unknowns solved by Newton's method."""
from __future__ import annotations

import math
import random
from dataclasses import dataclass, field

import mpmath
import sympy

from partials.core.evaluate import FP, MP, Evaluator, Undefined, Unsupported
from partials.assessment.equivalence.functions import ConcreteFunction
from partials.assessment.equivalence.domain import repair

DIGITS = 40  # working precision of confirmations
POINT_DIGITS = 70  # precision of a point's values (intermediates, surface points): well beyond any evaluation
ATTEMPTS = 80  # random draws before giving up

# Where the independent variables of successive draws come from, in turn:
# textbook answers live near the positive quadrant; a sign error shows only
# at negative values (|x| for x); a term such as e^(−50(x² + y²)) matters
# only near the origin; a polynomial agrees with cos x only on a short
# interval.  Every region but "positive" gives each variable a random sign.
REGIONS = ("positive", "signed", "small", "far", "positive wide", "wide", "small", "far")


def _coordinate(region: str, rng: random.Random) -> float:
    if region == "positive":
        return rng.uniform(0.25, 2.5)
    if region == "positive wide":
        return math.exp(rng.uniform(-3, 3))
    magnitude = {
        "signed": lambda: rng.uniform(0.25, 2.5),
        "small": lambda: math.exp(rng.uniform(-5, -1.2)),
        "wide": lambda: math.exp(rng.uniform(-3, 3)),
        "far": lambda: math.exp(rng.uniform(1.0, 3.5)),
    }[region]()
    return magnitude if rng.random() < 0.5 else -magnitude


@dataclass
class Point:
    """Values of every variable of the problem (by name) at one test point,
    and the concrete functions used there, in both precisions."""

    exact: dict  # name -> mpf (POINT_DIGITS digits)
    functions: dict  # name -> ConcreteFunction
    shown: tuple  # names shown in a counterexample: independent (+ implicit)
    fast: dict = field(default_factory=dict)  # name -> float

    def __post_init__(self):
        if not self.fast:
            self.fast = {name: float(value) for name, value in self.exact.items()}

    def evaluate(self, expr, precise=False, overrides=None, digits=DIGITS):
        """expr at this point (floats, or `digits` digits when precise);
        raises Undefined / Unsupported."""
        try:
            if precise:
                with MP.workdps(digits):
                    return Evaluator(MP, self.functions, overrides)(expr, self.exact)
            return Evaluator(FP, self.functions, overrides)(expr, self.fast)
        except (OverflowError, ZeroDivisionError, ValueError):
            raise Undefined("overflow or division by zero") from None
        except TypeError as error:  # a kind of expression the evaluator does not order or combine
            raise Unsupported(f"cannot evaluate this expression ({error})") from None

    def as_dict(self) -> dict:
        return {name: _rounded(self.exact[name]) for name in self.shown}


def _rounded(value) -> float:
    return float(mpmath.nstr(value, 12)) if isinstance(value, mpmath.mpf) else float(value)


class PointSampler:
    """Draws points of a problem's domain.

    Independent variables are drawn from the REGIONS in turn (both signs,
    near the origin, far from it), every other draw moved into the domain
    `conditions` describe (partials.assessment.equivalence.domain); explicit intermediates follow from their definitions;
    declared abstract intermediates (u = u(x, y)) are concrete functions of
    their arguments; implicit unknowns are solved from the equations by
    Newton's method at POINT_DIGITS digits from several starting guesses, and the
    point is rejected where the Jacobian of the equations (F_z for one
    equation) is nearly singular."""

    def __init__(self, problem, rng: random.Random, wide: bool = False, conditions=(), centers=()):
        self.problem = problem
        self.rng = rng
        self.wide = wide
        self.conditions = list(conditions)  # domain conditions a draw is moved into (see .domain)
        self.centers = list(centers)  # ({name: centre}, {name: spread}): every other draw near one (see .terms)
        self.unknowns = [s.name for s in problem.implicit]
        self.abstract_intermediates = {
            s.name: [a for a in args] for s, args in problem.declarations.items()
            if s not in problem.definitions and s not in problem.implicit
        }
        self.order = _evaluation_order(problem, self.abstract_intermediates)
        self.arities = dict(problem.functions)
        for name, args in self.abstract_intermediates.items():
            self.arities[name] = len(args)
        self.shown = tuple(s.name for s in problem.independent) + tuple(self.unknowns)

    def draw(self, attempt: int) -> Point | None:
        rng = self.rng
        functions = {name: ConcreteFunction(name, arity, rng) for name, arity in sorted(self.arities.items())}
        region = REGIONS[attempt % len(REGIONS)] if not self.wide else "wide"
        values = {}
        with MP.workdps(POINT_DIGITS):
            for variable in self.problem.independent:
                values[variable.name] = MP.mpf(_coordinate(region, rng))
            if self.centers and attempt % 2 == 0:
                centre, spread = self.centers[(attempt // 2) % len(self.centers)]
                for name, value in centre.items():
                    values[name] = MP.mpf(value + rng.uniform(-1, 1) * spread[name])
            if self.conditions and attempt % 2 == 1:  # every other draw is moved into the domain
                values = repair(values, self.conditions, MP, rng)
            try:
                if self.unknowns:
                    values = self._solve(functions, values)
                    if values is None:
                        return None
                values = self._complete(Evaluator(MP, functions), values)
            except (Undefined, ZeroDivisionError, OverflowError, ValueError):
                return None
        return Point(values, functions, self.shown)

    def _complete(self, evaluator, values):
        """Add the values of every explicit and abstract intermediate."""
        values = dict(values)
        for name, expr in self.order:
            values[name] = evaluator(expr, values)
        return values

    def _residuals(self, evaluator, values, solve_for, guess):
        trial = dict(values)
        trial.update(zip(solve_for, guess))
        trial = self._complete(evaluator, trial)
        return [evaluator(e, trial) for e in self.problem.equations]

    def _solve(self, functions, values):
        """Newton's method for the implicit unknowns from several starting
        guesses, in floating point, then polished to POINT_DIGITS digits.  When the
        drawn independent values admit no solution (e^z = xyz has none for
        xy < e), the unknown gets a random value and an independent variable
        of the equations is solved for instead: any point of the surface serves."""
        fast, exact = Evaluator(FP, functions), Evaluator(MP, functions)
        for solve_for in self._choices():
            trial = dict(values)
            for name in self.unknowns:
                if name not in solve_for:
                    trial[name] = MP.mpf(self.rng.uniform(0.25, 2.5))
            fast_trial = {name: float(value) for name, value in trial.items()}
            count = len(solve_for)
            first = [fast_trial.get(n, self.rng.choice((-1.0, 1.0)) * self.rng.uniform(0.5, 2.0)) for n in solve_for]
            starts = [first, [0.5] * count, [-1.0] * count, [2.0] * count]  # first: either sign, so both branches are met
            starts += [[self.rng.uniform(-3, 3) for _ in range(count)] for _ in range(2)]
            for start in starts:
                rough = self._newton(fast, fast_trial, solve_for, start, 30, 1e-11, 1e-7)
                if rough is None:
                    continue
                root = self._newton(exact, trial, solve_for, [MP.mpf(r) for r in rough], 8,
                                    MP.mpf(10) ** (8 - POINT_DIGITS), MP.mpf(10) ** (-POINT_DIGITS // 2))
                if root is None:
                    continue
                solved = dict(trial)
                solved.update(zip(solve_for, root))
                if self._well_conditioned(exact, solved):
                    return solved
        return None

    def _choices(self) -> list:
        """The unknowns, then the unknowns with one swapped for an independent variable."""
        in_equations = set().union(*({s.name for s in e.free_symbols} for e in self.problem.equations))
        swaps = [s.name for s in self.problem.independent if s.name in in_equations]
        choices = [list(self.unknowns)]
        for k in range(len(self.unknowns)):
            for name in swaps[:2]:
                choices.append(self.unknowns[:k] + [name] + self.unknowns[k + 1:])
        return choices[:4]

    def _newton(self, evaluator, values, solve_for, guess, iterations, tolerance, step):
        """A root of the equations in the `solve_for` names near `guess`, or None."""
        try:
            for _ in range(iterations):
                residual = self._residuals(evaluator, values, solve_for, guess)
                if max(abs(r) for r in residual) < tolerance * (1 + max(abs(v) for v in guess)):
                    return guess
                jacobian = self._jacobian(evaluator, values, solve_for, guess, residual, step)
                delta = _linear_solve(jacobian, residual)
                if delta is None:
                    return None
                guess = [g - d for g, d in zip(guess, delta)]
                if max(abs(g) for g in guess) > 1e6:
                    return None
        except (Undefined, ZeroDivisionError, OverflowError, ValueError):
            return None
        return None

    def _jacobian(self, evaluator, values, solve_for, guess, residual, step):
        columns = []
        for k in range(len(guess)):
            moved = list(guess)
            moved[k] += step
            shifted = self._residuals(evaluator, values, solve_for, moved)
            columns.append([(s - r) / step for s, r in zip(shifted, residual)])
        return [[columns[k][i] for k in range(len(guess))] for i in range(len(residual))]

    def _well_conditioned(self, evaluator, values) -> bool:
        """Reject points where F_z (the Jacobian of the equations by the
        unknowns) is ≈ 0: the implicit function is not differentiable there."""
        unknowns = self.unknowns
        point = [values[n] for n in unknowns]
        residual = self._residuals(evaluator, values, unknowns, point)
        jacobian = self._jacobian(evaluator, values, unknowns, point, residual, MP.mpf(10) ** (-POINT_DIGITS // 2))
        largest = max(abs(entry) for row in jacobian for entry in row)
        return largest > 0 and abs(MP.det(MP.matrix(jacobian))) > 1e-6 * largest ** len(jacobian)


def _linear_solve(matrix, rhs):
    """Gaussian elimination with partial pivoting (floats or mpf); None if singular."""
    n = len(rhs)
    rows = [list(matrix[i]) + [rhs[i]] for i in range(n)]
    for col in range(n):
        pivot = max(range(col, n), key=lambda r: abs(rows[r][col]))
        if rows[pivot][col] == 0:
            return None
        rows[col], rows[pivot] = rows[pivot], rows[col]
        for r in range(col + 1, n):
            factor = rows[r][col] / rows[col][col]
            rows[r] = [a - factor * b for a, b in zip(rows[r], rows[col])]
    solution = [0] * n
    for i in reversed(range(n)):
        solution[i] = (rows[i][n] - sum(rows[i][j] * solution[j] for j in range(i + 1, n))) / rows[i][i]
    return solution


def _evaluation_order(problem, abstract_intermediates) -> list:
    """(name, expression) for every intermediate, each after what it uses."""
    pending = {s.name: rhs for s, rhs in problem.definitions.items()}
    for name, args in abstract_intermediates.items():
        pending[name] = sympy.Function(name)(*args)
    order, done = [], set()
    while pending:
        ready = [n for n, e in pending.items() if not ({s.name for s in e.free_symbols} & (set(pending) - {n}))]
        if not ready:  # a cycle: Problem refuses those, keep text order
            ready = list(pending)
        for name in ready:
            order.append((name, pending.pop(name)))
            done.add(name)
    return order
