"""The names of a written answer, given their meaning in one problem.

Answer keys and students write the same derivative in many ways; the ones
read here are those the notation table alone cannot place, because their
meaning depends on the problem:

    f_1, f_{12}, F_2   for an abstract f of several arguments: f₁′, f₁₂″, F₂′
                       (textbooks that drop the primes mean the primed ones)
    f                  for an abstract f called once: f at its arguments
    ∂f/∂u, f_v         when the problem never names f's arguments: u, v, w
                       are its first, second, third argument
    Z                  for the problem's z, when the problem has no Z
    F_x, F_z           for an implicit problem of one equation that has no F:
                       the partials of F = (left side) − (right side)
    ∂z/∂u, ∂u/∂x       in a chain-rule step: the partial along one edge,
                       ∂(definition of z)/∂u with the other names held

Each reading that is not the literal one is reported as a note, printed
on the "interpreted as" line.  A name that cannot be placed raises
PartialsError ("cannot understand"), never a guess.
"""
from __future__ import annotations

import re

import sympy
from sympy.core.function import AppliedUndef

from partials.core.errors import PartialsError
from partials.model.notation import Partial
from partials.model.problem import abstract_derivative
from partials.core.symbols import GREEK_LETTERS, variable

EQUATION_NAME = "F"  # F(x, y, z) = 0: the name textbooks give an implicit problem's equation
ARGUMENT_NAMES = ("u", "v", "w")  # the conventional names of a function's 1st, 2nd, 3rd argument
_SUBSCRIPTED = re.compile(r"(?P<name>[A-Za-z]+)_(?P<digits>[0-9]{1,2})")
_GREEK_OF = {spelled: letter for letter, spelled in GREEK_LETTERS.items() if letter != "ϕ"}
_SUBSCRIPTS = str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉")


def shown(name: str) -> str:
    """phi → φ; f → f."""
    return _GREEK_OF.get(name, name)


def primed(name: str, positions) -> str:
    """f, (1, 2) → f₁₂″."""
    digits = "".join(str(p) for p in positions).translate(_SUBSCRIPTS)
    return shown(name) + digits + ("′" if len(positions) == 1 else "″" if len(positions) == 2 else "‴")


class Names:
    """What the names of one problem can stand for in its answers."""

    def __init__(self, problem):
        self.problem = problem
        self.variables = {s.name for s in (*problem.variables, *problem.implicit, *problem.declarations)}
        self.functions = dict(problem.functions)

    def single_call(self, name: str):
        calls = self.problem.calls(name)
        return calls[0] if len(calls) == 1 else None

    # ---- the rewriting -------------------------------------------------------------
    def placed(self, expr, notes: list[str]):
        """expr with the problem-dependent readings applied (notes appended)."""
        held = {}  # each Partial is held aside while the bare names are placed (f in f′ is no bare f)
        for partial in sorted(expr.atoms(Partial), key=str):
            meaning = self._partial_meaning(partial, notes)
            held[partial] = (sympy.Dummy(), partial if meaning is None else meaning)
        expr = expr.xreplace({partial: dummy for partial, (dummy, _) in held.items()})
        replacements = {}
        for symbol in sorted(expr.free_symbols, key=str):
            if isinstance(symbol, sympy.Symbol) and not isinstance(symbol, sympy.Dummy) and symbol.name not in self.variables:
                meaning = self._symbol_meaning(symbol.name, notes)
                if meaning is not None:
                    replacements[symbol] = meaning
        replacements.update({dummy: meaning for dummy, meaning in held.values()})
        return expr.xreplace(replacements)

    def _symbol_meaning(self, name: str, notes):
        subscripted = _SUBSCRIPTED.fullmatch(name)
        if subscripted and subscripted["name"] in self.functions:
            function_name, digits = subscripted["name"], subscripted["digits"]
            arity = self.functions[function_name]
            positions = [int(d) for d in digits]
            if all(1 <= p <= arity for p in positions):
                note = f"{shown(function_name)}_{digits} as {primed(function_name, positions)}"
                _note(notes, note)
                return Partial(variable(function_name), *positions)
            raise PartialsError(f"{shown(function_name)} has {arity} argument(s) in this problem; "
                                f"{shown(function_name)}_{digits} names an argument it does not have")
        if name in self.functions:
            arguments = self.single_call(name)
            if arguments is not None:
                from partials.core.symbols import function

                _note(notes, f"{shown(name)} as {shown(name)}({', '.join(_plain(a) for a in arguments)})")
                return function(name)(*arguments)
            return None
        swapped = name.swapcase() if len(name) == 1 else None
        if swapped and swapped in self.variables and swapped not in self.functions and name not in self.functions:
            _note(notes, f"{name} as {swapped}")
            return variable(swapped)
        return None

    def _partial_meaning(self, partial: Partial, notes):
        name = partial.base.name
        if name in self.functions:
            return self._function_partial(name, partial, notes)
        if name == EQUATION_NAME and name not in self.variables:
            return self._equation_partial(partial, notes)
        if name in ARGUMENT_NAMES and name not in self.variables:
            return self._argument_partial(name, partial, notes)
        if name not in self.variables and len(name) == 1 and name.swapcase() in self.variables:
            _note(notes, f"{name} as {name.swapcase()}")
            return Partial(variable(name.swapcase()), *partial.by)
        return None

    def _equation_partial(self, partial, notes):
        """F_x, F_z for an implicit problem of one equation: the partials of
        F(x, y, z) = (left side) − (right side), every name held but one."""
        equations, unknowns = self.problem.equations, self.problem.implicit
        names = set(self.problem.independent) | set(unknowns)
        if len(equations) != 1 or len(unknowns) != 1 or partial.by_position or not set(partial.by) <= names:
            return None
        relation = next(r for r in self.problem.relations if r.kind == "equation")
        _note(notes, f"F as F({', '.join(s.name for s in (*self.problem.independent, *unknowns))}) = "
                     f"{_plain(relation.lhs - relation.rhs)}")
        return sympy.diff(relation.lhs - relation.rhs, *partial.by)

    def _argument_partial(self, name, partial, notes):
        """∂u/∂x when the problem's one abstract function is called once and
        never names its arguments: u, v, w are its 1st, 2nd, 3rd argument."""
        calls = [(f, self.single_call(f)) for f in self.functions]
        if len(calls) != 1 or calls[0][1] is None or partial.by_position:
            return None
        function_name, arguments = calls[0]
        position = ARGUMENT_NAMES.index(name)
        if position >= len(arguments) or any(variable(a) in arguments for a in ARGUMENT_NAMES):
            return None
        if not set(partial.by) <= set(self.problem.independent):
            return None
        argument = arguments[position]
        _note(notes, f"{name} as the argument {_plain(argument)} of {shown(function_name)}")
        return sympy.diff(argument, *partial.by)

    def _function_partial(self, name, partial, notes):
        """∂f/∂u for an f whose arguments are not named u, v: by position."""
        if partial.by_position:
            return None
        arguments = self.single_call(name)
        if arguments is None:
            return None
        by = [str(b) for b in partial.by]
        if all(variable(b) in arguments for b in by):
            return None  # by the name of its argument: the notation table's reading
        if any(b in self.variables for b in by) or not all(b in ARGUMENT_NAMES for b in by):
            raise PartialsError(
                f"cannot tell what {shown(name)}_{''.join(by)} means: {shown(name)} is called as "
                f"{shown(name)}({', '.join(_plain(a) for a in arguments)})",
            )
        positions = [ARGUMENT_NAMES.index(b) + 1 for b in by]
        if max(positions) > len(arguments):
            raise PartialsError(f"{shown(name)} has {len(arguments)} argument(s); there is no argument {by[-1]}")
        written = f"∂{shown(name)}/∂{by[0]}" if len(by) == 1 else f"{shown(name)}_{''.join(by)}"
        _note(notes, f"{written} as {primed(name, positions)} ({', '.join(ARGUMENT_NAMES[:len(arguments)])} "
                     f"standing for the arguments of {shown(name)})")
        return Partial(variable(name), *positions)


# ---- derivatives along one edge (chain-rule steps) ------------------------------------
def edge_partial(problem, partial: Partial):
    """∂z/∂u in a chain-rule step, u not an independent variable: the partial
    of z's definition by u, the other names held; PartialsError if u is not
    a name z is defined in."""
    base, by = partial.base, partial.by
    if not by or not all(b.is_Symbol for b in by):
        raise PartialsError(f"cannot tell what {partial} means here")
    definition = problem.definitions.get(base)
    if definition is None:
        raise PartialsError(
            f"cannot tell what ∂{base}/∂{by[0]} means: {base} is not defined by a formula in this problem"
        )
    missing = [b for b in by if b not in definition.free_symbols]
    if missing:
        raise PartialsError(
            f"cannot tell what ∂{base}/∂{missing[0]} means: {base} is not defined in terms of {missing[0]}"
        )
    return _abstract_form(sympy.diff(definition, *by))


def _abstract_form(expr):
    """Derivative(f(u, v), u) → f₁′ at (u, v), the form the checker evaluates."""
    replacements = {}
    for derivative in expr.atoms(sympy.Derivative):
        call = derivative.expr
        if not isinstance(call, AppliedUndef) or len(set(call.args)) != len(call.args):
            continue
        if not all(v in call.args for v, _ in derivative.variable_count):
            continue
        positions = [call.args.index(v) + 1 for v, count in derivative.variable_count for _ in range(count)]
        replacements[derivative] = abstract_derivative(call.func, call.args, positions)
    return expr.xreplace(replacements) if replacements else expr


def _note(notes: list[str], note: str) -> None:
    if note not in notes:
        notes.append(note)


def _plain(expr) -> str:
    """An expression in textbook text, for a note."""
    try:
        from partials.presentation.printing import text

        return text(expr, None)
    except (ImportError, PartialsError, AttributeError, TypeError, ValueError, KeyError):
        return str(expr).replace("**", "^").replace("*", "")
