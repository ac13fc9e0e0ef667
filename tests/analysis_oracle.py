"""An oracle for the analysis at a point, independent of partials.assessment.analysis:
each function is also written as a Python function on mpmath numbers, and
verdicts are checked by high-precision values along many straight and curved
paths at shrinking radii, and by one-sided difference quotients."""
from __future__ import annotations

import mpmath
from mpmath import mp, mpf

mp.dps = 90
ANGLES = [mpf(k) / 24 * 2 * mp.pi + mpf("0.1") for k in range(24)] + [0, mp.pi / 2, mp.pi, 3 * mp.pi / 2,
                                                                        mp.pi / 4, 3 * mp.pi / 4, -mp.pi / 4]


def paths():
    """(label, function r → (du, dv)) into the origin of (du, dv)."""
    found = [(f"angle {float(a):.3f}", lambda r, a=a: (r * mp.cos(a), r * mp.sin(a))) for a in ANGLES]
    for k in (1, -1, 2, mpf(1) / 2, -2):
        for m in (2, 3, mpf(1) / 2, mpf(3) / 2):
            found.append((f"v = {k}·u^{m}", lambda r, k=k, m=m: (r, k * r ** m)))
            found.append((f"u = {k}·v^{m}", lambda r, k=k, m=m: (k * r ** m, r)))
            found.append((f"v = {k}·(−u)^{m}", lambda r, k=k, m=m: (-r, k * r ** m)))
    return found


RADII = [mpf(10) ** -k for k in (10, 14, 18)]


def value(f, x, y):
    try:
        result = f(x, y)
    except (ZeroDivisionError, ValueError):
        return None
    if isinstance(result, mpmath.mpc) or not mpmath.isfinite(result):
        return None
    return result


def tends_to(g, target, tolerance=mpf("1e-3")):
    """True if g → target along every path, False if some path stays away, None unclear."""
    away = False
    for _, path in paths():
        errors = []
        for r in RADII:
            du, dv = path(r)
            got = g(du, dv)
            errors.append(None if got is None else abs(got - target))
        if any(e is None for e in errors):
            continue
        if errors[-1] > tolerance and errors[-2] > tolerance:
            away = True
    if away:
        return False
    return True


def continuous(f, a, b):
    f0 = value(f, a, b)
    if f0 is None:
        return False
    return tends_to(lambda du, dv: value(f, a + du, b + dv), f0)


def partial(f, a, b, by):
    """The value of the partial by the definition, or 'dne'."""
    f0 = value(f, a, b)
    if f0 is None:
        return "dne"
    quotients = []
    for h in (mpf(10) ** -30, -mpf(10) ** -30, mpf(10) ** -40, -mpf(10) ** -40):
        moved = value(f, a + h, b) if by == "x" else value(f, a, b + h)
        if moved is None:
            return "dne"
        quotients.append((moved - f0) / h)
    spread = max(quotients) - min(quotients)
    if spread > mpf("1e-6") * (1 + abs(quotients[0])) or abs(quotients[0]) > 1e8:
        return "dne"
    return quotients[2]


def differentiable(f, a, b, A, B):
    f0 = value(f, a, b)

    def remainder(du, dv):
        moved = value(f, a + du, b + dv)
        return None if moved is None else (moved - f0 - A * du - B * dv) / mp.sqrt(du ** 2 + dv ** 2)
    return tends_to(remainder, 0)


def partial_near(f, x, y, by):
    h = mpf(10) ** -60
    one = value(f, x + h, y) if by == "x" else value(f, x, y + h)
    other = value(f, x - h, y) if by == "x" else value(f, x, y - h)
    here = value(f, x, y)
    if None in (one, other, here):
        return None
    right, left = (one - here) / h, (here - other) / h
    if abs(right - left) > mpf("1e-6") * (1 + abs(right)):
        return None
    return right


def partials_continuous(f, a, b, A, B):
    for by, target in (("x", A), ("y", B)):
        verdict = tends_to(lambda du, dv, by=by: partial_near(f, a + du, b + dv, by), target)
        if verdict is False:
            return False
    return True


def mixed(f, a, b, first, target):
    """(f_first)_second at the point by nested quotients: value or 'dne'."""
    quotients = []
    for k in (mpf(10) ** -12, -mpf(10) ** -12, mpf(10) ** -16, -mpf(10) ** -16):
        at = (a, b + k) if first == "x" else (a + k, b)
        inner = partial_near(f, *at, first)
        if inner is None:
            return "dne"
        quotients.append((inner - target) / k)
    if max(quotients) - min(quotients) > mpf("1e-4") * (1 + abs(quotients[0])) or abs(quotients[0]) > 1e8:
        return "dne"
    return quotients[-1]
