"""Textbook LaTeX: \\frac{\\partial z}{\\partial x}, f_{1}', f_{12}'', F'_{z},
\\ln v, \\arctan\\left(\\frac{y}{x}\\right), e^{u v}; every formula compiles
with amsmath. Products follow the same order and spacing rules as the text
printer (partials/printing/text.py), so both read alike."""
from __future__ import annotations

import sympy
from sympy.core.function import AppliedUndef
from sympy.printing.latex import LatexPrinter as SympyLatexPrinter

from partials.core.functions import LATEX
from partials.presentation.printing.notation import AbstractDerivatives, Label, derivative_notation, is_function_name, positions_as_names
from partials.presentation.printing.text import (
    BARE, ELEMENTARY, NUMBER, _is_bare_argument, _is_negative,
    ordered_factors, textbook_signs, split_fraction, textbook_term_order,
)

LATEX_FUNCTIONS = {name: latex for name, latex in LATEX.items() if name != "exp"}  # exp is printed e^{…}
PRIMES = {1: "'", 2: "''", 3: "'''"}


class LatexPrinter(AbstractDerivatives, SympyLatexPrinter):
    printmethod = "_partials_latex"
    _default_settings = dict(SympyLatexPrinter._default_settings, arguments=False, problem=None)

    def __init__(self, settings=None):
        super().__init__(settings)
        self.problem = self._settings["problem"]

    def name(self, name: str) -> str:
        return self._deal_with_super_sub(name)

    def _print_Label(self, expr) -> str:
        return expr.latex

    def _print_Float(self, expr) -> str:
        from partials.core.clean_numbers import cleaned, decimal_text

        expr = cleaned(expr)
        if not isinstance(expr, sympy.Float):
            return self._print(expr)
        mantissa, exponent = decimal_text(expr)
        return f"{mantissa} \\cdot 10^{{{int(exponent)}}}" if exponent else mantissa

    # ---- sums and products ---------------------------------------------------
    def _print_Add(self, expr, order=None) -> str:
        terms = textbook_term_order(self._as_ordered_terms(expr, order=order))
        tex = ""
        for index, term in enumerate(terms):
            negative = _is_negative(term)
            body = self._print(-term if negative else term)
            if body.startswith("-"):  # a sign the product moved to its front
                negative, body = not negative, body[1:]
            if index == 0:
                tex += ("-" if negative else "") + body
            else:
                tex += (" - " if negative else " + ") + body
        return tex

    def _print_Mul(self, expr) -> str:
        if _is_negative(expr):
            return "-" + self._print(-expr)
        negative, numerator, denominator = textbook_signs(*split_fraction(expr))
        sign = "-" if negative else ""
        top = self.product(numerator) if numerator else "1"
        if not denominator:
            return sign + top
        return rf"{sign}\frac{{{top}}}{{{self.product(denominator)}}}"

    def product(self, factors) -> str:
        pieces = ordered_factors(factors, self.problem)
        tex = ""
        previous = None
        for factor, kind in pieces:
            grouped = factor.is_Add and len(pieces) > 1
            body = f"\\left({self._print(factor)}\\right)" if grouped else self._print(factor)
            if previous is not None:
                tex += r" \cdot " if self.needs_dot(previous, kind, body) else " "
            tex += body
            # \sqrt{z} has its own bar: unlike \ln v it needs no \cdot after it
            previous = kind if not (factor.is_Pow and factor.exp == sympy.S.Half) else "root"
        return tex

    @staticmethod
    def needs_dot(left_kind, right_kind, right) -> bool:
        if left_kind == NUMBER and (right_kind == NUMBER or right[:1].isdigit()):
            return True
        return left_kind == BARE

    # ---- powers and functions ---------------------------------------------------
    def _print_Pow(self, expr) -> str:
        base, exponent = expr.as_base_exp()
        if _is_negative(exponent):
            denominator = base if exponent == -1 else sympy.Pow(base, -exponent, evaluate=False)
            return rf"\frac{{1}}{{{self._print(denominator)}}}"
        if exponent == sympy.S.Half:
            return rf"\sqrt{{{self._print(base)}}}"
        exponent_tex = self._print(exponent)
        if isinstance(base, sympy.Function) and base.func.__name__ in ELEMENTARY and exponent.is_Integer:
            return self.elementary(base, exponent_tex)
        if isinstance(base, AppliedUndef) and is_function_name(base.func.__name__, self.problem):
            return f"{self.name(base.func.__name__)}^{{{exponent_tex}}}{self.arguments(base.args)}"
        if base.is_Symbol or (base.is_Integer and base > 0) or isinstance(base, (Label, sympy.core.numbers.Pi, sympy.Abs)):
            return f"{self._print(base)}^{{{exponent_tex}}}"
        if isinstance(base, AppliedUndef):
            return f"{self._print(base)}^{{{exponent_tex}}}"
        return rf"\left({self._print(base)}\right)^{{{exponent_tex}}}"

    def _print_exp(self, expr, exp=None) -> str:
        tex = f"e^{{{self._print(expr.args[0])}}}"
        return tex if exp is None else rf"\left({tex}\right)^{{{exp}}}"

    def _print_Exp1(self, expr) -> str:
        return "e"

    def _print_Pi(self, expr) -> str:
        return r"\pi"

    def _print_log(self, expr, exp=None) -> str:
        return self.elementary(expr, exp)

    def _print_Abs(self, expr, exp=None) -> str:
        tex = rf"\left|{self._print(expr.args[0])}\right|"
        return tex if exp is None else f"{tex}^{{{exp}}}"

    def _print_RealCubeRoot(self, expr, exp=None) -> str:
        tex = rf"\sqrt[3]{{{self._print(expr.args[0])}}}"
        return tex if exp is None else rf"\left({tex}\right)^{{{exp}}}"

    def _print_Function(self, expr, exp=None) -> str:
        name = expr.func.__name__
        if name in LATEX_FUNCTIONS:
            return self.elementary(expr, exp)
        if isinstance(expr, AppliedUndef):
            if not is_function_name(name, self.problem):
                return self.name(name)
            return self.name(name) + self.arguments(expr.args)
        return super()._print_Function(expr, exp)

    def elementary(self, expr, exp=None) -> str:
        """\\ln v, \\sin^{2} x, \\arctan\\left(\\frac{y}{x}\\right)."""
        name = LATEX_FUNCTIONS[expr.func.__name__]
        if exp is not None:
            name = f"{name}^{{{exp}}}"
        argument = expr.args[0]
        if _is_bare_argument(argument):
            return f"{name} {self._print(argument)}"
        return rf"{name}\left({self._print(argument)}\right)"

    def arguments(self, args) -> str:
        return r"\left(" + ", ".join(self._print(a) for a in args) + r"\right)"

    # ---- derivatives ------------------------------------------------------------
    notation_style = "latex"

    def other_derivative(self, expr) -> str:
        return SympyLatexPrinter._print_Derivative(self, expr)

    def abstract(self, function, args, positions) -> str:
        name = self.name(function.__name__)
        primes = PRIMES.get(len(positions), "^{(%d)}" % len(positions))
        if len(args) == 1:
            return name + primes + self.arguments(args)
        names = positions_as_names(function.__name__, args, positions, self.problem)
        if names is not None:
            tex = f"{name}{primes}_{{{''.join(self._print(n) for n in names)}}}"
        else:
            separator = "," if max(positions) > 9 else ""
            tex = f"{name}_{{{separator.join(str(p) for p in sorted(positions))}}}{primes}"
        if self.writes_arguments(function, args):
            tex += self.arguments(args)
        return tex

    def _print_Partial(self, expr) -> str:
        base = str(expr.base)
        if expr.by_position:
            arity = (self.problem.functions.get(base) if self.problem else None) or 2  # unknown: f_{1}'

            if arity == 1:
                return self.name(base) + PRIMES.get(len(expr.by), "'" * len(expr.by))
            return f"{self.name(base)}_{{{''.join(str(b) for b in expr.by)}}}{PRIMES.get(len(expr.by), '')}"
        if is_function_name(base, self.problem):
            return f"{self.name(base)}_{{{''.join(self._print(b) for b in expr.by)}}}"
        return derivative_notation(base, [str(b) for b in expr.by], "latex", printer=self)
