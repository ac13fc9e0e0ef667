"""The names and derivatives written inside an answer, given their meaning in
the problem (the checker's reading of an answer, before it is judged).

* `∂a/∂b`, `a_b`, `a_bc` of problem variables is the problem's own
  derivative, whatever a and b are: by an independent variable, by an
  intermediate (z_u for z = f(u, v) is f₁′, the chain rule written out), or
  of a declared function u = u(x, y) (its abstract partial).
* `y'`, `y''` is d y/dx, d²y/dx² when the problem has one independent
  variable x.
* An answer must not contain the derivative it answers (`z_x` as the answer
  to ∂z/∂x), nor, in an implicit problem, the other derivatives of the same
  linear system (v_x when u_x is asked for u, v defined by equations).
* A name the problem does not have is not read as a new variable: the
  student is told which name is unknown, with the look-alike letter it
  probably stands for (ν typed for v).
"""
from __future__ import annotations

import difflib

import sympy
from sympy.core.function import AppliedUndef

from partials.core.errors import PartialsError
from partials.model.notation import Partial, Target, leibniz
from partials.core.symbols import GREEK_LETTERS

# Greek (and a few other) letters that look like Latin ones
LOOK_ALIKES = {
    "ν": "v", "ο": "o", "α": "a", "ρ": "p", "κ": "k", "χ": "x", "υ": "u", "ι": "i", "τ": "t",
    "ω": "w", "γ": "y", "ε": "e", "η": "n", "μ": "u", "β": "B", "Α": "A", "Β": "B", "Ε": "E",
    "Ζ": "Z", "Η": "H", "Ι": "I", "Κ": "K", "Μ": "M", "Ν": "N", "Ο": "O", "Ρ": "P", "Τ": "T",
    "Υ": "Y", "Χ": "X",
}
_SPELLING = {name: letter for letter, name in GREEK_LETTERS.items()}


class UnknownName(PartialsError):
    """The answer names something the problem does not have."""


class Circular(PartialsError):
    """The answer contains the derivative it answers."""


# ---------------------------------------------------------------------------
# names
# ---------------------------------------------------------------------------
def problem_names(problem) -> set:
    """Every variable name of the problem (independent, intermediate, dependent, implicit, declared)."""
    symbols = (*problem.independent, *problem.intermediate, *problem.dependent, *problem.implicit, *problem.declarations)
    return {s.name for s in symbols}


def spelled(name: str) -> str:
    """A name as the student typed it: nu → ν."""
    return _SPELLING.get(name, name)


def unknown_name_sentence(problem, name: str) -> str:
    """'ν is not a name of this problem (did you mean v?)'."""
    known = problem_names(problem)
    shown = spelled(name)
    guess = _look_alike(shown, known)
    if guess is None:
        close = difflib.get_close_matches(name, sorted(known), n=1, cutoff=0.6)
        guess = close[0] if close else None
    if guess is not None:
        return f"{shown} is not a name of this problem (did you mean {spelled(guess)}?)"
    names = ", ".join(spelled(n) for n in sorted(known))
    return f"{shown} is not a name of this problem (its names are {names})"


def _look_alike(shown: str, known: set):
    """The problem's name that `shown` looks like: ν for v, p for ρ, X for x."""
    latin = "".join(LOOK_ALIKES.get(ch, ch) for ch in shown)
    for candidate in (latin, latin.lower(), latin.upper()):
        if candidate != shown and candidate in known:
            return candidate
    for name in sorted(known):  # a Latin letter typed for the problem's Greek one
        if "".join(LOOK_ALIKES.get(ch, ch) for ch in spelled(name)) in (shown, shown.lower()):
            return name
    return None


def foreign_name(problem, answer) -> str | None:
    """A variable or function of `answer` the problem does not have, as a sentence."""
    variables = problem_names(problem)
    for symbol in sorted(answer.free_symbols, key=str):
        if symbol.name not in variables:
            if symbol.name in problem.functions:
                return f"{spelled(symbol.name)} is a function in this problem; it needs its arguments or a derivative sign"
            return unknown_name_sentence(problem, symbol.name)
    functions = set(problem.functions) | {s.name for s in problem.declarations}
    for call in sorted(answer.atoms(AppliedUndef), key=str):
        name = call.func.__name__
        if name not in functions:
            return f"{spelled(name)} is not a function of this problem"
        arity = problem.functions.get(name, len(problem.declarations.get(sympy.Symbol(name, real=True), call.args)))
        if len(call.args) != arity:
            return f"{spelled(name)} takes {arity} argument(s) in this problem, the answer gives it {len(call.args)}"
    return None


# ---------------------------------------------------------------------------
# derivatives written inside an answer
# ---------------------------------------------------------------------------
def meant(problem, partial: Partial) -> Partial:
    """y' (by position) as dy/dx in a problem of one independent variable;
    any other Partial unchanged."""
    if not partial.by_position or str(partial.base) in problem.functions:
        return partial
    if len(problem.independent) == 1 and partial.base.name in problem_names(problem):
        return Partial(partial.base, *(problem.independent * len(partial.by)))
    raise PartialsError(f"{spelled(partial.base.name)}′ does not say by which variable here: write "
                        f"d{spelled(partial.base.name)}/dx or {spelled(partial.base.name)}_x")


def check_not_circular(problem, target: Target, partials) -> None:
    """Raise Circular when the answer contains the derivative asked for, or
    (implicit problems) another unknown of the same linear system."""
    asked = sorted(map(str, target.wrt))
    for partial in partials:
        same_by = sorted(map(str, partial.by)) == asked
        if not same_by:
            continue
        name = leibniz(spelled(partial.base.name), [spelled(str(b)) for b in partial.by])
        if partial.base == target.of:
            raise Circular(f"the answer contains {name}, the derivative it should give")
        if partial.base in problem.implicit and target.of in problem.implicit:
            raise Circular(f"the answer contains {name}, which the equations determine: solve for it as well")


def partial_value(problem, partial: Partial, cache: dict):
    """The value of ∂a/∂b… written inside an answer, in the problem."""
    base, by = partial.base, partial.by
    if not by or not all(b.is_Symbol for b in by):
        raise PartialsError(f"cannot tell what {partial} means here")
    names = problem_names(problem)
    for name in (base, *by):
        if name.name not in names:
            raise UnknownName(unknown_name_sentence(problem, name.name))
    if base in problem.independent and all(b in problem.independent for b in by):
        return sympy.Integer(1 if len(by) == 1 and by[0] == base else 0)
    declared = problem.declarations.get(base)
    if declared is not None and base not in problem.definitions and base not in problem.implicit:
        if all(b in declared for b in by):
            return sympy.Derivative(sympy.Function(base.name)(*declared), *by)
    key = (base, tuple(by))
    if key not in cache:
        cache[key] = _derivative(problem, base, by)
    return cache[key]


def _derivative(problem, base, by):
    """The problem's derivative of base by `by`: by independent variables the
    engine's; by intermediates the chain rule stops at them (z_u = f₁′)."""
    if all(b in problem.independent for b in by):
        return problem.d(base, *by).expr
    framed = problem.framed_for(base, by)
    if not {s.name for s in framed.independent} <= problem_names(problem):
        raise PartialsError(f"cannot tell what {leibniz(str(base), [str(b) for b in by])} means in this problem")
    return framed.d(base, *by).expr
