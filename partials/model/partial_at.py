"""f₁′(u, v), f₁₂″(1, 1): a partial of an abstract function at its arguments.

SymPy's Subs compares by a canonical renaming of its variables that loses
which slot is which when the point repeats a value: in SymPy 1.14
Subs(∂f/∂ξ₁, (ξ₁, ξ₂), (1, 1)) == Subs(∂f/∂ξ₂, (ξ₁, ξ₂), (1, 1)), and so
f₁′(1, 1) − f₂′(1, 1) cancelled to 0 and f(x, x) differentiated to 2f₁′.

`PartialAt` is a Subs whose identity also holds everything it is written
with: the function, the slots, the differentiation and the point; two
different partials never compare equal. The project's slots are fixed
symbols (partials.symbols.argument_slot), so this is exact: f₁₂″ and f₂₁″
are one object because the positions are sorted.

Its class is named Subs on purpose: SymPy orders the factors of a product by
class name and then by the hashable content, and srepr writes the class
name. With the same name and SymPy's content first, products are ordered and
printed (text, LaTeX, the JSON's srepr fields) exactly as before.
Everything that reads a Subs (printers, chain rule, evaluators) reads it.
"""
from __future__ import annotations

import sympy


class Subs(sympy.Subs):
    """Subs(Derivative(f(_1, …, _n), _i, …), (_1, …, _n), point), compared by all of it."""

    def _hashable_content(self):
        return super()._hashable_content() + (sympy.Tuple(*self._args),)

    def __eq__(self, other):
        # structural, also against a plain sympy.Subs written with the same arguments
        return isinstance(other, sympy.Subs) and self._args == other._args

    def __ne__(self, other):
        return not self == other

    def __hash__(self):
        # SymPy's own hash of a Subs: equal objects (also a plain Subs) hash alike;
        # different partials that SymPy confuses share a bucket, and __eq__ tells them apart
        h = self._mhash
        if h is None:
            h = self._mhash = hash(("Subs",) + sympy.Subs._hashable_content(self))
        return h


PartialAt = Subs  # the name used in the project's code


def partial_at(derivative, slots, point) -> sympy.Expr:
    """The derivative (in the slots) taken at the point."""
    return PartialAt(derivative, tuple(slots), tuple(point))
