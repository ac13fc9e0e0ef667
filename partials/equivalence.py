"""Deciding whether a student's expression equals the answer key's.

Two stages, in this order:

1. cheap algebra (`algebraically_equal`): the difference, with intermediates
   substituted, simplifies to 0 under size-bounded rewrites (no unbounded
   `simplify`), which proves equality outright;
2. numeric testing (`PointSet`, `compare`): both expressions evaluated at
   random points of the problem's domain, with every abstract function
   replaced by a random smooth concrete function (so f₁′, f₁₂″ become
   numbers), implicit unknowns solved ON the surface of the equations, and
   intermediates computed from their definitions.

Points are drawn from a `random.Random(seed)`, so the same seed gives the same
points and the same verdict.  Values are compared with a relative tolerance
of 1e-9 and an absolute floor of 1e-12; a mismatch found in float arithmetic
is confirmed at 40 significant digits before an answer is called different,
so rounding alone never makes a right answer wrong.
"""
from __future__ import annotations

import math
import random
from dataclasses import dataclass, field

import mpmath
import sympy
from sympy.core.function import AppliedUndef

RELATIVE_TOLERANCE = 1e-9
ABSOLUTE_TOLERANCE = 1e-12
DIGITS = 40  # working precision of surface points and of confirmations
WANTED_POINTS = 8  # points at which both expressions must agree
MINIMUM_POINTS = 4  # fewer valid points than this: "could not decide"
ATTEMPTS = 80  # random draws before giving up
SINGULAR = 1e-7  # |denominator| or log argument below this: too near a singularity
HUGE = 1e12  # values above this: too near a singularity to compare

MP = mpmath.mp


class _Floats:
    """mpmath.fp's interface on Python floats and the math module (faster)."""

    mpf = float
    pi, e = math.pi, math.e
    sqrt, exp, log = staticmethod(math.sqrt), staticmethod(math.exp), staticmethod(math.log)
    sin, cos, tan = staticmethod(math.sin), staticmethod(math.cos), staticmethod(math.tan)
    asin, acos, atan = staticmethod(math.asin), staticmethod(math.acos), staticmethod(math.atan)
    sinh, cosh, tanh = staticmethod(math.sinh), staticmethod(math.cosh), staticmethod(math.tanh)
    asinh, acosh, atanh = staticmethod(math.asinh), staticmethod(math.acosh), staticmethod(math.atanh)

    @staticmethod
    def cot(t):
        return math.cos(t) / math.sin(t)

    @staticmethod
    def sec(t):
        return 1 / math.cos(t)

    @staticmethod
    def csc(t):
        return 1 / math.sin(t)

    @staticmethod
    def acot(t):
        return math.atan(1 / t) if t else math.pi / 2

    @staticmethod
    def coth(t):
        return 1 / math.tanh(t)

    @staticmethod
    def sech(t):
        return 1 / math.cosh(t)

    @staticmethod
    def csch(t):
        return 1 / math.sinh(t)


FP = _Floats()


class Undefined(Exception):
    """The expression has no (real, finite, well-conditioned) value at the point."""


class Unsupported(Exception):
    """The expression contains something the numeric evaluator cannot value."""


# ---------------------------------------------------------------------------
# concrete smooth functions standing in for abstract ones
# ---------------------------------------------------------------------------
class ConcreteFunction:
    """A random smooth function of n arguments whose every partial derivative
    is known in closed form:

        c₀ + Σ cᵢaᵢ + ½ Σ qᵢⱼaᵢaⱼ + A·sin(w·a + φ) + B·exp(s·a)

    The affine part dominates, so equations such as F(yz, y + xz) = 0 have
    real solutions; the sine and exponential parts make every derivative of
    every order nonzero and different from the others."""

    def __init__(self, name: str, arity: int, rng: random.Random):
        def signed(low, high):
            return rng.choice((-1, 1)) * rng.uniform(low, high)

        self.name, self.arity = name, arity
        self.c0 = rng.uniform(-1.0, 1.0)
        self.c = [signed(0.5, 1.5) for _ in range(arity)]
        q = [[0.0] * arity for _ in range(arity)]
        for i in range(arity):
            for j in range(i, arity):
                q[i][j] = q[j][i] = rng.uniform(-0.3, 0.3)
        self.q = q
        self.amplitude, self.phase = rng.uniform(0.2, 0.5), rng.uniform(0.0, 2 * math.pi)
        self.w = [signed(0.5, 1.2) for _ in range(arity)]
        self.growth = rng.uniform(0.1, 0.3)
        self.s = [rng.uniform(-0.4, 0.4) for _ in range(arity)]

    def derivative(self, ctx, args, positions=()):
        """∂^k f / ∂a_p… at `args` (positions are 1-based argument numbers)."""
        order = len(positions)
        indices = [p - 1 for p in positions]
        n = self.arity
        if order == 0:
            total = self.c0 + sum(self.c[i] * args[i] for i in range(n))
            total += sum(self.q[i][j] * args[i] * args[j] for i in range(n) for j in range(n)) / 2
        elif order == 1:
            p = indices[0]
            total = self.c[p] + sum(self.q[p][j] * args[j] for j in range(n))
        elif order == 2:
            total = ctx.mpf(self.q[indices[0]][indices[1]])
        else:
            total = ctx.mpf(0)
        theta = sum(self.w[i] * args[i] for i in range(n)) + self.phase
        wave = ctx.sin(theta) if order % 2 == 0 else ctx.cos(theta)
        if order % 4 >= 2:
            wave = -wave
        w_product = s_product = ctx.mpf(1)
        for i in indices:
            w_product *= self.w[i]
            s_product *= self.s[i]
        total += self.amplitude * w_product * wave
        total += self.growth * s_product * ctx.exp(sum(self.s[i] * args[i] for i in range(n)))
        return total

    def describe(self) -> str:
        """The function in textbook text, coefficients rounded (for feedback)."""
        letters = ["a", "b", "c", "d", "e", "g", "h", "k"][: self.arity] if self.arity > 1 else ["t"]
        terms = [f"{self.c0:.3g}"] + [f"{ci:+.3g}·{v}" for ci, v in zip(self.c, letters)]
        for i in range(self.arity):
            for j in range(i, self.arity):
                coefficient = self.q[i][j] / 2 if i == j else self.q[i][j]
                terms.append(f"{coefficient:+.3g}·{letters[i]}{letters[j]}" if i != j else f"{coefficient:+.3g}·{letters[i]}²")
        inner = " ".join(f"{wi:+.3g}{v}" for wi, v in zip(self.w, letters))
        growth = " ".join(f"{si:+.3g}{v}" for si, v in zip(self.s, letters))
        body = " ".join(terms) + f" {self.amplitude:+.3g}·sin({inner} {self.phase:+.3g}) {self.growth:+.3g}·exp({growth})"
        return f"{self.name}({', '.join(letters)}) = {body}"


# ---------------------------------------------------------------------------
# numeric evaluation of SymPy trees (no lambdify: nothing is exec'd)
# ---------------------------------------------------------------------------
_ELEMENTARY = {
    sympy.exp: "exp", sympy.sin: "sin", sympy.cos: "cos", sympy.tan: "tan", sympy.cot: "cot",
    sympy.sec: "sec", sympy.csc: "csc", sympy.atan: "atan", sympy.acot: "acot",
    sympy.sinh: "sinh", sympy.cosh: "cosh", sympy.tanh: "tanh", sympy.coth: "coth",
    sympy.sech: "sech", sympy.csch: "csch", sympy.asinh: "asinh",
}


class Evaluator:
    """Values a SymPy expression at a point, in mpmath's `fp` (floats) or `mp`
    (arbitrary precision) context.  Variables are looked up by name; abstract
    functions and their Subs/Derivative forms use `functions`; `overrides`
    replaces chosen abstract-derivative values ((name, positions) → number),
    which diagnosis uses to isolate a coefficient such as f₁₂″'s."""

    def __init__(self, ctx, functions: dict, overrides: dict | None = None):
        self.ctx = ctx
        self.functions = functions
        self.overrides = overrides or {}

    def __call__(self, expr, env: dict):
        value = self._value(expr, env, {})
        return self._finite(value)

    # -- helpers ------------------------------------------------------------
    def _finite(self, value):
        if isinstance(value, (complex, mpmath.mpc)):
            raise Undefined("complex value")
        if value != value or abs(value) > HUGE:
            raise Undefined("too large or not a number")
        return value

    def _value(self, expr, env, memo):
        known = memo.get(expr)
        if known is not None:
            return known
        value = self._compute(expr, env, memo)
        memo[expr] = value
        return value

    def _compute(self, expr, env, memo):
        ctx = self.ctx
        if expr.is_Symbol:
            try:
                return env[expr.name]
            except KeyError:
                raise Unsupported(f"no value for '{expr.name}'") from None
        if expr.is_Integer:
            return ctx.mpf(int(expr))
        if expr.is_Rational:
            return ctx.mpf(int(expr.p)) / int(expr.q)
        if expr.is_Float:
            return float(expr) if ctx is FP else ctx.mpf(expr._mpf_)
        if expr.is_Number or expr is sympy.zoo:  # what is left: oo, -oo, nan, zoo
            raise Undefined("division by zero or an infinite value")
        if expr is sympy.pi:
            return ctx.pi
        if expr is sympy.E:
            return ctx.e
        if expr.is_Add:
            total = ctx.mpf(0)
            for term in expr.args:
                total += self._value(term, env, memo)
            return total
        if expr.is_Mul:
            product = ctx.mpf(1)
            for factor in expr.args:
                product *= self._value(factor, env, memo)
            return product
        if expr.is_Pow:
            return self._power(expr, env, memo)
        if isinstance(expr, AppliedUndef):
            return self._abstract(expr.func.__name__, [self._value(a, env, memo) for a in expr.args], ())
        if isinstance(expr, sympy.Subs):
            inner_env = dict(env)
            for variable, point in zip(expr.variables, expr.point):
                inner_env[variable.name] = self._value(point, env, memo)
            return self._value(expr.expr, inner_env, {})
        if isinstance(expr, sympy.Derivative):
            return self._derivative(expr, env, memo)
        if isinstance(expr, sympy.Function):
            return self._elementary(expr, env, memo)
        raise Unsupported(f"cannot evaluate {type(expr).__name__}")

    def _power(self, expr, env, memo):
        ctx = self.ctx
        base = self._value(expr.base, env, memo)
        exponent = expr.exp
        if exponent.is_Integer:
            n = int(exponent)
            if n < 0 and abs(base) < SINGULAR:
                raise Undefined("division by (nearly) zero")
            if abs(n) > 10_000:
                raise Undefined("exponent too large to evaluate")
            return base ** n
        if exponent is sympy.S.Half:
            if base < 0:
                raise Undefined("square root of a negative number")
            return ctx.sqrt(base)
        power = self._value(exponent, env, memo)
        if base < 0 or (base < SINGULAR and power < 0):
            raise Undefined("power of a negative number or of zero")
        if base == 0:
            return ctx.mpf(0)
        return ctx.exp(power * ctx.log(base))

    def _elementary(self, expr, env, memo):
        ctx = self.ctx
        func = expr.func
        args = [self._value(a, env, memo) for a in expr.args]
        if func is sympy.log:
            if len(args) != 1 or args[0] < SINGULAR:
                raise Undefined("logarithm of a number that is not positive")
            return ctx.log(args[0])
        if func is sympy.Abs:
            return abs(args[0])
        if func in (sympy.asin, sympy.acos):
            if abs(args[0]) > 1 - SINGULAR:
                raise Undefined("arcsin/arccos outside (-1, 1)")
            return ctx.asin(args[0]) if func is sympy.asin else ctx.acos(args[0])
        if func is sympy.atanh and abs(args[0]) > 1 - SINGULAR:
            raise Undefined("artanh outside (-1, 1)")
        if func is sympy.acosh and args[0] < 1 + SINGULAR:
            raise Undefined("arcosh below 1")
        if func is sympy.sign:
            return ctx.mpf((args[0] > 0) - (args[0] < 0))
        name = _ELEMENTARY.get(func) or {sympy.atanh: "atanh", sympy.acosh: "acosh"}.get(func)
        if name is None or len(args) != 1:
            raise Unsupported(f"cannot evaluate {func.__name__}")
        if name in ("tan", "sec") and abs(ctx.cos(args[0])) < SINGULAR:
            raise Undefined("tan/sec at a pole")
        if name in ("cot", "csc", "coth", "csch") and abs((ctx.sinh if name[-1] == "h" else ctx.sin)(args[0])) < SINGULAR:
            raise Undefined("cot/csc at a pole")
        try:
            return getattr(ctx, name)(args[0])
        except (OverflowError, ZeroDivisionError):
            raise Undefined("overflow") from None

    def _derivative(self, expr, env, memo):
        """Derivative(f(a₁,…,aₙ), v…) of an abstract f, where every v is one of
        the arguments aᵢ (a plain symbol): the partial by those positions."""
        function = expr.expr
        if not isinstance(function, AppliedUndef):
            raise Unsupported("derivative of a non-abstract expression")
        positions = []
        for variable, count in expr.variable_count:
            matches = [k + 1 for k, a in enumerate(function.args) if a == variable]
            if len(matches) != 1:
                raise Unsupported("derivative by a variable that is not one argument")
            positions += matches * int(count)
        arguments = [self._value(a, env, memo) for a in function.args]
        return self._abstract(function.func.__name__, arguments, tuple(sorted(positions)))

    def _abstract(self, name, arguments, positions):
        concrete = self.functions.get(name)
        if concrete is None or concrete.arity != len(arguments):
            raise Unsupported(f"no concrete function for '{name}' with {len(arguments)} argument(s)")
        if (name, positions) in self.overrides:
            return self.ctx.mpf(self.overrides[(name, positions)])
        return concrete.derivative(self.ctx, arguments, positions)


def close(a, b) -> bool:
    """Equal within the relative tolerance, with an absolute floor near zero."""
    return abs(a - b) <= RELATIVE_TOLERANCE * max(abs(a), abs(b)) + ABSOLUTE_TOLERANCE


# ---------------------------------------------------------------------------
# points of the problem's domain (ON the surface for implicit problems)
# ---------------------------------------------------------------------------
@dataclass
class Point:
    """Values of every variable of the problem (by name) at one test point,
    and the concrete functions used there, in both precisions."""

    exact: dict  # name -> mpf (DIGITS digits)
    functions: dict  # name -> ConcreteFunction
    shown: tuple  # names shown in a counterexample: independent (+ implicit)
    fast: dict = field(default_factory=dict)  # name -> float

    def __post_init__(self):
        if not self.fast:
            self.fast = {name: float(value) for name, value in self.exact.items()}

    def evaluate(self, expr, precise=False, overrides=None):
        """expr at this point; raises Undefined / Unsupported."""
        try:
            if precise:
                with MP.workdps(DIGITS):
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

    Independent variables are drawn from [0.25, 2.5] (most draws) or with a
    random sign; explicit intermediates follow from their definitions;
    declared abstract intermediates (u = u(x, y)) are concrete functions of
    their arguments; implicit unknowns are solved from the equations by
    Newton's method at DIGITS digits from several starting guesses, and the
    point is rejected where the Jacobian of the equations (F_z for one
    equation) is nearly singular."""

    def __init__(self, problem, rng: random.Random, wide: bool = False):
        self.problem = problem
        self.rng = rng
        self.wide = wide
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
        # positive values of moderate size first; then positive values over
        # several orders of magnitude (x + 2y + z = 2√(xyz) needs some above
        # 4); then any sign
        wide = self.wide or ATTEMPTS // 2 <= attempt < 3 * ATTEMPTS // 4
        signed = self.wide or attempt >= 3 * ATTEMPTS // 4
        values = {}
        with MP.workdps(DIGITS):
            for variable in self.problem.independent:
                magnitude = math.exp(rng.uniform(-3, 3)) if wide else rng.uniform(0.25, 2.5)
                values[variable.name] = MP.mpf(magnitude if not signed or rng.random() < 0.5 else -magnitude)
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
        guesses, in floating point, then polished to DIGITS digits.  When the
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
            starts = [[fast_trial.get(n, 1.0) for n in solve_for], [0.5] * count, [-1.0] * count, [2.0] * count]
            starts += [[self.rng.uniform(-3, 3) for _ in range(count)] for _ in range(2)]
            for start in starts:
                rough = self._newton(fast, fast_trial, solve_for, start, 30, 1e-11, 1e-7)
                if rough is None:
                    continue
                root = self._newton(exact, trial, solve_for, [MP.mpf(r) for r in rough], 8,
                                    MP.mpf(10) ** (8 - DIGITS), MP.mpf(10) ** (-DIGITS // 2))
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
        jacobian = self._jacobian(evaluator, values, unknowns, point, residual, MP.mpf(10) ** (-DIGITS // 2))
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


# ---------------------------------------------------------------------------
# the expected answer at a set of points, and comparison against it
# ---------------------------------------------------------------------------
@dataclass
class ExpectedValue:
    point: Point
    exact: object  # mpf
    fast: float


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
        self.values = self._draw(PointSampler(problem, random.Random(f"partials-check:{seed}")), wanted, attempts)
        self._wide = None

    def wide(self) -> list:
        if self._wide is None:
            sampler = PointSampler(self.problem, random.Random(f"partials-check-wide:{self.seed}"), wide=True)
            self._wide = self._draw(sampler, 2 * WANTED_POINTS, 2 * ATTEMPTS)
        return self._wide

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
    outcome = _compare_at(answer, points.values, minimum)
    if outcome.status != "undecided":
        return outcome
    wider = _compare_at(answer, points.wide(), minimum) if outcome.undefined else Comparison("undecided")
    if wider.status != "undecided":
        return wider
    if outcome.undefined and not outcome.valid and not wider.valid:
        outcome.reason = "the answer is undefined at every test point where the derivative exists"
    elif len(points.values) < minimum:
        outcome.reason = f"only {len(points.values)} valid test points could be found ({points.why_few()})"
    else:
        outcome.reason = f"only {max(outcome.valid, wider.valid)} test points where both expressions are defined"
    return outcome


def _compare_at(answer, values, minimum) -> Comparison:
    valid, undefined = 0, 0
    for item in values:
        try:
            got = item.point.evaluate(answer)
            if close(got, item.fast):
                valid += 1
                continue
            got = item.point.evaluate(answer, precise=True)  # confirm a mismatch
        except Undefined:
            try:
                got = item.point.evaluate(answer, precise=True)
            except Undefined:
                undefined += 1
                continue
        if close(got, item.exact):
            valid += 1
            continue
        return Comparison("different", valid + 1, item, got)
    if valid >= minimum:
        return Comparison("equal", valid)
    return Comparison("undecided", valid, undefined=undefined)


# ---------------------------------------------------------------------------
# cheap algebra
# ---------------------------------------------------------------------------
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
    count = 0
    for _ in sympy.preorder_traversal(expr):
        count += 1
        if limit is not None and count > limit:
            break
    return count


def _expands_small(expr) -> bool:
    """Expansion stays small: no integer power above 6 of a sum."""
    return not any(p.exp.is_Integer and abs(int(p.exp)) > 6 and p.base.is_Add for p in expr.atoms(sympy.Pow))
