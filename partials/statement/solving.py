"""What a read Statement asks, computed: the problem, the point, the
derivatives (written, or asked in words), the total differential,
combinations and identities. Options given on the command line win over the
text; the printing is the solve command's.

    problem = problem_of(statement)           errors point into the pasted text
    point = point_of(statement, problem)      {Symbol: number} or None
    targets = targets_of(statement, problem)  [(of, wrt)] to differentiate
"""
from __future__ import annotations

import inspect
from itertools import combinations_with_replacement

import sympy

from ..errors import NotationError, PartialsError
from .mapped import Mapped
from .reader import Statement, looks_like_statement, read_statement


def statement_for(text: str, of=None):
    """None when the text reads as a problem today (then it is read as before),
    else the Statement (its errors pointing into the pasted text)."""
    from ..reader import read_problem

    try:
        read_problem(text, of=of)
        return None
    except PartialsError as error:
        if not looks_like_statement(text):
            raise
        try:
            return read_statement(text)
        except NotationError as statement_error:
            raise statement_error from None
        except PartialsError:
            raise error from None


def problem_of(statement: Statement, of=None):
    """The Problem of the statement's relations and written targets; constants
    go where the reader takes them (a const= parameter) once it has one."""
    from ..reader import read_problem

    mapped = statement.problem_text
    options = {"of": of}
    if statement.constants and "const" in inspect.signature(read_problem).parameters:
        options["const"] = tuple(statement.constants)
    try:
        return read_problem(mapped.text, **options)
    except NotationError as error:
        raise _into_original(error, mapped, statement.original) from None


def _into_original(error: NotationError, mapped: Mapped, original: str) -> NotationError:
    if error.text != mapped.text:
        return error
    return NotationError(error.message, original, mapped.origin(error.position), hint=error.hint)


def variables_of(statement: Statement, problem) -> tuple:
    """The independent variables, without the statement's constants."""
    constants = set(statement.constants)
    return tuple(x for x in problem.independent if str(x) not in constants)


def point_of(statement: Statement, problem):
    from ..points import read_point

    if statement.point is None:
        return None
    if isinstance(statement.point, dict):
        values = {name: _number(value, statement) for name, value in statement.point.items()}
    else:
        names = variables_of(statement, problem)
        if len(names) != len(statement.point):
            raise NotationError(f"the point has {len(statement.point)} coordinates but the problem has "
                                f"{len(names)} variables ({', '.join(map(str, names))})", statement.original, None,
                                hint="write the point as x = 1, y = 2")
        values = {str(name): _number(value, statement) for name, value in zip(names, statement.point)}
    return read_point(values, problem)


def _number(text: str, statement: Statement):
    from ..reader import read_expression

    value = read_expression(text)
    if value.free_symbols:
        raise NotationError(f"the point's coordinate {text!r} is not a number", statement.original, None)
    return value


def targets_of(statement: Statement, problem, of=None) -> list:
    """[(of, wrt)]: the derivatives written in the text, or those asked in words
    (求偏导数: every first partial; 二阶偏导数: every second one)."""
    from ..engine import default_of

    written = [(t.of, t.wrt) for t in problem.targets if of is None or str(t.of) == str(of)]
    if written:
        return written
    if statement.combinations or statement.identities or (statement.differential and not statement.every_partial):
        return []
    order = statement.every_partial or 1
    base = sympy.Symbol(str(of)) if of is not None else default_of(problem)
    names = variables_of(statement, problem)
    by = [x for x in names if str(x) in statement.by] or list(names)
    return [(base, wrt) for wrt in combinations_with_replacement(by, order)]


def differential_of(statement: Statement, problem, of=None):
    from ..differential import Differential
    from ..engine import default_of, differentiate

    name = of or statement.differential_of
    base = default_of(problem) if name is None else sympy.Symbol(str(name))
    for symbol in problem.variables if hasattr(problem, "variables") else ():
        if str(symbol) == str(base):
            base = symbol
    partials = [differentiate(problem, base, (x,)) for x in variables_of(statement, problem)]
    return Differential(problem, base, partials)


def combination_value(problem, text: str):
    """x ∂z/∂x + y ∂z/∂y: each derivative from the engine, bare variables by their definitions."""
    from ..reader import read_expression
    from ..tidy import tidy
    from ..verify import _derivatives, _substituted

    expr = read_expression(text, problem)
    derivatives = _derivatives(problem, expr.atoms(_partial_class()), [])
    value = _substituted(problem, expr, derivatives)
    try:
        return tidy(sympy.cancel(sympy.together(value))) if sympy.count_ops(value) < 1500 else value
    except (TypeError, ValueError, NotImplementedError, RecursionError):
        return value


def _partial_class():
    from ..notation import Partial

    return Partial


def combination_at(problem, value, point):
    from ..chain import substitute
    from ..points import node_values

    values = node_values(problem, point)
    return sympy.simplify(substitute(value, values))
