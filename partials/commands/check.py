"""`partials check TEXT [--of NAME] --d VAR [--d VAR] --answer ANSWER [--at POINT] [--seed N] [--json]`
(or `--target ∂²z/∂x∂y`, `--target dz` for a total differential dz = P dx + Q dy).
`partials check TEXT --claim "连续但不可微"` and `partials check --choices item.toml [--answer C]`:
claims about a function at a point, checked against `partials analyze`.

Exit status: 0 right, 1 wrong, 2 the input cannot be understood, 3 the
checker could not decide (too few points where both expressions are
defined) or the check was too expensive.
"""
import json

from partials.commands.claims import add_claim_arguments
from partials.core.errors import PartialsError


def add_arguments(parser) -> None:
    parser.add_argument("text", metavar="TEXT", nargs="?", help="the problem, e.g. \"z = u^2 ln v, u = y/x, v = x^2 + y^2\"")
    parser.add_argument("--of", metavar="NAME", help="the variable differentiated (default: the dependent one)")
    parser.add_argument("--d", metavar="VAR", action="append", default=[], help="differentiate by VAR (twice for a second order)")
    parser.add_argument("--target", metavar="DERIVATIVE", help="the derivative asked, in any notation (∂z/∂x, z_xy, az/ax, dz for the total differential), "
                        "instead of --of/--d (with neither: the one written on the answer's left)")
    parser.add_argument("--answer", metavar="ANSWER", help="the answer to check, e.g. \"az/ax = 2u ln v·(-y/x^2) + …\"")
    parser.add_argument("--at", metavar="POINT", help="the answer is the value at this point, e.g. x=1,y=2 (values like 1/2, √2, π/4); with --claim: the point")
    parser.add_argument("--seed", metavar="N", type=int, default=0, help="seed of the random test points (same seed, same verdict)")
    parser.add_argument("--json", action="store_true", help="print the verdict as JSON")
    parser.add_argument("--lang", choices=("en", "zh"), default="en", help="with --claim/--choices: the language")
    add_claim_arguments(parser)
    parser.epilog = "exit status: 0 right, 1 wrong, 2 cannot understand, 3 could not decide or too expensive"


def run(args) -> int:
    from partials.commands.claims import refuse_mixed, run_choices, run_claims

    refuse_mixed(args)
    if args.choices:
        if args.text:
            raise PartialsError("with --choices the function is in the file: give no TEXT")
        return run_choices(args.choices, args.answer, args.lang, args.json)
    if not args.text:
        raise PartialsError("give the problem TEXT (or --choices FILE)")
    if args.claim:
        return run_claims(args.text, args.at, args.claim, args.lang, args.json)
    if args.answer is None:
        raise PartialsError("give the answer to check: --answer ANSWER (or a --claim about a function at a point)")
    if getattr(args, "const", None):  # the sampler gives values to variables only (partials.model.parameters)
        raise PartialsError("check --const is not supported yet",
                            hint="partials solve --const m shows the derivative with the constants kept")
    verdict = verdict_of(args)
    if args.json:
        print(json.dumps(verdict.as_dict(), ensure_ascii=False, indent=2))
    else:
        if verdict.interpreted:
            print(f"interpreted as: {verdict.interpreted}")
        print(verdict.message)
        for description in (verdict.counterexample or {}).get("functions", {}).values():
            print(f"  with {description}")
    return verdict.exit_code


def verdict_of(args):
    """The verdict; its as_dict() is what --json prints (and the web API answers)."""
    from partials.assessment.checker import check
    from partials.assessment.statement_solving import statement_for

    statement = statement_for(args.text, of=args.of)
    if statement is not None:  # a whole pasted statement: relations, point and target from the text
        from partials.assessment.statement_checking import check_statement

        return check_statement(statement, args)
    return check(args.text, _target(args), args.answer, of=args.of, seed=args.seed, at=args.at)


def _target(args):
    from partials.model.notation import Target
    from partials.core.symbols import symbol_named

    if args.target:
        if args.d:
            raise PartialsError("give the derivative either with --target or with --d, not both")
        return args.target
    if not args.d:
        labelled = _labelled_target(args)
        if labelled is None:
            raise PartialsError("say which derivative the answer is: --d VAR (or --target ∂z/∂x)")
        return labelled
    of = args.of
    if of is None:
        from partials.calculus.engine import default_of
        from partials.reading.reader import read_problem

        of = default_of(read_problem(args.text))
    return Target(symbol_named(str(of)), tuple(symbol_named(d) for d in args.d))


def _labelled_target(args):
    """The derivative the answer names on its left (az/ax = …, dz = …), when
    neither --d nor --target is given; None if it names none."""
    from partials.assessment.checker import problem_of
    from partials.assessment.written_answers import label_of
    from partials.assessment.written_differentials import labelled_differential

    problem = problem_of(args.text, args.of)
    differential = labelled_differential(args.answer, problem)
    if differential is not None:
        return differential
    try:
        return label_of(args.answer, problem)
    except PartialsError:
        return None


def too_expensive(args, error) -> int:
    """Past the budget (partials.core.bounded): the verdict "too expensive", exit 3."""
    from partials.assessment.checker import TOO_EXPENSIVE, Verdict

    verdict = Verdict(None, error.message.replace("too expensive", "too expensive to check", 1), status=TOO_EXPENSIVE)
    print(json.dumps(verdict.as_dict(), ensure_ascii=False, indent=2) if args.json else verdict.message)
    return verdict.exit_code
