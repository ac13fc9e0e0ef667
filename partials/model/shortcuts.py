"""The one door from the model layer up: `problem.d(...)` and `problem.verify(...)`.

A Problem is a description; differentiating it is the calculus layer's job
and deciding an identity the assessment layer's. These two shortcuts of the
Python API reach them by importing when called, the way SymPy's core reaches
its printers; the layer contract in pyproject.toml lists this module as the
model layer's one exception. Both run within the budget of
partials.core.bounded (timeout=None: no time limit).
"""
from __future__ import annotations

from partials.core.bounded import DEFAULT_MEMORY_MB, DEFAULT_SECONDS, bounded
from partials.model.arguments import name_argument, text_argument


class ProblemShortcuts:
    def d(self, of, *wrt, timeout=DEFAULT_SECONDS, memory=DEFAULT_MEMORY_MB):
        """The derivative ∂ⁿ(of)/∂wrt… as a Solution (see partials.calculus.engine)."""
        from partials.calculus.engine import differentiate

        of = name_argument(of, "of")
        wrt = tuple(name_argument(w, "each variable to differentiate by") for w in wrt)
        return bounded(differentiate, self, of, wrt, seconds=timeout, memory_mb=memory)

    def verify(self, identity: str, timeout=DEFAULT_SECONDS, memory=DEFAULT_MEMORY_MB):
        """Decide whether an identity among partial derivatives holds (see partials.assessment.verify)."""
        from partials.assessment.verify import verify

        identity = text_argument(identity, "the identity")
        return bounded(verify, self, identity, seconds=timeout, memory_mb=memory)
