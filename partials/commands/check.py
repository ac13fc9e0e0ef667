"""`partials check TEXT [--of NAME] --d VAR [--d VAR] --answer ANSWER [--seed N] [--json]`.

Exit status: 0 right, 1 wrong, 2 the input cannot be understood, 3 the
checker could not decide (too few points where both expressions are
defined) or the check was too expensive.
"""
import json

from ..errors import PartialsError


def add_arguments(parser) -> None:
    parser.add_argument("text", metavar="TEXT", help="the problem, e.g. \"z = u^2 ln v, u = y/x, v = x^2 + y^2\"")
    parser.add_argument("--of", metavar="NAME", help="the variable differentiated (default: the dependent one)")
    parser.add_argument("--d", metavar="VAR", action="append", default=[], help="differentiate by VAR (twice for a second order)")
    parser.add_argument("--target", metavar="DERIVATIVE", help="the derivative asked, in any notation (∂z/∂x, z_xy, az/ax), instead of --of/--d")
    parser.add_argument("--answer", metavar="ANSWER", required=True, help="the answer to check, e.g. \"az/ax = 2u ln v·(-y/x^2) + …\"")
    parser.add_argument("--seed", metavar="N", type=int, default=0, help="seed of the random test points (same seed, same verdict)")
    parser.add_argument("--json", action="store_true", help="print the verdict as JSON")
    parser.epilog = "exit status: 0 right, 1 wrong, 2 cannot understand, 3 could not decide or too expensive"


def run(args) -> int:
    from ..checker import check

    verdict = check(args.text, _target(args), args.answer, of=args.of, seed=args.seed)
    if args.json:
        print(json.dumps(verdict.as_dict(), ensure_ascii=False, indent=2))
    else:
        if verdict.interpreted:
            print(f"interpreted as: {verdict.interpreted}")
        print(verdict.message)
        for name, description in (verdict.counterexample or {}).get("functions", {}).items():
            print(f"  with {description}")
    return verdict.exit_code


def _target(args):
    from ..notation import Target
    from ..symbols import variable

    if args.target:
        if args.d:
            raise PartialsError("give the derivative either with --target or with --d, not both")
        return args.target
    if not args.d:
        raise PartialsError("say which derivative the answer is: --d VAR (or --target ∂z/∂x)")
    of = args.of
    if of is None:
        from ..engine import default_of
        from ..reader import read_problem

        of = default_of(read_problem(args.text))
    return Target(variable(str(of)), tuple(variable(d) for d in args.d))


def too_expensive(args, error) -> int:
    """Past the budget (partials.budget): the verdict "too expensive", exit 3."""
    from ..checker import TOO_EXPENSIVE, Verdict

    verdict = Verdict(None, error.message.replace("too expensive", "too expensive to check", 1), status=TOO_EXPENSIVE)
    print(json.dumps(verdict.as_dict(), ensure_ascii=False, indent=2) if args.json else verdict.message)
    return verdict.exit_code
