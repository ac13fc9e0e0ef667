"""Textbook plain-text notation: what an answer key prints, and what a
student can type back (see docs/design.md "Expression notation").

    exp(u*v)        -> e^(uv)          log(v)        -> ln v
    atan(y/x)       -> arctan(y/x)     sqrt(x²+y²)   -> √(x²+y²)
    f₁′, f₁₂″, f′(x²−y²), F′_z, ∂u/∂x for abstract derivatives

A product is printed as a row of *pieces*; what goes between two pieces
(nothing, a space or `·`) depends only on their kinds, so that the text reads
back unambiguously: a function written without parentheses (`ln v`) ends its
term, and an abstract derivative (`f₁′`) is never glued to a letter that
could be read as its subscript or argument.
"""
from __future__ import annotations

import re

import sympy
from sympy.core.function import AppliedUndef
from sympy.printing.str import StrPrinter

from partials.model.notation import Partial
from partials.core.functions import PRINTED
from partials.core.symbols import GREEK_NAMES
from partials.presentation.printing.notation import (
    AbstractDerivatives,
    Label,
    abstract_call_parts,
    derivative_notation,
    is_function_name,
    positions_as_names,
)

SUPERSCRIPTS = str.maketrans("0123456789-", "⁰¹²³⁴⁵⁶⁷⁸⁹⁻")
SUBSCRIPTS = str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉")
GREEK = {
    "alpha": "α", "beta": "β", "gamma": "γ", "delta": "δ", "epsilon": "ε", "zeta": "ζ",
    "eta": "η", "theta": "θ", "iota": "ι", "kappa": "κ", "lambda": "λ", "mu": "μ",
    "nu": "ν", "xi": "ξ", "omicron": "ο", "rho": "ρ", "sigma": "σ", "tau": "τ",
    "upsilon": "υ", "phi": "φ", "chi": "χ", "psi": "ψ", "omega": "ω", "Gamma": "Γ",
    "Delta": "Δ", "Theta": "Θ", "Lambda": "Λ", "Xi": "Ξ", "Sigma": "Σ", "Phi": "Φ",
    "Psi": "Ψ", "Omega": "Ω",
}
PRIMES = {1: "′", 2: "″", 3: "‴"}

ELEMENTARY = {name: printed for name, printed in PRINTED.items() if name != "exp"}  # exp is printed e^…

# Kinds of the pieces of a product (see _separator).
NUMBER, LETTER, GROUP, CALL, BARE, ABSTRACT, GROUP_OF_DERIVATIVES, LEIBNIZ = (
    "number", "letter", "group", "call", "bare", "abstract", "derivatives", "leibniz")
# (x + y)f₁₂″ but f₂′·(g₁′ + g₂′·v₁′): a bracket of derivatives follows them.
_ORDER = {NUMBER: 0, LETTER: 1, GROUP: 2, CALL: 3, BARE: 4, ABSTRACT: 5, GROUP_OF_DERIVATIVES: 6, LEIBNIZ: 7}


class TextPrinter(AbstractDerivatives, StrPrinter):
    """Unicode textbook notation by default; `ascii=True` for plain terminals."""

    printmethod = "_partials_text"
    _default_settings = dict(StrPrinter._default_settings, ascii=False, arguments=False, problem=None)

    def __init__(self, settings=None):
        super().__init__(settings)
        self.ascii = bool(self._settings["ascii"])
        self.problem = self._settings["problem"]
        self._compact = 0  # > 0 inside function arguments and exponents

    # ---- helpers ---------------------------------------------------------
    @property
    def minus(self) -> str:
        return "-" if self.ascii else "−"

    @property
    def dot(self) -> str:
        return "*" if self.ascii else "·"

    def compact(self, expr) -> str:
        """`expr` printed without spaces around + and −, as inside f′(x²−y²)."""
        self._compact += 1
        try:
            return self._print(expr)
        finally:
            self._compact -= 1

    def argument(self, expr) -> str:
        """A one-argument function's argument: bare for a letter or a positive
        whole number (`ln v`, `ln 2`), else in parentheses (`ln(x+2)`)."""
        if _is_bare_argument(expr):
            return self._print(expr)
        return f"({self.compact(expr)})"

    def superscript(self, exponent) -> str:
        """x², x^(3/2), y^(ln x), e^z."""
        if exponent.is_Integer and exponent > 0 and not self.ascii:
            return str(exponent).translate(SUPERSCRIPTS)
        if (exponent.is_Integer and exponent > 0) or exponent.is_Symbol:
            return "^" + self._print(exponent)
        return f"^({self.compact(exponent)})"

    # ---- atoms -------------------------------------------------------------
    def _print_Symbol(self, expr) -> str:
        return self.name(expr.name)

    _print_Dummy = _print_Symbol

    def name(self, name: str) -> str:
        base, _, subscript = name.partition("_")
        if not self.ascii:
            base = GREEK.get(base, base)
        if not subscript:
            return base
        if not self.ascii and subscript.isdigit():
            return base + subscript.translate(SUBSCRIPTS)
        return f"{base}_{subscript}" if len(subscript) == 1 else f"{base}_{{{subscript}}}"

    def _print_Exp1(self, expr) -> str:
        return "e"

    def _print_Pi(self, expr) -> str:
        return "pi" if self.ascii else "π"

    def _print_ImaginaryUnit(self, expr) -> str:
        return "i"

    def _print_Infinity(self, expr) -> str:
        return "oo" if self.ascii else "∞"

    def _print_NegativeInfinity(self, expr) -> str:
        return self.minus + self._print_Infinity(expr)

    def _print_Rational(self, expr) -> str:
        sign = self.minus if expr < 0 else ""
        p = abs(expr.p)
        return f"{sign}{p}" if expr.q == 1 else f"{sign}{p}/{expr.q}"

    def _print_Integer(self, expr) -> str:
        return self._print_Rational(expr)

    def _print_Float(self, expr) -> str:
        from partials.core.clean_numbers import cleaned, decimal_text

        expr = cleaned(expr)
        if not isinstance(expr, sympy.Float):
            return self._print(expr)
        mantissa, exponent = decimal_text(expr)  # 12 significant digits, no trailing zeros
        text = f"{mantissa}e{exponent}" if exponent else mantissa
        return text.replace("-", self.minus)

    def _print_Label(self, expr) -> str:
        return expr.ascii if self.ascii else expr.text

    # ---- sums ----------------------------------------------------------------
    def _print_Add(self, expr, order=None) -> str:
        terms = textbook_term_order(self._as_ordered_terms(expr, order=order))
        plus, minus = (" + ", f" {self.minus} ") if not self._compact else ("+", self.minus)
        out = []
        for index, term in enumerate(terms):
            negative = _is_negative(term)
            body = self._print(-term if negative else term)
            if body.startswith(self.minus):  # a sign the product moved to its front
                negative, body = not negative, body[len(self.minus):]
            if index == 0:
                out.append((self.minus if negative else "") + body)
            else:
                out.append((minus if negative else plus) + body)
        return "".join(out)

    # ---- products --------------------------------------------------------------
    def _print_Mul(self, expr) -> str:
        if _is_negative(expr):
            return self.minus + self._print(-expr)
        numerator, denominator = split_fraction(expr)
        negative, numerator, denominator = textbook_signs(numerator, denominator)
        sign = self.minus if negative else ""
        if not denominator:
            return sign + self.product(numerator)
        top = self.product(numerator) if numerator else "1"
        bottom_pieces = self.pieces(denominator)
        bottom = self.join(bottom_pieces)
        if len(bottom_pieces) > 1 or bottom_pieces[0][1] == LEIBNIZ:
            bottom = f"({bottom})"
        return f"{sign}{top}/{bottom}"

    def product(self, factors) -> str:
        return self.join(self.pieces(factors))

    def pieces(self, factors) -> list[tuple[str, str]]:
        """(text, kind) for every factor, in textbook order: number, letters,
        brackets, functions, abstract derivatives, ∂u/∂x."""
        kinds = ordered_factors(factors, self.problem)
        out = []
        for factor, kind in kinds:
            if factor.is_Add:
                out.append((f"({self._print(factor)})", GROUP))
            else:
                out.append((self._print(factor), kind))
        return out

    def join(self, pieces) -> str:
        text = pieces[0][0]
        for (left, left_kind), (right, right_kind) in zip(pieces, pieces[1:]):
            text += self.separator(left, left_kind, right, right_kind) + right
        return text

    def separator(self, left, left_kind, right, right_kind) -> str:
        if left_kind == NUMBER and right_kind == NUMBER:
            return self.dot
        if left_kind in (BARE, ABSTRACT, LEIBNIZ):
            return self.dot
        if right_kind == GROUP_OF_DERIVATIVES:
            return self.dot if left_kind in (ABSTRACT, LEIBNIZ) else ""
        if right_kind in (ABSTRACT, LEIBNIZ):
            return "" if left_kind in (NUMBER, GROUP) else self.dot
        if left[-1].isdigit() and right[0].isdigit():
            return self.dot
        if re.search(r"\^[^\W\d]$", left) and (right_kind == LETTER or right[0] == "(" or right.startswith("e^")):
            return self.dot  # e^x·e^y, not e^xe^y
        if right[0] == "|" or left[-1] == "|":
            return self.dot
        if left_kind == LETTER and right[0] == "(" and not _one_bracket(right):
            return self.dot  # y·(x + z)³: the reader takes y(x + z)³ as (y(x + z))³
        if right[0].isdigit():
            return self.dot  # y·2^y: y2 is not a name
        if right_kind in (CALL, BARE) and right[0].isalpha() and not right.startswith("e^"):
            return " "
        if self.ascii and right[0].isalnum() and _ends_in_long_name(left):
            return " "
        return ""

    def kind(self, factor) -> str:
        return factor_kind(factor, self.problem)

    # ---- powers ----------------------------------------------------------------
    def _print_Pow(self, expr, rational=False) -> str:
        base, exponent = expr.as_base_exp()
        if _is_negative(exponent):
            return self._print_fraction_power(expr)
        if exponent == sympy.S.Half:
            return self.root(base)
        if _is_elementary(base) and exponent.is_Integer and exponent > 0:
            return self.elementary_power(base, exponent)
        return self.power_base(base) + self.superscript(exponent)

    def elementary_power(self, call, exponent) -> str:
        """sin²x, ln²v, sin²(x+y) as printed in textbooks."""
        name = ELEMENTARY[call.func.__name__] + self.superscript(exponent)
        argument = call.args[0]
        if _is_bare_argument(argument):
            return f"{name} {self._print(argument)}" if self.ascii else f"{name}{self._print(argument)}"
        return f"{name}({self.compact(argument)})"

    def _print_fraction_power(self, expr) -> str:
        base, exponent = expr.as_base_exp()
        denominator = base if exponent == -1 else sympy.Pow(base, -exponent, evaluate=False)
        text = self._print(denominator)
        if (denominator.is_Add or self.kind(denominator) in (GROUP, GROUP_OF_DERIVATIVES, LEIBNIZ)) \
                and not text.startswith("("):
            text = f"({text})"
        return f"1/{text}"

    def root(self, radicand) -> str:
        sign = "sqrt" if self.ascii else "√"
        if not self.ascii and _is_bare_argument(radicand):
            return sign + self._print(radicand)
        return f"{sign}({self.compact(radicand)})"

    def power_base(self, base) -> str:
        if base.is_Symbol or isinstance(base, (sympy.core.numbers.Exp1, sympy.core.numbers.Pi, Label, sympy.Abs)):
            return self._print(base)  # |x|^(1/3): the bars are brackets enough
        if base.is_Integer and base > 0:
            return self._print(base)
        if isinstance(base, AppliedUndef) and not self.is_variable_call(base):
            return self._print(base)
        return f"({self._print(base)})"

    def _print_exp(self, expr) -> str:
        return "e" + self.superscript(expr.args[0])

    # ---- functions ---------------------------------------------------------------
    def _print_Function(self, expr) -> str:
        name = expr.func.__name__
        if name in ELEMENTARY:
            return f"{ELEMENTARY[name]} {self._print(expr.args[0])}" if _is_bare_argument(expr.args[0]) \
                else self.as_call(expr)
        return super()._print_Function(expr)

    def as_call(self, expr) -> str:
        """A function with its argument in parentheses: ln(v), sin(xy)."""
        return f"{ELEMENTARY[expr.func.__name__]}({self.compact(expr.args[0])})"

    def _print_Abs(self, expr) -> str:
        return f"|{self.compact(expr.args[0])}|"

    def _print_RealCubeRoot(self, expr) -> str:
        return f"{'cbrt' if self.ascii else '∛'}({self.compact(expr.args[0])})"

    def _print_AppliedUndef(self, expr) -> str:
        if self.is_variable_call(expr):
            return self.name(expr.func.__name__)
        return self.name(expr.func.__name__) + self.arguments(expr.args)

    def arguments(self, args) -> str:
        return "(" + ", ".join(self.compact(a) for a in args) + ")"

    def is_variable_call(self, call) -> bool:
        """u(x, y) of a declaration `u = u(x, y)` is the variable u."""
        return not is_function_name(call.func.__name__, self.problem)

    # ---- derivatives ---------------------------------------------------------------
    @property
    def notation_style(self) -> str:
        return "ascii" if self.ascii else "text"

    def other_derivative(self, expr) -> str:
        variables = [v for v, n in expr.variable_count for _ in range(n)]
        return "D(" + self.compact(expr.expr) + ", " + ", ".join(self._print(v) for v in variables) + ")"

    def abstract(self, function, args, positions) -> str:
        """f′(x²−y²), f₁′, f₁₂″, F′_z; with `arguments` f₁′(x+y, xy)."""
        name = self.name(function.__name__)
        order = len(positions)
        primes = ("'" * order) if self.ascii else PRIMES.get(order, "′" * order)
        if len(args) == 1:
            return name + primes + self.arguments(args)
        names = positions_as_names(function.__name__, args, positions, self.problem)
        if names is not None:
            text = f"{name}{primes}_" + "".join(self._print(n) for n in names)
        else:
            digits = "".join(str(p) for p in positions)
            if max(positions) > 9:
                digits = ",".join(str(p) for p in positions)
            text = name + (f"_{digits}" if self.ascii else digits.translate(SUBSCRIPTS)) + primes
        if self.writes_arguments(function, args):
            text += self.arguments(args)
        return text

    def _print_Partial(self, expr) -> str:
        """Typed notation not yet resolved by a problem: f₁′, f′, F_x, ∂z/∂x."""
        base = str(expr.base)
        if expr.by_position:
            arity = self.problem.functions.get(base) if self.problem else None
            order = len(expr.by)
            if arity == 1:
                return self.name(base) + (("'" * order) if self.ascii else PRIMES.get(order, "′" * order))
            # arity unknown: keep the positions as typed (f₁′), never guess f′
            slots = tuple(sympy.Symbol(f"_{k + 1}") for k in range(max(arity or 2, *(int(b) for b in expr.by))))
            return self.abstract(sympy.Function(base), slots, [int(b) for b in expr.by])
        if is_function_name(base, self.problem):
            return f"{self.name(base)}_" + "".join(self._print(b) for b in expr.by)
        return derivative_notation(base, [str(b) for b in expr.by],
                                   style="ascii" if self.ascii else "text", printer=self)

def textbook_signs(numerator, denominator):
    """Signs placed as in print: no bracket that is mostly negative,
    (uy − vx)/(−x² − y²) -> (vx − uy)/(x² + y²), (−a − b)/c -> −(a + b)/c.
    Returns (negative, numerator, denominator) as lists of factors."""
    negative = False
    numerator, denominator = list(numerator), list(denominator)
    for factors, negative_enough in ((numerator, _all_negative), (denominator, _mostly_negative)):
        for index, factor in enumerate(factors):
            base, exponent = factor.as_base_exp()
            if base.is_Add and exponent.is_Integer and negative_enough(base):
                factors[index] = _negated_power(base, exponent)
                negative ^= bool(exponent % 2)
    if negative:
        for index, factor in enumerate(numerator):
            if factor.is_Add and any(_is_negative(t) for t in factor.args) and not _mostly_negative(-factor):
                numerator[index] = -factor
                negative = False
                break
    if numerator and numerator[0].is_Number and numerator[0] < 0:
        numerator[0], negative = -numerator[0], not negative
        if numerator[0] == 1 and len(numerator) > 1:
            numerator.pop(0)
    return negative, numerator, denominator


def _negated_power(base, exponent):
    negated = -base
    return negated if exponent == 1 else sympy.Pow(negated, exponent, evaluate=False)


def _all_negative(expr) -> bool:
    return all(_is_negative(t) for t in sympy.Add.make_args(expr))


def _mostly_negative(expr) -> bool:
    """All terms negative, or the leading term negative and most of them."""
    terms = sympy.Add.make_args(expr)
    negative = sum(1 for t in terms if _is_negative(t))
    return negative == len(terms) or (negative * 2 > len(terms))


def split_fraction(expr) -> tuple[list, list]:
    """The factors of a product above and below the fraction bar."""
    numerator, denominator = [], []
    for factor in sympy.Mul.make_args(expr):
        if factor.is_Rational and factor.q != 1:
            if factor.p != 1:
                numerator.append(sympy.Integer(factor.p))
            denominator.append(sympy.Integer(factor.q))
        elif factor.is_Pow and _is_negative(factor.exp):
            denominator.append(sympy.Pow(factor.base, -factor.exp, evaluate=False) if factor.exp != -1 else factor.base)
        else:
            numerator.append(factor)
    return numerator, denominator


def factor_kind(factor, problem=None) -> str:
    """The kind of piece a factor of a product prints as (see _separator)."""
    if factor.is_Number:
        return NUMBER
    if isinstance(factor, Label):
        return LEIBNIZ if factor.is_leibniz else LETTER
    if factor.is_Symbol or isinstance(factor, (sympy.core.numbers.Pi, sympy.core.numbers.Exp1)):
        return LETTER
    if factor.is_Add:
        return GROUP if not _has_derivatives(factor) else GROUP_OF_DERIVATIVES
    if factor.is_Pow:
        base, exponent = factor.as_base_exp()
        if exponent == sympy.S.Half:
            return BARE if _is_bare_argument(base) else CALL  # √z·e^x: √ze^x would be √(ze^x)
        if _is_elementary(base) and exponent.is_Integer and exponent > 0:
            return BARE if _is_bare_argument(base.args[0]) else CALL
        if base.is_Symbol or base.is_Number or isinstance(base, (Label, sympy.core.numbers.Exp1, sympy.core.numbers.Pi)):
            return LETTER
        return GROUP if base.is_Add else CALL
    if isinstance(factor, (sympy.Subs, sympy.Derivative, Partial)):
        return LEIBNIZ if is_leibniz(factor, problem) else ABSTRACT
    if isinstance(factor, sympy.Function) and factor.func.__name__ in ELEMENTARY:
        return BARE if _is_bare_argument(factor.args[0]) else CALL
    return CALL


def is_leibniz(expr, problem=None) -> bool:
    """∂u/∂x (a variable's derivative) rather than f₁′ (a function's)."""
    if isinstance(expr, Partial):
        return not expr.by_position and not is_function_name(str(expr.base), problem)
    if isinstance(expr, sympy.Derivative) and isinstance(expr.expr, AppliedUndef):
        return not is_function_name(expr.expr.func.__name__, problem)
    return False


def ordered_factors(factors, problem=None) -> list:
    """(factor, kind) in textbook order: number, letters (alphabetical),
    brackets, functions, abstract derivatives, ∂u/∂x."""
    def key(factor_kind_pair):
        factor, kind = factor_kind_pair
        if kind != LETTER:
            return (_ORDER[kind], 0, "")
        base, exponent = factor.as_base_exp()
        # yu^v, not u^vy: a power with a written-out exponent after the plain letters
        return (_ORDER[kind], 0 if exponent.is_Number else 1, str(base))

    return sorted(((f, factor_kind(f, problem)) for f in factors), key=key)


def _has_derivatives(expr) -> bool:
    return bool(expr.atoms(sympy.Subs, sympy.Derivative, Partial)) or any(
        label.is_leibniz for label in expr.atoms(Label))


def _derivative_key(term):
    """Terms with abstract derivatives in textbook order: f₁₁″, f₁₂″, f₂₂″,
    then first orders f₁′, f₂′; terms without them first."""
    keys = []
    for atom in term.atoms(sympy.Subs, sympy.Derivative):
        if isinstance(atom, sympy.Subs):
            parts = abstract_call_parts(atom)
            if parts is None:
                continue
            function, _, positions = parts
            keys.append((-len(positions), function.__name__, tuple(str(p) for p in positions)))
        elif isinstance(atom.expr, AppliedUndef):
            keys.append((-atom.derivative_count, atom.expr.func.__name__, tuple(str(v) for v in atom.variables)))
    if keys:
        return (1, min(keys))
    labels = sorted(label.text for label in term.atoms(Label) if label.is_leibniz)
    return (2, tuple(labels)) if labels else (0, ())


def textbook_term_order(terms) -> list:
    """x² − y², e^z − xy: a sum starts with a positive term when it has one;
    f₁₁″ + (x + y)f₁₂″ + xy·f₂₂″ + f₂′: abstract derivatives in order."""
    terms = list(terms)
    if any(_has_derivatives(t) for t in terms):
        terms.sort(key=_derivative_key)
    if terms and _is_negative(terms[0]):
        for index, term in enumerate(terms):
            if not _is_negative(term):
                return [term] + terms[:index] + terms[index + 1:]
    return terms


def _is_negative(expr) -> bool:
    if expr.is_Number:
        return bool(expr < 0)
    if expr.is_Mul:
        coefficient = expr.as_coeff_Mul()[0]
        return bool(coefficient.is_Number and coefficient < 0)
    return False


def _is_bare_argument(expr) -> bool:
    return bool(expr.is_Symbol or (expr.is_Integer and expr > 0)
                or isinstance(expr, (sympy.core.numbers.Pi, sympy.core.numbers.Exp1)))


def _one_bracket(text: str) -> bool:
    """Is `text` one bracket "( … )" from its first character to its last?"""
    depth = 0
    for index, char in enumerate(text):
        depth += {"(": 1, ")": -1}.get(char, 0)
        if depth == 0:
            return index == len(text) - 1
    return False


def _is_elementary(expr) -> bool:
    return isinstance(expr, sympy.Function) and expr.func.__name__ in ELEMENTARY


def _ends_in_long_name(text: str) -> bool:
    """In ASCII, `alpha` or `x_1` followed by a letter would run together."""
    return "_" in text or any(text.endswith(g) for g in GREEK_NAMES | {"pi"})
