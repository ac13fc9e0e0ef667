"""`partials grade SET.toml ANSWERS.csv [-o report.csv]`: grade a class.

Every row of ANSWERS.csv (student, problem, answer) gets a verdict, checked
in worker processes across the machine's cores within the budget per row
(--timeout, --memory); the score per student is printed at the end.
"""
import sys
from pathlib import Path

from partials.core.errors import PartialsError

BUDGET = "own"  # the budget is per row, spent in the grading workers (partials.classroom.grading)


def add_arguments(parser) -> None:
    from partials.core.bounded import jobs_option
    from partials.commands.options import add_budget_arguments, usage

    parser.add_argument("problem_set", metavar="SET.toml", help="the problem set the answers refer to")
    parser.add_argument("answers", metavar="ANSWERS.csv", help="rows of student, problem, answer")
    parser.add_argument("-o", "--output", metavar="REPORT.csv", help="write one verdict per row here (default: standard output)")
    parser.add_argument("--jobs", type=usage(jobs_option), default=None, help="worker processes (default: one per core)")
    parser.add_argument("--seed", type=int, default=0, help="seed of the random test points")
    add_budget_arguments(parser, per="each row")


def run(args) -> int:
    from partials.classroom import grading
    from partials.core.outputs import writable_file

    output = writable_file(args.output) if args.output else None
    exercises = grading.load_exercises(args.problem_set)
    try:
        data = Path(args.answers).read_bytes()
    except OSError as error:
        raise PartialsError(f"cannot read {args.answers}: {error.strerror or error}") from None
    rows = grading.read_rows(grading.decode_answers(data))
    graded = grading.grade(exercises, rows, jobs=args.jobs, progress=grading.progress_bar(), seed=args.seed,
                           timeout=args.timeout, memory_mb=args.memory)
    if output is not None:
        try:
            with open(output, "w", newline="", encoding="utf-8") as stream:
                grading.write_report(graded, stream)
        except OSError as error:
            raise PartialsError(f"cannot write the report to {args.output}: {error.strerror or error}") from None
    else:
        grading.write_report(graded, sys.stdout)
    summary = sys.stderr if not args.output else sys.stdout
    print("score per student:", file=summary)
    for student, (right, total) in sorted(grading.scores(graded).items()):
        print(f"  {student}: {right}/{total}", file=summary)
    return 0
