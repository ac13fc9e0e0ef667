"""Parser benchmark: start-up of `partials parse` against `import sympy`, and parses per second.

    python bench/parse.py [--repeat N]

Both start-up figures are measured in this run, as whole processes, so the
ratio is independent of the machine's speed."""
import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from partials.classroom.examples import SEED_PROBLEMS  # noqa: E402

SEEDS = list(SEED_PROBLEMS.values())


def process_seconds(arguments, repeat):
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        subprocess.run(arguments, check=True, capture_output=True)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def parses_per_second(seconds=3.0):
    from partials.reading.reader import read_problem

    for text in SEEDS:  # warm up: grammar load, SymPy caches
        read_problem(text)
    count, started = 0, time.perf_counter()
    while time.perf_counter() - started < seconds:
        read_problem(SEEDS[count % len(SEEDS)])
        count += 1
    return count / (time.perf_counter() - started)


def main():
    options = argparse.ArgumentParser(description=__doc__)
    options.add_argument("--repeat", type=int, default=7)
    repeat = options.parse_args().repeat
    baseline = process_seconds([sys.executable, "-c", "import sympy"], repeat)
    ours = process_seconds([sys.executable, "-m", "partials", "parse", SEEDS[0]], repeat)
    rate = parses_per_second()
    print(f"python -c 'import sympy'       {baseline * 1000:7.1f} ms (median of {repeat})")
    print(f"partials parse <seed 1>          {ours * 1000:7.1f} ms   ratio {ours / baseline:.2f}x  (target ≤ 1.25x)")
    print(f"parses per second, seed problems {rate:7.0f} /s     (target ≥ 1,000/s)")


if __name__ == "__main__":
    main()
