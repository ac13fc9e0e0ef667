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


# A statement of about 500 characters as people paste it: a label, Chinese
# prose, LaTeX, relations, hypotheses, a constant, several targets and a point.
STATEMENT = (
    "例3.（复合函数求导）设 $z = u^{2}\\ln v + \\mathrm{e}^{uv}\\sin(w) + a\\sqrt{u^{2}+v^{2}}$，"
    "而 $u = \\dfrac{y}{x}$，$v = x^{2} + y^{2}$，$w = \\arctan\\frac{y}{x} + \\ln\\left(1 + x^{2}y^{2}\\right)$，"
    "其中 a 为常数，f 具有二阶连续偏导数，且 x > 0，y > 0。"
    "试求 $\\dfrac{\\partial z}{\\partial x}$，$\\dfrac{\\partial z}{\\partial y}$ 及 "
    "$\\dfrac{\\partial^{2} z}{\\partial x \\partial y}$ 在点 (1, 2) 处的值，"
    "并求 x ∂z/∂x + y ∂z/∂y。Let z be as above; where x, y are independent variables, "
    "find the partial derivatives and the total differential dz at the point (1, 2). 要过程，谢谢！"
)


def statement_milliseconds(repeat=50):
    """Median time to read the statement into a Problem (after start-up and one warm-up read),
    against reading its bare relations with read_problem in the same run."""
    from partials.reading.reader import read_problem
    from partials.reading.statement.reader import read_statement
    from partials.assessment.statement_solving import problem_of

    def read_whole():
        statement = read_statement(STATEMENT)
        return problem_of(statement), statement

    _, statement = read_whole()
    bare = statement.problem_text.text
    read_problem(bare)
    whole, plain = [], []
    for _ in range(repeat):
        started = time.perf_counter()
        read_whole()
        whole.append(time.perf_counter() - started)
        started = time.perf_counter()
        read_problem(bare)
        plain.append(time.perf_counter() - started)
    return statistics.median(whole) * 1000, statistics.median(plain) * 1000


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
    whole, plain = statement_milliseconds()
    print(f"a {len(STATEMENT)}-character statement     {whole:7.1f} ms   (target < 20 ms after start-up; "
          f"its bare relations alone {plain:.1f} ms, ratio {whole / plain:.1f}x)")


if __name__ == "__main__":
    main()
