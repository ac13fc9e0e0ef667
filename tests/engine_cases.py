"""Problems for the engine tests and bench/engine.py, and oracles that do not
use the engine.

Each case: (kind, problem text, targets, of).  A target "z:xy" is ∂²z/∂x∂y
(x first).  Kinds: explicit, abstract, implicit, system.

Oracles (independent of partials.calculus.engine; they use only the Problem's
relations and SymPy's own diff/solve):
* full_substitution: every definition substituted into `of`, abstract
  functions and abstract intermediates replaced by concrete smooth functions;
* oracle_derivative: diff of that, and for unknowns of equations, the
  derivatives of U = Function('U')(x, y) solved from the differentiated
  equations (order by order), then U replaced by the symbol again;
* concrete(expr): the engine's answer with the same concrete functions put
  in and .doit() called.
"""
from __future__ import annotations

import random
from functools import lru_cache

import mpmath
import sympy

import partials
from partials.core.symbols import variable

CASES = [
    # ---- explicit composites ------------------------------------------------------
    ("explicit", "z = u^2 ln v, u = y/x, v = x^2 + y^2", ["z:x", "z:y", "z:xy"], None),
    ("explicit", "z = e^(uv), u = ln[√(x^2+y^2)], v = arctan(y/x)", ["z:x", "z:y"], None),
    ("explicit", "u = 1/r, r = √(x^2 + y^2 + z^2)", ["u:x", "u:xx"], None),
    ("explicit", "z = y^lnx", ["z:xx", "z:xy", "z:yy"], None),
    ("explicit", "y = ln(x+2)", ["y:x", "y:xx"], None),
    ("explicit", "z = u^2 v - u v^2, u = x cos y, v = x sin y", ["z:x", "z:y"], None),
    ("explicit", "z = e^u sin v, u = xy, v = x + y", ["z:x", "z:y", "z:xy"], None),
    ("explicit", "z = u^v, u = x^2 + y^2, v = xy", ["z:x", "z:y"], None),
    ("explicit", "z = arctan(x/y)", ["z:x", "z:xx", "z:xy"], None),
    ("explicit", "z = ln(x + y^2)", ["z:x", "z:xy", "z:yy"], None),
    ("explicit", "z = x^y", ["z:x", "z:y", "z:xy"], None),
    ("explicit", "u = x^(y/z)", ["u:x", "u:y", "u:z"], None),
    ("explicit", "z = √(x^2 + y^2)", ["z:x", "z:xx", "z:xy"], None),
    ("explicit", "u = 1/√(x^2 + y^2 + z^2)", ["u:x", "u:xx"], None),
    ("explicit", "z = u ln(uv), u = x + y, v = x - y", ["z:x", "z:y"], None),
    ("explicit", "z = uv + sin t, u = e^t, v = cos t", ["z:t", "z:tt"], None),
    ("explicit", "z = arcsin(x - y), x = 3t, y = 4t^3", ["z:t"], None),
    ("explicit", "u = e^(x^2 + y^2 + z^2), z = x^2 sin y", ["u:x", "u:y"], None),
    ("explicit", "c = a + b, d = b + 1, e = c d", ["e:a", "e:b", "e:ab"], None),
    ("explicit", "z = sin(xy) + cos^2(xy)", ["z:x", "z:xy"], None),
    ("explicit", "z = x ln(x + y)", ["z:xx", "z:xy"], None),
    ("explicit", "z = e^(xy) cos(x + y)", ["z:x", "z:xy"], None),
    ("explicit", "w = (x + y + z)/(x^2 + y^2 + z^2)", ["w:x", "w:z"], None),
    ("explicit", "z = (x - y)/(x + y)", ["z:x", "z:y", "z:xy"], None),
    ("explicit", "z = x^3 y - 3x^2 y^3", ["z:xx", "z:xy", "z:yy", "z:xyy"], None),
    ("explicit", "z = u/v, u = x + y, v = x - y", ["z:x", "z:xx"], None),
    ("explicit", "z = tan(x^2 + y), ", ["z:x", "z:xy"], None),
    ("explicit", "z = e^(-x) sin(x + 2y)", ["z:x", "z:y", "z:xy"], None),
    ("explicit", "u = xy + yz + zx, x = s t, y = s + t, z = s - t", ["u:s", "u:t"], None),
    ("explicit", "z = ln(u^2 + v), u = e^(x + y^2), v = x^2 + y", ["z:x", "z:y"], None),
    ("explicit", "z = x^2 + xy + y^2, x = cos t, y = sin t", ["z:t", "z:tt"], None),
    ("explicit", "w = u^2 + v^2, u = r cos θ, v = r sin θ", ["w:r", "w:θ"], None),
    ("explicit", "z = arctan(u/v), u = x + y, v = x - y", ["z:x", "z:y"], None),
    ("explicit", "z = x y e^(x/y)", ["z:x", "z:y"], None),
    ("explicit", "z = √(1 - x^2 - y^2)", ["z:x", "z:y", "z:xy"], None),
    # ---- abstract functions ------------------------------------------------------
    ("abstract", "u = f(x,y,z), y = g(x,t), t = v(x,z)", ["u:x", "u:z"], None),
    ("abstract", "z = f(u,v), u = u(x,y), v = v(x,y)", ["z:x", "z:xy"], None),
    ("abstract", "z = y / f(x^2 - y^2)", ["z:x", "z:y", "z:xy"], None),
    ("abstract", "z = f(x + y, xy)", ["z:x", "z:xy", "z:xx"], None),
    ("abstract", "z = f(x^2 - y^2, e^(xy))", ["z:x", "z:y", "z:xy"], None),
    ("abstract", "u = f(x, xy, xyz)", ["u:x", "u:y", "u:z", "u:xz"], None),
    ("abstract", "z = x f(y/x)", ["z:x", "z:xx", "z:xy"], None),
    ("abstract", "z = f(x^2 + y^2)", ["z:x", "z:xx", "z:xy"], None),
    ("abstract", "z = f(u, x, y), u = x e^y", ["z:x", "z:xy"], None),
    ("abstract", "w = f(x + y + z, xyz)", ["w:x", "w:xz"], None),
    ("abstract", "z = f(2x - y) + g(x, xy)", ["z:x", "z:xy"], None),
    ("abstract", "z = f(sin x, cos y, e^(x+y))", ["z:x", "z:xy"], None),
    ("abstract", "y = f(e^x) e^(f(x))", ["y:x", "y:xx"], None),
    ("abstract", "z = f(xy) + y g(x/y)", ["z:x", "z:xy"], None),
    ("abstract", "z = f(u), u = x^2 y", ["z:x", "z:xy"], None),
    ("abstract", "z = u v, u = u(x,y), v = v(x,y)", ["z:x", "z:xy"], None),
    ("abstract", "z = f(x, y/x)", ["z:x", "z:xx", "z:xy"], None),
    # ---- implicit equations -------------------------------------------------------
    ("implicit", "e^z = xyz", ["z:x", "z:y", "z:xx", "z:xy"], None),
    ("implicit", "x^2 + y^2 + z^2 = 4z", ["z:x", "z:xx", "z:xy"], None),
    ("implicit", "x + 2y + z - 2√(xyz) = 0", ["z:x", "z:y"], None),
    ("implicit", "F(x + y + z, xyz) = 0", ["z:x", "z:y", "z:xy"], None),
    ("implicit", "F(yz, y + xz) = 0", ["z:y", "z:x"], None),
    ("implicit", "x/z = ln(z/y)", ["z:x", "z:y", "z:xy"], None),
    ("implicit", "z^3 - 3xyz = 1", ["z:x", "z:xy"], None),
    ("implicit", "x^2 + y^2 = 1", ["y:x", "y:xx"], None),
    ("implicit", "e^y + xy = e", ["y:x", "y:xx"], None),
    ("implicit", "sin y + e^x - x y^2 = 0", ["y:x"], None),
    ("implicit", "ln(√(x^2 + y^2)) = arctan(y/x)", ["y:x", "y:xx"], None),
    ("implicit", "xyz = x + y + z", ["z:x", "z:y", "z:xy"], None),
    ("implicit", "F(x, x + y, x + y + z) = 0", ["z:x", "z:xx"], None),
    ("implicit", "z = f(x + y + z, xyz), z = z(x, y)", ["z:x", "z:y"], None),
    ("implicit", "x^2 + 2y^2 + 3z^2 = 6", ["z:x", "z:yy"], None),
    ("implicit", "F(x - 2z, y - 3z) = 0", ["z:x", "z:y"], None),
    ("implicit", "sin(xz) + yz^2 = 1", ["z:x", "z:y"], None),
    ("implicit", "w = x^2 + z^2, e^z = x + y + z", ["w:x", "w:xy"], None),
    # ---- systems of equations -----------------------------------------------------
    ("system", "xu - yv = 0, yu + xv = 1, u = u(x,y), v = v(x,y)", ["u:x", "u:y", "v:x", "v:y", "u:xy"], None),
    ("system", "x = u cos v, y = u sin v", ["u:x", "v:x", "u:y"], "u"),
    ("system", "u = f(ux, v + y), v = g(u - x, v^2 y), u = u(x,y), v = v(x,y)", ["u:x", "v:y"], None),
    ("system", "u + v = x + y, xu + yv = 1, u = u(x,y), v = v(x,y)", ["u:x", "v:y", "u:xx"], None),
    ("system", "x = e^u + u sin v, y = e^u - u cos v", ["u:x", "v:x", "u:y"], "u"),
    ("system", "u^2 - v + x = 0, u + v^2 - y = 0, u = u(x,y), v = v(x,y)", ["u:x", "v:y", "u:xy"], None),
    ("system", "x = u + v, y = u^2 + v^2", ["u:x", "v:y"], "u"),
    ("system", "x + y + z = 0, x^2 + y^2 + z^2 = 1, y = y(x), z = z(x)", ["y:x", "z:x", "y:xx"], None),
    ("system", "F(x - u, y - v) = 0, G(x + u, y + v) = 0, u = u(x,y), v = v(x,y)", ["u:x", "v:y"], None),
    ("system", "z = u^3 + v^3, x = u + v, y = u^2 + v^2, u = u(x,y), v = v(x,y)", ["z:x", "z:y"], None),
]

def targets_of(case):
    """[(of, wrt)] of a case as Symbols."""
    _, _, targets, _ = case
    result = []
    for target in targets:
        of, wrt = target.split(":")
        result.append((variable(of), tuple(variable(w) for w in _names(wrt))))
    return result


def _names(letters: str) -> list:
    return ["theta"] if letters == "θ" else list(letters)


def case_id(case) -> str:
    return f"{case[0]}: {case[1]}"


@lru_cache(maxsize=None)
def problem_of(text: str, of=None):
    return partials.parse(text, of=of)


# ---- concrete functions -------------------------------------------------------
def concrete_function(name: str, arity: int) -> sympy.Lambda:
    """A smooth function standing in for an abstract one, different per name."""
    k = sum(map(ord, name)) % 5 + 1
    a = [sympy.Symbol(f"a{i}", real=True) for i in range(arity)]
    if arity == 1:
        body = sympy.exp(a[0] / (k + 1)) + a[0] ** 3 / k + sympy.sin(k * a[0])
    elif arity == 2:
        body = sympy.exp(a[0] / (k + 2)) * (1 + a[1] ** 2) + sympy.sin(a[0] * a[1]) + k * a[0] ** 2 * a[1]
    else:
        body = sum((i + k) * a[i] ** (i + 1) for i in range(arity)) + sympy.exp(sympy.Mul(*a) / 3) + sympy.sin(a[0] + k * a[-1])
    return sympy.Lambda(tuple(a), body)


def concrete_map(problem) -> dict:
    mapping = {}
    for name, arity in problem.functions.items():
        mapping[name] = concrete_function(name, arity)
    for name, arguments in problem.declarations.items():
        mapping.setdefault(str(name), concrete_function(str(name) + "'", len(arguments)))
    return mapping


def concrete(expr, problem):
    """Put the concrete functions in place of the abstract ones and .doit()."""
    mapping = concrete_map(problem)
    replaced = expr
    for name, body in mapping.items():
        replaced = replaced.subs(sympy.Function(name, real=True), body).subs(sympy.Function(name), body)
    return replaced.doit()


# ---- the oracle ---------------------------------------------------------------------
def full_substitution(problem, expr):
    """Every definition substituted; abstract intermediates as calls."""
    definitions = dict(problem.definitions)
    for name, arguments in problem.declarations.items():
        if name not in definitions and name not in problem.implicit:
            definitions[name] = sympy.Function(str(name), real=True)(*arguments)
    for _ in range(len(definitions) + 1):
        replaced = expr.xreplace(definitions)
        if replaced == expr:
            return expr
        expr = replaced
    raise AssertionError("definitions refer to each other in a cycle")


def oracle_derivative(problem, of, wrt):
    """∂ⁿ(of)/∂wrt… by SymPy alone, in the independent variables and the unknowns."""
    independent = problem.independent
    unknown_functions = {u: sympy.Function(f"U_{u}")(*independent) for u in problem.implicit}
    full = concrete(full_substitution(problem, of), problem).xreplace(unknown_functions)
    derivative = sympy.diff(full, *wrt)
    if not unknown_functions:
        return derivative
    equations = [
        concrete(full_substitution(problem, e), problem).xreplace(unknown_functions) for e in problem.equations
    ]
    solved = _solve_unknown_derivatives(equations, list(unknown_functions.values()), derivative)
    back = {function: name for name, function in unknown_functions.items()}
    return derivative.xreplace(solved).xreplace(back)


def _solve_unknown_derivatives(equations, functions, expr) -> dict:
    """{Derivative(U, …): value} for every derivative of an unknown in expr:
    the equations differentiated by the same variables are linear in the
    highest derivatives; lower ones are substituted first."""
    solutions: dict = {}
    done: set = set()

    def solve_for(variables: tuple):
        key = tuple(sorted(variables, key=str))
        if key in done:
            return
        for k in range(1, len(key)):
            for sub in _sub_multisets(key, k):
                solve_for(sub)
        targets = [sympy.diff(f, *key) for f in functions]
        stand_ins = [sympy.Symbol(f"D{k}") for k in range(len(targets))]
        differentiated = [
            sympy.diff(e, *key).xreplace(solutions).xreplace(dict(zip(targets, stand_ins))) for e in equations
        ]
        matrix = sympy.Matrix([[sympy.diff(d, s) for s in stand_ins] for d in differentiated])
        rest = sympy.Matrix([d.xreplace({s: 0 for s in stand_ins}) for d in differentiated])
        values = matrix.LUsolve(-rest)
        for target, value in zip(targets, values):
            solutions[target] = value
        done.add(key)

    for atom in expr.atoms(sympy.Derivative):
        solve_for(tuple(v for v, n in atom.variable_count for _ in range(int(n))))
    return solutions


def _sub_multisets(key, k):
    from itertools import combinations

    return {tuple(sorted(c, key=str)) for c in combinations(key, k)}


# ---- comparison ---------------------------------------------------------------------
def random_points(symbols, count=3, seed=1, low=0.2, high=0.9):
    rng = random.Random(seed)
    return [
        {s: sympy.Rational(round(rng.uniform(low, high), 3)).limit_denominator(1000) for s in symbols}
        for _ in range(count)
    ]


def numerically_equal(a, b, symbols, seed=1, tolerance=1e-9, **ranges) -> bool:
    for point in random_points(symbols, seed=seed, **ranges):
        va = sympy.N(a.xreplace(point), 30)
        vb = sympy.N(b.xreplace(point), 30)
        if not (va.is_number and vb.is_number):
            raise AssertionError(f"not a number at {point}: {va} / {vb}")
        if abs(complex(va) - complex(vb)) > tolerance * (1 + abs(complex(vb))):
            return False
    return True


def points_on_surface(problem, seed=1, wanted=4) -> list:
    """Points where the problem's equations hold: the independent variables
    drawn at random, the unknowns found by mpmath.findroot (from several
    starting guesses), so that answers equal only on the surface (x² + y² = 1
    gives d²y/dx² = −1/y³) can be compared with the oracle."""
    unknowns = list(problem.implicit)
    equations = [concrete(full_substitution(problem, e), problem) for e in problem.equations]
    rng = random.Random(seed)
    found = []
    for _ in range(40 * wanted):
        point = {x: sympy.Rational(round(rng.choice((-1, 1)) * rng.uniform(0.2, 4), 3)).limit_denominator(1000)
                 for x in problem.independent}
        residuals = [sympy.lambdify(unknowns, e.xreplace(point), modules="mpmath") for e in equations]
        guess = [rng.uniform(-3, 3) for _ in unknowns]
        try:
            with mpmath.workdps(40):
                if len(unknowns) == 1:
                    root = mpmath.findroot(residuals[0], guess[0])
                else:
                    root = mpmath.findroot(lambda *u, residuals=residuals: [r(*u) for r in residuals], guess)
        except (ValueError, ZeroDivisionError, TypeError):
            continue
        values = list(root) if len(unknowns) > 1 else [root]
        if all(abs(mpmath.im(v)) < 1e-20 for v in values):
            point.update({u: sympy.Float(mpmath.re(v), 40) for u, v in zip(unknowns, values)})
            found.append(point)
        if len(found) == wanted:
            return found
    raise AssertionError(f"no {wanted} points found on the surface of {problem.equations}")


def equal_at(a, b, points, tolerance=1e-9) -> bool:
    """Equal at the points where the oracle is a real number (at least two)."""
    compared = 0
    for point in points:
        va, vb = sympy.N(a.xreplace(point), 30), sympy.N(b.xreplace(point), 30)
        if not (vb.is_number and vb.is_real):
            continue
        if not va.is_number or abs(complex(va) - complex(vb)) > tolerance * (1 + abs(complex(vb))):
            return False
        compared += 1
    assert compared >= 2, f"the oracle is real at {compared} of the points {points}"
    return True


def central_difference(problem, of, wrt, point, h=mpmath.mpf("1e-7")):
    """Central finite differences of the fully substituted expression (explicit problems)."""
    full = concrete(full_substitution(problem, of), problem)
    variables = list(problem.independent)
    function = sympy.lambdify(variables, full, modules="mpmath")

    def derivative(order, at):
        if order == 0:
            return function(*at)
        k = variables.index(wrt[order - 1])
        up, down = list(at), list(at)
        up[k] += h
        down[k] -= h
        return (derivative(order - 1, up) - derivative(order - 1, down)) / (2 * h)

    with mpmath.workdps(50):
        return derivative(len(wrt), [mpmath.mpf(point[v].p) / point[v].q for v in variables])
