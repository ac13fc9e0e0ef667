"""The total differential dz = z_x dx + z_y dy (du = u_x dx + u_y dy + u_z dz).

    d = total_differential(problem, "z")
    d.partials          (Solution for ∂z/∂x, Solution for ∂z/∂y)
    d.expr              z_x·dx + z_y·dy with intermediates kept; dx, dy are the
                        real Symbols variable("dx"), variable("dy")
    d.explicit          the same in the independent variables
    d.text, d.latex     "dz = 2x dx + 2y dy"
    d.at({"x": 1, "y": 2})   a Differential whose coefficients are the values there

For implicit unknowns the coefficients may contain the unknown (z), as
textbooks write them.
"""
from __future__ import annotations

from functools import cached_property

import sympy

from partials.calculus import printable
from partials.core.symbols import variable
from partials.core.clean_numbers import cleaned


def differential_symbol(x) -> sympy.Symbol:
    """dx for x (users cannot type a two-letter variable, so no clash)."""
    return variable(f"d{x}")


class Differential:
    def __init__(self, problem, of, partials, coefficients=None, point=None):
        self.problem = problem
        self.of = of
        self.partials = tuple(partials)
        self.variables = tuple(s.wrt[0] for s in self.partials)
        self.coefficients = tuple(coefficients) if coefficients is not None else tuple(s.expr for s in self.partials)
        self.point = point

    @property
    def symbols(self) -> dict:
        return {x: differential_symbol(x) for x in self.variables}

    @cached_property
    def expr(self):
        return sympy.Add(*[c * differential_symbol(x) for c, x in zip(self.coefficients, self.variables)])

    @cached_property
    def explicit(self):
        if self.point is not None:
            return self.expr
        return sympy.Add(*[s.explicit * differential_symbol(x) for s, x in zip(self.partials, self.variables)])

    @cached_property
    def text(self) -> str:
        return self.render_text()

    @cached_property
    def explicit_text(self) -> str:
        return self.render_text(explicit=True)

    @cached_property
    def latex(self) -> str:
        return self.render("latex")

    def render_text(self, ascii: bool = False, explicit: bool = False) -> str:
        """dz = … in Unicode text, or plain ASCII."""
        return self.render("ascii" if ascii else "text", explicit)

    def render(self, style: str = "text", explicit: bool = False) -> str:
        """dz = … with style "text", "ascii" or "latex"; `explicit`: each
        coefficient in the independent variables only (at a point they already are)."""
        coefficients = self.coefficients
        if explicit and self.point is None:
            coefficients = [s.explicit for s in self.partials]
        return f"{self._d(self.of, style)} = " + self._joined(coefficients, style)

    def _d(self, x, style: str) -> str:
        """dθ (not dtheta), d\\theta, dtheta in ASCII: the name as the printers write it."""
        if style == "latex":
            return f"\\mathrm{{d}}{printable.latex(x, self.problem)}"
        return f"d{printable.text(x, self.problem, ascii=style == 'ascii')}"

    def _joined(self, coefficients, style: str) -> str:
        latex = style == "latex"
        minus = "−" if style == "text" else "-"
        parts = []
        for coefficient, x in zip(coefficients, self.variables):
            coefficient = cleaned(coefficient)  # −1.00000000000000 → −1, 0.0 → 0 (a value found numerically)
            if coefficient == 0:
                continue
            d = self._d(x, style)
            negative = coefficient.could_extract_minus_sign()
            magnitude = -coefficient if negative else coefficient
            if magnitude == 1:  # dT − dp, not dT − 1 dp
                parts.append((minus if negative else "+", d))
                continue
            d = f"\\,{d}" if latex else f" {d}"
            if latex:
                shown = printable.latex(magnitude, self.problem)
            else:
                shown = printable.text(magnitude, self.problem, ascii=style == "ascii")
            if magnitude.is_Add:
                shown = f"\\left({shown}\\right)" if latex else f"({shown})"
            parts.append((minus if negative else "+", shown + d))
        if not parts:
            return "0"
        text = minus + parts[0][1] if parts[0][0] == minus else parts[0][1]
        for sign, part in parts[1:]:
            text += f" {sign} {part}"
        return text

    def at(self, point) -> "Differential":
        """The differential at a point: each coefficient its value there."""
        from partials.calculus.points import value_at

        values = [value_at(s, point) for s in self.partials]
        return Differential(self.problem, self.of, self.partials, values, point=point)

    def __repr__(self) -> str:
        return f"Differential({self.text})"

    __str__ = lambda self: self.text  # noqa: E731

    def _repr_latex_(self) -> str:
        return f"${self.latex}$"


def total_differential(problem, of=None) -> Differential:
    from partials.calculus.engine import default_of, differentiate
    from partials.core.symbols import symbol_named

    of = symbol_named(of) if of is not None else default_of(problem)
    framed = problem.framed_for(of, ())
    partials = [differentiate(framed, of, (x,)) for x in framed.independent]
    return Differential(framed, of, partials)
