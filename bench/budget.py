"""Benchmark: the worst inputs found by outside testing, each run as a whole
`partials` process under /usr/bin/time -v, against a trivial command run in
the same session (the baseline: start-up plus a two-term derivative).

Prints, per input: exit status (0 done, 3 too expensive), wall time, peak
resident memory (the largest of the command and its worker), and the ratio
of its wall time to the baseline's.  Every input must end within the budget
(--timeout, default 10 s) plus start-up, with exit status 0, 2 or 3 and
no traceback.

    python bench/budget.py [--timeout SECONDS] [--only SUBSTRING]
"""
from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LETTERS = "abcdfghjmn"  # ten intermediates (no e, no i: Euler's number and the imaginary unit)


def _ten_used_five_times() -> str:
    """Ten intermediates, each in five of ten products of five (cyclic windows)."""
    terms = ["".join(LETTERS[(k + j) % 10] for j in range(5)) for k in range(10)]
    definitions = [f"{name} = ln(x + {k + 1}y)" for k, name in enumerate(LETTERS)]
    return "z = " + " + ".join(" ".join(term) for term in terms) + ", " + ", ".join(definitions)


def _chain_used_five_times() -> str:
    """Ten intermediates, each used five times by the next (7 s in tidy's
    powsimp before MAX_POWSIMP_NODES)."""
    definitions = ["a = x y + x + y + x^2 + y^2"]
    for previous, name in zip(LETTERS, LETTERS[1:]):
        p = previous
        definitions.append(f"{name} = {p} + {p}^2 + sin({p}) + e^{p} + {p} x")
    return f"z = {LETTERS[-1]} + {LETTERS[-1]}^2, " + ", ".join(definitions)


def _tidy_cliff(n: int) -> str:
    """z = u₁⋯uₙ with u_k = ln(x + ky), the intermediates named u_1 … u_n."""
    names = [f"u_{k}" for k in range(1, n + 1)]
    return "z = " + " ".join(names) + ", " + ", ".join(f"{u} = ln(x + {k}y)" for k, u in enumerate(names, 1))


CASES = [
    ("baseline: solve z = x^2 y", ["solve", "z = x^2 y"]),
    ("check --answer e^e^e^e^e^y", ["check", "z = x^2 y", "--d", "x", "--answer", "e^e^e^e^e^y"]),
    ("check (x+y+z)^999, right answer", ["check", "w = (x+y+z)^999", "--d", "x", "--answer", "999(x+y+z)^998"]),
    ("check (x+y+z)^999, wrong answer", ["check", "w = (x+y+z)^999", "--d", "x", "--answer", "998(x+y+z)^998"]),
    ("solve 2^(2^(2^(2^(x+y))))", ["solve", "z = 2^(2^(2^(2^(x+y))))"]),
    ("check 2^(2^(2^(2^(x+y))))", ["check", "z = 2^(2^(2^(2^(x+y))))", "--d", "x", "--answer", "2^(2^(2^(2^(x+y))))"]),
    ("solve z = x^y at x=y=10^60", ["solve", "z = x^y", "--at", "x=10^60,y=10^60"]),
    ("solve z = x^(x^(x^y)) at (10, 10)", ["solve", "z = x^(x^(x^y))", "--at", "x=10,y=10"]),
    ("solve e^(e^(e^(e^(xy)))) at (2, 2)", ["solve", "z = e^(e^(e^(e^(xy))))", "--at", "x=2,y=2"]),
    ("graph b = a^a, c = b^b, d = c^c at a=3", ["graph", "b = a^a, c = b^b, d = c^c", "--at", "a=3"]),
    ("solve ten intermediates used five times", ["solve", _ten_used_five_times(), "--d", "x"]),
    ("solve a chain of ten, each used five times", ["solve", _chain_used_five_times(), "--d", "x"]),
    ("solve tidy cliff n = 20", ["solve", _tidy_cliff(20), "--d", "x"]),
    ("solve tidy cliff n = 21", ["solve", _tidy_cliff(21), "--d", "x"]),
    ("solve --memory 1", ["solve", "z = x^2 y", "--memory", "1"]),
]


def measure(arguments: list, timeout: float | None) -> dict:
    command = ["/usr/bin/time", "-v", sys.executable, "-m", "partials", *arguments]
    if timeout is not None and arguments[0] != "baseline":
        command += ["--timeout", f"{timeout:g}"]
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    started = time.perf_counter()
    result = subprocess.run(command, capture_output=True, text=True, env=env, cwd=ROOT)
    wall = time.perf_counter() - started
    peak = re.search(r"Maximum resident set size \(kbytes\): (\d+)", result.stderr)
    status = re.search(r"Exit status: (\d+)", result.stderr)
    program_err = "\n".join(line for line in result.stderr.split("\tCommand being timed")[0].splitlines()
                            if not line.startswith("Command exited with non-zero status"))
    return {
        "status": int(status.group(1)) if status else result.returncode,
        "wall": wall,
        "peak_mb": int(peak.group(1)) / 1024 if peak else float("nan"),
        "traceback": "Traceback" in program_err,
        "said": (result.stdout.strip().splitlines() or program_err.strip().splitlines() or [""])[-1][:70],
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--timeout", type=float, default=None, help="--timeout passed to every command (default: theirs)")
    parser.add_argument("--only", default="", help="run only the cases whose name contains this")
    options = parser.parse_args()
    if not Path("/usr/bin/time").exists():
        print("needs /usr/bin/time (Debian: apt-get install time)", file=sys.stderr)
        return 2
    load = os.getloadavg()[0]
    print(f"{len(CASES)} inputs, load average {load:.1f} at start, timeout {options.timeout or 'default (10 s)'}")
    first = measure(CASES[0][1], None)
    baseline = first["wall"]
    print(f"{'input':44} {'exit':>4} {'wall s':>7} {'ratio':>6} {'peak MB':>8}  last line")
    failures = 0
    for number, (name, arguments) in enumerate(CASES):
        if number and options.only not in name:
            continue
        row = first if number == 0 else measure(arguments, options.timeout)
        bad = row["traceback"] or row["status"] not in (0, 1, 2, 3)
        failures += bad
        print(f"{name[:44]:44} {row['status']:>4} {row['wall']:>7.2f} {row['wall'] / baseline:>5.1f}x "
              f"{row['peak_mb']:>8.0f}  {'TRACEBACK ' if row['traceback'] else ''}{row['said']}")
    print(f"baseline wall time {baseline:.2f} s; {failures} input(s) with a traceback or an unexpected exit status")
    return 1 if failures else 0


if __name__ == "__main__":
    raise SystemExit(main())
