"""Gradient at a point on layered graphs: accumulation vs a sum over paths.

The graph has three inputs x_0, x_1, x_2, then layers of width 3 in which
every node uses all three nodes of the layer below,
    n_{k,i} = (p_i + p_{i+1}·p_{i+2} + 2) / 4        (indices mod 3),
and one output `out` of the same form on top of layer d − 1: 3^d paths
from the inputs to the output, 9(d − 1) + 3 edges.  Every node is 1 when
the inputs are 1 (an attracting fixed point, so float values neither
underflow nor overflow with depth).

For d = 10, 100, 1000 this script measures, in one run:
  problem   Problem.from_relations on the 3d + 1 relations (once);
  graph     the graph with its symbolic local derivatives (once);
  exact     one gradient at the point x = (1, 1, 1) by reverse accumulation
            on exact rationals (partials.calculus.computational_graph.ComputationalGraph.gradient);
  float     the same at a random point in floating point;
  path sum  the baseline: every input→output path enumerated and the local
            derivative values multiplied along it, summed per input (float),
            timed only while it finishes in a few seconds; later depths are
            extrapolated from the measured rate, not run.
Times are CPU seconds of this process (time.process_time: the machine may
be shared), with the garbage collector paused while timing, as timeit does;
the gradients of all depths are timed in interleaved rounds, best round kept.
Ratios are against measurements made in this same run.  A plot of time
against depth is written to bench/graph.png when matplotlib is installed.

    python bench/graph.py
"""
from __future__ import annotations

import gc
import math
import pathlib
import random
import sys
import time

import sympy

from partials.calculus.computational_graph import ComputationalGraph
from partials.model.problem import Problem, Relation
from partials.core.symbols import variable

DEPTHS = (10, 100, 1000)
BASELINE_DEPTHS = (2, 4, 6, 8, 10, 12, 14)  # tried in order while they can finish
BASELINE_BUDGET = 2.0  # seconds a single baseline run may be predicted to take
HERE = pathlib.Path(__file__).resolve().parent


def layered_problem(depth: int) -> Problem:
    below = [variable(f"x_{i}") for i in range(3)]
    relations = []
    for layer in range(1, depth + 1):
        names = [variable("out")] if layer == depth else [variable(f"n_{layer}_{i}") for i in range(3)]
        for i, name in enumerate(names):
            p, q, r = below[i % 3], below[(i + 1) % 3], below[(i + 2) % 3]
            relations.append(Relation("definition", name, (p + q * r + 2) / 4))
        below = names
    return Problem.from_relations(relations)


clock = time.process_time


def timed(action) -> tuple:
    """(result, CPU seconds) of one call, the garbage collector paused."""
    gc.collect()
    gc.disable()
    try:
        start = clock()
        result = action()
        return result, clock() - start
    finally:
        gc.enable()


def best_time(action, minimum: float = 0.2, repeats: int = 5) -> float:
    """Seconds per call: the best of `repeats` batches lasting >= minimum."""
    calls = 1
    while True:
        _, elapsed = timed(lambda: [action() for _ in range(calls)])
        if elapsed >= minimum or calls >= 1 << 16:
            break
        calls *= 2
    best = elapsed / calls
    for _ in range(repeats - 1):
        best = min(best, timed(lambda: [action() for _ in range(calls)])[1] / calls)
    return best


def path_sum_gradient(graph: ComputationalGraph, locals_: list, of) -> dict:
    """The baseline: Σ over every path input → … → of of the product of the
    local derivative values along it (depth-first, nothing shared)."""
    parents = {node.name: [] for node in graph.nodes}
    for index, edge in enumerate(graph.edges):
        parents[edge.target].append((edge.source, locals_[index]))
    totals = {name: 0.0 for name in graph.inputs}
    stack = [(of, 1.0)]
    while stack:
        node, product = stack.pop()
        if node in totals:
            totals[node] += product
            continue
        for parent, local in parents[node]:
            stack.append((parent, product * local))
    return totals


ROUNDS = 7  # every depth is timed once per round; the best round counts


def measure_depths(depths, rng: random.Random) -> list:
    """Build every graph, then time the gradients in interleaved rounds, so
    that load from other processes falls on all depths alike."""
    rows, actions = [], []
    out = variable("out")
    for depth in depths:
        problem, made = timed(lambda: layered_problem(depth))
        graph, built = timed(lambda: ComputationalGraph(problem))
        ones = {name: 1 for name in graph.inputs}
        somewhere = {name: rng.uniform(0.5, 1.5) for name in graph.inputs}
        check_against_forward(graph, somewhere, out)
        rows.append({
            "depth": depth, "edges": len(graph.edges), "paths": graph.count_paths(),
            "problem": made, "graph": built, "exact": math.inf, "float": math.inf,
        })
        actions.append({
            "exact": lambda graph=graph, ones=ones: graph.gradient(ones, out),
            "float": lambda graph=graph, point=somewhere: graph.gradient(point, out, exact=False),
        })
        print(f"d = {depth}: built", file=sys.stderr)
    calls = [{mode: calls_lasting(action[mode], 0.1) for mode in action} for action in actions]
    for _ in range(ROUNDS):
        gc.collect()
        for row, action, count in zip(rows, actions, calls):
            for mode in ("exact", "float"):
                row[mode] = min(row[mode], batch_time(action[mode], count[mode]))
    return rows


def calls_lasting(action, seconds: float) -> int:
    """How many calls of `action` take about `seconds` of CPU."""
    calls = 1
    while batch_time(action, calls) * calls < seconds and calls < 1 << 16:
        calls *= 2
    return calls


def batch_time(action, calls: int) -> float:
    """CPU seconds per call over `calls` calls, the collector paused."""
    gc.disable()
    try:
        start = clock()
        for _ in range(calls):
            action()
        return (clock() - start) / calls
    finally:
        gc.enable()


def check_against_forward(graph: ComputationalGraph, point: dict, out) -> None:
    """Reverse mode (one sweep) equals forward mode (one sweep per input)."""
    gradient = graph.gradient(point, out, exact=False)
    values = graph.at(point, exact=False)
    for name in graph.inputs:
        tangents, visits = graph.forward(name, values.locals, 0.0, 1.0)
        assert visits == len(graph.edges)
        assert math.isclose(tangents[out], gradient[name], rel_tol=1e-9, abs_tol=1e-300), name


def measure_baseline(rng: random.Random) -> dict:
    """Path-sum time per depth while a run is predicted to end in budget."""
    timings, rate = {}, None
    for depth in BASELINE_DEPTHS:
        paths = 3 ** depth
        if rate is not None and rate * paths * depth > BASELINE_BUDGET:
            break
        graph = ComputationalGraph(layered_problem(depth))
        point = {name: rng.uniform(0.5, 1.5) for name in graph.inputs}
        values = graph.at(point, exact=False)
        out = variable("out")
        summed = path_sum_gradient(graph, values.locals, out)
        elapsed = best_time(lambda: path_sum_gradient(graph, values.locals, out), minimum=0.05, repeats=2)
        accumulated = graph.gradient(point, out, exact=False)
        for name in graph.inputs:
            assert math.isclose(summed[name], accumulated[name], rel_tol=1e-9), (depth, name)
        timings[depth] = elapsed
        rate = elapsed / (paths * depth)  # seconds per (path · edge)
    return {"timings": timings, "rate": rate}


def predicted(rate: float, depth: int) -> float:
    """log10 of the seconds the path sum would take at `depth`."""
    return math.log10(rate) + depth * math.log10(3) + math.log10(depth)


def human_log(log_seconds: float) -> str:
    if log_seconds < 7:
        return human(10 ** log_seconds)
    return f"~10^{log_seconds - math.log10(3600 * 24 * 365):.0f} years"


def human(seconds: float) -> str:
    if seconds < 1e-3:
        return f"{seconds * 1e6:.0f} µs"
    if seconds < 1:
        return f"{seconds * 1e3:.1f} ms"
    return f"{seconds:.2f} s"


def table(rows: list, baseline: dict) -> str:
    lines = [
        "| depth d | edges = visits | paths 3^d | problem (once) | graph (once) | gradient, exact "
        "| gradient, float | float per edge | path sum (float) |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for row in rows:
        d = row["depth"]
        measured = baseline["timings"].get(d)
        if measured is not None:
            path_sum = f"{human(measured)} (measured)"
        else:
            path_sum = f"{human_log(predicted(baseline['rate'], d))} (extrapolated, not run)"
        paths = f"{row['paths']:,}" if d <= 12 else f"≈ 10^{d * math.log10(3):.0f}"
        lines.append(
            f"| {d} | {row['edges']:,} | {paths} | {human(row['problem'])} | {human(row['graph'])} | {human(row['exact'])} "
            f"| {human(row['float'])} | {row['float'] / row['edges'] * 1e6:.2f} µs | {path_sum} |"
        )
    return "\n".join(lines)


def plot(rows: list, baseline: dict, path: pathlib.Path) -> bool:
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        return False
    depths = [r["depth"] for r in rows]
    figure, axes = plt.subplots(figsize=(7, 4.5))
    axes.loglog(depths, [r["exact"] for r in rows], "o-", label="gradient, exact (reverse mode)")
    axes.loglog(depths, [r["float"] for r in rows], "s-", label="gradient, float (reverse mode)")
    measured = sorted(baseline["timings"].items())
    axes.loglog([d for d, _ in measured], [t for _, t in measured], "^-", label="sum over paths (measured)")
    last = measured[-1][0]
    extra = [d for d in range(last, 31)]
    axes.loglog(extra, [10 ** predicted(baseline["rate"], d) for d in extra], "^:", color="C2", alpha=0.6,
                label="sum over paths (extrapolated)")
    axes.axhline(1.0, color="grey", lw=0.8, ls="--")
    axes.set_ylim(1e-6, 1e4)
    axes.set_xlabel("depth d (width 3, 3^d paths)")
    axes.set_ylabel("seconds per gradient")
    axes.set_title("Gradient at a point: accumulation vs sum over paths")
    axes.legend(loc="upper left", fontsize=8)
    figure.tight_layout()
    figure.savefig(path, dpi=120)
    return True


def main() -> int:
    rng = random.Random(2026)
    started = time.perf_counter()
    started_cpu = clock()
    rows = measure_depths(DEPTHS, rng)
    baseline = measure_baseline(rng)
    print(table(rows, baseline))
    print()
    by_depth = {r["depth"]: r for r in rows}
    for mode in ("exact", "float"):
        print(
            f"{mode}: time(d=1000)/time(d=100) = {by_depth[1000][mode] / by_depth[100][mode]:.1f}, "
            f"time(d=100)/time(d=10) = {by_depth[100][mode] / by_depth[10][mode]:.1f}  (linear: 10)"
        )
    measured = ", ".join(f"d={d}: {human(t)}" for d, t in sorted(baseline["timings"].items()))
    print(f"path sum measured at {measured}; the next depth was predicted to exceed {BASELINE_BUDGET:.0f} s")
    if 10 in baseline["timings"]:
        print(
            f"at d = 10 the path sum takes {baseline['timings'][10] / by_depth[10]['float']:.0f}× "
            "the float gradient by accumulation"
        )
    print("reverse mode checked against forward mode from every input at every depth")
    written = plot(rows, baseline, HERE / "graph.png")
    print("plot: bench/graph.png" if written else "plot skipped: matplotlib is not installed")
    print(f"whole run: {time.perf_counter() - started:.1f} s wall, {clock() - started_cpu:.1f} s CPU (python {sys.version.split()[0]}, sympy {sympy.__version__})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
