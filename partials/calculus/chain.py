"""The chain rule through one expression: local partial derivatives.

An expression of a problem is built from variables (Symbols) and *abstract
atoms*:

* calls of abstract functions, f(u, v) or f(x + y, xy);
* their derivatives in the canonical form of `abstract_derivative`,
  Subs(Derivative(f(_1, _2), _1), (_1, _2), (u, v)) = f₁′;
* derivatives of abstract intermediates (u = u(x, y)), Derivative(u(x, y), x).

`local_gradient(expr)` gives ∂expr/∂s for every variable s of the expression,
holding the other variables fixed: the elementary part is differentiated by
SymPy with every atom hidden behind a placeholder, and every atom is
differentiated through its arguments by the chain rule (f(a, b) gives
f₁′·∂a/∂s + f₂′·∂b/∂s).  SymPy's own chain rule for several-argument
abstract functions is never used (it is wrong at second order, sympy issue
29714), so mixed partials come out in one canonical form and merge.
"""
from __future__ import annotations

from functools import lru_cache

import sympy
from sympy.core.function import AppliedUndef

from partials.model.problem import abstract_derivative
from partials.model.parameters import is_parameter


def is_abstract_atom(expr) -> bool:
    """An abstract call, f₁′-style Subs, or Derivative of an abstract call."""
    if isinstance(expr, AppliedUndef):
        return True
    if isinstance(expr, sympy.Subs):
        inner = expr.expr
        return isinstance(inner, sympy.Derivative) and isinstance(inner.expr, AppliedUndef)
    if isinstance(expr, sympy.Derivative):
        return isinstance(expr.expr, AppliedUndef)
    return False


def top_atoms(expr) -> list:
    """Abstract atoms of `expr` not nested inside another atom, in a stable order."""
    found: dict = {}
    stack = [expr]
    while stack:
        node = stack.pop()
        if is_abstract_atom(node):
            found.setdefault(node, None)
        elif node.args:
            stack.extend(reversed(node.args))
    return sorted(found, key=sympy.default_sort_key)


def atom_arguments(atom) -> tuple:
    """The expressions an atom depends on, in argument order."""
    if isinstance(atom, AppliedUndef):
        return atom.args
    if isinstance(atom, sympy.Subs):
        return tuple(atom.point)
    return atom.expr.args  # Derivative(u(x, y), ...)


def atom_function(atom):
    """The abstract function class of an atom (f for f₁′, u for ∂u/∂x)."""
    if isinstance(atom, AppliedUndef):
        return atom.func
    if isinstance(atom, sympy.Subs):
        return atom.expr.expr.func
    return atom.expr.func


def atom_positions(atom) -> list[int]:
    """The 1-based argument positions an atom is differentiated by ([] for a call)."""
    if isinstance(atom, AppliedUndef):
        return []
    if isinstance(atom, sympy.Subs):
        slots = list(atom.variables)
        derivative = atom.expr
    else:
        slots = list(atom.expr.args)
        derivative = atom
    positions = []
    for var, count in derivative.variable_count:
        positions += [slots.index(var) + 1] * int(count)
    return sorted(positions)


def atom_derivative(atom, position: int):
    """The atom differentiated once more by its argument at `position` (1-based).

    Derivatives of abstract intermediates stay Derivative(u(x, y), x, y) with
    the variables in declaration order; everything else is the canonical
    Subs form, so f₁₂″ and f₂₁″ are the same object."""
    positions = atom_positions(atom) + [position]
    if isinstance(atom, sympy.Derivative):
        return intermediate_derivative(atom.expr, positions)
    return abstract_derivative(atom_function(atom), atom_arguments(atom), positions)


def intermediate_derivative(call, positions):
    """Derivative(u(x, y), x, y) of an abstract intermediate u(x, y) whose
    arguments are distinct symbols; the Subs form otherwise."""
    arguments = call.args
    if not positions:
        return call
    if all(isinstance(a, sympy.Symbol) for a in arguments) and len(set(arguments)) == len(arguments):
        return sympy.Derivative(call, *[arguments[p - 1] for p in sorted(positions)])
    return abstract_derivative(call.func, arguments, positions)


def variables_of(expr) -> list:
    """Free variables, without argument slots, in a stable order."""
    return sorted(
        (s for s in expr.free_symbols
         if not s.name.startswith("_") and not isinstance(s, sympy.Dummy) and not is_parameter(s)),
        key=sympy.default_sort_key,
    )


def local_partial(expr, variable):
    """∂expr/∂variable, holding every other variable fixed."""
    return local_gradient(expr).get(variable, sympy.S.Zero)


def local_gradient(expr) -> dict:
    """{variable: ∂expr/∂variable} for every variable of `expr` (zeros left out)."""
    return dict(_local_gradient(sympy.sympify(expr, strict=True)))


@lru_cache(maxsize=8192)
def _local_gradient(expr) -> tuple:
    atoms = top_atoms(expr)
    if not atoms:
        pairs = ((s, elementary_diff(expr, s)) for s in variables_of(expr))
        return tuple((s, d) for s, d in pairs if d != 0)
    placeholders = {atom: sympy.Dummy(f"atom{k}") for k, atom in enumerate(atoms)}
    restore = {p: atom for atom, p in placeholders.items()}
    hidden = expr.xreplace(placeholders)
    gradient: dict = {}
    for s in variables_of(hidden):
        _accumulate(gradient, s, elementary_diff(hidden, s).xreplace(restore))
    for atom, placeholder in placeholders.items():
        outer = elementary_diff(hidden, placeholder).xreplace(restore)
        if outer == 0:
            continue
        for position, argument in enumerate(atom_arguments(atom), start=1):
            inner = _local_gradient(argument)
            if not inner:
                continue
            through = outer * atom_derivative(atom, position)
            for s, d in inner:
                _accumulate(gradient, s, through * d)
    return tuple((s, d) for s, d in gradient.items() if d != 0)


def elementary_diff(expr, symbol):
    """∂expr/∂symbol by the sum, product, power and chain rules on the tree.

    The same result as sympy.diff for elementary expressions, without the
    assumption queries of Derivative.__new__ that make sympy.diff cost
    milliseconds on a two-node expression; anything unusual (Abs,
    Piecewise, …) goes to sympy.diff."""
    if symbol not in expr.free_symbols:
        return sympy.S.Zero
    if expr == symbol:
        return sympy.S.One
    if expr.is_Add:
        return sympy.Add(*[elementary_diff(term, symbol) for term in expr.args])
    if expr.is_Mul:
        args, terms = expr.args, []
        for k, factor in enumerate(args):
            derivative = elementary_diff(factor, symbol)
            if derivative != 0:
                terms.append(sympy.Mul(*args[:k], derivative, *args[k + 1:]))
        return sympy.Add(*terms)
    if expr.is_Pow:
        base, exponent = expr.args
        if symbol not in exponent.free_symbols:
            return exponent * base ** (exponent - 1) * elementary_diff(base, symbol)
        if symbol not in base.free_symbols:
            return expr * sympy.log(base) * elementary_diff(exponent, symbol)
        return expr * (elementary_diff(exponent, symbol) * sympy.log(base)
                       + exponent * elementary_diff(base, symbol) / base)
    if isinstance(expr, (sympy.tan, sympy.cot)):  # textbooks keep sec²u, csc²u (SymPy writes 1 + tan²u)
        inner = elementary_diff(expr.args[0], symbol)
        outer = sympy.sec(expr.args[0]) ** 2 if isinstance(expr, sympy.tan) else -sympy.csc(expr.args[0]) ** 2
        return outer * inner
    if isinstance(expr, sympy.Function) and not isinstance(expr, AppliedUndef) and expr.args:
        terms = []
        try:
            for k, argument in enumerate(expr.args, start=1):
                inner = elementary_diff(argument, symbol)
                if inner != 0:
                    terms.append(expr.fdiff(k) * inner)
        except (sympy.core.function.ArgumentIndexError, NotImplementedError, TypeError):
            return sympy.diff(expr, symbol)
        return sympy.Add(*terms)
    return sympy.diff(expr, symbol)


def _accumulate(gradient: dict, variable, term) -> None:
    if term != 0:
        gradient[variable] = gradient.get(variable, sympy.S.Zero) + term


def substitute(expr, mapping: dict):
    """Replace variables by expressions everywhere, also inside the arguments
    of abstract atoms; a Derivative(u(x, y), x) whose arguments stop being
    distinct symbols becomes the canonical Subs form."""
    if not mapping:
        return expr
    atoms = {}
    for atom in expr.atoms(sympy.Derivative):
        if isinstance(atom.expr, AppliedUndef) and any(a in mapping for a in atom.expr.args):
            call = atom.expr.func(*[a.xreplace(mapping) for a in atom.expr.args])
            atoms[atom] = intermediate_derivative(call, atom_positions(atom))
    return expr.xreplace({**mapping, **atoms})
