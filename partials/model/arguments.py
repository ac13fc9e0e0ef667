"""Arguments of the Python API checked at the boundary: a wrong type or value
is a PartialsError with a message, never a TypeError from deep inside."""
from __future__ import annotations

from partials.core.errors import PartialsError, RoleError


def text_argument(value, what: str) -> str:
    """`value` if it is a str, else PartialsError naming `what`."""
    if isinstance(value, str):
        return value
    hint = None
    if isinstance(value, (bytes, bytearray)):
        hint = "decode it first, e.g. value.decode('utf-8')"
    elif isinstance(value, (int, float)) and not isinstance(value, bool):
        hint = f"write it as text: '{value}'"
    raise PartialsError(f"{what} must be text (a str), not {type(value).__name__}", hint=hint)


def name_argument(value, what: str):
    """A variable name: a str or a SymPy Symbol (None passes through)."""
    import sympy

    if value is None or isinstance(value, (str, sympy.Symbol)):
        return value
    raise PartialsError(f"{what} must be a variable name (a str), not {type(value).__name__}")


def seed_argument(value) -> int:
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    raise PartialsError(f"seed must be a whole number (an int), not {type(value).__name__} {value!r}"[:120])


def target_argument(value):
    from partials.model.notation import Target

    return value if isinstance(value, Target) else text_argument(value, "the derivative asked (target)")


def known_name(problem, name) -> None:
    """RoleError unless `name` (of=…) is a variable of `problem`."""
    if name is None:
        return
    names = set(problem.independent) | set(problem.definitions) | set(problem.implicit) | set(problem.declarations)
    names |= set(problem.intermediate) | set(problem.dependent)
    if not any(str(n) == str(name) for n in names):
        raise RoleError(f"'{name}' does not occur in the problem",
                        hint="names in the problem: " + ", ".join(sorted(str(n) for n in names)))
