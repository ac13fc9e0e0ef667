"""Where the rules of differentiation stop applying: a derivative formula
evaluated at a point where one of its parts is not smooth (|a| or sign(a)
with a = 0, a fractional power of something that is 0 there) says nothing
about the derivative there; d|x|/dx = sign(x) is 0 at x = 0, but f_x(0, 0)
of |x| + |y| does not exist.  Such a value is never printed as the answer."""
from __future__ import annotations

import sympy


def not_smooth_at(expr, point: dict):
    """The first part of `expr` that is not smooth at `point` ({Symbol: number}),
    described in words, or None."""
    for node in sympy.preorder_traversal(expr):
        if isinstance(node, (sympy.Abs, sympy.sign)) or type(node).__name__ == "RealCubeRoot":
            argument = node.args[0]
        elif isinstance(node, sympy.Pow) and node.exp.is_Rational and not node.exp.is_Integer:
            argument = node.base
        else:
            continue
        try:
            value = argument.subs(point)
        except (TypeError, ValueError):
            continue
        if value.is_zero:
            return f"{node} with {argument} = 0 there"
    return None
