"""The REAL cube root ∛a (cbrt): −2 at −8, unlike SymPy's cbrt, which is the
principal (complex) root of a negative number."""
from __future__ import annotations

import sympy


class RealCubeRoot(sympy.Function):
    """∛a for real a: sign(a)·|a|^(1/3)."""

    nargs = 1

    @classmethod
    def eval(cls, a):
        if a.is_zero:
            return sympy.Integer(0)
        if a.is_Number and a.is_real:
            root = sympy.Abs(a) ** sympy.Rational(1, 3)
            return root if a.is_positive else -root
        if a.is_Pow and a.exp == 3 and a.base.is_real:
            return a.base
        return None

    def fdiff(self, argindex=1):
        return 1 / (3 * RealCubeRoot(self.args[0]) ** 2)

    def _eval_is_real(self):
        return self.args[0].is_real

    def _eval_evalf(self, prec):
        a = self.args[0]._eval_evalf(prec)
        if a is None or not a.is_Number:
            return None
        root = sympy.Abs(a) ** sympy.Rational(1, 3)
        return (root if a >= 0 else -root)._eval_evalf(prec)

    def _sympystr(self, printer):
        return f"∛({printer.doprint(self.args[0])})"


def explicit(expr):
    """∛a written as sign(a)·|a|^(1/3), the form SymPy's limit understands."""
    return expr.replace(lambda e: isinstance(e, RealCubeRoot),
                        lambda e: sympy.sign(e.args[0]) * sympy.Abs(e.args[0]) ** sympy.Rational(1, 3))
