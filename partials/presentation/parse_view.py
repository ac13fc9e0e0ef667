"""Unambiguous notation for `partials parse`: every product shown with ·,
every function argument in brackets (z = u²·ln(v)), so a student sees
exactly how the text was read."""
import sympy
from sympy.printing.str import StrPrinter

from partials.core.functions import PRINTED
from partials.model.notation import Partial

_SUPERSCRIPTS = str.maketrans("0123456789-", "⁰¹²³⁴⁵⁶⁷⁸⁹⁻")
_NAMES = PRINTED


class UnambiguousPrinter(StrPrinter):
    def _print_Mul(self, expr):
        text = super()._print_Mul(expr)
        return text.replace("*", "·")

    def _print_Pow(self, expr):
        base, exponent = expr.as_base_exp()
        if base == sympy.E:
            return f"e^({self._print(exponent)})"
        if exponent == sympy.S.Half:
            return f"√({self._print(base)})"
        power = sympy.printing.precedence.PRECEDENCE["Pow"]
        if exponent.is_Integer and exponent > 1:
            return self.parenthesize(base, power) + str(exponent).translate(_SUPERSCRIPTS)
        if exponent.is_Integer and exponent < 0:
            return f"1/{self._print(base ** -exponent)}"
        return f"{self.parenthesize(base, power)}^({self._print(exponent)})"

    def _print_Exp1(self, expr):
        return "e"

    def _print_Pi(self, expr):
        return "π"

    def _print_exp(self, expr):
        return f"e^({self._print(expr.args[0])})"

    def _print_log(self, expr):
        if len(expr.args) == 2:
            return f"log_{self._print(expr.args[1])}({self._print(expr.args[0])})"
        return f"ln({self._print(expr.args[0])})"

    def _print_Abs(self, expr):
        return f"|{self._print(expr.args[0])}|"

    def _print_Function(self, expr):
        name = _NAMES.get(expr.func.__name__, expr.func.__name__)
        return f"{name}({', '.join(self._print(a) for a in expr.args)})"

    def _print_Partial(self, expr: Partial):
        return str(expr)


def unambiguous(expr) -> str:
    return UnambiguousPrinter({"order": "none"}).doprint(expr)
