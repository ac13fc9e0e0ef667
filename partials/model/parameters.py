"""Letters declared constant (`--const m`, `const="m"`): parameters of the problem.

`f(r, θ) = r^m cos mθ` with m constant: m is never differentiated, never an
independent variable, never asked for at a point; it stays a letter in every
answer. A parameter is a real Symbol of its own class, so it never equals the
variable of the same name, and the role rules (partials.problem) and the
chain rule (partials.chain) leave it out of the variables.

The reader takes the names from its `const` argument, or else from
`constants(...)`, a context set by a command or the API around the whole call
(so that check, verify and grade read the problem text with the same names).
"""
from __future__ import annotations

import contextvars
import functools
import re
from contextlib import contextmanager

import sympy

from partials.core.errors import NotationError
from partials.core.symbols import GREEK_LETTERS, GREEK_NAMES, variable

_DECLARED: contextvars.ContextVar = contextvars.ContextVar("partials_constants", default=frozenset())
_NAME = re.compile(r"[A-Za-z](_[0-9]+)?|[α-ωΑ-Ω]|" + "|".join(sorted(GREEK_NAMES, key=len, reverse=True)))


class Parameter(sympy.Symbol):
    """A letter the user declared constant; printed as its name."""


@functools.lru_cache(maxsize=256)
def parameter(name: str) -> Parameter:
    return Parameter(name, real=True)


def is_parameter(symbol) -> bool:
    return isinstance(symbol, Parameter)


def read_constants(names) -> frozenset:
    """'m', 'm, k', ['m', 'θ'] → frozenset of names; anything else is a NotationError."""
    if names is None:
        return frozenset()
    if isinstance(names, str):
        names = [part for part in re.split(r"[,\s]+", names) if part]
    if not isinstance(names, (list, tuple, set, frozenset)) or not all(isinstance(n, str) for n in names):
        raise NotationError("constants are letters, e.g. --const m or --const m,k", str(names), None)
    found = set()
    for name in names:
        if not _NAME.fullmatch(name):
            raise NotationError(f"'{name}' is not a letter that can be declared constant", name, 0,
                                hint="e.g. --const m or --const a,b")
        found.add(GREEK_LETTERS.get(name, name))
    return frozenset(found)


@contextmanager
def constants(names):
    """Within this block, problems are read with these letters as constants."""
    token = _DECLARED.set(read_constants(names))
    try:
        yield
    finally:
        _DECLARED.reset(token)


def declared() -> frozenset:
    return _DECLARED.get()


def as_parameters(expr, names):
    """The variables named in `names` replaced by parameters."""
    if not names or not isinstance(expr, sympy.Basic):
        return expr
    return expr.xreplace({variable(n): parameter(n) for n in names})


def parameters_in(problem) -> frozenset:
    found = set()
    for relation in problem.relations:
        found |= {s for s in (relation.lhs - relation.rhs).free_symbols if isinstance(s, Parameter)}
    return frozenset(found)
