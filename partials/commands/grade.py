"""`partials grade SET.toml ANSWERS.csv [-o report.csv]`: grade a class.

Every row of ANSWERS.csv (student, problem, answer) gets a verdict, checked
in worker processes across the machine's cores with a time limit and a
memory cap per row; the score per student is printed at the end.
"""
import sys
from pathlib import Path

from partials.core.errors import PartialsError


def add_arguments(parser) -> None:
    parser.add_argument("problem_set", metavar="SET.toml", help="the problem set the answers refer to")
    parser.add_argument("answers", metavar="ANSWERS.csv", help="rows of student, problem, answer")
    parser.add_argument("-o", "--output", metavar="REPORT.csv", help="write one verdict per row here (default: standard output)")
    parser.add_argument("--jobs", type=int, default=None, help="worker processes (default: one per core)")
    parser.add_argument("--timeout", type=float, default=None, help="seconds allowed per row (default 20)")
    parser.add_argument("--memory", type=int, default=None, metavar="MB", help="memory a worker may add, in MB (default 768)")
    parser.add_argument("--seed", type=int, default=0, help="seed of the random test points")


def run(args) -> int:
    from partials.classroom import grading

    exercises = grading.load_exercises(args.problem_set)
    try:
        text = Path(args.answers).read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        raise PartialsError(f"cannot read {args.answers}: {error}") from None
    rows = grading.read_rows(text)
    options = {"seed": args.seed}
    if args.timeout is not None:
        options["timeout"] = args.timeout
    if args.memory is not None:
        options["memory_mb"] = args.memory
    graded = grading.grade(exercises, rows, jobs=args.jobs, progress=grading.progress_bar(), **options)
    if args.output:
        with open(args.output, "w", newline="", encoding="utf-8") as stream:
            grading.write_report(graded, stream)
    else:
        grading.write_report(graded, sys.stdout)
    summary = sys.stderr if not args.output else sys.stdout
    print("score per student:", file=summary)
    for student, (right, total) in sorted(grading.scores(graded).items()):
        print(f"  {student}: {right}/{total}", file=summary)
    return 0
