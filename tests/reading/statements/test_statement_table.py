"""A table of whole statements in the forms people paste (Chinese and English,
plain and LaTeX, labels and requests, points, dz, combinations, identities,
systems, constants), each solved whole and checked against an oracle that
does not use partials: sympy.diff of the substituted problem written by hand
here, or −F_x/F_z of the implicit equation written by hand, compared at
random points of both signs (with mpmath's 30-digit arithmetic)."""
from __future__ import annotations

import random

import mpmath
import pytest
import sympy as sp

from partials.calculus.engine import differentiate
from partials.reading.statement.reader import read_statement
from partials.assessment.statement_solving import (
    combination_value,
    differential_of,
    point_of,
    problem_of,
    targets_of,
)
from partials.assessment.verify import verify

x, y, z, t, u, v, a, k = sp.symbols("x y z t u v a k")

# name: (plain relations, LaTeX relations, explicit z in x, y by hand, dependent)
EXPLICIT = {
    "poly-exp": ("z = x^2 y + e^(xy)", r"z = x^{2}y + \mathrm{e}^{xy}", x**2 * y + sp.exp(x * y)),
    "log": ("z = ln(x + y^2)", r"z=\ln\left(x+y^{2}\right)", sp.log(x + y**2)),
    "chain-uv": ("z = u^2 ln v, u = y/x, v = x^2 + y^2", r"z = u^{2}\ln v,\ u=\frac{y}{x},\ v = x^{2}+y^{2}",
                 (y / x)**2 * sp.log(x**2 + y**2)),
    "exp-uv": ("z = e^(uv), u = x + y, v = xy", r"z=e^{uv}, u = x+y, v = xy", sp.exp((x + y) * x * y)),
    "arctan": ("z = arctan(y/x)", r"z=\arctan\frac{y}{x}", sp.atan(y / x)),
    "root": ("z = √(x^2 + y^2)", r"z=\sqrt{x^{2}+y^{2}}", sp.sqrt(x**2 + y**2)),
    "trig": ("z = x sin y + y cos x", r"z = x\sin y + y\cos x", x * sp.sin(y) + y * sp.cos(x)),
    "quotient": ("z = (x + y)/(x − y)", r"z=\dfrac{x+y}{x-y}", (x + y) / (x - y)),
    "power": ("z = x^2 e^(x−y)", r"z = x^{2}\mathrm{e}^{x-y}", x**2 * sp.exp(x - y)),
    "sin-product": ("z = sin(xy) + cos²x", r"z=\sin(xy)+\cos^{2}x", sp.sin(x * y) + sp.cos(x)**2),
    "cube-root": ("z = ∛(x^2 + y^2 + 1)", r"z = \sqrt[3]{x^{2}+y^{2}+1}", sp.cbrt(x**2 + y**2 + 1)),
    "greek": ("z = e^(x) cos y + θ, θ = xy", r"z = \mathrm{e}^{x}\cos y + \theta, \theta = xy", sp.exp(x) * sp.cos(y) + x * y),
}

# name: (equation as pasted, F by hand with F = 0)
IMPLICIT = {
    "exp-xyz": ("e^z = xyz", sp.exp(z) - x * y * z),
    "sphere": ("x^2 + y^2 + z^2 − 4z = 0", x**2 + y**2 + z**2 - 4 * z),
    "log-ratio": ("x/z = ln(z/y)", x / z - sp.log(z / y)),
    "cubic": ("x^3 + y^3 + z^3 + 6xyz = 1", x**3 + y**3 + z**3 + 6 * x * y * z - 1),
    "plus-exp": ("z + e^z = xy", z + sp.exp(z) - x * y),
}

FIRST = [("x",), ("y",)]


def cases():
    found = []

    def add(text, asked, oracle, **extra):
        found.append((text, asked, oracle, extra))

    for plain, latex, expr in EXPLICIT.values():
        add(f"设 {plain}，求 ∂z/∂x。", [("x",)], expr)
        add(f"已知 {plain}，则 ∂z/∂y = ?", [("y",)], expr)
        add(f"若 {plain}，试求 ∂z/∂x 及 ∂z/∂y。", FIRST, expr)
        add(f"Let {plain}. Find ∂z/∂x and ∂z/∂y.", FIRST, expr)
        add(f"If {plain}, compute z_x and z_y.", FIRST, expr)
        add(f"4. 设 ${latex}$，求 $\\frac{{\\partial z}}{{\\partial x}}$", [("x",)], expr)
        add(f"Exercise 7: Let \\({latex}\\). Find $\\dfrac{{\\partial^{{2}} z}}{{\\partial x \\partial y}}$.", [("x", "y")], expr)
        add(f"求 {plain} 的偏导数。要过程", FIRST, expr)
        add(f"(2) 设 {plain}，求二阶偏导数。", [("x", "x"), ("x", "y"), ("y", "y")], expr)
        add(f"Find the second partial derivatives of {plain}.", [("x", "x"), ("x", "y"), ("y", "y")], expr)
        add(f"<equation>{latex}</equation> 求 z 关于 x 的偏导数 partial z / partial x", [("x",)], expr)
        add(f"求 {plain} 的全微分。", "dz", expr)
        add(f"Find the total differential of {plain}.", "dz", expr)
        add(f"设 {plain}，求 x ∂z/∂x + y ∂z/∂y", "combination", expr, combination=lambda e: x * sp.diff(e, x) + y * sp.diff(e, y))
    points = {"在点 (1, 2) 处": {x: 1, y: 2}, "当 x = 2，y = 1 时": {x: 2, y: 1}, "at (1, 2)": {x: 1, y: 2},
              "at the point (2, 1)": {x: 2, y: 1}}
    for name in ("poly-exp", "log", "chain-uv", "root", "trig", "power"):
        plain, latex, expr = EXPLICIT[name]
        for words, point in points.items():
            if words.startswith("at"):
                add(f"Find ∂z/∂x of {plain} {words}.", [("x",)], expr, point=point)
            else:
                add(f"设 {plain}，求 ∂z/∂x {words}的值。", [("x",)], expr, point=point)
        add(f"求 {plain} 在点 (1, 2) 处的全微分。", "dz", expr, point={x: 1, y: 2})
        add(f"设 ${latex}$，求 $\\left.\\dfrac{{\\partial z}}{{\\partial y}}\\right|_{{(1,2)}}$", [("y",)], expr, point={x: 1, y: 2})
    for equation, F in IMPLICIT.values():
        add(f"设 z = z(x, y) 由方程 {equation} 确定，求 ∂z/∂x，∂z/∂y。", FIRST, F, implicit=True)
        add(f"由方程 {equation} 所确定的隐函数 z = z(x, y)，求 z_x", [("x",)], F, implicit=True)
        add(f"Let z = z(x, y) be defined implicitly by {equation}. Find ∂z/∂y.", [("y",)], F, implicit=True)
        add(f"设 {equation}，求 ∂²z/∂x²。", [("x", "x")], F, implicit=True)
        add(f"设 {equation}，求 dz", "dz", F, implicit=True)
    return found


def extra_cases():
    """Constants, capital Z, spaces only, chains of equalities, systems, identities."""
    found = []

    def add(text, asked, oracle, **extra):
        found.append((text, asked, oracle, extra))

    add("设 z³ − 3xyz = a³，其中 a 为常数，求 ∂z/∂x", [("x",)], z**3 - 3 * x * y * z - a**3, implicit=True)
    add("Let z = e^(kx) sin y, where k is a constant. Find the partial derivatives.", FIRST, sp.exp(k * x) * sp.sin(y))
    add("设 z = a x^2 + b y^2，其中 a, b 为常数，求全微分", "dz", sp.Symbol("a") * x**2 + sp.Symbol("b") * y**2)
    add("设Z=x^2 y+y^3，求 az/ax ,az/ay", FIRST, x**2 * y + y**3)
    add("z=e^(uv) u=x+y v=x-y 求偏导数", FIRST, sp.exp((x + y) * (x - y)))
    add("F(x,y,z) = x²+y²+z²−1 = 0，求 ∂z/∂x", [("x",)], x**2 + y**2 + z**2 - 1, implicit=True)
    add("设 z = x² + y²，而 x = u + v，y = u − v，求 ∂z/∂u", [("u",)], None,
        by_hand={("u",): sp.diff((u + v)**2 + (u - v)**2, u)})
    add("设 xu − yv = 0，yu + xv = 1，求 ∂u/∂x", [("x",)], None,
        by_hand={("x",): _system_oracle()}, of="u")
    add("13、设 z = x^2 + 3xy + y^2，求 ∂²z/∂x∂y =？", [("x", "y")], x**2 + 3 * x * y + y**2)
    add("设 z = ln(x^2 + y^2)，求 ∂z/∂x = ( )", [("x",)], sp.log(x**2 + y**2))
    add("设 z = xy + x/y，则 ∂z/∂x = ___", [("x",)], x * y + x / y)
    add("设 z = x^1\\2 y，求 ∂z/∂x", [("x",)], sp.sqrt(x) * y)
    add("设 z = x⼀y + y，求 ∂z/∂x", [("x",)], x / y + y)
    add("设 z = 根号(x^2 + y^2)，求 ∂z/∂x", [("x",)], sp.sqrt(x**2 + y**2))
    add("设 z ＝ x²＋y³－xy，求 ∂z/∂y。", [("y",)], x**2 + y**3 - x * y)
    add("设 z = f(x, y) = x^3 y – y^2，求 ∂z/∂y", [("y",)], x**3 * y - y**2)
    add("设 u = x^2 + y^2 + z^2，求 u_x, u_y, u_z", [("x",), ("y",), ("z",)], x**2 + y**2 + z**2, of="u")
    add("Suppose w = x^2 y + yz, find ∂w/∂z.", [("z",)], x**2 * y + y * z, of="w")
    add("设 z = x^y (x > 0)，求 ∂z/∂y", [("y",)], x**y)
    add("设\nz = x^2 y\n求 ∂z/∂x", [("x",)], x**2 * y)
    add("设 $z=\\mathrm{e}^{x}\\cdot\\sin y$，求 $z_{x}$ 与 $z_{y}$", FIRST, sp.exp(x) * sp.sin(y))
    add("设 $z = \\left(x+y\\right)^{3}$，求 $\\dfrac{\\partial^2 z}{\\partial x^2}$", [("x", "x")], (x + y)**3)
    add("设 z = x^2 y，求 \\boxed{\\frac{\\partial z}{\\partial x}}", [("x",)], x**2 * y)
    add("设 z = (x + y)/(x − y)，证明 x ∂z/∂x + y ∂z/∂y = 0", "identity", None, holds=True)
    add("Let z = √(x² + y²). Show that x z_x + y z_y = z.", "identity", None, holds=True)
    add("设 z = x² + y²，证明: x z_x + y z_y = z", "identity", None, holds=False)
    add("证明：z = ln(x² + y²) 满足 ∂²z/∂x² + ∂²z/∂y² = 0", "identity", None, holds=True)
    add("设 f(x,y) = x^3 y^2，求 fxx, fxy", [("x", "x"), ("x", "y")], x**3 * y**2, of="f")
    add("求 z = x^2 y + y^3 关于 x 的偏导数", [("x",)], x**2 * y + y**3)
    add("设 z = x^2 y + y^3，对 y 求二阶偏导数", [("y", "y")], x**2 * y + y**3)
    add("设 z = x^2 + y^2, dz = ?", "dz", x**2 + y**2)
    add("设 z = e^(x y)，求 d(z)", "dz", sp.exp(x * y))
    add("Now z = x^2 y. Find ∂z/∂x.", [("x",)], x**2 * y)
    add("设 z = x^2 y，求 zx", [("x",)], x**2 * y)
    add("设 z = f(x, y) = x^2 e^y，则 f_x = ?", [("x",)], None, by_hand={("x",): sp.diff(x**2 * sp.exp(y), x)})
    add("z = x^2 + xy 求 ∂z/∂y 要详细过程 谢谢", [("y",)], x**2 + x * y)
    add("设 z = x ln(xy)，求 ∂³z/∂x²∂y", [("x", "x", "y")], x * sp.log(x * y))
    add("Evaluate the partial derivative of w = xyz w.r.t. x", [("x",)], None, by_hand={("x",): y * z})
    add("Find the derivative of z = x^2 y^3 with respect to y.", [("y",)], x**2 * y**3)
    add("设 z = x^2 y，求 \\mathrm{d}z", "dz", x**2 * y)
    add("设 z = x^2 y，求 dz|_{(1,2)}", "dz", x**2 * y, point={x: 1, y: 2})
    add("Let f be differentiable and z = f(x) + y^2. Find z_y.", [("y",)], None, by_hand={("y",): 2 * y})
    add("find ∂z/∂x and ∂z/∂y where z = e^{xy}", FIRST, sp.exp(x * y))
    add("求 u = f(x,y,z) = x^2 + yz 对 x 的偏导数", [("x",)], None, by_hand={("x",): 2 * x})
    add("Let z = x^2 + y^2 and find z_x at x = 1, y = 2", [("x",)], x**2 + y**2, point={x: 1, y: 2})
    add("设 z = x^2 y，求 ∂z/∂x。解：∂z/∂x = 2y", [("x",)], x**2 * y)  # a (wrong) worked answer pasted along
    add("① 设 z = x^2 y，求 ∂z/∂y", [("y",)], x**2 * y)
    add("Let z = x^2 y. Find z_x. Solution: z_x = 2xy + 7", [("x",)], x**2 * y)
    add("设 z = x^2 y t，对 x, y 求二阶偏导数", [("x", "x"), ("x", "y"), ("y", "y")], x**2 * y * t)
    add("设 z = x^2 y t，对 x 求二阶偏导数", [("x", "x")], x**2 * y * t)
    add("Find the second partial derivatives of z = x^2 y t with respect to x and y.",
        [("x", "x"), ("x", "y"), ("y", "y")], x**2 * y * t)
    add("求函数z=x^2y^2在点(2,1)处当△x=0.01,△y=-0.01时的全微分", "dz", x**2 * y**2, point={x: 2, y: 1})
    add("设u=x^y^z，求u对x，y，z的偏导数", [("x",), ("y",), ("z",)], None,
        by_hand={(w,): sp.diff(x**(y**z), sp.Symbol(w)) for w in "xyz"})
    add("已知z=x^2-y^2+e^{xy}，求∂z/∂x，∂z/∂y", FIRST, x**2 - y**2 + sp.exp(x * y))
    add("设z=xy+xF(u)，而u=y/x，F(u)为可导函数，证明x∂z/∂x+y∂z/∂y=z+xy", "identity", None, holds=True)
    add("Find the indicated partial derivative. f(x, y) = ln(x + sqrt(x^2 + y^2)); f_x(3, 4)", [("x",)], None,
        by_hand={("x",): sp.diff(sp.log(x + sp.sqrt(x**2 + y**2)), x)}, point={x: 3, y: 4})
    add("设 z = x^2 y, 求 z_x(1, 2) 与 z_y(1, 2)", FIRST, x**2 * y, point={x: 1, y: 2})
    add("Use the Chain Rule to find ∂z/∂s and ∂z/∂t. z = x^2 y^3, x = s cos t, y = s sin t", [("s",), ("t",)], None,
        by_hand={(w,): sp.diff((u * sp.cos(v))**2 * (u * sp.sin(v))**3, {"s": u, "t": v}[w]).subs({u: sp.Symbol("s"), v: t})
                 for w in "st"})
    add("Find all the second partial derivatives. v = xy/(x − y)", [("x", "x"), ("x", "y"), ("y", "y")], None,
        by_hand={w: sp.diff(x * y / (x - y), *map(sp.Symbol, w)) for w in [("x", "x"), ("x", "y"), ("y", "y")]})
    curve = [x + y + z, x**2 + y**2 + z**2 - 1]
    for text in ["设方程组 { x + y + z = 0, x^2 + y^2 + z^2 = 1 } 确定 y = y(x), z = z(x)，求 dy/dx, dz/dx",
                 (r"设 $\left\{\begin{array}{l} x + y + z = 0 \\ x^{2} + y^{2} + z^{2} = 1 \end{array}\right.$，"
                  r"求 \frac{dy}{dx}, \frac{dz}{dx}"),
                 (r"The system \begin{cases} x + y + z = 0 \\ x^2 + y^2 + z^2 = 1 \end{cases} defines y = y(x), "
                  r"z = z(x). Find dy/dx and dz/dx.")]:
        add(text, [("x",), ("x",)], None, by_hand=_jacobian_oracle(curve, [y, z], [x]), pairs=True)
    uv = [u + v - x - y, x * u + y * v - 1]
    add(r"设 \begin{cases} u + v = x + y \\ xu + yv = 1 \end{cases}，求 ∂u/∂x, ∂v/∂x", [("x",), ("x",)], None,
        by_hand=_jacobian_oracle(uv, [u, v], [x, y]), pairs=True)
    add("设方程 x^2 + y^2 + z^2 = 4x 确定 x 为 y, z 的函数，求偏导数", [("y",), ("z",)], None,
        by_hand=_jacobian_oracle([x**2 + y**2 + z**2 - 4 * x], [x], [y, z]), pairs=True)
    add("Find the partial derivatives if x is defined implicitly as a function of y and z by x^2 + y^2 + z^2 = 4x.",
        [("y",), ("z",)], None, by_hand=_jacobian_oracle([x**2 + y**2 + z**2 - 4 * x], [x], [y, z]), pairs=True)
    return found


def _jacobian_oracle(equations, unknowns, variables):
    """{(of, by): derivative} by the implicit function theorem, with SymPy's linear algebra (no partials)."""
    jacobian = sp.Matrix([[sp.diff(F, w) for w in unknowns] for F in equations])
    found = {}
    for variable in variables:
        column = sp.Matrix([-sp.diff(F, variable) for F in equations])
        for unknown, value in zip(unknowns, jacobian.LUsolve(column)):
            found[(str(unknown), str(variable))] = sp.simplify(value)
    return found


def _system_oracle():
    # xu − yv = 0, yu + xv = 1: u = y/(x² + y²), v = x/(x² + y²) solved by hand
    return sp.diff(y / (x**2 + y**2), x)


CASES = cases() + extra_cases()


def test_the_table_is_large():
    assert len(CASES) >= 150


def _numbers(expr, values):
    named = {s: values[s.name] for s in expr.free_symbols}
    return complex(sp.N(expr.subs(named), 30))


def _same(got, expected, tries=8):
    rng = random.Random(7)
    compared = 0
    for _ in range(tries * 4):
        values = {n: sp.Rational(rng.choice([-1, 1]) * rng.randint(5, 30), 10) for n in "xyzuvabkst"}
        try:
            g, e = _numbers(got, values), _numbers(expected, values)
        except (ZeroDivisionError, TypeError, ValueError):
            continue
        if not all(abs(w) < 1e12 and not mpmath.isnan(w) for w in (g, e)) or abs(e.imag) > 1e-20 or abs(g.imag) > 1e-20:
            continue
        assert abs(g - e) <= 1e-12 * (1 + abs(e)), f"got {got}, expected {expected} at {values}"
        compared += 1
        if compared >= tries:
            return
    assert compared >= 3, f"too few points to compare {got} and {expected}"


def _oracle(expr, wrt, implicit):
    symbols = [sp.Symbol(w) for w in wrt]
    if not implicit:
        return sp.diff(expr, *symbols)
    F = expr
    first = {s: -sp.diff(F, s) / sp.diff(F, z) for s in (x, y)}
    result = None
    for s in symbols:
        if result is None:
            result = first[s]
        else:  # differentiate again, z depending on x, y
            result = sp.diff(result, s) + sp.diff(result, z) * first[s]
    return result


@pytest.mark.parametrize("case", CASES, ids=[c[0][:60] for c in CASES])
def test_statement_in_the_table_solves_whole(case):
    text, asked, oracle, extra = case
    statement = read_statement(text)
    problem = problem_of(statement)
    implicit = extra.get("implicit", False)
    if asked == "identity":
        assert [verify(problem, i.text).holds for i in statement.identities] == [extra["holds"]]
        return
    if asked == "combination":
        assert len(statement.combinations) == 1
        _same(combination_value(problem, statement.combinations[0].text), extra["combination"](oracle))
        return
    point = point_of(statement, problem)
    if "point" in extra:
        assert point == {sp.Symbol(str(s), real=True): v for s, v in extra["point"].items()} or \
            {str(s): v for s, v in point.items()} == {str(s): v for s, v in extra["point"].items()}
    if asked == "dz":
        assert statement.differential
        differential = differential_of(statement, problem)
        assert [str(w) for w in differential.variables] == ["x", "y"]
        for partial, w in zip(differential.partials, ("x", "y")):
            expected = _oracle(oracle, (w,), implicit)
            if point is not None:
                _same(sp.sympify(partial.at(point)), expected.subs({sp.Symbol(str(s)): v for s, v in point.items()}))
            else:
                _same(partial.explicit, expected)
        return
    targets = [tuple(map(str, wrt)) for of, wrt in targets_of(statement, problem)]
    assert sorted(targets) == sorted(asked), f"asked {targets}"
    for of, wrt in targets_of(statement, problem):
        solution = differentiate(problem, of, wrt)
        if extra.get("pairs"):  # a system: the oracle is keyed by (unknown, variable)
            _same(solution.explicit, extra["by_hand"][(str(of), str(wrt[0]))])
            continue
        expected = extra["by_hand"][tuple(map(str, wrt))] if "by_hand" in extra else _oracle(oracle, tuple(map(str, wrt)), implicit)
        if point is not None:
            _same(sp.sympify(solution.at(point)), expected.subs({sp.Symbol(str(s)): v for s, v in point.items()}))
        else:
            _same(_in_independents(solution, extra), expected)


def _in_independents(solution, extra):
    if "by_hand" in extra and extra.get("of") == "u":
        # u, v are the unknowns of the system: put in the solution by hand
        return solution.explicit.subs({sp.Symbol("u", real=True): y / (x**2 + y**2),
                                       sp.Symbol("v", real=True): x / (x**2 + y**2)}).subs(
            {sp.Symbol("x", real=True): x, sp.Symbol("y", real=True): y})
    return solution.explicit
