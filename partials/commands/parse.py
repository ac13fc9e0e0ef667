"""`partials parse TEXT [--json]`: how the text was understood, before anything is computed."""
import json

import sympy

from partials.presentation.parse_view import unambiguous
from partials.reading.reader import read_problem


def add_arguments(parser):
    parser.add_argument("text", help='the problem, e.g. "z = u^2 ln v, u = y/x, v = x^2 + y^2"')
    parser.add_argument("--of", help="the dependent variable, where the roles cannot be decided otherwise")
    parser.add_argument("--json", action="store_true", help="print JSON (sympy.srepr of each side)")


def run(args) -> int:
    from partials.assessment.statement_solving import statement_for

    statement = statement_for(args.text, of=args.of)
    if statement is not None:  # a whole pasted statement: also what it asks, and what was skipped
        from partials.assessment.statement_solving import problem_of
        from partials.commands.statement_parse import statement_json, statement_lines

        problem = problem_of(statement, of=args.of)
        if args.json:
            print(json.dumps({**as_json(problem), **statement_json(statement, problem)}, ensure_ascii=False))
        else:
            print("\n".join([as_text(problem)] + statement_lines(statement, problem)))
        return 0
    problem = read_problem(args.text, of=args.of)
    print(json.dumps(as_json(problem), ensure_ascii=False) if args.json else as_text(problem))
    return 0


def as_json(problem) -> dict:
    return {
        "relations": [
            {"kind": r.kind, "lhs": sympy.srepr(r.lhs), "rhs": sympy.srepr(r.rhs)} for r in problem.relations
        ],
        "independent": _names(problem.independent),
        "intermediate": _names(problem.intermediate),
        "dependent": _names(problem.dependent),
        "implicit": _names(problem.implicit),
        "functions": sorted(problem.functions),
        "targets": [target.notation() for target in problem.targets],
    }


def as_text(problem) -> str:
    lines = ["relations:"]
    for relation in problem.relations:
        lines.append(f"  {unambiguous(relation.lhs)} = {unambiguous(relation.rhs)}    ({relation.kind})")
    roles = [
        ("independent", problem.independent),
        ("intermediate", problem.intermediate),
        ("dependent", problem.dependent),
        ("determined by the equations", problem.implicit),
    ]
    lines += [f"{label}: {', '.join(_names(names))}" for label, names in roles if names]
    if problem.functions:
        described = (f"{name} ({arity} argument{'s' if arity > 1 else ''})" for name, arity in sorted(problem.functions.items()))
        lines.append("abstract functions: " + ", ".join(described))
    if problem.targets:
        lines.append("asked: " + ", ".join(target.notation() for target in problem.targets))
    return "\n".join(lines)


def _names(symbols) -> list:
    return [str(s) for s in symbols]
