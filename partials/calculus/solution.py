"""A derivative of a problem, as the engine found it.

    s = partials.parse("z = u^2 ln v, u = y/x, v = x^2 + y^2").d("z", "x")
    s.expr       # intermediates kept: 2u ln v·(−y/x²) + u²/v·2x
    s.explicit   # independent variables only (implicit unknowns such as z stay)
    s.text, s.latex, s.steps    # printed by partials.presentation.printing / partials.presentation.steps
    s.at({x: 1, y: 2})          # the value at a point (partials.calculus.points)
"""
from __future__ import annotations

from functools import cached_property

import sympy

from partials.calculus import printable
from partials.model.notation import Target, leibniz


class Solution:
    def __init__(self, problem, of, wrt, expr, graph=None):
        self.problem = problem
        self.of = of
        self.wrt = tuple(wrt)
        self.expr = expr
        self._graph = graph

    # ---- forms ------------------------------------------------------------
    @cached_property
    def explicit(self):
        """In the independent variables only (abstract intermediates as u(x, y);
        the unknowns of implicit equations stay, as textbooks keep z)."""
        from partials.calculus.dependency_graph import DependencyGraph
        from partials.calculus.tidy import tidy

        graph = self._graph or DependencyGraph(self.problem)
        substituted = graph.explicit(self.expr)
        return self.expr if substituted == self.expr else tidy(substituted)

    @property
    def target(self) -> Target:
        return Target(self.of, self.wrt)

    @property
    def order(self) -> int:
        return len(self.wrt)

    @property
    def notation(self) -> str:
        return leibniz(str(self.of), [str(w) for w in self.wrt])

    # ---- printed -------------------------------------------------------------
    @cached_property
    def text(self) -> str:
        return printable.text(self.expr, self.problem)

    @cached_property
    def explicit_text(self) -> str:
        return printable.text(self.explicit, self.problem)

    @cached_property
    def latex(self) -> str:
        return printable.latex(self.expr, self.problem)

    @cached_property
    def explicit_latex(self) -> str:
        return printable.latex(self.explicit, self.problem)

    @cached_property
    def steps(self):
        return printable.steps(self)

    def _repr_latex_(self) -> str:
        return f"${self.latex}$"

    def __repr__(self) -> str:
        return f"Solution({self.notation} = {self.expr})"

    def __str__(self) -> str:
        return f"{self.notation} = {self.text}"

    # ---- at a point ---------------------------------------------------------
    def at(self, point: dict):
        """The value at a point {Symbol or name: value}: exact where SymPy can
        (rationals, radicals), else a Float; see partials.calculus.points."""
        from partials.calculus.points import value_at

        return value_at(self, point)

    def to_json(self) -> dict:
        """The result object of `partials solve --json` (docs/design.md)."""
        return {
            "of": str(self.of),
            "wrt": [str(w) for w in self.wrt],
            "notation": self.notation,
            "text": self.text,
            "latex": self.latex,
            "kept": sympy.srepr(self.expr),
            "sympy": sympy.srepr(self.explicit),
        }
