"""The one door from the model layer up: `problem.d(...)` and `problem.verify(...)`.

A Problem is a description; differentiating it is the calculus layer's job
and deciding an identity the assessment layer's. These two shortcuts of the
Python API reach them by importing when called, the way SymPy's core reaches
its printers; the layer contract in pyproject.toml lists this module as the
model layer's one exception.
"""
from __future__ import annotations


class ProblemShortcuts:
    def d(self, of, *wrt):
        """The derivative ∂ⁿ(of)/∂wrt… as a Solution (see partials.calculus.engine)."""
        from partials.calculus.engine import differentiate

        return differentiate(self, of, wrt)

    def verify(self, identity: str):
        """Decide whether an identity among partial derivatives holds (see partials.assessment.verify)."""
        from partials.assessment.verify import verify

        return verify(self, identity)
