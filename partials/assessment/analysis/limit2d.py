"""The limit of g(u, v) as (u, v) → (0, 0), decided only with a certificate:

- theorem: g is continuous at the origin by its form (value substituted);
- bound: |g − L| ≤ C·ρ^e with e > 0 and no θ in it (structure.majorant),
  or g − L = r^d·H(θ) weighted homogeneous with H continuous on the unit
  circle (its denominators have no zero there) and d > 0;
- substitution: g = φ(w) with w → w₀ from one side, and lim φ exact;
- paths: two paths with different limits, or one that blows up or oscillates
  (each path limit exact, one variable, checked against high-precision values).

SymPy is never asked for a two-variable limit (its generic answers along
y = kx with k symbolic, and its pointwise polar limits, are wrong for
x²y²/(x²y²+(x−y)²), x²y/(x⁴+y²), xy²/(x²+y⁴)).
"""
from __future__ import annotations

import sympy

from partials.core.budget import OutOfTime, time_budget
from partials.assessment.analysis.deadline import allowance
from partials.assessment.analysis.onevar import FINITE, INFINITE, OSCILLATES, S, right_limit
from partials.assessment.analysis.paths import candidate_paths, screen, weights_of
from partials.assessment.analysis.structure import continuous_at, denominators_nonvanishing, majorant, weighted_degree
from partials.assessment.analysis.verdicts import BOUND, PATHS, SUBSTITUTION, THEOREM, Finding, undecided

W = sympy.Symbol("w", real=True)


def limit_at_origin(g, u, v, point, names, avoid=(), name="f") -> Finding:
    """verdict: True (exists, value), False (does not exist), None.  `name` is what
    the reasons call g (f, or R for the remainder of differentiability)."""
    origin = {u: 0, v: 0}
    if not avoid and continuous_at(g, origin):
        value = g.subs(origin)
        return Finding(True, value, THEOREM,
                       "the expression is continuous there (an elementary function where its parts are defined): "
                       f"the limit is its value {value}",
                       f"该表达式在该点连续（初等函数在其定义区间内连续），极限等于函数值 {value}")
    paths = candidate_paths(g, u, v, avoid)
    rows = screen(g, u, v, paths)
    tried = [path.describe(point, names) for path in paths]
    refuted = _refute(g, u, v, rows, point, names)
    if refuted:
        return refuted
    candidate = _candidate(g, u, v, rows)
    if candidate is None:
        return undecided("no path limit could be computed exactly", "沿所试路径的极限无法精确求出", tried)
    proof = _prove(g, candidate, u, v, name)
    if proof:
        return proof
    return undecided(f"every path tried gives {candidate}, but no bound without θ was found",
                     f"所试各路径的极限都是 {candidate}，但未找到与 θ 无关的估计", tried)


def _refute(g, u, v, rows, point, names):
    """Two paths with different exact limits, or one path without a limit."""
    suspicious = [row for row in rows if row[1] is None or row[2] is None or abs(row[2]) > 1e6
                  or abs(row[1] - row[2]) > 1e-3 * (1 + abs(row[2]))]
    for path, *_ in suspicious[:4]:
        outcome = right_limit(path.on(g, u, v))
        if outcome.status in (INFINITE, OSCILLATES):
            how = "is unbounded" if outcome.status == INFINITE else "oscillates"
            how_zh = "趋于无穷" if outcome.status == INFINITE else "振荡"
            where = path.describe(point, names)
            return Finding(False, None, PATHS, f"along {where} the function {how}: no limit",
                           f"沿路径 {where}，函数{how_zh}，极限不存在")
    groups = {}
    for path, _, value in rows:
        if value is not None and abs(value) < 1e6:
            groups.setdefault(round(float(value), 4), path)
    if len(groups) < 2:
        return None
    keys = sorted(groups)
    for first, second in ((keys[0], keys[-1]),) + tuple(zip(keys, keys[1:])):
        one, other = groups[first], groups[second]
        a, b = right_limit(one.on(g, u, v)), right_limit(other.on(g, u, v))
        if a.status == FINITE and b.status == FINITE and (a.value - b.value).evalf(30) != 0 \
                and abs((a.value - b.value).evalf(30)) > 1e-20:
            p, q = one.describe(point, names), other.describe(point, names)
            return Finding(False, None, PATHS,
                           f"along {p} the limit is {a.value}, along {q} it is {b.value}: no limit",
                           f"沿路径 {p} 极限为 {a.value}，沿路径 {q} 极限为 {b.value}，两者不同，极限不存在")
    return None


def _candidate(g, u, v, rows):
    for path, _first, second in rows:
        if second is not None and path.along_axis() is None:
            outcome = right_limit(path.on(g, u, v))
            if outcome.status == FINITE:
                return outcome.value
    for path, _first, second in rows:
        if second is not None:
            outcome = right_limit(path.on(g, u, v))
            if outcome.status == FINITE:
                return outcome.value
    return None


def _prove(g, value, u, v, name="f"):
    difference = g - value
    found = _homogeneous(difference, value, u, v, name)
    if found:
        return found
    simpler = _cancelled(difference)
    if simpler is not None and simpler == 0:
        return Finding(True, value, BOUND, f"{name} − {value} simplifies to 0 wherever it is defined off the point",
                       f"在该点以外 {name} − {value} 化简为 0")
    if simpler is not None and simpler != difference:
        found = _homogeneous(simpler, value, u, v, name)
        if found:
            return found
    exponent = _majorant(difference, u, v)
    if exponent is not None and exponent > 0:
        rho = "ρ" if exponent == 1 else f"ρ^{exponent}"
        return Finding(True, value, BOUND,
                       f"|{name} − {value}| ≤ C·{rho} with ρ = √(Δx² + Δy²) (|Δx|, |Δy| ≤ ρ, |sin w| ≤ |w|, "
                       f"|sin|, |cos| ≤ 1, denominators positive off the point), and C·{rho} → 0",
                       f"|{name} − {value}| ≤ C·{rho}，ρ = √(Δx² + Δy²)（|Δx|, |Δy| ≤ ρ，|sin w| ≤ |w|，"
                       f"|sin|, |cos| ≤ 1，分母在该点外为正），而 C·{rho} → 0")
    return _substitution(g, value, u, v, name)


def _homogeneous(difference, value, u, v, name="f"):
    for weights in [(1, 1)] + weights_of(difference, u, v):
        degree = weighted_degree(difference, u, v, weights)
        if degree is not None and degree > 0 and denominators_nonvanishing(difference, u, v, weights):
            return Finding(True, value, BOUND, *_homogeneous_reason(difference, value, degree, weights, name))
    return None


def _cancelled(expr):
    """expr over one denominator with common factors cancelled (the same values
    wherever expr is defined), or None past the budget."""
    seconds = allowance(0.3)
    if seconds <= 0:
        return None
    try:
        with time_budget(seconds, cpu=True):
            return sympy.cancel(sympy.together(expr))
    except OutOfTime:
        return None
    except (sympy.PolynomialError, TypeError, ValueError, RecursionError):
        return None


def _majorant(expr, u, v):
    exponent = majorant(expr, u, v)
    if exponent is not None and exponent > 0:
        return exponent
    seconds = allowance(0.3)
    if seconds <= 0:
        return None
    try:
        with time_budget(seconds, cpu=True):
            together = sympy.factor_terms(sympy.together(expr))
    except OutOfTime:
        return None
    return majorant(together, u, v) if together != expr else None


def _homogeneous_reason(difference, value, degree, weights, name="f"):
    rho, r = ("ρ", "r") if degree == 1 else (f"ρ^{degree}", f"r^{degree}")
    if tuple(weights) == (1, 1):
        return (f"with Δx = ρcosθ, Δy = ρsinθ: {name} − {value} = {rho}·H(θ), H continuous on the unit circle "
                f"(no denominator vanishes there), so |{name} − {value}| ≤ M·{rho} → 0 with M = max|H|",
                f"令 Δx = ρcosθ，Δy = ρsinθ：{name} − {value} = {rho}·H(θ)，H 在单位圆上连续（分母在其上不为零），"
                f"故 |{name} − {value}| ≤ M·{rho} → 0，M = max|H|")
    w1, w2 = weights
    return (f"with Δx = r^{w1}cosθ, Δy = r^{w2}sinθ (r → 0 exactly when (Δx, Δy) → 0): {name} − {value} = "
            f"{r}·H(θ), H continuous on the unit circle, so |{name} − {value}| ≤ M·{r} → 0",
            f"令 Δx = r^{w1}cosθ，Δy = r^{w2}sinθ（(Δx, Δy) → 0 当且仅当 r → 0）：{name} − {value} = "
            f"{r}·H(θ)，H 在单位圆上连续，故 |{name} − {value}| ≤ M·{r} → 0")


def _substitution(g, value, u, v, name="f"):
    """g = φ(w), w = u² + v² (or another inner part) → 0 from above."""
    for inner in _inner_parts(g, u, v):
        phi = g.subs(inner, W)
        if phi.has(u, v):
            continue
        at = inner.subs({u: 0, v: 0})
        if not at.is_Number:
            continue
        if (inner - at).is_nonnegative:
            outcome, side = right_limit(phi.subs(W, at + S)), "⁺"
        elif (inner - at).is_nonpositive:
            outcome, side = right_limit(phi.subs(W, at - S)), "⁻"
        else:
            continue
        if outcome.status == FINITE and (outcome.value - value).evalf(30) == 0:
            return Finding(True, value, SUBSTITUTION,
                           f"{name} = φ(w) with w = {inner} → {at}{side}, and lim φ(w) = {value} (one variable)",
                           f"{name} = φ(w)，w = {inner} → {at}{side}，而 lim φ(w) = {value}（一元极限）")
    return None


def _inner_parts(g, u, v):
    parts = [u ** 2 + v ** 2]
    for node in sympy.preorder_traversal(g):
        if isinstance(node, (sympy.Add, sympy.Pow)) and node.has(u, v) and node not in parts and node != g:
            if not (node.is_Pow and node.base in (u, v)):
                parts.append(node)
    return parts[:8]
