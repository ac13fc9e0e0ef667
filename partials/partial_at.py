"""f₁′(u, v), f₁₂″(1, 1): a partial of an abstract function at its arguments.

SymPy's Subs compares by a canonical renaming of its variables that loses
which slot is which when the point repeats a value: in SymPy 1.14
Subs(∂f/∂ξ₁, (ξ₁, ξ₂), (1, 1)) == Subs(∂f/∂ξ₂, (ξ₁, ξ₂), (1, 1)), and so
f₁′(1, 1) − f₂′(1, 1) cancels to 0 and f(x, x) differentiates to 2f₁′.
`PartialAt` is a Subs that compares by what it is written with: the same
function, the same slots, the same differentiation and the same point, so
two different partials never compare equal. The project's slots are fixed
symbols (partials.symbols.argument_slot), so this structural equality is
exact: f₁₂″ and f₂₁″ are one object because the positions are sorted.
Everything that reads a Subs (printers, chain rule, evaluators) reads it.
"""
from __future__ import annotations

import sympy


class PartialAt(sympy.Subs):
    """Subs(Derivative(f(_1, …, _n), _i, …), (_1, …, _n), point), compared structurally."""

    def _hashable_content(self):
        return self._args

    def __eq__(self, other):
        return isinstance(other, sympy.Subs) and self._args == other._args

    def __ne__(self, other):
        return not self == other

    def __hash__(self):
        return super().__hash__()

    def _sympyrepr(self, printer) -> str:
        """srepr (the JSON's "sympy" fields) writes Subs(…), as before this class."""
        return "Subs(%s)" % ", ".join(printer._print(argument) for argument in self.args)


def partial_at(derivative, slots, point) -> sympy.Expr:
    """The derivative (in the slots) taken at the point."""
    return PartialAt(derivative, tuple(slots), tuple(point))

