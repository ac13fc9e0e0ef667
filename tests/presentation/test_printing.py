"""The textbook printers: exact strings for hand-built expressions, the
text reads back (partials.reading.reader) to the same expression, and every LaTeX
formula compiles when a TeX engine is installed."""

import pytest
import sympy

import partials
from partials.presentation import printing
from partials.model.notation import Partial
from partials.model.problem import Problem, Relation, abstract_derivative
from partials.reading.reader import read_expression
from partials.core.symbols import function, variable

from latex_compile import compile_formulas, needs_latex

x, y, z, u, v, t = (variable(n) for n in "xyzuvt")
f, g, F = function("f"), function("g"), function("F")
U, V = sympy.Function("u", real=True), sympy.Function("v", real=True)


def d(fn, args, *positions):
    return abstract_derivative(fn, args, list(positions))


IMPLICIT_F = Problem.from_relations([Relation("equation", F(x, y, z), sympy.S.Zero)])
F_OF_SUMS = Problem.from_relations([Relation("equation", F(y * z, y + x * z), sympy.S.Zero)])
ABSTRACT_UV = Problem.from_relations([
    Relation("definition", z, f(u, v)),
    Relation("declaration", u, U(x, y)),
    Relation("declaration", v, V(x, y)),
])

# (expression, problem, unicode text, ascii text, latex)
TABLE = [
    (2 * u * sympy.log(v) * (-y / x**2) + u**2 / v * 2 * x, None,
     "2u²x/v − 2uy ln v/x²", "2u^2x/v - 2uy ln v/x^2",
     r"\frac{2 u^{2} x}{v} - \frac{2 u y \ln v}{x^{2}}"),
    (sympy.exp(u * v), None, "e^(uv)", "e^(uv)", "e^{u v}"),
    (sympy.exp(z), None, "e^z", "e^z", "e^{z}"),
    (x * sympy.exp(-x), None, "xe^(−x)", "xe^(-x)", "x e^{-x}"),
    (sympy.log(x + 2), None, "ln(x+2)", "ln(x+2)", r"\ln\left(x + 2\right)"),
    (sympy.atan(y / x), None, "arctan(y/x)", "arctan(y/x)", r"\arctan\left(\frac{y}{x}\right)"),
    (sympy.sqrt(x**2 + y**2), None, "√(x²+y²)", "sqrt(x^2+y^2)", r"\sqrt{x^{2} + y^{2}}"),
    (2 * y * sympy.sqrt(x), None, "2y√x", "2y sqrt(x)", r"2 y \sqrt{x}"),
    (1 / sympy.sqrt(x), None, "1/√x", "1/sqrt(x)", r"\frac{1}{\sqrt{x}}"),
    (y * z / (sympy.exp(z) - x * y), None, "yz/(e^z − xy)", "yz/(e^z - xy)", r"\frac{y z}{e^{z} - x y}"),
    (y * z / (x * y - sympy.exp(z)), None, "yz/(xy − e^z)", "yz/(xy - e^z)", r"\frac{y z}{x y - e^{z}}"),
    (y * z / (-x * y - sympy.exp(z)), None, "−yz/(xy + e^z)", "-yz/(xy + e^z)", r"-\frac{y z}{x y + e^{z}}"),
    ((u * y - v * x) * sympy.exp(u * v) / (-x**2 - y**2), None,
     "(vx − uy)e^(uv)/(x² + y²)", "(vx - uy)e^(uv)/(x^2 + y^2)",
     r"\frac{\left(v x - u y\right) e^{u v}}{x^{2} + y^{2}}"),
    (y**sympy.log(x) * sympy.log(y) / x, None, "y^(ln x) ln y/x", "y^(ln x) ln y/x",
     r"\frac{y^{\ln x} \ln y}{x}"),
    (sympy.sin(x)**2, None, "sin²x", "sin^2 x", r"\sin^{2} x"),
    (sympy.sin(x) * sympy.cos(y), None, "cos y·sin x", "cos y*sin x", r"\cos y \cdot \sin x"),
    (sympy.sin(x * y), None, "sin(xy)", "sin(xy)", r"\sin\left(x y\right)"),
    (x**sympy.Rational(3, 2), None, "x^(3/2)", "x^(3/2)", r"x^{\frac{3}{2}}"),
    (sympy.Rational(3, 2) * x, None, "3x/2", "3x/2", r"\frac{3 x}{2}"),
    (1 / (x + 2), None, "1/(x + 2)", "1/(x + 2)", r"\frac{1}{x + 2}"),
    (x**2 - y**2, None, "x² − y²", "x^2 - y^2", "x^{2} - y^{2}"),
    (sympy.exp(z) - x * y, None, "e^z − xy", "e^z - xy", "e^{z} - x y"),
    (sympy.Abs(x) * y, None, "y·|x|", "y*|x|", r"y \left|x\right|"),
    (d(f, (x, y), 1), None, "f₁′", "f_1'", "f_{1}'"),
    (d(f, (x + y, x * y), 1, 2) * (x + y) + x * y * d(f, (x + y, x * y), 2, 2)
     + d(f, (x + y, x * y), 1, 1) + d(f, (x + y, x * y), 2), None,
     "f₁₁″ + (x + y)f₁₂″ + xy·f₂₂″ + f₂′", "f_11'' + (x + y)f_12'' + xy*f_22'' + f_2'",
     r"f_{11}'' + \left(x + y\right) f_{12}'' + x y f_{22}'' + f_{2}'"),
    (-2 * x * y * d(f, (x**2 - y**2,), 1) / f(x**2 - y**2)**2, None,
     "−2xy·f′(x²−y²)/f(x²−y²)²", "-2xy*f'(x^2-y^2)/f(x^2-y^2)^2",
     r"-\frac{2 x y f'\left(x^{2} - y^{2}\right)}{f^{2}\left(x^{2} - y^{2}\right)}"),
    (d(f, (x,), 1, 1), None, "f″(x)", "f''(x)", r"f''\left(x\right)"),
    (d(F, (x, y, z), 3), IMPLICIT_F, "F′_z", "F'_z", "F'_{z}"),
    (-d(F, (x, y, z), 1) / d(F, (x, y, z), 3), IMPLICIT_F, "−F′_x/F′_z", "-F'_x/F'_z", r"-\frac{F'_{x}}{F'_{z}}"),
    (d(F, (x, y, z), 1, 3), IMPLICIT_F, "F″_xz", "F''_xz", "F''_{xz}"),
    (-d(F, (x, y, z), 1) / d(F, (x, y, z), 3), None, "−F₁′/F₃′", "-F_1'/F_3'", r"-\frac{F_{1}'}{F_{3}'}"),
    (-(z * d(F, (y * z, y + x * z), 1) + d(F, (y * z, y + x * z), 2))
     / (y * d(F, (y * z, y + x * z), 1) + x * d(F, (y * z, y + x * z), 2)), F_OF_SUMS,
     "−(z·F₁′ + F₂′)/(y·F₁′ + x·F₂′)", "-(z*F_1' + F_2')/(y*F_1' + x*F_2')",
     r"-\frac{z F_{1}' + F_{2}'}{y F_{1}' + x F_{2}'}"),
    (d(f, (u, v), 1) * sympy.Derivative(U(x, y), x) + d(f, (u, v), 2) * sympy.Derivative(V(x, y), x), ABSTRACT_UV,
     "f₁′·∂u/∂x + f₂′·∂v/∂x", "f_1'*du/dx + f_2'*dv/dx",
     r"f_{1}' \frac{\partial u}{\partial x} + f_{2}' \frac{\partial v}{\partial x}"),
    (sympy.Derivative(U(x, y), x, y), ABSTRACT_UV, "∂²u/∂x∂y", "d^2u/dxdy",
     r"\frac{\partial^{2} u}{\partial x \partial y}"),
    (d(f, (x, t), 1) + d(f, (x, t), 2) * (d(g, (x, z), 1) + d(g, (x, z), 2)), None,
     "f₁′ + f₂′·(g₁′ + g₂′)", "f_1' + f_2'*(g_1' + g_2')",
     r"f_{1}' + f_{2}' \left(g_{1}' + g_{2}'\right)"),
    (variable("x_1") * y + variable("alpha") * x, None, "αx + x₁y", "alpha x + x_1 y",
     r"\alpha x + x_{1} y"),
    (2 * sympy.pi * x, None, "2πx", "2pi x", r"2 \pi x"),
]


@pytest.mark.parametrize("expr, problem, unicode, ascii, latex", TABLE)
def test_exact_strings(expr, problem, unicode, ascii, latex):
    assert printing.text(expr, problem) == unicode
    assert printing.text(expr, problem, ascii=True) == ascii
    assert printing.latex(expr, problem) == latex


def test_arguments_written_out_on_request():
    expr = d(f, (x + y, x * y), 1) + x * d(f, (x + y, x * y), 2)
    assert printing.text(expr) == "f₁′ + x·f₂′"
    assert printing.text(expr, arguments=True) == "f₁′(x+y, xy) + x·f₂′(x+y, xy)"
    assert printing.latex(expr, arguments=True) == (
        r"f_{1}'\left(x + y, x y\right) + x f_{2}'\left(x + y, x y\right)")


def test_answer_line_in_every_style():
    expr = y * z / (sympy.exp(z) - x * y)
    assert printing.answer_line(z, [x], expr) == "∂z/∂x = yz/(e^z − xy)"
    assert printing.answer_line(z, [x], expr, style="ascii") == "dz/dx = yz/(e^z - xy)"
    assert printing.answer_line(z, [x], expr, style="latex") == (
        r"\frac{\partial z}{\partial x} = \frac{y z}{e^{z} - x y}")
    assert printing.answer_line(z, [x, y], x, style="text") == "∂²z/∂x∂y = x"
    assert printing.answer_line(z, [x, x], x, style="latex") == r"\frac{\partial^{2} z}{\partial x^{2}} = x"


def test_typed_notation_before_a_problem_resolves_it():
    f_symbol, F_symbol = sympy.Symbol("f"), sympy.Symbol("F")
    one_argument = Problem.from_relations([Relation("definition", z, y / f(x**2 - y**2))])
    assert printing.text(Partial(f_symbol, 1)) == "f₁′"
    assert printing.text(Partial(f_symbol, 1), one_argument) == "f′"
    assert printing.text(Partial(f_symbol, 1, 2), ascii=True) == "f_12''"
    assert printing.text(Partial(F_symbol, z)) == "F_z"
    assert printing.text(Partial(z, x, y)) == "∂²z/∂x∂y"
    assert printing.latex(Partial(z, x)) == r"\frac{\partial z}{\partial x}"
    assert printing.latex(Partial(f_symbol, 1)) == "f_{1}'"


def test_derivative_notation():
    assert printing.derivative_notation("z", ["x", "y"]) == "∂²z/∂x∂y"
    assert printing.derivative_notation("z", ["x", "x"], "ascii") == "d^2z/dx^2"
    assert printing.derivative_notation("y", ["x"], "text", ordinary=True) == "dy/dx"
    assert printing.derivative_notation("z", ["x", "x", "y"], "latex") == (
        r"\frac{\partial^{3} z}{\partial x^{2} \partial y}")


# ---- round trip: what we print, a student can type back ----------------------------------
def _as_read(expr, problem):
    """The reader keeps ∂u/∂x as Partial(u, x); the engine writes the
    derivative of an abstract intermediate as Derivative(u(x, y), x)."""
    replacements = {}
    for partial in expr.atoms(Partial):
        base = partial.base
        if problem is not None and base in problem.declarations:
            call = sympy.Function(str(base), real=True)(*problem.declarations[base])
            replacements[partial] = sympy.Derivative(call, *partial.by)
    return expr.xreplace(replacements)


def same(a, b) -> bool:
    return a == b or sympy.simplify(a - b) == 0


@pytest.mark.parametrize("expr, problem, unicode, ascii, latex", TABLE)
def test_text_reads_back(expr, problem, unicode, ascii, latex):
    for printed in (printing.text(expr, problem), printing.text(expr, problem, ascii=True)):
        if problem is None and expr.atoms(sympy.Subs):
            context = _problem_calling(expr)
        else:
            context = problem
        back = _as_read(read_expression(printed, context), context)
        assert same(back, expr), printed


def _problem_calling(expr) -> Problem:
    """A problem in which every abstract function of `expr` is called with
    the arguments it has in `expr`, so that f₁′ means something."""
    from partials.presentation.printing.notation import abstract_call_parts

    relations, names = [], iter("pqrsw")
    for subs in expr.atoms(sympy.Subs):
        function_class, args, _ = abstract_call_parts(subs)
        relations.append(Relation("definition", variable(next(names)), function_class(*args)))
    unique = {r.rhs: r for r in relations}
    return Problem.from_relations(list(unique.values()))


# ---- LaTeX compiles ---------------------------------------------------------------------------
@needs_latex
def test_every_latex_formula_compiles(tmp_path):
    formulas = [row[4] for row in TABLE]
    result = compile_formulas(formulas, tmp_path)
    assert result.returncode == 0, result.stdout[-2000:]


@needs_latex
def test_the_compile_check_can_fail(tmp_path):
    assert compile_formulas([r"\frac{1}{"], tmp_path).returncode != 0


def test_seed_texts_parse_with_the_printer_in_context():
    problem = partials.parse("z = u^2 ln v, u = y/x, v = x^2 + y^2")
    assert printing.text(problem.definitions[z], problem) == "u² ln v"
    assert printing.latex(problem.definitions[z], problem) == r"u^{2} \ln v"


@pytest.mark.parametrize("expr, text, tex", [
    (sympy.Abs(variable("x")) ** sympy.Rational(1, 3), "|x|^(1/3)", r"\left|x\right|^{\frac{1}{3}}"),
    (1 / sympy.Abs(variable("x") + 1) ** sympy.Rational(3, 2), "1/|x+1|^(3/2)",
     r"\frac{1}{\left|x + 1\right|^{\frac{3}{2}}}"),
])
def test_power_of_an_absolute_value_needs_no_brackets(expr, text, tex):
    assert printing.text(expr) == text
    assert printing.latex(expr) == tex
    assert read_expression(text) == expr
