"""Values of SymPy trees at a point, in floats or at arbitrary precision,
without lambdify (nothing is exec'd).  Abstract functions take the values
of their concrete stand-ins; a point where the expression has no real,
finite, well-conditioned value raises `Undefined`."""
from __future__ import annotations

import math
from types import SimpleNamespace

import mpmath
import sympy
from sympy.core.function import AppliedUndef

from partials.core.functions import BY_SYMPY, FLOAT_CONTEXT, RealCubeRoot

RELATIVE_TOLERANCE = 1e-9
ABSOLUTE_TOLERANCE = 1e-12
SINGULAR = 1e-7  # |denominator| or log argument below this: too near a singularity
HUGE = 1e12  # values above this: too near a singularity to compare

MP = mpmath.mp


# mpmath.fp's interface on Python floats and the math module (faster)
FP = SimpleNamespace(mpf=float, pi=math.pi, e=math.e, **FLOAT_CONTEXT)


class Undefined(Exception):
    """The expression has no (real, finite, well-conditioned) value at the point."""


class Unsupported(Exception):
    """The expression contains something the numeric evaluator cannot value."""




class Evaluator:
    """Values a SymPy expression at a point, in mpmath's `fp` (floats) or `mp`
    (arbitrary precision) context.  Variables are looked up by name; abstract
    functions and their Subs/Derivative forms use `functions`; `overrides`
    replaces chosen abstract-derivative values ((name, positions) → number),
    which diagnosis uses to isolate a coefficient such as f₁₂″'s.  `singular`
    and `huge` move the guards for callers that value an expression very near
    a singular point on purpose, at high precision (analysis on shrinking paths)."""

    def __init__(self, ctx, functions: dict, overrides: dict | None = None,
                 singular: float = SINGULAR, huge: float = HUGE):
        self.ctx = ctx
        self.functions = functions
        self.overrides = overrides or {}
        self.singular = singular
        self.huge = huge

    def __call__(self, expr, env: dict):
        value = self._value(expr, env, {})
        return self._finite(value)

    # -- helpers ------------------------------------------------------------
    def _finite(self, value):
        if isinstance(value, (complex, mpmath.mpc)):
            raise Undefined("complex value")
        if value != value or abs(value) > self.huge:
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
            if n < 0 and abs(base) < self.singular:
                raise Undefined("division by (nearly) zero")
            if abs(n) > 10_000:
                raise Undefined("exponent too large to evaluate")
            return base ** n
        if exponent is sympy.S.Half:
            if base < 0:
                raise Undefined("square root of a negative number")
            return ctx.sqrt(base)
        power = self._value(exponent, env, memo)
        if base < 0 or (base < self.singular and power < 0):
            raise Undefined("power of a negative number or of zero")
        if base == 0:
            return ctx.mpf(0)
        return ctx.exp(power * ctx.log(base))

    def _elementary(self, expr, env, memo):
        ctx = self.ctx
        func = expr.func
        args = [self._value(a, env, memo) for a in expr.args]
        if func is sympy.log:
            if len(args) != 1 or args[0] < self.singular:
                raise Undefined("logarithm of a number that is not positive")
            return ctx.log(args[0])
        if func is sympy.Abs:
            return abs(args[0])
        if func in (sympy.asin, sympy.acos):
            if abs(args[0]) > 1 - self.singular:
                raise Undefined("arcsin/arccos outside (-1, 1)")
            return ctx.asin(args[0]) if func is sympy.asin else ctx.acos(args[0])
        if func is sympy.atanh and abs(args[0]) > 1 - self.singular:
            raise Undefined("artanh outside (-1, 1)")
        if func is sympy.acosh and args[0] < 1 + self.singular:
            raise Undefined("arcosh below 1")
        if func is sympy.sign:
            return ctx.mpf((args[0] > 0) - (args[0] < 0))
        if func is RealCubeRoot:
            root = abs(args[0]) ** (ctx.mpf(1) / 3)
            return root if args[0] >= 0 else -root
        row = BY_SYMPY.get(func)
        name = row.mpmath if row is not None else None
        if name is None or len(args) != 1:
            raise Unsupported(f"cannot evaluate {func.__name__}")
        if name in ("tan", "sec") and abs(ctx.cos(args[0])) < self.singular:
            raise Undefined("tan/sec at a pole")
        if name in ("cot", "csc", "coth", "csch") and abs((ctx.sinh if name[-1] == "h" else ctx.sin)(args[0])) < self.singular:
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
