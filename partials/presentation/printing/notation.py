"""What the text and LaTeX printers share: reading the canonical
abstract-derivative form, choosing f₁′ or F′_z, Leibniz notation, labels."""
from __future__ import annotations

import sympy
from sympy.core.function import AppliedUndef
from sympy.core.symbol import Str

from partials.model.notation import leibniz, repeat_groups
from partials.core.symbols import DEFAULT_FUNCTION_NAMES


class Label(sympy.Expr):
    """A name that is only notation, such as F_x in the steps of an implicit
    rule: Label(text, ascii, latex). It multiplies and adds like a symbol."""

    is_commutative = True

    def __new__(cls, text: str, ascii: str | None = None, latex: str | None = None, leibniz: bool = False):
        return super().__new__(cls, Str(text), Str(ascii or text), Str(latex or text),
                               Str("leibniz" if leibniz else ""))

    @property
    def is_leibniz(self) -> bool:
        """A derivative such as ∂z/∂x: printed last in a product, after `·`."""
        return self.args[3].name == "leibniz"

    @property
    def text(self) -> str:
        return self.args[0].name

    @property
    def ascii(self) -> str:
        return self.args[1].name

    @property
    def latex(self) -> str:
        return self.args[2].name

    @property
    def free_symbols(self):
        return set()

    def _sympystr(self, printer):
        return self.text


def abstract_call_parts(subs):
    """Subs(Derivative(f(_1,…,_n), _i, …), (_1,…,_n), args) -> (f, args, positions),
    or None when `subs` is not of that canonical form."""
    derivative, slots, args = subs.args
    if not isinstance(derivative, sympy.Derivative) or not isinstance(derivative.expr, AppliedUndef):
        return None
    call = derivative.expr
    if tuple(call.args) != tuple(slots):
        if not set(slots) <= set(call.args):
            return None
        values = dict(zip(slots, args))
        args = tuple(values.get(a, a) for a in call.args)
        slots = tuple(call.args)
    positions = []
    for variable, count in derivative.variable_count:
        if variable not in slots:
            return None
        positions += [slots.index(variable) + 1] * count
    return call.func, tuple(args), sorted(positions)


class AbstractDerivatives:
    """How the text and LaTeX printers print derivatives (mixed in before
    their SymPy base printer): the canonical Subs form as f₁′ / F′_z, the
    derivative of a declared variable u(x, y) in Leibniz notation.

    A printer gives `problem`, `notation_style` ("text", "ascii" or "latex"),
    `abstract(function, args, positions)` and `other_derivative(expr)`."""

    def _print_Subs(self, expr) -> str:
        parts = abstract_call_parts(expr)
        if parts is None:
            return super()._print_Subs(expr)
        return self.abstract(*parts)

    def writes_arguments(self, function, args) -> bool:
        """Whether f₁′ is printed with its arguments, f₁′(x+y, xy): when asked
        (--arguments), or when they are not arguments the problem calls f with
        (directly, or with its intermediates substituted), since f₁′ alone
        means f₁′ at the problem's arguments.  The problem's calls are looked
        up once per printer and function."""
        if self._settings["arguments"]:
            return True
        if self.problem is None:
            return False
        known = self.__dict__.setdefault("_call_arguments", {})
        name = function.__name__
        if name not in known:
            known[name] = _call_arguments(self.problem, name)
        return tuple(args) not in known[name]

    def _print_Derivative(self, expr) -> str:
        inner = expr.expr
        variables = [v for v, n in expr.variable_count for _ in range(n)]
        if isinstance(inner, AppliedUndef) and not is_function_name(inner.func.__name__, self.problem):
            return derivative_notation(inner.func.__name__, [str(v) for v in variables], self.notation_style,
                                       ordinary=len(inner.args) == 1, printer=self)
        if isinstance(inner, AppliedUndef) and all(v in inner.args for v in variables):
            return self.abstract(inner.func, inner.args, [inner.args.index(v) + 1 for v in variables])
        return self.other_derivative(expr)


def is_function_name(name: str, problem=None) -> bool:
    """Is `name` an abstract function (f, g, F, a name called with arguments)
    rather than a variable declared as u = u(x, y)?"""
    if problem is not None:
        if name in problem.functions:
            return True
        if any(str(v) == name for v in problem.declarations):
            return False
    return name in DEFAULT_FUNCTION_NAMES


def _call_arguments(problem, name: str) -> set:
    """The argument tuples of the calls of `name` in the problem's relations."""
    found = set()
    definitions = getattr(problem, "definitions", {})
    for expr in [*definitions.values(), *getattr(problem, "equations", ())]:
        for _ in range(len(definitions) + 1):
            found |= {tuple(call.args) for call in expr.atoms(AppliedUndef) if call.func.__name__ == name}
            substituted = expr.xreplace(definitions)
            if substituted == expr:
                break
            expr = substituted
    return found


def positions_as_names(name: str, args, positions, problem):
    """F′_x, F′_z instead of F₁′, F₃′: for a function of an implicit equation
    whose arguments are distinct plain variables, as F(x, y, z) = 0 is written
    in textbooks. None when positions should be printed as numbers."""
    if problem is None or not getattr(problem, "equations", ()):
        return None
    if not all(a.is_Symbol for a in args) or len(set(args)) != len(args):
        return None
    in_equations = any(call.func.__name__ == name
                       for equation in problem.equations for call in equation.atoms(AppliedUndef))
    if not in_equations:
        return None
    return [args[p - 1] for p in positions]


def derivative_notation(of: str, wrt, style: str = "text", ordinary: bool = False, printer=None) -> str:
    """∂z/∂x, ∂²z/∂x∂y in text ("text"), ASCII (dz/dx, d^2z/dxdy) or LaTeX
    (\\frac{\\partial z}{\\partial x}); `ordinary` for dy/dx of one variable.
    `printer` (optional) renders names: Greek letters, subscripts."""
    name = printer.name if printer is not None and hasattr(printer, "name") else str
    of_text, wrt_text = name(str(of)), [name(str(w)) for w in wrt]
    if style == "latex":
        return _latex_leibniz(of_text, wrt_text, ordinary)
    if style == "ascii":
        return _ascii_leibniz(of_text, wrt_text)
    text = leibniz(of_text, wrt_text)
    return text.replace("∂", "d") if ordinary else text


def _ascii_leibniz(of: str, wrt) -> str:
    order = len(wrt)
    top = f"d^{order}{of}" if order > 1 else f"d{of}"
    bottom = "".join(f"d{w}" + (f"^{k}" if k > 1 else "") for w, k in repeat_groups(wrt))
    return f"{top}/{bottom}"


def _latex_leibniz(of: str, wrt, ordinary: bool) -> str:
    d = r"\mathrm{d}" if ordinary else r"\partial"
    order = len(wrt)
    top = f"{d}^{{{order}}} {of}" if order > 1 else f"{d} {of}"
    bottom = " ".join(f"{d} {w}" + (f"^{{{k}}}" if k > 1 else "") for w, k in repeat_groups(wrt))
    return rf"\frac{{{top}}}{{{bottom}}}"
