"""Benchmark: what reading answers as students write them costs `check`.

Prints, measured in one run, for each kind of written answer (a chain of
equalities, a label with primes dropped, a total differential), the time of
`checker.judge` on the written form against the baseline: the same answer's
last member typed plainly, judged the same way.  Both are judged afresh
each time (the verdict caches are emptied), after one warm-up round that
builds the answer keys and test points.

    python bench/written_answers.py [--rounds 20]
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from partials.assessment import checker, written_answers

CASES = [  # (problem, target, written form, plain form of its last member)
    ("chain", "z = u^2 ln v, u = y/x, v = x^2 + y^2", "∂z/∂x",
     "∂z/∂x = ∂z/∂u·∂u/∂x + ∂z/∂v·∂v/∂x = 2u ln v·(-y/x^2) + u^2/v·2x", "2u ln v·(-y/x^2) + u^2/v·2x"),
    ("posted chain (wrong)", "z = u^2 ln v, u = y/x, v = x^2 + y^2", "∂z/∂x",
     "az/ax=az/au+au/ax=2ulnv-y/x^2", "2ulnv-y/x^2"),
    ("primes dropped", "z = f(x+y, xy)", "∂²z/∂x∂y",
     "z_xy = f11 + (x+y)f12 + xyf22 + f2", "f11'' + (x+y)f12'' + xyf22'' + f2'"),
    ("label Z'x", "z = e^(uv), u = ln[√(x^2+y^2)], v = arctan(y/x)", "∂z/∂x",
     "Z'x = e^(uv)(vx - uy)/(x^2+y^2)", "e^(uv)(vx - uy)/(x^2+y^2)"),
]
DIFFERENTIAL = ("z = x^2 y + y^3", "dz = 2xy dx + (x^2 + 3y^2) dy", ["2xy", "x^2 + 3y^2"])


def _fresh():
    checker._verdicts.clear()
    checker._answers_read.clear()
    written_answers._plain_answers.clear()
    written_answers._written_verdicts.clear()


def _time(function, rounds: int) -> float:
    best = float("inf")
    for _ in range(rounds):
        _fresh()
        start = time.perf_counter()
        function()
        best = min(best, time.perf_counter() - start)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=20)
    rounds = parser.parse_args().rounds
    print(f"{'written form':24} {'written ms':>11} {'plain ms':>9} {'ratio':>6}")
    for name, problem, target, written, plain in CASES:
        prepared = checker.prepare(problem, target)
        checker.judge(prepared, written), checker.judge(prepared, plain)  # warm-up: keys, points, diagnoser
        t_written = _time(lambda p=prepared, a=written: checker.judge(p, a), rounds)
        t_plain = _time(lambda p=prepared, a=plain: checker.judge(p, a), rounds)
        print(f"{name:24} {1000 * t_written:11.2f} {1000 * t_plain:9.2f} {t_written / t_plain:6.2f}")
    problem, written, coefficients = DIFFERENTIAL
    keys = [checker.prepare(problem, target) for target in ("∂z/∂x", "∂z/∂y")]
    checker.check(problem, "dz", written)
    t_written = _time(lambda: checker.check(problem, "dz", written), rounds)
    t_plain = _time(lambda: [checker.judge(k, c) for k, c in zip(keys, coefficients)], rounds)
    print(f"{'dz = P dx + Q dy':24} {1000 * t_written:11.2f} {1000 * t_plain:9.2f} {t_written / t_plain:6.2f}")


if __name__ == "__main__":
    main()
