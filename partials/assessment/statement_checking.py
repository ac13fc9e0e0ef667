"""`partials check STATEMENT --answer …`: the relations, the point and the
asked derivative come from the whole statement; --d/--target/--of pick or
override. A numeric answer to a statement with a point is judged at that
point (exactly where SymPy can, else to 10 significant digits); an answer
that is a formula is judged by the checker as for any problem."""
from __future__ import annotations

import sympy

from partials.core.errors import PartialsError
from partials.model.notation import Target
from partials.assessment.statement_solving import point_of, problem_of, targets_of

RELATIVE_TOLERANCE = 1e-10


def target_for(statement, problem, args):
    from partials.core.symbols import variable

    if args.target:
        if args.d:
            raise PartialsError("give the derivative either with --target or with --d, not both")
        return args.target
    if args.d:
        from partials.calculus.engine import default_of

        of = variable(str(args.of)) if args.of else default_of(problem)
        return Target(of, tuple(variable(d) for d in args.d))
    asked = targets_of(statement, problem, of=args.of)
    if len(asked) != 1:
        listed = ", ".join(Target(of, tuple(wrt)).notation() for of, wrt in asked) or "nothing"
        raise PartialsError(f"the statement asks {listed}: say which derivative the answer is",
                            hint="add --target ∂z/∂x (or --d x)")
    of, wrt = asked[0]
    return Target(of, tuple(wrt))


def check_statement(statement, args):
    from partials.assessment.checker import check

    problem = problem_of(statement, of=args.of)
    target = target_for(statement, problem, args)
    point = point_of(statement, problem)
    if point is not None:
        verdict = _at_point(problem, target, args.answer, point)
        if verdict is not None:
            return verdict
    return check(problem.text, target, args.answer, of=args.of, seed=args.seed)


def _at_point(problem, target, answer_text, point):
    """The verdict on a numeric answer at the statement's point (None when the answer is a formula)."""
    from partials.calculus.chain import substitute
    from partials.assessment.checker import Verdict, target_of
    from partials.calculus.engine import differentiate
    from partials.calculus.points import node_values
    from partials.reading.reader import read_answer

    if not isinstance(target, Target):
        target = target_of(target)
    try:
        _, answer = read_answer(answer_text, problem)
    except PartialsError as error:
        return Verdict(None, f"cannot read the answer: {error}", status="unreadable")
    if not answer.is_number:
        return None  # a formula must be right everywhere, not only where the statement evaluates it
    values = node_values(problem, point)
    got = substitute(answer, values)
    solution = differentiate(problem, target.of, target.wrt)
    expected = sympy.sympify(solution.at(point), strict=True)
    where = ", ".join(f"{k} = {v}" for k, v in point.items())
    difference = sympy.simplify(expected - got)
    right = difference == 0 or abs(complex(sympy.N(difference, 30))) <= RELATIVE_TOLERANCE * (1 + abs(complex(sympy.N(expected, 30))))
    label = target.notation()
    if right:
        return Verdict(True, f"right: {label} = {expected} at {where}", interpreted=f"{label} = {answer_text.strip()} at {where}",
                       target=label)
    return Verdict(False, f"wrong: at {where}, {label} = {expected}, not {got}", interpreted=f"{label} = {answer_text.strip()} at {where}",
                   counterexample={"point": {str(k): float(v) for k, v in point.items()},
                                   "expected": float(sympy.N(expected)), "got": float(sympy.N(got))}, target=label)
