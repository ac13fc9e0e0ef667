"""Parse tree → SymPy objects, one short method per grammar rule.

No text is ever evaluated: names come from grammar tokens and become
symbols through partials.core.symbols; numbers are built from their digits.
The context says which names are abstract functions (f, g, a name called
with two or more arguments, a declared one) and whether `e` is a variable.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

import sympy
from lark import Token, Transformer_NonRecursive

from partials.core.errors import NotationError
from partials.core.functions import BY_SPELLING
from partials.model.notation import Partial
from partials.model.problem import abstract_derivative
from partials.core.symbols import GREEK_LETTERS, GREEK_NAMES, function, variable
from partials.reading.real_values import not_real_reason

# the typed names of the elementary functions (partials.core.functions), and
# the special spellings: square roots are powers, lg is the logarithm to base 10
ELEMENTARY = {
    **{spelling: row.sympy for spelling, row in BY_SPELLING.items()},
    "sqrt": sympy.sqrt, "√": sympy.sqrt, "根号": sympy.sqrt,
    "lg": lambda argument: sympy.log(argument, 10),
}
_SUPERSCRIPT_DIGITS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789")
_SUBSCRIPT_DIGITS = str.maketrans("₀₁₂₃₄₅₆₇₈₉", "0123456789")
_LETTER = "(?:" + "|".join(sorted(GREEK_NAMES, key=len, reverse=True)) + "|[A-Za-z]|[α-ωΑ-Ω])"
_LEIBNIZ_PART = re.compile(
    rf"[∂δ偏da]\s*(?:\(\s*(?P<wrapped>{_LETTER}(?:_[0-9]+)?)\s*(?:\^\s*(?P<wrapped_order>[0-9]+)|(?P<wrapped_sup>[²³⁴]))\s*\)"
    rf"|(?P<name>{_LETTER}(?:_[0-9]+)?)(?:\s*\^\s*(?P<order>[0-9]+)|(?P<sup>[²³⁴]))?)"
)
_SUBSCRIPT_PARTIAL = re.compile(rf"(?P<name>{_LETTER})_\{{?(?P<by>[A-Za-z]+)\}}?")
_PRIMED_PARTIAL = re.compile(rf"(?P<name>{_LETTER})_?\{{?(?P<digits>[0-9]*|[₀-₉]*)\}}?(?P<primes>(?:['′]|″)+)(?P<index>.*)")


@dataclass(frozen=True)
class Context:
    """What the whole text says about names, needed while reading any part of it."""

    functions: frozenset = frozenset()      # names that are abstract functions
    e_is_variable: bool = False             # `e = c·d` makes e a variable, not Euler's number
    declared: frozenset = frozenset()       # names declared as u = u(x, y)


@dataclass(frozen=True)
class Equality:
    lhs: object
    rhs: object
    start: int
    end: int


@dataclass(frozen=True)
class Bare:
    expr: object
    start: int
    end: int


class ToSympy(Transformer_NonRecursive):
    def __init__(self, text: str, context: Context):
        super().__init__(visit_tokens=True)
        self.text = text
        self.context = context

    # ---- relations -----------------------------------------------------
    def start(self, items):
        return [item for item in items if isinstance(item, (Equality, Bare))]

    def bare(self, items):
        expr = items[-1]
        return Bare(expr, *self._span(items))

    def equality(self, items):
        lhs, rhs = items[-3], items[-1]
        return Equality(lhs, rhs, *self._span(items))

    def _span(self, items):
        spans = [span for span in map(_span_of, items) if span]
        return (spans[0][0], spans[-1][1]) if spans else (0, len(self.text))

    # ---- arithmetic ----------------------------------------------------
    def add(self, items):
        return _Located(items[0].value + items[2].value, items)

    def sub(self, items):
        return _Located(items[0].value - items[2].value, items)

    def mul(self, items):
        return _Located(items[0].value * items[2].value, items)

    def div(self, items):
        return _Located(items[0].value / items[2].value, items)

    def neg(self, items):
        located = _Located(-items[1].value, items)
        if items[1].split:  # e^-x (x+1): the sign stays with the exponent, the bracket is a factor
            head, tail = items[1].split
            located.split = (-head, tail)
        return located

    def pos(self, items):
        return _Located(items[1].value, items)

    def product_of(self, items):
        return _Located(sympy.Mul(*(item.value for item in items)), items)

    # implicit multiplication: runs of factors and functions (inlined when alone)
    juxt = run_plain = run_applied = argument = product_of

    def power(self, items):
        """a^b with a bracket written after a name (a split x(…)): the bracket is
        a factor, never part of an exponent, and a power of it is its own.

        e^x (x+1) = e^x·(x+1); e^x (x+y)^2 = e^x·(x+y)²; e^-x (x+1) = e^(−x)·(x+1);
        x (z−1)^2 = x·(z−1)². The result keeps the split (head, bracket part) so
        that a tower of powers above it (e^x^y (y+1)) still leaves the bracket out.
        """
        base, exponent = items[0], items[-1]
        exponent_split = exponent.split if isinstance(exponent, _Located) else None
        if base.split:
            head, tail = base.split
            tail = sympy.Pow(tail, exponent_split[0] if exponent_split else _exponent_value(exponent))
        else:
            head = sympy.Pow(base.value, exponent_split[0] if exponent_split else _exponent_value(exponent))
            tail = None
        if exponent_split:
            tail = exponent_split[1] if tail is None else tail * exponent_split[1]
        if tail is None:
            return self._real(_Located(head, items))
        located = _Located(head * tail, items)
        located.split = (head, tail)
        return located

    def raised(self, items):
        return items[-1]

    def absolute(self, items):
        return _Located(sympy.Abs(items[1].value), items)  # ABS_OPEN expr ABS_CLOSE

    # ---- atoms -----------------------------------------------------------
    def number(self, items):
        return _Located(_exact_number(items[0].value), items)

    def name(self, items):
        token = items[0]
        if token.value == "e" and not self.context.e_is_variable:
            return _Located(sympy.E, items)
        return _Located(variable(_name(token.value)), items)

    def subscripted_name(self, items):
        letter, subscript = items
        return _Located(variable(f"{_name(letter.value)}_{_digits(subscript.value)}"), items)

    def CONSTANT(self, token):
        return _Located(sympy.pi, [token])

    def call(self, items):
        name, arguments = _name(items[0].value), items[1]
        values = [argument.value for argument in arguments]
        if len(values) > 1 or (name in self.context.functions and not self._product_of_declared(name, values)):
            return _Located(function(name)(*values), items)
        factor = sympy.E if name == "e" and not self.context.e_is_variable else variable(name)
        located = _Located(factor * values[0], items)  # x(y+1) with a variable x is a product
        located.split = (factor, values[0])
        return located

    def _product_of_declared(self, name, values) -> bool:
        """u (x+1) with u = u(x, y) declared: u times x+1, not u at x+1."""
        return name in self.context.declared and not isinstance(values[0], sympy.Symbol)

    def ambiguous_name(self, items):
        token = items[0]
        name, digits = token.value[0], token.value[1:]
        raise NotationError(f"'{token.value}' is ambiguous", self.text, token.start_pos,
                            hint=f"write {name}^{digits} (power), {name}_{digits} (subscript) or {digits}{name} (product)")

    def arguments(self, items):
        return [item for item in items if isinstance(item, _Located)]

    # ---- elementary functions -------------------------------------------
    def apply(self, items):
        function_token, argument = items[0], items[-1]
        power = items[1] if len(items) == 3 else None
        return self._real(_Located(self._elementary(function_token, argument.value, power), items))

    def call_function(self, items):
        function_token, rest = items[0], items[1:]
        power = rest.pop(0) if rest and not isinstance(rest[0], _Located) else None
        argument = rest[0]
        value = self._elementary(function_token, argument.value, power)
        if len(rest) > 1:
            value = sympy.Pow(value, _exponent_value(rest[-1]))
        return self._real(_Located(value, items))

    def _real(self, located):
        """√(−1), ln(−1), (−8)^(1/3): refused where written, before SymPy squares i away."""
        if located.value.is_number:
            reason = not_real_reason(located.value)
            if reason:
                raise NotationError(f"this has no real value: {reason}", self.text,
                                    located.span[0] if located.span else None,
                                    hint="check the signs, brackets and denominators")
        return located

    def function_power(self, items):
        return _exponent_value(items[-1]) if items[-1].type == "SUPERSCRIPT" else _integer(items[-1].value)

    def _elementary(self, token: Token, argument, power):
        name = token.value
        if name.startswith("log_"):
            value = sympy.log(argument, _integer(_digits(name[4:])))
        else:
            value = ELEMENTARY[name](argument)
        return value if power is None else value ** power

    # ---- derivative notation --------------------------------------------
    def leibniz(self, items):
        (order, base), bottom = items[0], items[-1]
        wrt = _leibniz_variables(bottom)
        if order != len(wrt):
            raise NotationError(
                f"the numerator says order {order} but the denominator has {len(wrt)} variable(s)",
                self.text, bottom.start_pos, hint="e.g. ∂²z/∂x∂y or ∂²z/∂x²",
            )
        return _Located(Partial(base, *wrt), [items[0], bottom])

    def leibniz_top(self, items):
        base = items[-1].value
        base = variable("e") if base == sympy.E else base
        order_parts = [item for item in items[:-1] if isinstance(item, sympy.Integer)]
        if items[0].type == "DOP_ORDER":
            order_parts = [_integer(re.sub(r"\D", "", items[0].value.translate(_SUPERSCRIPT_DIGITS)))]
        return _TopWithSpan((order_parts[0] if order_parts else 1, base), items)

    def order(self, items):
        return self.function_power(items)

    def subscript_partial(self, items):
        match = _SUBSCRIPT_PARTIAL.fullmatch(items[0].value)
        by = [variable(ch) for ch in match["by"]]
        return _Located(Partial(variable(_name(match["name"])), *by), items)

    def primed_partial(self, items):
        token = items[0]
        match = _PRIMED_PARTIAL.fullmatch(token.value)
        name, digits = _name(match["name"]), _digits(match["digits"])
        if digits and match["index"]:
            raise NotationError("a subscript was given twice", self.text, token.start_pos)
        if digits:
            return _Located(self._by_positions(name, digits, match["primes"], token), items)
        return _Located(self._primed(name, match["primes"], match["index"].strip("_{}"), token), items)

    def primed_call(self, items):
        token, argument = items
        name = token.value.rstrip("'′″")
        order = _primes_and_index(token.value[len(name):])[0]
        return _Located(abstract_derivative(function(_name(name)), (argument.value,), [1] * order), items)

    def indexed_call(self, items):
        """f₁′(x+y, xy): the partial by the listed argument positions, at these arguments."""
        token, arguments = items[0], items[1]
        match = _PRIMED_PARTIAL.fullmatch(token.value)
        name, digits = _name(match["name"]), _digits(match["digits"]) or match["index"].strip("_{}")
        values = tuple(argument.value for argument in arguments)
        positions = [int(b) for b in self._by_positions(name, digits, match["primes"], token).by]
        if max(positions) > len(values):
            raise NotationError(
                f"{name} is given {len(values)} arguments but differentiated by argument {max(positions)}",
                self.text, token.start_pos,
            )
        return _Located(abstract_derivative(function(name), values, positions), items)

    def _primed(self, name: str, primes: str, index: str, token: Token):
        count = _primes_and_index(primes)[0]
        if not index:
            return Partial(variable(name), *([1] * count))
        if index.isdigit():
            return self._by_positions(name, index, primes, token)
        return Partial(variable(name), *(variable(ch) for ch in index))

    def _by_positions(self, name: str, digits: str, primes: str, token: Token):
        count = _primes_and_index(primes)[0]
        positions = [int(d) for d in digits]
        if count > 1 and count != len(positions) or 0 in positions:
            raise NotationError(
                f"'{name}' with {count} prime(s) and subscript {digits} do not agree",
                self.text, token.start_pos, hint=f"a second partial is written {name}_12'' or {name}''_12",
            )
        return Partial(variable(name), *positions)


class _Located:
    """A SymPy value with the text span it came from (for relation texts)."""

    __slots__ = ("value", "span", "split")

    def __init__(self, value, items):
        self.value = value
        self.split = None  # (name, bracket) for a product written like a call: x(y+1)
        spans = [span for span in map(_span_of, items) if span]
        self.span = (spans[0][0], spans[-1][1]) if spans else None


class _TopWithSpan(tuple):
    def __new__(cls, value, items):
        instance = super().__new__(cls, value)
        spans = [span for span in map(_span_of, items) if span]
        instance.span = (spans[0][0], spans[-1][1]) if spans else None
        return instance


def _span_of(item):
    if isinstance(item, Token):
        return (item.start_pos, item.end_pos) if item.start_pos is not None else None
    if isinstance(item, (Equality, Bare)):
        return (item.start, item.end)
    return getattr(item, "span", None)


def _exponent_value(exponent):
    if isinstance(exponent, Token):  # x², x⁻¹
        text = exponent.value.translate(_SUPERSCRIPT_DIGITS)
        return -_integer(text[1:]) if text.startswith("⁻") else _integer(text)
    return exponent.value


def _exact_number(text: str):
    whole, _, fraction = text.partition(".")
    return sympy.Rational(int((whole or "0") + fraction), 10 ** len(fraction))


def _integer(text: str) -> sympy.Integer:
    return sympy.Integer(int(text))


def _digits(subscript: str) -> str:
    return subscript.translate(_SUBSCRIPT_DIGITS).strip("_{}")


def _name(text: str) -> str:
    return GREEK_LETTERS.get(text, text)


def _primes_and_index(text: str):
    count = 0
    for position, character in enumerate(text):
        if character in "'′":
            count += 1
        elif character == "″":
            count += 2
        else:
            return count, text[position:].strip("_{}")
    return count, ""


def _leibniz_variables(token: Token) -> list:
    wrt = []
    for match in _LEIBNIZ_PART.finditer(token.value):
        name = _name(match["wrapped"] or match["name"])
        order = match["wrapped_order"] or match["order"]
        superscript = match["wrapped_sup"] or match["sup"]
        count = int(order) if order else int(superscript.translate(_SUPERSCRIPT_DIGITS)) if superscript else 1
        wrt += [variable(name)] * count
    return wrt
