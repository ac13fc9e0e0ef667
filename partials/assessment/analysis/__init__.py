"""Analysis of a function of two variables at a point: continuity, the partial
derivatives by the definition, differentiability, continuity of the partials,
mixed partials and directional derivatives — each verdict with its
certificate (a limit computed exactly, a θ-free bound, two paths, or a
theorem), otherwise undecided."""
