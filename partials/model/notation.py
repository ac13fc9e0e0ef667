"""Derivative notation as it is typed, before a problem gives it meaning.

`∂z/∂x`, `z_xy`, `f₁′`, `f''_{12}`, `F'_z`, `f'` all become a `Partial`: the
name being differentiated and what it is differentiated by, either variable
names (z_x, F_x) or argument positions (f₁′).  `Problem.resolve` turns a
Partial into a SymPy `Derivative`/`Subs` (or the engine's value) in the
context of one problem.
"""
from dataclasses import dataclass

import sympy


class Partial(sympy.Expr):
    """Unresolved derivative notation: Partial(base, *by).

    base -- Symbol named like the function or variable differentiated.
    by   -- Symbols (differentiate by that variable) or Integers
            (differentiate by that argument position, 1-based).
    """

    is_commutative = True

    def __new__(cls, base: sympy.Symbol, *by):
        by = tuple(sympy.sympify(b, strict=True) for b in by)  # ints and Symbols; strict: never parses text
        return super().__new__(cls, base, *by)

    @property
    def base(self) -> sympy.Symbol:
        return self.args[0]

    @property
    def by(self) -> tuple:
        return self.args[1:]

    @property
    def by_position(self) -> bool:
        return all(b.is_Integer for b in self.by)

    def _sympystr(self, printer):
        by = "".join(str(b) for b in self.by)
        return f"{self.base}_{by}" if not self.by_position else f"{self.base}_{by}{chr(8242) * len(self.by)}"


@dataclass(frozen=True)
class Target:
    """A derivative asked for: ∂ⁿ of / ∂wrt[0] ∂wrt[1] …  (order = len(wrt))."""

    of: sympy.Symbol
    wrt: tuple[sympy.Symbol, ...]

    @property
    def order(self) -> int:
        return len(self.wrt)

    def notation(self, ordinary: bool = False) -> str:
        """∂²z/∂x∂y; d²y/dx² for a function of one variable (`ordinary`)."""
        written = leibniz(display_name(self.of), [display_name(w) for w in self.wrt])
        return written.replace("∂", "d") if ordinary else written


def display_name(name) -> str:
    """A name as the Unicode printers write it: θ for theta, φ for phi."""
    from partials.core.symbols import GREEK_LETTERS

    text = str(name)
    return next((letter for letter, spelled in GREEK_LETTERS.items() if spelled == text), text)


def leibniz(of: str, wrt: list[str]) -> str:
    """∂z/∂x, ∂²z/∂x∂y, ∂²z/∂x², ∂³u/∂θ²∂r in Unicode (spelled Greek names as letters)."""
    superscripts = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")
    of, wrt = display_name(of), [display_name(w) for w in wrt]
    order = len(wrt)
    top = "∂" + (str(order).translate(superscripts) if order > 1 else "") + of
    bottom = "".join(f"∂{n}" + (str(k).translate(superscripts) if k > 1 else "") for n, k in repeat_groups(wrt))
    return f"{top}/{bottom}"


def repeat_groups(wrt) -> list[list]:
    """[[name, times]] of consecutive repeats: x, x, y -> [[x, 2], [y, 1]] (∂x²∂y)."""
    groups: list[list] = []
    for name in wrt:
        if groups and groups[-1][0] == name:
            groups[-1][1] += 1
        else:
            groups.append([name, 1])
    return groups
