"""The computational graph of a problem, and derivatives accumulated on it.

Nodes are the problem's variables: independent inputs, intermediates and
outputs.  An edge u → v carries the local partial derivative ∂v/∂u of v's own
relation, the other arguments of that relation held fixed:

* a definition v = rhs gives ∂rhs/∂u (abstract functions in canonical form,
  f₁′ = Subs(Derivative(f(_1, _2), _1), (_1, _2), (u, v)));
* a declaration u = u(x, y) that no equation determines (an abstract
  intermediate) gives ∂u/∂x = Derivative(u(x, y), x);
* unknowns determined by equations G(w…, z…) = 0 get one edge from every
  other name w in the equations, carrying ∂z/∂w = −(∂G/∂z)⁻¹·∂G/∂w (the
  implicit-function rule; −F_x/F_z for one equation).

A derivative is accumulated edge by edge (the chain rule as a sum over paths,
factored): forward mode from one input gives ∂node/∂input for every node,
reverse mode from one output gives ∂output/∂node for every node; each sweep
visits every edge once, so its cost grows with the number of edges, never
with the number of input→output paths.  At a point the accumulation runs on
numbers: exact SymPy numbers (rationals, radicals, π) or Python floats.
"""
from partials.core.budget import OutOfTime, time_budget, tree_size
from partials.calculus.computational_graph.derivatives import local_partial
from partials.calculus.computational_graph.numbers import Values
from partials.calculus.computational_graph.structure import (
    TIDY_EDGES, Edge, ComputationalGraph, Node, Sweeps, build_graph, derivative_at, gradient_at,
)

__all__ = [
    "ComputationalGraph", "Node", "Edge", "Sweeps", "Values", "build_graph", "derivative_at", "gradient_at",
    "local_partial", "time_budget", "OutOfTime",
    "tree_size", "TIDY_EDGES",
]
