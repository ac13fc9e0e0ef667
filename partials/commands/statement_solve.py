"""`partials solve STATEMENT`: solve what a whole pasted statement asks, each
result labelled; --d/--d2/--total/--at/--of on the command line win over the text.

--json prints {"of", "independent", "results": [...], "differential": {...},
"combinations": [{"expression", "text", "sympy"}], "identities": [{"identity",
"holds", "message"}]} (the keys the statement asks for)."""
from __future__ import annotations

import json

import sympy

from partials.assessment.statement_solving import (
    combination_at,
    combination_value,
    differential_of,
    point_of,
    problem_of,
    targets_of,
    variables_of,
)


def statement_json(statement, args, answered=None) -> dict:
    """The object `solve --json` prints for a whole statement (the web API answers with it)."""
    answered = answered or _answered(statement, args)
    return _json(statement, answered["problem"], answered["solutions"], answered["values"],
                 answered["differential"], answered["combinations"], answered["identities"], answered["point"])


def run_statement(statement, args) -> int:
    """Exit status 0, or 1 when an identity the statement asks to prove does not hold."""
    answered = _answered(statement, args)
    if args.json:
        print(json.dumps(statement_json(statement, args, answered), ensure_ascii=False, indent=2))
    else:
        _printed(answered, args)
    return 1 if any(not verdict.holds for verdict in answered["identities"]) else 0


def _answered(statement, args) -> dict:
    from partials.commands import solve as command
    from partials.calculus.engine import differentiate
    from partials.calculus.points import read_point
    from partials.reading.reader import read_assignments

    problem = problem_of(statement, of=args.of)
    point = read_point(read_assignments(args.at), problem) if args.at else point_of(statement, problem)
    at_text = args.at or (_point_words(point) if point else None)
    wanted = [(w,) for w in args.first] + [tuple(pair) for pair in args.second]
    asked_on_line = bool(wanted or args.total)
    if wanted:
        targets = [(args.of, wrt) for wrt in wanted]
    elif args.total:
        targets = []
    else:
        targets = targets_of(statement, problem, of=args.of)
    solutions = [differentiate(problem, of, wrt) for of, wrt in targets]
    values = [command._value_at(s, point) for s in solutions] if point is not None else None
    differential = None
    if args.total or (statement.differential and not wanted):
        differential = differential_of(statement, problem, of=args.of)
    combinations = [] if asked_on_line else [
        (c.text, _in_original(statement, c, combination_value, problem, c.text)) for c in statement.combinations]
    identities = [] if asked_on_line else _identities(statement, problem)
    return {"problem": problem, "point": point, "at_text": at_text, "solutions": solutions, "values": values,
            "differential": differential, "combinations": combinations, "identities": identities}


def _printed(answered, args) -> None:
    from partials.commands import solve as command

    problem, point, at_text = answered["problem"], answered["point"], answered["at_text"]
    args.at = at_text
    for k, solution in enumerate(answered["solutions"]):
        command._print_solution(solution, answered["values"][k] if answered["values"] else None, args)
    differential = answered["differential"]
    if differential is not None:
        shown = differential.at(point) if point is not None else differential
        print(shown.render(command._style(args)) + (f"  at {at_text}" if point is not None else ""))
    for expression, value in answered["combinations"]:
        print(f"{expression} = {_shown(value, problem, args)}")
        if point is not None:
            print(f"  at {at_text}: {_shown(combination_at(problem, value, point), problem, args)}")
    for verdict in answered["identities"]:
        print(f"{verdict.identity}: {verdict.message}")


def _identities(statement, problem) -> list:
    from partials.assessment.verify import verify

    return [_in_original(statement, identity, verify, problem, identity.text) for identity in statement.identities]


def _in_original(statement, mapped, compute, *arguments):
    """compute(*arguments), its notation errors pointing into the pasted statement."""
    from partials.core.errors import NotationError
    from partials.assessment.statement_solving import _into_original

    try:
        return compute(*arguments)
    except NotationError as error:
        if error.text and error.text != mapped.text and error.text in mapped.text:  # one side of an identity
            offset = mapped.text.index(error.text)
            position = None if error.position is None else error.position + offset
            raise NotationError(error.message, statement.original, mapped.origin(position), hint=error.hint) from None
        raise _into_original(error, mapped, statement.original) from None


def _shown(value, problem, args) -> str:
    from partials.presentation import printing

    if getattr(args, "latex", False):
        return printing.latex(value, problem)
    return printing.text(value, problem, ascii=getattr(args, "ascii", False))


def _point_words(point: dict) -> str:
    from partials.presentation import printing

    return ", ".join(f"{name} = {printing.text(value, None)}" for name, value in point.items())


def _json(statement, problem, solutions, values, differential, combinations, identities, point) -> dict:
    from partials.commands.solve import _shown as shown_value
    from partials.commands.solve import differential_json

    results = []
    for k, solution in enumerate(solutions):
        result = solution.to_json()
        if values is not None:
            result["value"] = shown_value(values[k], solution.problem, "text")
            result["value_sympy"] = sympy.srepr(values[k])
        results.append(result)
    ofs = list(dict.fromkeys(str(s.of) for s in solutions))
    found = {
        "of": ofs[0] if len(ofs) == 1 else ofs,
        "independent": [str(x) for x in variables_of(statement, problem)],
        "results": results,
    }
    if point is not None:
        found["point"] = {str(k): sympy.srepr(v) for k, v in point.items()}
    if differential is not None:
        shown = differential.at(point) if point is not None else differential
        found["differential"] = differential_json(differential, shown)
        if point is not None:
            found["differential"]["value_sympy"] = sympy.srepr(shown.expr)
        found.setdefault("of", str(differential.of))
        if not results:
            found["of"] = str(differential.of)
    if combinations:
        from partials.presentation import printing

        found["combinations"] = [{"expression": expression, "text": printing.text(value, problem),
                                  "sympy": sympy.srepr(value),
                                  **({"value_sympy": sympy.srepr(combination_at(problem, value, point))}
                                     if point is not None else {})}
                                 for expression, value in combinations]
    if identities:
        found["identities"] = [{"identity": v.identity, "holds": v.holds, "message": v.message} for v in identities]
    if statement.constants:
        found["constants"] = list(statement.constants)
    return found
