"""The real cube root in the form SymPy's limit understands."""
from __future__ import annotations

from partials.core.functions import RealCubeRoot


def explicit(expr):
    """∛a written as sign(a)·|a|^(1/3)."""
    return expr.replace(lambda e: isinstance(e, RealCubeRoot), lambda e: e.as_power())
