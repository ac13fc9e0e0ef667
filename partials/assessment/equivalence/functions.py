"""Concrete smooth functions standing in for abstract ones (f, g, F…), with
every partial derivative in closed form."""
from __future__ import annotations

import math
import random


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
