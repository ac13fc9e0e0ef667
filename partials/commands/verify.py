"""`partials verify TEXT "IDENTITY"`: does an identity among partial derivatives hold?

Exit status 0 when it holds, 1 when it does not (a counterexample is shown),
2 when the problem or the identity cannot be understood or decided."""
from __future__ import annotations

import json

from partials.assessment.verify import verify


def add_arguments(parser) -> None:
    parser.add_argument("text", help='the problem, e.g. "z = y/f(x^2 - y^2)"')
    parser.add_argument("identity", help='the identity, e.g. "(1/x) z_x + (1/y) z_y = z/y^2"')
    parser.add_argument("--of", help="the variable the problem is about, when the roles are ambiguous")
    parser.add_argument("--steps", action="store_true", help="show the derivation")
    parser.add_argument("--json", action="store_true", help="print the verdict as JSON")
    parser.add_argument("--seed", type=int, default=0, help="seed for the random test points")


def run(args) -> int:
    from partials.reading.reader import read_problem

    problem = read_problem(args.text, of=args.of)
    verdict = verify(problem, args.identity, seed=args.seed)
    if args.json:
        print(json.dumps(verdict.as_dict(), ensure_ascii=False, indent=2))
    elif args.steps:
        print(verdict.text)
    else:
        print(verdict.message)
    return verdict.exit_code
