"""partials solve TEXT [--of NAME] [--d VAR]... [--d2 VAR VAR]... [--at x=1,y=2]
                     [--total] [--explicit] [--arguments] [--latex | --ascii] [--steps] [--lang en|zh]
                     [--json]"""
from __future__ import annotations

import json

import sympy

from partials.calculus.smoothness import not_smooth_reason
from partials.core.errors import PartialsError

DESCRIPTION = """\
Partial derivatives of a problem typed as in a textbook.

Each --d VAR asks for one first-order derivative, each --d2 A B for one
second-order derivative (by A, then by B); they can be mixed and repeated.
With neither, the derivatives written in the text are solved (z = y^lnx,
∂²z/∂x²), or else every first partial of the dependent variable(s).
--total prints the total differential dz = z_x dx + z_y dy instead.
--explicit adds, under each answer, the same derivative in the independent
variables only:  ∂z/∂x = 2u²x/v − 2uy ln v/x²
                       = 2y²(x² − (x² + y²) ln(x²+y²))/(x³(x² + y²))  (in x, y)
--arguments writes out the arguments of abstract functions: f₁′(x+y, xy).
--ascii prints plain ASCII, --lang zh writes the --steps captions in Chinese;
bold and box drawing only on a terminal (not when piped, nor with NO_COLOR).
--at evaluates at a point: exactly where possible, else as a decimal; the
value of an implicit unknown may be given (--at x=1,y=1,z=2) or is found.

examples:
  partials solve "z=y^lnx" --d2 x x
  partials solve "z = u^2 ln v, u = y/x, v = x^2 + y^2" --d x --d y --explicit
  partials solve "e^z = xyz" --d x --d2 x x --steps --lang zh
  partials solve "x = u cos v, y = u sin v" --of u --d x
  partials solve "z = e^(xy)" --total --at x=1,y=2
"""


def add_arguments(parser) -> None:
    parser.description = DESCRIPTION
    parser.formatter_class = __import__("argparse").RawDescriptionHelpFormatter
    parser.add_argument("text", metavar="TEXT", help="the problem, e.g. \"z = u^2 ln v, u = y/x, v = x^2 + y^2\"")
    parser.add_argument("--of", metavar="NAME", help="the variable to differentiate (default: the dependent one)")
    parser.add_argument("--d", metavar="VAR", action="append", default=[], dest="first",
                        help="one first-order derivative by VAR (repeatable)")
    parser.add_argument("--d2", metavar="VAR", nargs=2, action="append", default=[], dest="second",
                        help="one second-order derivative, by the first VAR then the second (repeatable)")
    parser.add_argument("--at", metavar="POINT", help="evaluate at a point, e.g. x=1,y=2 (values like 1/2, √2, π/4)")
    parser.add_argument("--total", action="store_true", help="the total differential dz = z_x dx + z_y dy")
    parser.add_argument("--explicit", action="store_true", help="also the form in the independent variables only")
    parser.add_argument("--arguments", action="store_true",
                        help="write out the arguments of abstract functions (f₁′(x+y, xy), not f₁′)")
    form = parser.add_mutually_exclusive_group()
    form.add_argument("--latex", action="store_true", help="print LaTeX instead of text")
    form.add_argument("--ascii", action="store_true", help="plain ASCII text (dz/dx, x^2, sqrt(x))")
    parser.add_argument("--steps", action="store_true", help="show the chain-rule steps")
    parser.add_argument("--lang", choices=("en", "zh"), default="en", help="language of the step captions")
    parser.add_argument("--json", action="store_true", help="print one JSON object (see docs/design.md)")


def run(args) -> int:
    from partials.assessment.statement_solving import statement_for

    statement = statement_for(args.text, of=args.of)
    if statement is not None:  # a whole pasted statement: solve what it asks
        from partials.commands.statement_solve import run_statement

        return run_statement(statement, args)
    try:
        problem, point, answer = solved(args)
    except NotSmoothAtPoint as error:
        return _by_definition(error.solution, error.reason, args)
    if args.total:
        return _print_differential(answer, point, args)
    solutions, values = answer
    if args.json:
        print(json.dumps(_json(problem, solutions, values, args), ensure_ascii=False, indent=2))
        return 0
    for k, solution in enumerate(solutions):
        _print_solution(solution, values[k] if values else None, args)
    return 0


class NotSmoothAtPoint(PartialsError):
    """The formula of a derivative is not smooth at the point: the definition decides (exit 3 where it cannot)."""

    exit_code = 3

    def __init__(self, solution, reason: str):
        super().__init__(f"could not decide: {solution.notation} at the point: the formula is not smooth there "
                         f"({reason}); the definition decides: partials analyze")
        self.solution, self.reason = solution, reason

    def __reduce__(self):  # from a budgeted worker: the message and exit status 3, not the Solution
        plain = PartialsError(self.message)
        plain.exit_code = 3
        return plain.__reduce__()


def solved(args):
    """(problem, point or None, answer): the answer is the total differential
    with --total, else (solutions, their values at the point or None)."""
    from partials.reading.reader import read_problem
    from partials.calculus.engine import differentiate, solve_problem, total_differential

    problem = read_problem(args.text, of=args.of)
    point = None
    if args.at:
        from partials.calculus.points import read_point
        from partials.reading.reader import read_assignments

        point = read_point(read_assignments(args.at), problem)
    if args.total:
        return problem, point, total_differential(problem, args.of)
    wanted = [(w,) for w in args.first] + [tuple(pair) for pair in args.second]
    if wanted:
        solutions = [differentiate(problem, args.of, wrt) for wrt in wanted]
    else:
        solutions = solve_problem(problem, (), of=args.of)
    if not solutions:  # z = 5, x = 1: exit 0 with nothing printed would look like an answer
        from partials.core.errors import RoleError

        raise RoleError("there is nothing to differentiate: no variable here depends on another",
                        hint="write what the variable equals in terms of others, e.g. z = x^2 y")
    if point is not None:  # a formula not smooth there (|x| at 0): its value is not the derivative
        for solution in solutions:
            reason = not_smooth_reason(problem, point, solution.wrt)
            if reason:
                raise NotSmoothAtPoint(solution, reason)
    values = [_value_at(s, point) for s in solutions] if point is not None else None
    return problem, point, (solutions, values)


def json_object(args, answered=None) -> dict:
    """The object `--json` prints (the web API answers with the same one);
    `answered` is what solved(args) returned, when the caller has it."""
    problem, point, answer = answered or solved(args)
    if args.total:
        return _differential_json(answer, point)
    solutions, values = answer
    return _json(problem, solutions, values, args)


def _by_definition(solution, reason, args) -> int:
    """The formula is not smooth at the point: a first partial of f(x, y) by the
    definition (partials analyze), else exit 3 saying why there is no value."""
    import sys

    notation = solution.notation
    finding = _definition_finding(solution, args) if not args.json else None
    if finding is None or not finding.decided:
        print(f"partials solve: could not decide: {notation} at {_point_text(args.at)}: the formula is not smooth "
              f"there ({reason}), so its value there is not the derivative; the definition decides: "
              f"partials analyze \"{args.text}\" --at {args.at}", file=sys.stderr)
        return 3
    _print_solution(solution, None, args)
    if finding.verdict:
        print(f"  at {_point_text(args.at)}: {finding.value}  (by the definition: {finding.en})")
    else:
        print(f"  at {_point_text(args.at)}: does not exist  (by the definition: {finding.en})")
    return 0


def _definition_finding(solution, args):
    from partials.assessment.analysis.analyze import analyze
    from partials.assessment.analysis.neighbourhood import Refused
    from partials.assessment.analysis.reading import read_function
    from partials.assessment.analysis.vectors import read_point as read_analysis_point

    if len(solution.wrt) != 1:
        return None
    try:
        function = read_function(args.text)
        if solution.wrt[0] not in function.variables:
            return None
        report = analyze(args.text, read_analysis_point(args.at, function))
    except (PartialsError, Refused):
        return None
    return report.findings["fx" if solution.wrt[0] == function.variables[0] else "fy"]


def _value_at(solution, point):
    """First derivatives accumulated on numbers along the graph
    (partials.calculus.computational_graph, through partials.calculus.points); higher ones from the Solution."""
    if len(solution.wrt) != 1:
        return solution.at(point)
    from partials.calculus.points import derivative_at

    return derivative_at(solution.problem, solution.of, solution.wrt, point)


def _print_solution(solution, value, args) -> None:
    import sys

    from partials.presentation.printing import present, use_colour

    style = _style(args)
    print(present(solution, style, explicit=args.explicit, steps=args.steps, lang=args.lang,
                  terminal=use_colour(sys.stdout), arguments=args.arguments))
    if value is not None:
        print(f"  at {_point_text(args.at)}: {_shown(value, solution.problem, style)}")


def _style(args) -> str:
    return "latex" if args.latex else "ascii" if args.ascii else "text"


def _print_differential(differential, point, args) -> int:
    shown = differential.at(point) if point is not None else differential
    if args.json:
        print(json.dumps(_differential_json(differential, point), ensure_ascii=False, indent=2))
        return 0
    style = _style(args)
    print(shown.render(style))
    if args.explicit and point is None and differential.explicit != differential.expr:
        from partials.presentation.printing import explicit_line

        left, right = differential.render(style, explicit=True).split(" = ", 1)
        print(explicit_line(left, right, differential.problem, style))
    return 0


def _differential_json(differential, point) -> dict:
    shown = differential.at(point) if point is not None else differential
    return {
        "of": str(differential.of),
        "independent": [str(x) for x in differential.variables],
        "differential": differential_json(differential, shown),
    }


def differential_json(differential, shown) -> dict:
    """The `differential` object of `solve --json` (shown: at the point, if any)."""
    return {
        "text": shown.text,
        "latex": shown.latex,
        "kept": sympy.srepr(shown.expr),
        "sympy": sympy.srepr(shown.explicit),
        "partials": [s.to_json() for s in differential.partials],
    }


def _json(problem, solutions, values, args) -> dict:
    ofs = list(dict.fromkeys(str(s.of) for s in solutions))
    results = []
    for k, solution in enumerate(solutions):
        result = solution.to_json()
        if values is not None:
            result["value"] = _shown(values[k], solution.problem, "text")
            result["value_sympy"] = sympy.srepr(values[k])
        results.append(result)
    independent = solutions[0].problem.independent if solutions else problem.independent
    return {
        "of": ofs[0] if len(ofs) == 1 else ofs,
        "independent": [str(x) for x in independent],
        "results": results,
    }


def _shown(value, problem, style) -> str:
    from partials.presentation import printing

    if style == "latex":
        shown = printing.latex(value, problem)
    else:
        shown = printing.text(value, problem, ascii=style == "ascii")
    if isinstance(value, sympy.Float) or not value.is_number or value.is_Rational:
        return shown
    return f"{shown} {'~=' if style == 'ascii' else '≈'} {sympy.N(value, 6)}"


def _point_text(text: str) -> str:
    return "(" + ", ".join(part.strip() for part in text.split(",")) + ")"
