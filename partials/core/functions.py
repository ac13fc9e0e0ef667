"""The elementary functions: one table that the grammar, the Transformer,
every printer and every evaluator read.

Each row is one function: its SymPy class, how people type it (the first
spelling is the one textbooks print), its LaTeX, its value on Python floats
and its name in mpmath's contexts. A function that is not in this table is
refused everywhere by the same message (the grammar cannot read it).

Forms the grammar reads that are not functions of their own here:
SPECIAL_SPELLINGS (√ and sqrt are powers, lg and log_b are logarithms in
another base). The grammar's FUNC terminal is checked against this table by
tests/reading/test_grammar.py.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Callable

import sympy


class RealCubeRoot(sympy.Function):
    """∛a (cbrt) for real a: −2 at −8. SymPy's cbrt is the principal root,
    which is complex for a negative a; a calculus course means the real one."""

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

    def as_power(self):
        """sign(a)·|a|^(1/3), a form SymPy's limit and simplify understand."""
        a = self.args[0]
        return sympy.sign(a) * sympy.Abs(a) ** sympy.Rational(1, 3)


def _real_cube_root(t: float) -> float:
    return math.copysign(abs(t) ** (1 / 3), t)


def _acot(t: float) -> float:
    """SymPy's arccot: atan(1/t), in (−π/2, π/2], π/2 at 0."""
    return math.atan(1 / t) if t else math.pi / 2


@dataclass(frozen=True)
class Elementary:
    sympy: type
    typed: tuple  # spellings people type; typed[0] is the printed one
    latex: str
    on_floats: Callable
    mpmath: str  # the function's name in mpmath's contexts ("" where there is none)

    @property
    def name(self) -> str:
        return self.typed[0]


TABLE = (
    Elementary(sympy.exp, ("exp",), r"\exp", math.exp, "exp"),
    Elementary(sympy.log, ("ln", "log"), r"\ln", math.log, "log"),
    Elementary(sympy.sin, ("sin",), r"\sin", math.sin, "sin"),
    Elementary(sympy.cos, ("cos",), r"\cos", math.cos, "cos"),
    Elementary(sympy.tan, ("tan",), r"\tan", math.tan, "tan"),
    Elementary(sympy.cot, ("cot",), r"\cot", lambda t: math.cos(t) / math.sin(t), "cot"),
    Elementary(sympy.sec, ("sec",), r"\sec", lambda t: 1 / math.cos(t), "sec"),
    Elementary(sympy.csc, ("csc",), r"\csc", lambda t: 1 / math.sin(t), "csc"),
    Elementary(sympy.asin, ("arcsin",), r"\arcsin", math.asin, "asin"),
    Elementary(sympy.acos, ("arccos",), r"\arccos", math.acos, "acos"),
    Elementary(sympy.atan, ("arctan",), r"\arctan", math.atan, "atan"),
    Elementary(sympy.acot, ("arccot",), r"\operatorname{arccot}", _acot, "acot"),
    Elementary(sympy.sinh, ("sinh",), r"\sinh", math.sinh, "sinh"),
    Elementary(sympy.cosh, ("cosh",), r"\cosh", math.cosh, "cosh"),
    Elementary(sympy.tanh, ("tanh",), r"\tanh", math.tanh, "tanh"),
    Elementary(sympy.coth, ("coth",), r"\coth", lambda t: 1 / math.tanh(t), "coth"),
    Elementary(sympy.sech, ("sech",), r"\operatorname{sech}", lambda t: 1 / math.cosh(t), "sech"),
    Elementary(sympy.csch, ("csch",), r"\operatorname{csch}", lambda t: 1 / math.sinh(t), "csch"),
    Elementary(sympy.asinh, ("arcsinh", "arsinh"), r"\operatorname{arsinh}", math.asinh, "asinh"),
    Elementary(sympy.acosh, ("arccosh", "arcosh"), r"\operatorname{arcosh}", math.acosh, "acosh"),
    Elementary(sympy.atanh, ("arctanh", "artanh"), r"\operatorname{artanh}", math.atanh, "atanh"),
    Elementary(sympy.Abs, ("abs",), r"\left|", abs, "fabs"),
    Elementary(RealCubeRoot, ("cbrt", "∛"), r"\sqrt[3]", _real_cube_root, ""),  # mpmath's cbrt is complex below 0
)

# Typed forms of the grammar's FUNC terminal that are powers or other bases.
SPECIAL_SPELLINGS = frozenset({"sqrt", "√", "根号", "lg", "log_b"})

BY_SPELLING = {spelling: row for row in TABLE for spelling in row.typed}
BY_SYMPY = {row.sympy: row for row in TABLE}
# printed names by SymPy class name ("asin" -> "arcsin"), for the printers
PRINTED = {row.sympy.__name__: row.name for row in TABLE if row.sympy not in (sympy.Abs, RealCubeRoot)}
LATEX = {row.sympy.__name__: row.latex for row in TABLE if row.sympy not in (sympy.Abs, RealCubeRoot)}
# values on floats by SymPy class, for the numeric evaluators
ON_FLOATS = {row.sympy: row.on_floats for row in TABLE}
# the float functions by mpmath's names, so that a namespace of them works like mpmath's fp context
FLOAT_CONTEXT = {"sqrt": math.sqrt, **{row.mpmath: row.on_floats for row in TABLE if row.mpmath}}
