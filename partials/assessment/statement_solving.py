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
import re
from itertools import combinations_with_replacement

import sympy

from partials.core.errors import NotationError, PartialsError
from partials.model.notation import Partial
from partials.reading.statement.mapped import Mapped
from partials.reading.statement.reader import Statement, has_prose, looks_like_statement, read_statement


def statement_for(text: str, of=None):
    """None when the text is a problem as the notation writes it (then it is
    read exactly as before), else the Statement. Text with prose in it (Chinese,
    English words) goes to the statement reader first: "Find the second partial
    derivatives of z = x^3 y^2" must not be read as a product of letters."""
    from partials.reading.reader import read_problem

    if has_prose(text):
        try:
            return read_statement(text)
        except PartialsError as statement_error:
            try:
                read_problem(text, of=of)
                return None
            except PartialsError as plain_error:
                if getattr(statement_error, "position", 0) is None and getattr(plain_error, "position", None) is not None:
                    raise plain_error from None  # no statement found: the notation's own error says more
                raise statement_error from None
    if not looks_like_statement(text):
        return None  # notation only: read once, as before
    try:
        read_problem(text, of=of)
        return None
    except PartialsError:
        return read_statement(text)


def read_problem_or_statement(text: str, of=None):
    """The Problem of a text in the notation or of a whole statement (for the
    checker, grading and problem sets, which take either)."""
    from partials.reading.reader import read_problem

    statement = statement_for(text, of=of)
    return read_problem(text, of=of) if statement is None else problem_of(statement, of=of)


def problem_of(statement: Statement, of=None):
    """The Problem of the statement's relations and written targets; constants
    go where the reader takes them (a const= parameter) once it has one.

    A system says in its targets what it determines: 设 xu − yv = 0, yu + xv = 1，
    求 ∂u/∂x makes u, v functions of x, y; 设 z = u³ + v³，而 x = u + v，
    y = u² + v²，求 ∂z/∂x makes u, v functions of x, y (x, y were written in
    them). Those declarations are added as the textbook leaves them unsaid."""
    from partials.core.errors import RoleError

    try:
        problem = _read(statement, statement.problem_text, of)
    except RoleError:
        declarations = _unknowns_of_a_system(statement)
        if not declarations:
            raise
        return _read(statement, _with(statement, declarations), of)
    declarations = _inverted(statement, problem)
    return _read(statement, _with(statement, declarations), of) if declarations else problem


def _read(statement, mapped, of):
    from partials.reading.reader import read_problem

    options = {"of": of}
    if statement.constants and "const" in inspect.signature(read_problem).parameters:
        options["const"] = tuple(statement.constants)
    try:
        return read_problem(mapped.text, **options)
    except NotationError as error:
        raise _into_original(error, mapped, statement.original) from None


def _with(statement, declarations: list) -> Mapped:
    from partials.reading.statement.mapped import join

    end = len(statement.original)
    added = [Mapped(text, (end,) * len(text), end) for text in declarations]
    return join(statement.relations + statement.declared + added + statement.targets, ", ", end=end)


def _asked_targets(statement) -> list:
    from partials.reading.reader import read_target

    return [read_target(t.text) for t in statement.targets]


FAMILIES = ("uvw", "xyz", "st", "pq", "rθφ")


def _unknowns_of_a_system(statement) -> list:
    """∂u/∂x asked of equations that do not say what they determine: as many
    unknowns as equations, the asked ones first, then their namesakes (u with
    v, y with z); anything else is left to the error that asks for a declaration."""
    targets = _asked_targets(statement)
    unknowns = list(dict.fromkeys(str(t.of) for t in targets))
    asked_by = {str(w) for t in targets for w in t.wrt}
    names, equations = _names_and_equations(statement)
    if not unknowns or set(unknowns) & asked_by or not set(unknowns) <= set(names) or equations < len(unknowns):
        return []
    rest = [n for n in names if n not in unknowns and n not in asked_by]
    missing = equations - len(unknowns)
    if not missing:
        rest = []
    elif len(rest) != missing:
        family = next((f for f in FAMILIES if unknowns[0] in f), "")
        rest = [n for n in rest if n in family]
    if len(rest) != missing:
        return []
    unknowns += rest[:missing]
    variables = [n for n in names if n not in unknowns]
    if not variables:
        return []
    return [f"{name} = {name}({', '.join(variables)})" for name in unknowns]


def _names_and_equations(statement):
    from partials.reading.reader import read_expression

    names, equations = [], 0
    for relation in statement.relations:
        left, _, right = relation.text.partition("=")
        sides = [read_expression(left), read_expression(right)]
        found = sorted({str(s) for side in sides for s in side.free_symbols}, key=relation.text.find)
        names += [n for n in found if n not in names]
        defined = sides[0].is_Symbol and sides[0] not in sides[1].free_symbols
        equations += not defined
    return [n for n in names if n not in statement.constants], equations


def _inverted(statement, problem) -> list:
    """∂z/∂x asked where x = u + v is written in u, v: u, v are functions of x (and y)."""
    targets = _asked_targets(statement)
    definitions = {str(k): v for k, v in problem.definitions.items()}
    written_in = [w for t in targets for w in map(str, t.wrt) if w in definitions]
    if not written_in:
        return []
    constants = set(statement.constants)
    base = {str(s) for w in written_in for s in definitions[w].free_symbols} - constants
    asked = {str(t.of) for t in targets}
    variables = [name for name, rhs in definitions.items()
                 if name not in asked and {str(s) for s in rhs.free_symbols} - constants <= base]
    if len(variables) != len(base) or base & set(definitions):
        return []
    ordered = [name for name in dict.fromkeys(re.findall(r"[A-Za-zα-ω]", "".join(r.text for r in statement.relations)))
               if name in base]
    return [f"{b} = {b}({', '.join(variables)})" for b in ordered]


def _into_original(error: NotationError, mapped: Mapped, original: str) -> NotationError:
    if error.text != mapped.text:
        return error
    return NotationError(error.message, original, mapped.origin(error.position), hint=error.hint)


def variables_of(statement: Statement, problem) -> tuple:
    """The independent variables, without the statement's constants."""
    constants = set(statement.constants)
    return tuple(x for x in problem.independent if str(x) not in constants)


def point_of(statement: Statement, problem):
    from partials.calculus.points import read_point

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
    from partials.reading.reader import read_expression

    value = read_expression(text)
    if value.free_symbols:
        raise NotationError(f"the point's coordinate {text!r} is not a number", statement.original, None)
    return value


def targets_of(statement: Statement, problem, of=None) -> list:
    """[(of, wrt)]: the derivatives written in the text, or those asked in words
    (求偏导数: every first partial; 二阶偏导数: every second one)."""
    from partials.calculus.engine import default_of
    from partials.core.symbols import variable

    written = [(t.of, t.wrt) for t in problem.targets if of is None or str(t.of) == str(of)]
    if written:
        return written
    if statement.combinations or statement.identities or (statement.differential and not statement.every_partial):
        return []
    order = statement.every_partial or 1
    base = variable(str(of)) if of is not None else default_of(problem)
    names = variables_of(statement, problem)
    by = [x for x in names if str(x) in statement.by] or list(names)
    return [(base, wrt) for wrt in combinations_with_replacement(by, order)]


def differential_of(statement: Statement, problem, of=None):
    from partials.calculus.differential import Differential
    from partials.calculus.engine import default_of, differentiate
    from partials.core.symbols import variable

    name = of or statement.differential_of
    base = default_of(problem) if name is None else variable(str(name))
    partials = [differentiate(problem, base, (x,)) for x in variables_of(statement, problem)]
    return Differential(problem, base, partials)


def combination_value(problem, text: str):
    """x ∂z/∂x + y ∂z/∂y: each derivative from the engine, bare variables by their definitions."""
    from partials.reading.reader import read_expression
    from partials.calculus.tidy import tidy
    from partials.assessment.verify import _derivatives, _substituted

    expr = read_expression(text, problem)
    derivatives = _derivatives(problem, expr.atoms(Partial), [])
    value = _substituted(problem, expr, derivatives)
    try:
        return tidy(sympy.cancel(sympy.together(value))) if sympy.count_ops(value) < 1500 else value
    except (TypeError, ValueError, NotImplementedError, RecursionError):
        return value


def combination_at(problem, value, point):
    from partials.calculus.chain import substitute
    from partials.calculus.points import node_values

    values = node_values(problem, point)
    return sympy.simplify(substitute(value, values))
