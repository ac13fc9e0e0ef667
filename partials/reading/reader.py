"""Text → Problem, answers, derivative targets and points.

The one entrance for user text: bounds are checked on the text and the parse
tree (partials.reading.limits) before the Transformer builds any SymPy object, and
every Lark error becomes a NotationError with a caret and a hint.
"""
from __future__ import annotations

import dataclasses
import re

import sympy
from lark import Tree
from lark.exceptions import LarkError, UnexpectedCharacters, UnexpectedEOF, UnexpectedInput

from partials.reading import limits
from partials.core.errors import NotationError, PartialsError, RoleError
from partials.reading.grammar import parser
from partials.model.notation import Partial, Target
from partials.model.problem import Problem, Relation
from partials.core.symbols import DEFAULT_FUNCTION_NAMES, variable
from partials.reading.transformer import Bare, Context, Equality, ToSympy
from partials.model.parameters import as_parameters, declared, parameters_in, read_constants
from partials.reading.real_values import not_real_reason
from partials.reading.statement.normalize import needs_work, normalize

# Typical slips, matched against the parser state of an error (Lark's match_examples).
# Lark matches the parser state, which includes its depth: so each slip is
# given bare, on the right of a definition, and inside brackets.
SLIPS = {
    "two operators in a row": [
        "x + * y", "z = x + * y", "z = (x + * y)", "x * / y", "z = x * / y", "z = x ^ * 2", "x ^ ^ 2",
        "z = x + / y", "z = x / * y", "z = x + ^ y", "z = x * ^ y", "z = x / ^ y", "z = (x * ^ y)",
    ],
    "the expression ends with an operator": ["x +", "z = x +", "z = x *", "z = x ^", "z = x /", "x *", "x /", "x ^"],
    "a function is missing its argument": ["z = ln", "ln", "z = sin + x", "sin + x", "z = x ln", "z = ln * x"],
    "an equals sign has nothing on one side": ["= x", "z =", "z = = x", "z = x ="],
}
HINTS = {
    "two operators in a row": "remove one of them, or write the missing term between them",
    "the expression ends with an operator": "finish the expression after the operator",
    "a bracket is not closed": "add the closing bracket",
    "a closing bracket has no opening one": "remove it, or add the opening bracket",
    "a function is missing its argument": "write its argument, e.g. ln x or ln(x + 2)",
    "an equals sign has nothing on one side": "write an expression on both sides of =",
}


# ---- public API ------------------------------------------------------------
def read_problem(text: str, of=None, const=None) -> Problem:
    """`const`: letters that are constants (parameters); by default those of
    the surrounding partials.model.parameters.constants(...) block."""
    constants = read_constants(const) if const is not None else declared()
    items, context = _read_with_context(text, Context())
    relations, targets = [], []
    for item in items:
        if isinstance(item, Bare):
            targets.append(_target_of(item, text))
        else:
            _check_says_something(item, text)
            relations.append(_relation_of(item, text, context))
    if not relations:
        raise NotationError("there is no relation (nothing with '=')", text, 0,
                            hint="write the problem, e.g. z = u^2 ln v, u = y/x, v = x^2 + y^2")
    if constants:
        relations, targets = _with_parameters(relations, targets, constants)
    return Problem.from_relations(relations, targets, text, of=of)


def _with_parameters(relations, targets, names):
    """The letters declared constant become parameters in every relation."""
    for relation in relations:
        if relation.kind != "equation" and relation.lhs.name in names:
            raise RoleError(f"'{relation.lhs}' is declared constant but is defined here: {relation.lhs} = {relation.rhs}",
                            hint=f"drop {relation.lhs} from --const, or rename it")
    for target in targets:
        if any(str(w) in names for w in target.wrt) or str(target.of) in names:
            raise RoleError(f"a constant is not differentiated: {', '.join(sorted(names))} declared constant")
    return [Relation(r.kind, as_parameters(r.lhs, names), as_parameters(r.rhs, names))
            for r in relations], targets


def read_expression(text: str, problem: Problem | None = None) -> sympy.Expr:
    target, expr = read_answer(text, problem)
    if target is not None:
        raise NotationError("expected an expression, not an equation", text, 0)
    return expr


def read_answer(text: str, problem: Problem | None = None):
    """An answer, possibly repeating the target on the left: `∂z/∂x = …`."""
    items = _read(text, _answer_context(problem))
    if len(items) != 1:
        raise NotationError("an answer is one expression", text, items[1].start if len(items) > 1 else 0,
                            hint="remove the comma or semicolon, or check one answer at a time")
    item = items[0]
    if isinstance(item, Bare):
        return None, _resolved(item.expr.value, problem)
    lhs = item.lhs.value
    if not _is_variable_partial(lhs, problem):
        raise NotationError("an answer is one expression, optionally after its derivative: ∂z/∂x = …",
                            text, item.start)
    return _target_from_partial(lhs, text, item.start, problem), _resolved(item.rhs.value, problem)


def read_target(text: str, problem: Problem | None = None) -> Target:
    items = _read(text, _answer_context(problem))
    if len(items) != 1 or not isinstance(items[0], Bare):
        raise NotationError("expected one derivative, such as ∂z/∂x or z_xy", text, 0)
    return _target_of(items[0], text, problem)


def read_assignments(text: str) -> dict:
    """`x=1, y=2` (values may be 1/2, √2, π/4, e) → {x: 1, y: 2}."""
    values = {}
    for item in _read(text, Context()):
        lhs = item.lhs.value if isinstance(item, Equality) else None
        if not isinstance(lhs, sympy.Symbol) or item.rhs.value.free_symbols:
            raise NotationError("a point is written as name=value pairs, e.g. x=1,y=2", text,
                                item.start, hint="values are numbers such as 1/2, √2 or π/4")
        values[lhs] = item.rhs.value
    return values


# ---- reading -----------------------------------------------------------------
def _read(text: str, base: Context) -> list:
    return _read_with_context(text, base)[0]


def _read_with_context(text: str, base: Context):
    """Problems and answers alike: the pasted text is normalised first (LaTeX,
    full-width characters: partials.reading.statement.normalize), and positions, in
    errors and in the items read, point back into the text as given."""
    if not isinstance(text, str):
        raise NotationError("expected text", "", None)
    limits.check_text(text)
    if not needs_work(text):
        return _read_normalized(text, base)
    mapped = normalize(text)
    if mapped.text == text:
        return _read_normalized(text, base)
    try:
        items, context = _read_normalized(mapped.text, base)
    except NotationError as error:
        raise _pointing_into(error, mapped, text) from None
    return [_moved(item, mapped) for item in items], context


def _pointing_into(error: NotationError, mapped, original: str) -> NotationError:
    if error.text != mapped.text:
        return error
    return NotationError(error.message, original, mapped.origin(error.position), hint=error.hint)


def _moved(item, mapped):
    return dataclasses.replace(item, start=mapped.origin(item.start), end=mapped.origin(item.end))


def _read_normalized(text: str, base: Context):
    limits.check_text(text)
    if not text.strip():
        raise NotationError("the input is empty", text, None, hint="type a problem, e.g. z = y^lnx")
    tree = _parse_tree(text)
    limits.check_tree(tree)
    context = _context(tree, base)
    try:
        items = ToSympy(text, context).transform(tree)
    except LarkError as error:  # errors raised inside Transformer methods come wrapped
        cause = getattr(error, "orig_exc", None)
        if isinstance(cause, PartialsError):
            raise cause from None
        raise NotationError(f"cannot read this: {cause or error}", text, None) from None
    except (ValueError, TypeError, ZeroDivisionError, OverflowError) as error:
        raise NotationError(f"cannot read this: {error}", text, None) from None
    _check_real(items, text)
    return items, context


def _check_real(items, text: str) -> None:
    """√(−1), 1/0, x/0: variables are real, so these are errors, not i or zoo."""
    for item in items:
        sides = (item.lhs, item.rhs) if isinstance(item, Equality) else (item.expr,)
        for side in sides:
            reason = not_real_reason(side.value)
            if reason:
                start = side.span[0] if side.span else item.start
                raise NotationError(f"this has no real value: {reason}", text, start,
                                    hint="check the signs, brackets and denominators")


def _parse_tree(text: str) -> Tree:
    try:
        return parser().parse(text)
    except UnexpectedInput as error:
        raise _notation_error(error, text) from None


def _notation_error(error: UnexpectedInput, text: str) -> NotationError:
    position = getattr(error, "pos_in_stream", None)
    if isinstance(error, UnexpectedCharacters):
        character = text[position] if position is not None and position < len(text) else ""
        return NotationError(f"unexpected character {character!r}", text, position, hint=_character_hint(character))
    token = getattr(error, "token", None)
    at_end = isinstance(error, UnexpectedEOF) or token is None or token.type == "$END"
    position = len(text.rstrip()) if at_end else token.start_pos
    for finding in (_ambiguous_digits, _bracket_mismatch):
        found = finding(text, position)
        if found:
            return found
    label = _slip(error)
    if label:
        return NotationError(label, text, position, hint=HINTS[label])
    message = "the text ends too early" if at_end else f"unexpected {token.value!r}"
    return NotationError(message, text, position,
                         hint="see the notation table in README.md (partials parse shows how a text is read)")


_LETTER_DIGITS = re.compile(r"(?<![A-Za-z_'′″{])[A-Za-z]\d+(?![\d'′″])")


def _ambiguous_digits(text: str, position: int):
    """x2: x², x₂ or 2x? Refused with that question."""
    for match in _LETTER_DIGITS.finditer(text, 0, position + 1):
        name, digits = match.group()[0], match.group()[1:]
        return NotationError(f"'{match.group()}' is ambiguous", text, match.start(),
                             hint=f"write {name}^{digits} (power), {name}_{digits} (subscript) or {digits}{name} (product)")
    return None


def _bracket_mismatch(text: str, position: int):
    pairs = {")": "(", "]": "[", "}": "{", "）": "（"}
    stack = []
    for index, character in enumerate(text):
        if character in "([{（":
            stack.append(index)
        elif character in pairs:
            if not stack:
                return NotationError("a closing bracket has no opening one", text, index,
                                     hint=HINTS["a closing bracket has no opening one"])
            opening = stack.pop()
            if text[opening] != pairs[character]:
                return NotationError(f"'{text[opening]}' is closed by '{character}'", text, index,
                                     hint="close it with the matching bracket")
    if stack:
        return NotationError("a bracket is not closed", text, stack[-1], hint=HINTS["a bracket is not closed"])
    return None


def _slip(error: UnexpectedInput):
    """The label of the typical slip this error looks like (Lark's match_examples)."""
    try:
        return error.match_examples(parser().parse, SLIPS, use_accepts=True)
    except (UnexpectedInput, AssertionError):
        return None


def _character_hint(character: str) -> str:
    if character in "<>≤≥≠":
        return "partials reads equations with =, not inequalities"
    if character in "!@#$%&?~`":
        return "this symbol is not part of the notation"
    if character.isalpha():
        return "names are one letter (x, y, θ) or a letter with a subscript (x_1); functions are ln, sin, arctan, …"
    return "see the notation table in README.md"


# ---- context: which names are functions, whether e is a variable -------------------
def _context(tree: Tree, base: Context) -> Context:
    declared, defined = set(), set()
    for relation in (child for child in tree.children if isinstance(child, Tree) and child.data == "equality"):
        lhs = _single_name(relation.children[-3])
        if lhs is None:
            continue
        defined.add(lhs)
        call = _single_call(relation.children[-1])
        if call is not None and call == lhs:
            declared.add(lhs)
    called = {}
    for call in tree.find_data("call"):
        name = _token_name(call.children[0])
        arguments = call.children[1]
        called[name] = max(called.get(name, 0), len([c for c in arguments.children if isinstance(c, Tree)]))
    several = {name for name, count in called.items() if count >= 2 and name not in declared}
    return Context(
        functions=frozenset(base.functions | DEFAULT_FUNCTION_NAMES | several | declared),
        e_is_variable=base.e_is_variable or "e" in defined,
        declared=frozenset(base.declared | declared),
    )


def _answer_context(problem: Problem | None) -> Context:
    if problem is None:
        return Context()
    declared = frozenset(s.name for s in problem.declarations)
    return Context(functions=frozenset(problem.functions) | declared,
                   e_is_variable=any(s.name == "e" for s in problem.variables), declared=declared)


def _single_name(tree):
    if isinstance(tree, Tree) and tree.data == "name":
        return _token_name(tree.children[0])
    return None


def _single_call(tree):
    if isinstance(tree, Tree) and tree.data == "call":
        return _token_name(tree.children[0])
    return None


def _token_name(token) -> str:
    from partials.core.symbols import GREEK_LETTERS

    return GREEK_LETTERS.get(token.value, token.value)


# ---- relations and targets ---------------------------------------------------------
def _relation_of(item: Equality, text: str, context: Context) -> Relation:
    lhs, rhs = item.lhs.value, item.rhs.value
    if lhs.atoms(Partial) or rhs.atoms(Partial):
        raise NotationError("a derivative cannot be part of the problem's relations", text, item.start,
                            hint="ask for derivatives with --d, or write them alone: z = …, ∂z/∂x")
    if isinstance(lhs, sympy.Symbol):
        if isinstance(rhs, sympy.core.function.AppliedUndef) and rhs.func.__name__ == lhs.name:
            _check_declaration(rhs, text, item)
            return Relation("declaration", lhs, rhs)
        return Relation("definition", lhs, _declared_as_symbols(rhs, context))
    return Relation("equation", _declared_as_symbols(lhs, context), _declared_as_symbols(rhs, context))


def _check_says_something(item: Equality, text: str) -> None:
    """z = z, x = x, x + y = y + x: true of everything, so it defines nothing."""
    difference = item.lhs.value - item.rhs.value
    if difference == 0:
        raise NotationError("this relation says nothing: its two sides are the same", text, item.start,
                            hint="write what the variable equals, e.g. z = x^2 y")


def _check_declaration(call, text, item):
    if not all(isinstance(a, sympy.Symbol) for a in call.args) or len(set(call.args)) != len(call.args):
        raise NotationError(f"a declaration lists distinct variables, e.g. {call.func.__name__} = "
                            f"{call.func.__name__}(x, y)", text, item.start)


def _declared_as_symbols(expr, context: Context):
    """u(x, y) written inside a relation, for a declared u, is the variable u."""
    calls = {c: variable(c.func.__name__) for c in expr.atoms(sympy.core.function.AppliedUndef)
             if c.func.__name__ in context.declared}
    return expr.xreplace(calls) if calls else expr


def _target_of(item: Bare, text: str, problem: Problem | None = None) -> Target:
    expr = item.expr.value
    if not isinstance(expr, Partial) or (problem is not None and str(expr.base) in problem.functions):
        raise NotationError("this is not a relation: it has no '='", text, item.start,
                            hint="relations look like z = …; a derivative asked for looks like ∂z/∂x")
    return _target_from_partial(expr, text, item.start, problem)


def _target_from_partial(partial: Partial, text: str, position: int, problem: Problem | None = None) -> Target:
    if partial.by_position:
        return _prime_target(partial, text, position, problem)
    return Target(partial.base, tuple(partial.by))


def _prime_target(partial, text, position, problem) -> Target:
    """y' for a curve y = y(x): the derivative by its one variable."""
    if problem is not None and len(problem.independent) == 1:
        return Target(partial.base, problem.independent * len(partial.by))
    raise NotationError(f"{partial.base}′ does not say by which variable", text, position,
                        hint=f"write d{partial.base}/dx or {partial.base}_x")


def _is_variable_partial(expr, problem) -> bool:
    return isinstance(expr, Partial) and (problem is None or str(expr.base) not in problem.functions)


def _resolved(expr, problem):
    if problem is None:
        return expr
    expr = as_parameters(expr, {p.name for p in parameters_in(problem)})
    declared = Context(declared=frozenset(name.name for name in problem.declarations))
    return problem.resolve(_declared_as_symbols(expr, declared))
