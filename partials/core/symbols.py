"""The one place where user names become SymPy symbols and functions.

Every module builds variables through `variable()` and abstract functions
through `function()`, so that the same name always gives the same object.
"""
import functools

import sympy

GREEK_LETTERS = {
    "α": "alpha", "β": "beta", "γ": "gamma", "δ": "delta", "ε": "epsilon",
    "ζ": "zeta", "η": "eta", "θ": "theta", "ι": "iota", "κ": "kappa",
    "λ": "lambda", "μ": "mu", "ν": "nu", "ξ": "xi", "ο": "omicron",
    "ρ": "rho", "σ": "sigma", "τ": "tau", "υ": "upsilon", "φ": "phi",
    "ϕ": "phi", "χ": "chi", "ψ": "psi", "ω": "omega",
    "Γ": "Gamma", "Δ": "Delta", "Θ": "Theta", "Λ": "Lambda", "Ξ": "Xi",
    "Σ": "Sigma", "Φ": "Phi", "Ψ": "Psi", "Ω": "Omega",
}
GREEK_NAMES = frozenset(GREEK_LETTERS.values())

# Names that are abstract functions whenever they are called, as in textbooks.
DEFAULT_FUNCTION_NAMES = frozenset({"f", "g", "h", "F", "G", "H", "phi", "psi", "Phi", "Psi"})


@functools.lru_cache(maxsize=4096)
def variable(name: str) -> sympy.Symbol:
    """A real variable of the problem (textbook calculus is real calculus)."""
    return sympy.Symbol(name, real=True)


def symbol_named(name) -> sympy.Symbol:
    """The one path from a name a person gives (`--d θ`, `--d theta`,
    `p.role_of("θ")`, a key of a point) to the problem's symbol."""
    if isinstance(name, sympy.Symbol):
        return name
    if not isinstance(name, str) or not name.strip():
        from partials.core.errors import RoleError

        raise RoleError(f"not a variable name: {name!r}")
    name = name.strip()
    return variable(GREEK_LETTERS.get(name, name))


@functools.lru_cache(maxsize=1024)
def function(name: str) -> sympy.FunctionClass:
    """An abstract smooth function of the problem (f, g, F, φ, ...)."""
    return sympy.Function(name, real=True)


def argument_slot(position: int) -> sympy.Symbol:
    """The k-th argument of an abstract function, used as the variable of
    differentiation in f₁′ = Subs(Derivative(f(_1, _2), _1), (_1, _2), (u, v)).
    Users cannot type a name that starts with an underscore, so no clash."""
    return sympy.Symbol(f"_{position}", real=True)
