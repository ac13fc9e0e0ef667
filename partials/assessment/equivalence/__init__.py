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
points and the same verdict.  Values are compared with a relative tolerance
of 1e-9 and an absolute floor of 1e-12; a mismatch found in float arithmetic
is confirmed at 40 significant digits before an answer is called different,
so rounding alone never makes a right answer wrong.

Modules: `functions` (the concrete stand-ins), `evaluate` (values at a
point), `sampling` (the points), `comparison` (the answer key's values and
the verdict of the numbers), `algebra` (the cheap algebra).
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
