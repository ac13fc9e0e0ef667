"""Deciding whether a student's expression equals the answer key's.

Two stages, in this order:

1. cheap algebra (`algebraically_equal`): the difference, with intermediates
   substituted, simplifies to 0 under size-bounded rewrites (no unbounded
   `simplify`), which proves equality outright;
2. numeric testing (`PointSet`, `compare`): both expressions evaluated at
   random points of the problem's domain, with every abstract function
   replaced by a random smooth concrete function (so f₁′, f₁₂″ become
   numbers), implicit unknowns solved ON the surface of the equations, and
   intermediates computed from their definitions.

Points are drawn from a `random.Random(seed)`, so the same seed gives the same
points and the same verdict; they cover both signs, the neighbourhood of the
origin and values far from it, are moved into the expressions' domain
(`domain`), and are hunted for where a term of the key would otherwise be
negligible (`terms`).  Floats screen with a relative tolerance of 1e-9; a
float mismatch is confirmed at 40 significant digits before an answer is
called different (rounding alone never makes a right answer wrong), and a
float agreement is confirmed at 65 digits with a tolerance that follows the
terms' rounding error (`confirm`: 2x + 10⁻¹⁰ is not 2x).

Modules: `functions` (the concrete stand-ins), `evaluate` (values at a
point), `sampling` (the points), `domain` (where expressions are real),
`terms` (where each term matters), `confirm` (high-precision agreement),
`comparison` (the answer key's values and the verdict of the numbers),
`algebra` (the cheap algebra).
"""
from partials.assessment.equivalence.algebra import algebraically_equal, size
from partials.assessment.equivalence.comparison import PointSet, compare
from partials.core.evaluate import FP, MP, Evaluator, Undefined, Unsupported, close
from partials.assessment.equivalence.functions import ConcreteFunction
from partials.assessment.equivalence.sampling import PointSampler

__all__ = [
    "FP", "MP", "ConcreteFunction", "Evaluator", "PointSampler", "PointSet", "Undefined", "Unsupported",
    "algebraically_equal", "close", "compare", "size",
]
