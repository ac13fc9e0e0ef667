"""Benchmark: grading a 1,000-row answers file.

Prints, measured in one run:
* rows per second of `partials.classroom.grading.grade` over 1,000 rows (right and
  wrong answers to the seed problems, in several notations), across all
  cores, after start-up (the first row of each problem in each worker, which
  computes the answer key, is included: it is part of grading);
* the baseline: a naive checker, `sympy.simplify(answer - key) == 0` on the
  fully substituted expressions, in one process, on a sample of the rows;
* the ratio of the two, and peak memory (parent, and the largest worker).

    python bench/check.py [--rows 1000] [--jobs N] [--baseline-rows 40]
"""
from __future__ import annotations

import argparse
import os
import random
import resource
import sys
import tempfile
import time
from pathlib import Path

SET = '''title = "Benchmark set"
topic = "benchmark"

[[problem]]
id = "composite"
text = "z = u^2 ln v, u = y/x, v = x^2 + y^2"
tags = ["chain-rule"]
difficulty = 1
answers = { "∂z/∂x" = "2u ln v·(-y/x^2) + u^2/v·2x", "∂z/∂y" = "2u ln v/x + 2u^2 y/v" }

[[problem]]
id = "exponential"
text = "z = e^(uv), u = ln[√(x^2+y^2)], v = arctan(y/x)"
tags = ["chain-rule"]
difficulty = 2
answers = { "∂z/∂x" = "e^(uv) (xv - yu)/(x^2+y^2)" }

[[problem]]
id = "abstract"
text = "z = f(x+y, xy)"
tags = ["abstract"]
difficulty = 2
answers = { "z_x" = "f1' + y f2'", "z_xy" = "f11'' + (x+y) f12'' + xy f22'' + f2'" }

[[problem]]
id = "implicit"
text = "e^z = xyz"
tags = ["implicit"]
difficulty = 2
answers = { "∂z/∂x" = "yz/(e^z - xy)" }

[[problem]]
id = "implicit-abstract"
text = "F(yz, y + xz) = 0"
tags = ["implicit"]
difficulty = 3
answers = { "∂z/∂y" = "-(zF'1 + F'2)/(yF'1 + xF'2)" }
'''

# (problem column, answer) pairs: right and wrong, in several notations
ANSWERS = [
    ("composite", "az/ax = 2u ln v·(-y/x^2) + u^2/v·2x"),
    ("composite", "az/ax = 2ulnv - y/x^2"),
    ("composite", "∂z/∂x = -2y^2/x^3 ln(x^2+y^2) + 2y^2/(x(x^2+y^2))"),
    ("composite", "∂z/∂x = 2u ln v·(-y/x^2)"),
    ("composite ∂z/∂y", "2u ln v/x + 2u^2 y/v"),
    ("composite ∂z/∂y", "2y ln(x^2+y^2)/x^2"),
    ("exponential", "∂z/∂x = e^(uv) (xv - yu)/(x^2+y^2)"),
    ("exponential", "∂z/∂x = e^(uv)(xv + yu)/(x^2+y^2)"),
    ("abstract z_x", "f1' + y f2'"),
    ("abstract z_x", "f1' + f2'"),
    ("abstract z_xy", "f11'' + (x+y) f12'' + xy f22'' + f2'"),
    ("abstract z_xy", "f11'' + 2(x+y) f12'' + xy f22'' + f2'"),
    ("implicit", "z_x = yz/(e^z - xy)"),
    ("implicit", "z_x = z/(xz - x)"),
    ("implicit", "z_x = -yz/(e^z - xy)"),
    ("implicit-abstract", "∂z/∂y = -(zF'1 + F'2)/(yF'1 + xF'2)"),
    ("implicit-abstract", "∂z/∂y = -F'2/(yF'1 + xF'2)"),
    ("implicit", "z_x = yz/(e^z - "),
]


def make_rows(count: int, rng: random.Random) -> list[tuple[str, str, str]]:
    """Rows whose answers are nearly all different texts: 40% the pool as
    typed with random spacing and multiplication signs (re-read each time),
    30% a wrong answer off by a random constant factor, 30% a wrong answer
    with a random extra term (these two go through the whole diagnosis)."""
    rows = []
    for k in range(count):
        problem, answer = rng.choice(ANSWERS)
        label, _, body = answer.rpartition("=") if "=" in answer else ("", "", answer)
        label = label + "=" if label else ""
        roll = rng.random()
        if roll < 0.4:
            body = body.replace(" ", " " * rng.randint(0, 2)).replace("·", rng.choice(["·", "*", " "]))
        elif roll < 0.7:
            body = f"{rng.randint(2, 60)}/{rng.randint(61, 99)}·({body})"
        else:
            body = f"{body} + {rng.randint(2, 99)}x/{rng.randint(2, 99)}"
        rows.append((f"student{k % 50:02d}", problem, f"{label}{body}"))
    return rows


def write_csv(rows, path: Path) -> None:
    import csv

    with open(path, "w", newline="", encoding="utf-8") as stream:
        writer = csv.writer(stream)
        writer.writerow(["student", "problem", "answer"])
        writer.writerows(rows)


def naive_baseline(exercises, rows, sample: int) -> tuple[float, int]:
    """simplify(answer - key) == 0 with everything substituted, one process."""
    import sympy

    from partials.assessment.checker import prepare
    from partials.core.errors import PartialsError
    from partials.classroom.grading import Row, _target_of
    from partials.reading.reader import read_answer

    done, spent = 0, 0.0
    for index, (student, problem, answer) in enumerate(rows[:sample]):
        started = time.process_time()
        try:
            text, of, target = _target_of(exercises, Row(index, student, problem, answer))
            prepared = prepare(text, target, of=of)
            _, expr = read_answer(answer, prepared.problem)
        except PartialsError:
            continue  # only rows the naive checker can check are counted and timed
        for _ in range(len(prepared.problem.definitions) + 1):
            expr = expr.xreplace(prepared.problem.definitions)
        sympy.simplify(expr - prepared.explicit) == 0
        spent += time.process_time() - started
        done += 1
    return done / spent, done


def steady_state(exercises, rows) -> float:
    """Rows per CPU-second of grade_row in this process once every answer key
    is prepared (the first tenth of the rows warms the caches), with the
    verdict and answer caches cleared so that every row is checked afresh."""
    from partials.assessment import checker
    from partials.classroom import grading

    skip = len(rows) // 10
    for row in rows[:skip]:
        grading.grade_row(exercises, row)
    checker._answers_read.clear()
    checker._verdicts.clear()
    started = time.process_time()
    for row in rows[skip:]:
        grading.grade_row(exercises, row)
    return (len(rows) - skip) / (time.process_time() - started)


def reading_share(exercises, rows) -> float:
    """CPU seconds per row spent in the reader alone (the same rows)."""
    from partials.assessment.checker import problem_of
    from partials.core.errors import PartialsError
    from partials.reading.reader import read_answer

    skip = len(rows) // 10
    started = time.process_time()
    for row in rows[skip:]:
        exercise = exercises.get(row.problem.replace(":", " ").partition(" ")[0])
        if exercise is None:
            continue
        try:
            read_answer(row.answer, problem_of(exercise[0], exercise[1]))
        except PartialsError:
            pass
    return (time.process_time() - started) / (len(rows) - skip)


def _cpu(who) -> float:
    usage = resource.getrusage(who)
    return usage.ru_utime + usage.ru_stime


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1000)
    parser.add_argument("--jobs", type=int, default=None)
    parser.add_argument("--baseline-rows", type=int, default=40)
    args = parser.parse_args()

    import partials  # noqa: F401 - start-up: imports
    from partials.classroom import grading

    rng = random.Random(2026)
    rows = make_rows(args.rows, rng)
    with tempfile.TemporaryDirectory() as tmp:
        set_path, csv_path = Path(tmp, "set.toml"), Path(tmp, "answers.csv")
        set_path.write_text(SET, encoding="utf-8")
        write_csv(rows, csv_path)

        load = os.getloadavg()[0]
        children_before = _cpu(resource.RUSAGE_CHILDREN)
        started, started_cpu = time.perf_counter(), time.process_time()
        exercises = grading.load_exercises(set_path)
        parsed = grading.read_rows(csv_path.read_text(encoding="utf-8"))
        stamps = []
        graded = grading.grade(exercises, parsed, jobs=args.jobs, progress=lambda done, total: stamps.append(time.perf_counter()))
        elapsed = time.perf_counter() - started
        cpu = time.process_time() - started_cpu + _cpu(resource.RUSAGE_CHILDREN) - children_before

    rate = len(graded) / elapsed
    cpu_rate = len(graded) / cpu
    skip = len(stamps) // 10  # start-up: the first tenth of the rows (answer keys, test points)
    after_startup = (len(stamps) - skip) / (stamps[-1] - stamps[skip - 1]) if skip else rate
    steady_cpu_rate = steady_state(exercises, parsed)
    reading = reading_share(exercises, parsed)
    statuses = {}
    for item in graded:
        statuses[item.status] = statuses.get(item.status, 0) + 1
    baseline_rate, baseline_done = naive_baseline(exercises, rows, args.baseline_rows)
    jobs = args.jobs or os.cpu_count()
    usable = min(jobs, os.cpu_count() or 1)

    parent = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    worker = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"rows graded            {len(graded)} with {jobs} worker(s) on {os.cpu_count()} core(s), load average {load:.1f} at start")
    print("verdicts               " + ", ".join(f"{k}: {v}" for k, v in sorted(statuses.items())))
    print(f"grading, wall clock    {elapsed:.2f} s, {rate:.0f} rows/s (target >= 200; other processes share the cores)")
    print(f"  after start-up       {after_startup:.0f} rows/s (wall clock, rows after the first tenth)")
    print(f"grading, CPU time      {cpu:.2f} s in all processes, {cpu_rate:.0f} rows per CPU-second with start-up")
    print(f"steady state           {steady_cpu_rate:.0f} rows per CPU-second in one process after start-up, "
          f"so {steady_cpu_rate * usable:.0f} rows/s on {usable} idle core(s)")
    print(f"  of which reading     {reading * 1000:.1f} ms per row (partials.reading.reader.read_answer alone), "
          f"{reading * steady_cpu_rate:.0%} of the time")
    print(f"naive baseline         {baseline_rate:.1f} rows per CPU-second "
          f"(simplify(answer - key) == 0, 1 process, {baseline_done} rows)")
    print(f"ratio                  {cpu_rate / baseline_rate:.1f}x the baseline per CPU-second")
    print(f"peak memory            parent {parent:.0f} MB, largest worker {worker:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
