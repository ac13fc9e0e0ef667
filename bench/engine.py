"""Benchmark of the chain-rule engine, measured in one run against baselines.

    python bench/engine.py [--quick]

1. Time per problem over the engine test problems (tests/engine_cases.py):
   partials (every target: Solution.expr and .explicit) against the naive
   baseline simplify(diff(fully substituted expression)), both measured
   here, each problem solved once after a warm-up on an unrelated problem.
   Explicit and abstract problems only for the baseline (implicit problems
   have no full substitution); the partials median is also given over all.
2. Maxima, when the Debian package is installed (`maxima` on PATH): the same
   explicit problems in one batch, diff + ratsimp, less Maxima's start-up
   (each the best of 3 runs); skipped cleanly otherwise.
3. Scaling on a layered graph of width 3 and depth d (3^d chain-rule paths):
   ∂(top)/∂x at a point in floating point, forward and reverse mode, for
   d = 5, 10, 20, 40; time should grow about linearly in d.
"""
from __future__ import annotations

import argparse
import math
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

import sympy  # noqa: E402

import partials  # noqa: E402
import partials.calculus.engine as engine  # noqa: E402
from engine_cases import CASES, full_substitution, problem_of, targets_of  # noqa: E402
from partials.calculus.chain import _local_gradient  # noqa: E402
from partials.calculus.points import derivative_at, gradient_at  # noqa: E402
from partials.model.problem import Problem, Relation  # noqa: E402
from partials.core.symbols import variable  # noqa: E402


def warm_up() -> None:
    problem = partials.parse("w = p^2 q + sin(pq)")
    for wrt in ("p", "q"):
        solution = problem.d("w", wrt)
        solution.explicit
        sympy.simplify(sympy.diff(problem.definitions[variable("w")], variable(wrt)))


def time_partials(case) -> float:
    problem = problem_of(case[1], case[3])
    engine._ENGINES.clear()
    start = time.perf_counter()
    for of, wrt in targets_of(case):
        solution = engine.differentiate(problem, of, wrt)
        solution.explicit
    return time.perf_counter() - start


def time_baseline(case) -> float:
    problem = problem_of(case[1], case[3])
    start = time.perf_counter()
    for of, wrt in targets_of(case):
        full = full_substitution(problem, of)
        sympy.simplify(sympy.diff(full, *wrt))
    return time.perf_counter() - start


def maxima_batch(cases) -> float | None:
    """Seconds for Maxima to do the explicit problems in one batch, or None."""
    if shutil.which("maxima") is None:
        return None
    lines = ["display2d:false$"]
    for case in cases:
        problem = problem_of(case[1], case[3])
        for of, wrt in targets_of(case):
            full = _maxima(full_substitution(problem, of))
            variables = ", ".join(f"{w}, 1" for w in wrt)  # diff(e, x, 1, y, 1) = ∂²e/∂x∂y
            lines.append(f"ratsimp(diff({full}, {variables}))$")
    with tempfile.NamedTemporaryFile("w", suffix=".mac", delete=False) as script:
        script.write("\n".join(lines) + "\n")
    elapsed = _best_of(3, ["maxima", "--very-quiet", "-b", script.name])
    with tempfile.NamedTemporaryFile("w", suffix=".mac", delete=False) as empty:
        empty.write("display2d:false$\n")
    startup = _best_of(3, ["maxima", "--very-quiet", "-b", empty.name])
    return max(elapsed - startup, 0.0)


def _best_of(rounds: int, command: list) -> float:
    """The shortest of `rounds` runs of a command, in seconds (start-up noise
    is of the order of the work measured)."""
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        subprocess.run(command, capture_output=True, timeout=600)
        times.append(time.perf_counter() - start)
    return min(times)


class _MaximaPrinter(sympy.printing.str.StrPrinter):
    """Maxima syntax: ^ for powers, %e and %pi, abs."""

    def _print_Exp1(self, expr):
        return "%e"

    def _print_Pi(self, expr):
        return "%pi"

    def _print_Abs(self, expr):
        return f"abs({self._print(expr.args[0])})"


def _maxima(expr) -> str:
    return _MaximaPrinter().doprint(expr).replace("**", "^")


def layered_problem(depth: int, width: int = 3) -> Problem:
    """x → layer 1 → … → layer d → top; every node of a layer uses every
    node of the layer below: n_{k,j} = sin(n_{k-1,j}) · n_{k-1,j+1} + n_{k-1,j+2}/2."""
    x = variable("x")
    relations = []
    below = [x + j for j in range(width)]
    for k in range(1, depth + 1):
        names = [variable(f"n_{k}_{j}") for j in range(width)]
        for j, name in enumerate(names):
            a, b, c = below[j], below[(j + 1) % width], below[(j + 2) % width]
            relations.append(Relation("definition", name, sympy.sin(a) * b + c / 2))
        below = names
    relations.append(Relation("definition", variable("top"), sympy.Add(*below)))
    return Problem.from_relations(relations)


def scaling(depths, rounds: int = 3) -> list:
    """Each sweep timed from scratch: local partials of every node (symbolic,
    once per node) plus the sweep on floats; the best of `rounds` runs, so
    that a garbage collection or another process does not fall on one depth."""
    rows = []
    x = variable("x")
    derivative_at(layered_problem(2), "top", ("x",), {x: 0.3})  # warm-up
    for depth in depths:
        forward_times, reverse_times = [], []
        for _ in range(rounds):
            problem = layered_problem(depth)
            point = {x: 0.3}
            _local_gradient.cache_clear()
            start = time.perf_counter()
            forward = derivative_at(problem, "top", ("x",), point)
            forward_times.append(time.perf_counter() - start)
            _local_gradient.cache_clear()
            start = time.perf_counter()
            reverse = gradient_at(problem, "top", point)[x]
            reverse_times.append(time.perf_counter() - start)
        rows.append((depth, 3**depth, min(forward_times), min(reverse_times), float(forward), float(reverse)))
    return rows


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer problems, smaller depths")
    args = parser.parse_args(argv)
    cases = CASES[:20] if args.quick else CASES
    warm_up()

    ours = {case[1]: time_partials(case) for case in cases}
    again = {case[1]: time_partials(case) for case in cases}  # SymPy's cache warm, engine memo cleared
    comparable = [case for case in cases if case[0] in ("explicit", "abstract")]
    baseline = {case[1]: time_baseline(case) for case in comparable}

    all_times = sorted(ours.values())
    print(f"partials: {len(cases)} problems, {sum(len(c[2]) for c in cases)} derivatives")
    print(f"  time per problem: median {1000 * statistics.median(all_times):.1f} ms, "
          f"worst {1000 * all_times[-1]:.1f} ms ({max(ours, key=ours.get)})")
    print(f"  solved again (SymPy's own cache warm, engine memo cleared): median "
          f"{1000 * statistics.median(again.values()):.1f} ms, worst {1000 * max(again.values()):.1f} ms")
    ours_comparable = [ours[c[1]] for c in comparable]
    base_comparable = [baseline[c[1]] for c in comparable]
    print(f"explicit and abstract problems ({len(comparable)}), same derivatives:")
    print(f"  partials  median {1000 * statistics.median(ours_comparable):7.1f} ms  worst {1000 * max(ours_comparable):7.1f} ms"
          f"  total {sum(ours_comparable):6.2f} s")
    print(f"  baseline  median {1000 * statistics.median(base_comparable):7.1f} ms  worst {1000 * max(base_comparable):7.1f} ms"
          f"  total {sum(base_comparable):6.2f} s   (simplify(diff(full substitution)))")
    print(f"  speed-up in total: {sum(base_comparable) / sum(ours_comparable):.1f}x;"
          f" per problem (median of ratios): {statistics.median(b / o for b, o in zip(base_comparable, ours_comparable)):.1f}x")

    explicit_cases = [case for case in cases if case[0] == "explicit"]
    maxima = maxima_batch(explicit_cases)
    if maxima is None:
        print("maxima: not installed (apt-get install maxima), comparison skipped")
    else:
        ours_explicit = sum(ours[c[1]] for c in explicit_cases)
        print(f"maxima: {len(explicit_cases)} explicit problems in one batch {maxima:.2f} s "
              f"(startup subtracted) vs partials {ours_explicit:.2f} s")

    depths = (5, 10, 20) if args.quick else (5, 10, 20, 40)
    print("layered graph, width 3: ∂top/∂x at x = 0.3 in floating point (best of 3)")
    print("  (forward: building the graph with its local partials, then one sweep; reverse: one sweep on that graph)")
    print("  depth      paths   forward ms   reverse ms   value")
    rows = scaling(depths)
    for depth, paths, forward, reverse, value, check in rows:
        assert math.isclose(value, check, rel_tol=1e-9), (value, check)
        print(f"  {depth:5d} {paths:10.3g} {1000 * forward:12.1f} {1000 * reverse:12.1f}   {value:.6g}")
    first, last = rows[0], rows[-1]
    print(f"  time ratio depth {last[0]}/{first[0]}: forward {last[2] / first[2]:.1f}x, "
          f"reverse {last[3] / first[3]:.1f}x (depth ratio {last[0] / first[0]:.0f}x, paths ratio {last[1] / first[1]:.3g}x)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
