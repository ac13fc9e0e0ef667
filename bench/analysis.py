"""Time `partials analyze` per property and per report, over the classics.

Run:  PYTHONPATH=. python bench/analysis.py
Prints, for each function, the seconds of the whole report (wall clock and
CPU time of this process: on a busy machine the two differ), the ratio to a
smooth control measured in the same run, and the slowest property (the
budget: each property < 1 s, a report < 2 s).  Each property's SymPy calls
get 0.8 s of CPU time (partials/assessment/analysis/deadline.py); past it, undecided."""
from __future__ import annotations

import time

from partials.assessment.analysis.analyze import analyze

P = "(x,y) ≠ (0,0); 0, (x,y) = (0,0)"
FUNCTIONS = [
    "f(x,y) = x^2 + y^2",  # the baseline: a smooth control
    f"f(x,y) = xy/(x^2+y^2), {P}",
    f"f(x,y) = xy/√(x^2+y^2), {P}",
    "f(x,y) = √|xy|",
    "f(x,y) = |x| + |y|",
    f"f(x,y) = (x^2+y^2)sin(1/√(x^2+y^2)), {P}",
    f"f(x,y) = (x^2+y^2)sin(1/(x^2+y^2)), {P}",
    f"f(x,y) = xy(x^2-y^2)/(x^2+y^2), {P}",
    f"f(x,y) = x^2 y/(x^4+y^2), {P}",
    "f(x,y) = sin(x^2+y^2)/(x^2+y^2), f(0,0) = 1",
    "f(x,y) = ∛(x^3+y^3)",
]


def main() -> None:
    rows = []
    for text in FUNCTIONS:
        started, cpu = time.perf_counter(), time.process_time()
        report = analyze(text)
        total, cpu = time.perf_counter() - started, time.process_time() - cpu
        slowest = max(report.seconds.items(), key=lambda item: item[1])
        rows.append((text, total, cpu, slowest, len(report.undecided())))
    baseline = rows[0][1]
    print(f"{'report s':>9} {'cpu s':>6} {'ratio':>6} {'slowest property':>28} {'undecided':>9}  function")
    for text, total, cpu, (name, seconds), undecided in rows:
        print(f"{total:9.2f} {cpu:6.2f} {total / baseline:6.1f} {name:>20} {seconds:6.2f}s {undecided:9d}  {text}")
    worst = max(rows, key=lambda row: row[1])
    print(f"slowest report: {worst[1]:.2f} s ({worst[0]}); slowest property: "
          f"{max(r[3][1] for r in rows):.2f} s; total CPU {sum(r[2] for r in rows):.2f} s")


if __name__ == "__main__":
    main()
