"""Answers as students and answer keys write them (issue 13, item 6).

Each row of FORMS is (problem, what is asked, the answer as written, its
meaning, the expected verdict).  The meaning is the last member of the
answer written again by hand in SymPy, with concrete functions in place of
the abstract ones; the oracle (full substitution then sympy.diff, implicit
differentiation of the concrete equation at points on the surface) decides
whether that meaning is right, and the test asserts that the expected
verdict is the oracle's and that `partials.check` gives it.  None of it uses
the code under test, so a wrong reading of an answer fails here.
"""
import random

import pytest
import sympy
from sympy import Rational, atan, cos, diff, exp, log, sin, sqrt

import partials

x, y, z, r, theta = sympy.symbols("x y z r theta", real=True)
A, B, C = sympy.symbols("a b c", real=True)

# concrete functions for the abstract ones (smooth, nowhere special)
F2 = sympy.Lambda((A, B), sin(A) + A * B**2 / 3 + exp(B / 4) + 2 * A - B)
F1 = sympy.Lambda((A,), sin(A) + A**3 / 5 + 2 + exp(A / 4))
F3 = sympy.Lambda((A, B, C), cos(A * B) + C**2 / 2 + A - 2 * B + exp(C / 5))
G2 = sympy.Lambda((A, B), cos(A) + A**2 * B / 4 + B)
V2 = sympy.Lambda((A, B), A * B / 3 + sin(B))
U2 = sympy.Lambda((A, B), A**2 + A * B / 2)
W2 = sympy.Lambda((A, B), B**3 / 4 - A)


def d(function, *positions):
    """The partial of a concrete function by argument positions (1-based), as a function."""
    slots = function.variables
    return sympy.Lambda(slots, diff(function.expr, *[slots[p - 1] for p in positions]))


RIGHT, WRONG, UNREADABLE = "right", "wrong", "unreadable"

# ---------------------------------------------------------------------------
# problems: the text, and the dependent variable in independent variables
# (concrete functions in place of abstract ones) or an implicit equation
# ---------------------------------------------------------------------------
u1, v1 = y / x, x**2 + y**2
u2, v2 = log(sqrt(x**2 + y**2)), atan(y / x)
PROBLEMS = {
    "composite": ("z = u^2 ln v, u = y/x, v = x^2 + y^2", u1**2 * log(v1)),
    "exp": ("z = e^(uv), u = ln[√(x^2+y^2)], v = arctan(y/x)", exp(u2 * v2)),
    "power": ("z = y^lnx", y ** log(x)),
    "levels": ("u = f(x,y,z), y = g(x,t), t = v(x,z)", None),  # in x, z: see OTHER_VARIABLES
    "abstract": ("z = f(x+y, xy)", F2(x + y, x * y)),
    "outer": ("z = y / f(x^2 - y^2)", y / F1(x**2 - y**2)),
    "times": ("z = x^2 f(xy)", x**2 * F1(x * y)),
    "declared": ("z = f(u,v), u = u(x,y), v = v(x,y)", F2(U2(x, y), W2(x, y))),
    "monomial": ("z = x^2 y^3", x**2 * y**3),
    "formula": ("f(x, y) = x^2 y^3 + sin(xy)", x**2 * y**3 + sin(x * y)),
    "polar": ("z = r^2 sin(2θ)", r**2 * sin(2 * theta)),
    "exponential": ("z = e^(xy)", exp(x * y)),
    "cubic": ("z = x^2 y + y^3", x**2 * y + y**3),
    "log": ("z = ln(x^2 + y^2)", log(x**2 + y**2)),
    "three": ("u = x^(yz)", x ** (y * z)),
    "one": ("y = ln(x+2)", None),
    "implicit": ("e^z = xyz", None),
    "implicit-abstract": ("F(yz, y + xz) = 0", None),
}
EQUATIONS = {  # implicit problems: the concrete equation = 0 and its unknown
    "implicit": exp(z) - x * y * z,
    "implicit-abstract": F2(y * z, y + x * z),
}
INDEPENDENT = {"levels": (x, z), "one": (x,), "polar": (r, theta), "three": (x, y, z)}
OTHER_VARIABLES = {"levels": F3(x, G2(x, V2(x, z)), z), "one": log(x + 2)}

L = F3  # shorthand for the levels problem
_t = V2(x, z)
_y = G2(x, _t)


# ---------------------------------------------------------------------------
# what each meaning is (by hand, in SymPy)
# ---------------------------------------------------------------------------
MEANINGS = {
    # seed 1: ∂z/∂x = 2u ln v·(−y/x²) + u²/v·2x
    ("composite", "x", "key"): 2 * u1 * log(v1) * (-y / x**2) + u1**2 / v1 * 2 * x,
    ("composite", "x", "added"): 2 * u1 * log(v1) - y / x**2,
    ("composite", "x", "one path"): 2 * u1 * log(v1) * (-y / x**2),
    ("composite", "y", "key"): 2 * u1 * log(v1) / x + u1**2 / v1 * 2 * y,
    ("composite", "y", "added"): u1**2 / v1 + 2 * y,
    # seed 2
    ("exp", "x", "key"): v2 * exp(u2 * v2) * x / (x**2 + y**2) - u2 * exp(u2 * v2) * y / (x**2 + y**2),
    ("exp", "x", "sign"): v2 * exp(u2 * v2) * x / (x**2 + y**2) + u2 * exp(u2 * v2) * y / (x**2 + y**2),
    ("exp", "y", "key"): v2 * exp(u2 * v2) * y / (x**2 + y**2) + u2 * exp(u2 * v2) * x / (x**2 + y**2),
    # seed 3: ∂²z/∂x² = y^ln x·ln y·(ln y − 1)/x²
    ("power", "xx", "key"): y ** log(x) * log(y) * (log(y) - 1) / x**2,
    ("power", "xx", "dropped"): y ** log(x) * log(y) ** 2 / x**2,
    ("power", "x", "key"): y ** log(x) * log(y) / x,
    # seed 4: u = f(x, y, z), y = g(x, t), t = v(x, z)
    ("levels", "x", "key"): d(L, 1)(x, _y, z) + d(L, 2)(x, _y, z) * (d(G2, 1)(x, _t) + d(G2, 2)(x, _t) * d(V2, 1)(x, z)),
    ("levels", "x", "no inner"): d(L, 1)(x, _y, z) + d(L, 2)(x, _y, z) * d(G2, 1)(x, _t),
    # z = f(x+y, xy)
    ("abstract", "x", "key"): d(F2, 1)(x + y, x * y) + y * d(F2, 2)(x + y, x * y),
    ("abstract", "x", "swapped"): y * d(F2, 1)(x + y, x * y) + d(F2, 2)(x + y, x * y),
    ("abstract", "y", "key"): d(F2, 1)(x + y, x * y) + x * d(F2, 2)(x + y, x * y),
    ("abstract", "xy", "key"): (d(F2, 1, 1)(x + y, x * y) + (x + y) * d(F2, 1, 2)(x + y, x * y)
                                + x * y * d(F2, 2, 2)(x + y, x * y) + d(F2, 2)(x + y, x * y)),
    ("abstract", "xy", "no f2"): (d(F2, 1, 1)(x + y, x * y) + (x + y) * d(F2, 1, 2)(x + y, x * y)
                                  + x * y * d(F2, 2, 2)(x + y, x * y)),
    # seed 6: z = y/f(x² − y²)
    ("outer", "x", "key"): -2 * x * y * d(F1, 1)(x**2 - y**2) / F1(x**2 - y**2) ** 2,
    ("outer", "x", "no chain"): -y * d(F1, 1)(x**2 - y**2) / F1(x**2 - y**2) ** 2,
    ("outer", "y", "key"): 1 / F1(x**2 - y**2) + 2 * y**2 * d(F1, 1)(x**2 - y**2) / F1(x**2 - y**2) ** 2,
    # z = x² f(xy)
    ("times", "x", "key"): 2 * x * F1(x * y) + x**2 * y * d(F1, 1)(x * y),
    ("times", "x", "no product rule"): x**2 * y * d(F1, 1)(x * y),
    # seed 5: z = f(u, v), u = u(x, y), v = v(x, y)
    ("declared", "x", "key"): (d(F2, 1)(U2(x, y), W2(x, y)) * diff(U2(x, y), x)
                               + d(F2, 2)(U2(x, y), W2(x, y)) * diff(W2(x, y), x)),
    ("declared", "x", "one path"): d(F2, 1)(U2(x, y), W2(x, y)) * diff(U2(x, y), x),
    # explicit
    ("monomial", "xx", "key"): 2 * y**3,
    ("monomial", "xx", "first"): 2 * x * y**3,
    ("monomial", "xy", "key"): 6 * x * y**2,
    ("formula", "x", "key"): 2 * x * y**3 + y * cos(x * y),
    ("formula", "x", "no chain"): 2 * x * y**3 + cos(x * y),
    ("formula", "xx", "key"): 2 * y**3 - y**2 * sin(x * y),
    ("polar", "theta", "key"): 2 * r**2 * cos(2 * theta),
    ("polar", "theta", "no chain"): r**2 * cos(2 * theta),
    ("polar", "r", "key"): 2 * r * sin(2 * theta),
    ("one", "x", "key"): 1 / (x + 2),
    ("one", "x", "wrong"): 1 / x,
    # seed 7: e^z = xyz
    ("implicit", "x", "key"): y * z / (exp(z) - x * y),
    ("implicit", "x", "sign"): -y * z / (exp(z) - x * y),
    # seed 8: F(yz, y + xz) = 0
    ("implicit-abstract", "y", "key"): (-(z * d(F2, 1)(y * z, y + x * z) + d(F2, 2)(y * z, y + x * z))
                                        / (y * d(F2, 1)(y * z, y + x * z) + x * d(F2, 2)(y * z, y + x * z))),
    ("implicit-abstract", "y", "dropped y"): (-(z * d(F2, 1)(y * z, y + x * z) + d(F2, 2)(y * z, y + x * z))
                                              / (d(F2, 1)(y * z, y + x * z) + x * d(F2, 2)(y * z, y + x * z))),
}
MEANINGS.update({  # more wrong answers, each a typical slip
    ("abstract", "y", "x first"): x * d(F2, 1)(x + y, x * y) + d(F2, 2)(x + y, x * y),
    ("outer", "y", "sign"): 1 / F1(x**2 - y**2) - 2 * y**2 * d(F1, 1)(x**2 - y**2) / F1(x**2 - y**2) ** 2,
    ("polar", "r", "cos"): 2 * r * cos(2 * theta),
    ("composite", "y", "one path"): 2 * u1 * log(v1) / x,
    ("exp", "y", "sign"): v2 * exp(u2 * v2) * y / (x**2 + y**2) - u2 * exp(u2 * v2) * x / (x**2 + y**2),
    ("levels", "x", "no g1"): d(L, 1)(x, _y, z) + d(L, 2)(x, _y, z) * d(G2, 2)(x, _t) * d(V2, 1)(x, z),
    ("implicit-abstract", "y", "denominator sign"): (
        -(z * d(F2, 1)(y * z, y + x * z) + d(F2, 2)(y * z, y + x * z))
        / (y * d(F2, 1)(y * z, y + x * z) - x * d(F2, 2)(y * z, y + x * z))),
    ("times", "x", "swapped"): 2 * x * d(F1, 1)(x * y) + x**2 * y * F1(x * y),
})
ASKED = {"x": "∂z/∂x", "y": "∂z/∂y", "xx": "∂²z/∂x²", "xy": "∂²z/∂x∂y", "theta": "∂z/∂θ", "r": "∂z/∂r"}
ASKED_OF = {"levels": {"x": "∂u/∂x"}, "one": {"x": "dy/dx"}, "formula": {"x": "∂f/∂x", "xx": "∂²f/∂x²"}}


def asked(key, wrt):
    return ASKED_OF.get(key, {}).get(wrt) or ASKED[wrt]


# ---------------------------------------------------------------------------
# the forms: (problem, asked, answer as written, meaning, verdict[, text the message must name])
# ---------------------------------------------------------------------------
FORMS = [
    # ---- seed 1, the posted answers and the ways the key writes them -------------------
    ("composite", "x", "az/ax=az/au+au/ax=2ulnv-y/x^2", "added", WRONG, "the step az/au+au/ax is wrong"),
    ("composite", "y", "az/ay=az/av+av/ay=u^2/v+2y", "added", WRONG, "the step az/av+av/ay is wrong"),
    ("composite", "x", "∂z/∂x = ∂z/∂u·∂u/∂x + ∂z/∂v·∂v/∂x = 2u ln v·(-y/x^2) + u^2/v·2x", "key", RIGHT),
    ("composite", "x", "∂z/∂x = ∂z/∂u·∂u/∂x + ∂z/∂v·∂v/∂x = 2u ln v·(−y/x²) + (u²/v)·2x = 2u²x/v − 2uy ln v/x²", "key", RIGHT),
    ("composite", "x", "az/ax = az/au·au/ax + az/av·av/ax = 2ulnv·(-y/x^2)+u^2/v·2x", "key", RIGHT),
    ("composite", "x", "z'x = 2ulnv*(-y/x^2) + u^2/v*2x", "key", RIGHT),
    ("composite", "x", "Z'x = 2ulnv*(-y/x^2) + u^2/v*2x", "key", RIGHT),
    ("composite", "x", "z'_x = (-y/x^2)·2u ln v + 2x u^2/v", "key", RIGHT),
    ("composite", "x", "z_x = -2y^2 ln(x^2+y^2)/x^3 + 2y^2/(x(x^2+y^2))", "key", RIGHT),
    ("composite", "x", "Z'x = 2u ln v·(-y/x^2)", "one path", WRONG),
    ("composite", "x", "∂z/∂x = ∂z/∂u·∂u/∂x = 2u ln v·(-y/x^2) + u^2/v·2x", "key", RIGHT, "the step ∂z/∂u·∂u/∂x is wrong"),
    ("composite", "x", "∂z/∂x = ∂z/∂u·∂u/∂x + ∂z/∂v·∂v/∂x = 2u ln v·(-y/x^2)", "one path", WRONG),
    ("composite", "x", "偏z/偏x = 偏z/偏u·偏u/偏x + 偏z/偏v·偏v/偏x = 2u ln v·(-y/x^2) + u^2/v·2x", "key", RIGHT),
    ("composite", "x", "∂z/∂x = ∂z/∂u·∂u/∂x + ∂z/∂w·∂w/∂x = 2u ln v·(-y/x^2) + u^2/v·2x", "key", RIGHT,
     "the step ∂z/∂u·∂u/∂x + ∂z/∂w·∂w/∂x was not checked"),
    ("composite", "y", "∂z/∂y = ∂z/∂u·∂u/∂y + ∂z/∂v·∂v/∂y = 2u ln v/x + 2y u^2/v", "key", RIGHT),
    ("composite", "y", "Z'y = 2ulnv·1/x + u^2/v·2y", "key", RIGHT),
    ("composite", "y", "z_y = (2y/x^2) ln(x^2+y^2) + 2y^3/(x^2(x^2+y^2))", "key", RIGHT),
    ("composite", "y", "az/ay = u^2/v + 2y", "added", WRONG),
    ("composite", "x", "∂z/∂x = 2u ln v·(-y/x^2) + u^2/v·2x = ", None, UNREADABLE),
    ("composite", "x", "∂z/∂x = 2u ln v·(-y/x^2) + * u^2/v·2x", None, UNREADABLE),
    # ---- seed 2 -------------------------------------------------------------------------
    ("exp", "x", "z'x=ve^(uv)*1/[2(x^2+y^2)]*2x+ue^(uv)*1/(1+y^2/x^2)*(-y/x^2)=ve^(uv)*x/(x^2+y^2)-ue^(uv)*y/(x^2+y^2)", "key", RIGHT),
    ("exp", "x", "∂z/∂x = ∂z/∂u·∂u/∂x + ∂z/∂v·∂v/∂x = ve^(uv)·x/(x^2+y^2) + ue^(uv)·(-y/(x^2+y^2))", "key", RIGHT),
    ("exp", "x", "Z'x = e^(uv)(vx - uy)/(x^2+y^2)", "key", RIGHT),
    ("exp", "x", "z'x = ve^(uv)·x/(x^2+y^2) + ue^(uv)·y/(x^2+y^2)", "sign", WRONG),
    ("exp", "x", "z'x = ve^(uv)*x/(x^2+y^2) - ue^(uv)*y/(x^2+y^2) = e^(uv)(vx+uy)/(x^2+y^2)", "sign", WRONG),
    ("exp", "y", "z'y = ve^(uv)·y/(x^2+y^2) + ue^(uv)·x/(x^2+y^2)", "key", RIGHT),
    ("exp", "y", "∂z/∂y=∂z/∂u·∂u/∂y+∂z/∂v·∂v/∂y=ve^(uv)*y/(x^2+y^2)+ue^(uv)*1/(1+y^2/x^2)*(1/x)", "key", RIGHT),
    # ---- seed 3 -------------------------------------------------------------------------
    ("power", "xx", "z_xx = y^lnx·lny·(lny - 1)/x^2", "key", RIGHT),
    ("power", "xx", "∂²z/∂x² = ∂/∂x(y^lnx·lny/x) = y^lnx·(lny - 1)·lny/x^2", "key", RIGHT, "∂/∂x(y^lnx·lny/x) was not checked"),
    ("power", "xx", "(δ^2)z/δ(x^2) = y^lnx·(lny)^2/x^2 - y^lnx·lny/x^2", "key", RIGHT),
    ("power", "xx", "(δ^2)z/δ(x^2) = y^lnx·(lny)^2/x^2", "dropped", WRONG),
    ("power", "xx", "z''_xx = lny·y^lnx·(lny-1)/x^2", "key", RIGHT),
    ("power", "x", "z'x = y^lnx·lny·1/x = y^lnx lny/x", "key", RIGHT),
    ("power", "x", "Z'x = y^lnx lny/x", "key", RIGHT),
    # ---- seed 4: f, g, v -------------------------------------------------------------------
    ("levels", "x", "∂u/∂x = f_1' + f_2'(g_1' + g_2' v_1')", "key", RIGHT),
    ("levels", "x", "∂u/∂x = f_1 + f_2(g_1 + g_2 v_1)", "key", RIGHT),
    ("levels", "x", "u_x = f1' + f2'·(g1' + g2'·v1')", "key", RIGHT),
    ("levels", "x", "∂u/∂x = ∂f/∂x + ∂f/∂y·(∂g/∂x + ∂g/∂t·∂v/∂x)", "key", RIGHT),
    ("levels", "x", "∂u/∂x = f_1' + f_2' g_1'", "no inner", WRONG),
    ("levels", "x", "∂u/∂x = f_1 + f_2 g_1", "no inner", WRONG),
    ("levels", "x", "u'x = f1' + f2'(g1' + g2'·v1')", "key", RIGHT),
    ("levels", "x", "∂u/∂x = f_1 + f_4", None, UNREADABLE),
    ("levels", "x", "∂u/∂x = ∂f/∂x + ∂f/∂y·(∂y/∂x + ∂y/∂t·∂t/∂x) = f_1 + f_2(g_1 + g_2 v_1)", "key", RIGHT),
    ("levels", "x", "∂u/∂x = ∂f/∂x + ∂f/∂y·∂y/∂x = f_1 + f_2(g_1 + g_2 v_1)", "key", RIGHT),
    ("levels", "x", "∂u/∂x = ∂f/∂x + ∂f/∂y·(∂y/∂x + 2∂y/∂t·∂t/∂x) = f_1 + f_2(g_1 + g_2 v_1)", "key", RIGHT,
     "the step ∂f/∂x + ∂f/∂y·(∂y/∂x + 2∂y/∂t·∂t/∂x) is wrong"),
    ("levels", "x", "∂u/∂x = ∂f/∂x + ∂f/∂y·∂y/∂t·∂t/∂x = f_1 + f_2 g_2 v_1", "no inner", WRONG,
     "the step ∂f/∂x + ∂f/∂y·∂y/∂t·∂t/∂x is wrong too"),
    # ---- z = f(x+y, xy): primes dropped, ∂f/∂u, f12 -----------------------------------------
    ("abstract", "x", "f_1 + y f_2", "key", RIGHT),
    ("abstract", "x", "f1 + yf2", "key", RIGHT),
    ("abstract", "x", "f_{1} + y f_{2}", "key", RIGHT),
    ("abstract", "x", "z_x = f1' + y f2'", "key", RIGHT),
    ("abstract", "x", "z'x = f'_1 + yf'_2", "key", RIGHT),
    ("abstract", "x", "∂z/∂x = ∂f/∂u + y ∂f/∂v", "key", RIGHT),
    ("abstract", "x", "∂z/∂x = ∂f/∂u·∂u/∂x + ∂f/∂v·∂v/∂x = f_u + y f_v", "key", RIGHT),
    ("abstract", "x", "f_u + y f_v", "key", RIGHT),
    ("abstract", "x", "∂z/∂x = ∂f/∂u·∂u/∂x + ∂f/∂v·∂v/∂y = f_1 + y f_2", "key", RIGHT,
     "the step ∂f/∂u·∂u/∂x + ∂f/∂v·∂v/∂y is wrong"),
    ("abstract", "x", "z_x = f_u·u_x + f_v·v_x = f_u + y f_v", "key", RIGHT),
    ("abstract", "x", "Z'x = f₁′ + y·f₂′", "key", RIGHT),
    ("abstract", "x", "y f_1 + f_2", "swapped", WRONG),
    ("abstract", "x", "z_x = ∂f/∂v + y ∂f/∂u", "swapped", WRONG),
    ("abstract", "x", "f_1 + y f_3", None, UNREADABLE),
    ("abstract", "x", "∂f/∂x + y ∂f/∂y", None, UNREADABLE),
    ("abstract", "y", "f_1 + x f_2", "key", RIGHT),
    ("abstract", "y", "Z'y = f1 + xf2", "key", RIGHT),
    ("abstract", "y", "z_y = ∂f/∂u + x∂f/∂v", "key", RIGHT),
    ("abstract", "xy", "f_{11} + (x+y) f_{12} + xy f_{22} + f_2", "key", RIGHT),
    ("abstract", "xy", "f11 + (x+y)f12 + xyf22 + f2", "key", RIGHT),
    ("abstract", "xy", "z_xy = f_11'' + (x+y)f_12'' + xy f_22'' + f_2'", "key", RIGHT),
    ("abstract", "xy", "∂²z/∂x∂y = f''_{11} + (x+y) f''_{12} + xy f''_{22} + f'_2", "key", RIGHT),
    ("abstract", "xy", "f_{11} + x f_{12} + y f_{21} + xy f_{22} + f_2", "key", RIGHT),
    ("abstract", "xy", "f_{11} + (x+y) f_{12} + xy f_{22}", "no f2", WRONG),
    ("abstract", "xy", "z_xy = f_uu + (x+y) f_uv + xy f_vv + f_v", "key", RIGHT),
    # ---- seed 6: z = y/f(x² − y²), f of one argument ---------------------------------------------
    ("outer", "x", "-2xyf'/f^2", "key", RIGHT),
    ("outer", "x", "∂z/∂x = -2xy f'/f²", "key", RIGHT),
    ("outer", "x", "z_x = -y·f'·2x/f^2", "key", RIGHT),
    ("outer", "x", "∂z/∂x = -y f'(x^2-y^2)·2x/f(x^2-y^2)^2", "key", RIGHT),
    ("outer", "x", "z'x = -yf'/f^2", "no chain", WRONG),
    ("outer", "x", "∂z/∂x = -2xy ∂f/∂u / f^2", "key", RIGHT),
    ("outer", "y", "z_y = 1/f + 2y^2 f'/f^2", "key", RIGHT),
    ("outer", "y", "∂z/∂y = (f + 2y^2 f')/f^2", "key", RIGHT),
    ("outer", "y", "∂z/∂y = [f - y·f'·(-2y)]/f^2", "key", RIGHT),
    # ---- z = x² f(xy): a bare f ------------------------------------------------------------------
    ("times", "x", "2xf + x^2 y f'", "key", RIGHT),
    ("times", "x", "z_x = 2x f + x²y f′", "key", RIGHT),
    ("times", "x", "∂z/∂x = 2x f(xy) + x^2 y f'(xy)", "key", RIGHT),
    ("times", "x", "z'x = x^2 y f'", "no product rule", WRONG),
    ("times", "x", "z_x = 2xf + x^2 y f_1", "key", RIGHT),
    ("times", "x", "z_x = 2xf + x^2 y f_2", None, UNREADABLE),
    # ---- seed 5: z = f(u, v), u = u(x, y), v = v(x, y) --------------------------------------------
    ("declared", "x", "∂z/∂x = f_1' ∂u/∂x + f_2' ∂v/∂x", "key", RIGHT),
    ("declared", "x", "∂z/∂x = ∂f/∂u·∂u/∂x + ∂f/∂v·∂v/∂x", "key", RIGHT),
    ("declared", "x", "z_x = f_1 u_x + f_2 v_x", "key", RIGHT),
    ("declared", "x", "z_x = f1'·u_x + f2'·v_x", "key", RIGHT),
    ("declared", "x", "z_x = f_1 u_x", "one path", WRONG),
    # ---- labels with arguments, Greek, explicit -----------------------------------------------
    ("monomial", "xx", "f_{xx}(x,y) = 2y^3", "key", RIGHT),
    ("monomial", "xx", "f_xx(x, y) = 2y³", "key", RIGHT),
    ("monomial", "xx", "z_xx = 2y^3", "key", RIGHT),
    ("monomial", "xx", "Z''xx = 2y^3", "key", RIGHT),
    ("monomial", "xx", "f_{xx}(x,y) = 2xy^3", "first", WRONG),
    ("monomial", "xy", "f_{xy}(x,y) = 6xy^2", "key", RIGHT),
    ("monomial", "xy", "z_xy = ∂/∂y(2xy^3) = 6xy^2", "key", RIGHT, "was not checked"),
    ("formula", "x", "f_x(x,y) = 2xy^3 + ycos(xy)", "key", RIGHT),
    ("formula", "x", "f_x = 2xy^3 + y cos xy", "key", RIGHT),
    ("formula", "x", "f'x = 2xy³ + cos(xy)", "no chain", WRONG),
    ("formula", "xx", "f_{xx}(x,y) = 2y^3 - y^2 sin(xy)", "key", RIGHT),
    ("polar", "theta", "2r^2cos(2θ)", "key", RIGHT),
    ("polar", "theta", "2r^2 cos(2 theta)", "key", RIGHT),
    ("polar", "theta", "z_θ = 2r²cos2θ", "key", RIGHT),
    ("polar", "theta", "∂z/∂theta = 2r^2 cos(2theta)", "key", RIGHT),
    ("polar", "theta", "∂z/∂θ = r^2 cos(2θ)", "no chain", WRONG),
    ("polar", "r", "z'_r = 2r sin(2θ)", "key", RIGHT),
    ("one", "x", "y' = 1/(x+2)", "key", RIGHT),
    ("one", "x", "dy/dx = 1/(x+2)·(x+2)' = 1/(x+2)", "key", RIGHT, "the step 1/(x+2)·(x+2)' was not checked"),
    ("one", "x", "y' = 1/x", "wrong", WRONG),
    # ---- implicit ----------------------------------------------------------------------------
    ("implicit", "x", "∂z/∂x = -F_x/F_z = yz/(e^z - xy)", "key", RIGHT),
    ("implicit", "x", "z_x = yz/(e^z-xy)", "key", RIGHT),
    ("implicit", "x", "Z'x = -yz/(e^z - xy)", "sign", WRONG),
    ("implicit", "x", "-F_x/F_z", "key", RIGHT),
    ("implicit", "x", "F_x/F_z", "sign", WRONG),
    ("implicit", "x", "∂z/∂x = -(∂F/∂x)/(∂F/∂z)", "key", RIGHT),
    ("implicit", "x", "∂z/∂x = -F_x/F_z = -yz/(e^z - xy)", "sign", WRONG),
    ("implicit-abstract", "y", "∂z/∂y=-(z·F'1+F'2)/(F'1+x·F'2)", "dropped y", WRONG),
    ("implicit-abstract", "y", "∂z/∂y = -(zF_1 + F_2)/(yF_1 + xF_2)", "key", RIGHT),
    ("implicit-abstract", "y", "z_y = -(z F1 + F2)/(y F1 + x F2)", "key", RIGHT),
    ("implicit-abstract", "y", "Z'y = -(zF'1 + F'2)/(yF'1 + xF'2)", "key", RIGHT),
    ("implicit-abstract", "y", "∂z/∂y = -(z ∂F/∂u + ∂F/∂v)/(y ∂F/∂u + x ∂F/∂v)", "key", RIGHT),
    ("implicit-abstract", "y", "∂z/∂y = -(zF_1 + F_2)/(F_1 + xF_2)", "dropped y", WRONG),
    # ---- more wrong answers, written the same ways -----------------------------------------------
    ("abstract", "y", "Z'y = xf1 + f2", "x first", WRONG),
    ("abstract", "y", "z_y = ∂f/∂u·x + ∂f/∂v", "x first", WRONG),
    ("outer", "y", "z_y = 1/f - 2y^2 f'/f^2", "sign", WRONG),
    ("polar", "r", "z'_r = 2r cos(2θ)", "cos", WRONG),
    ("composite", "y", "∂z/∂y = ∂z/∂u·∂u/∂y = 2u ln v/x", "one path", WRONG, "the step ∂z/∂u·∂u/∂y is wrong too"),
    ("exp", "y", "z'y = ve^(uv)·y/(x^2+y^2) - ue^(uv)·x/(x^2+y^2)", "sign", WRONG),
    ("levels", "x", "u_x = f1 + f2 g2 v1", "no g1", WRONG),
    ("levels", "x", "∂u/∂x = f_1' + f_2'·g_2'·v_1'", "no g1", WRONG),
    ("implicit-abstract", "y", "z_y = -(zF1 + F2)/(yF1 - xF2)", "denominator sign", WRONG),
    ("times", "x", "z_x = 2xf' + x^2 y f", "swapped", WRONG),
    ("one", "x", "dy/dx = 1/(x+2)·(x+2)' = 1/x", "wrong", WRONG, "the step 1/(x+2)·(x+2)' was not checked"),
]


# ---------------------------------------------------------------------------
# the oracle
# ---------------------------------------------------------------------------
def _points(key, rng, count=3):
    independent = INDEPENDENT.get(key, (x, y))
    found = []
    for _ in range(40):
        values = {s: sympy.Float(rng.uniform(0.5, 2.5), 30) for s in independent}
        if key in EQUATIONS:
            residual = EQUATIONS[key].subs(values)
            try:
                values[z] = sympy.nsolve(residual, z, 1.3 if key == "implicit" else 0.5, prec=30)
            except (ValueError, ZeroDivisionError):
                continue
            if abs(residual.subs(z, values[z])) > 1e-20:
                continue
        found.append(values)
        if len(found) == count:
            break
    return found


def truth(key, wrt):
    """The derivative by the oracle: sympy.diff of the substituted problem,
    or implicit differentiation of the concrete equation (z as a function)."""
    by = {"x": [x], "y": [y], "xx": [x, x], "xy": [x, y], "theta": [theta], "r": [r]}[wrt]
    if key in EQUATIONS:
        zf = sympy.Function("zf")(x, y)
        equation = EQUATIONS[key].subs(z, zf)
        (w,) = by
        unknown = sympy.Symbol("unknown")
        solved = sympy.solve(diff(equation, w).xreplace({diff(zf, w): unknown}), unknown)[0]
        return solved.subs(zf, z)
    expr = OTHER_VARIABLES.get(key, PROBLEMS[key][1])
    return diff(expr, *by)


def oracle_verdict(key, wrt, meaning_key):
    expected, meaning = truth(key, wrt), MEANINGS[(key, wrt, meaning_key)]
    rng = random.Random(f"{key}:{wrt}")
    differences = []
    for values in _points(key, rng):
        e = sympy.N(expected.subs(values).doit(), 25)
        g = sympy.N(meaning.subs(values).doit(), 25)
        differences.append(abs(e - g) / (1 + abs(e)))
    assert len(differences) >= 2
    return RIGHT if max(differences) < 1e-15 else WRONG


def _id(row):
    return f"{row[0]}:{row[1]}:{row[2]}"


def test_table_is_large_and_varied():
    assert len(FORMS) >= 100
    assert {row[4] for row in FORMS} == {RIGHT, WRONG, UNREADABLE}
    assert len({row[0] for row in FORMS}) >= 12


@pytest.mark.parametrize("row", [row for row in FORMS if row[3] is not None], ids=_id)
def test_the_oracle_agrees_with_the_table(row):
    key, wrt, _, meaning, verdict = row[:5]
    assert oracle_verdict(key, wrt, meaning) == verdict


@pytest.mark.parametrize("row", FORMS, ids=_id)
def test_written_answer_gets_the_verdict(row):
    key, wrt, answer, _, verdict = row[:5]
    result = partials.check(PROBLEMS[key][0], asked(key, wrt), answer)
    assert result.status == verdict, result.message
    if verdict == UNREADABLE:
        assert result.message.startswith("cannot understand")
    if len(row) > 5:  # a wrong middle member is named, or one not read
        assert row[5] in result.message, result.message
    else:  # and a right one is not
        assert "the step" not in result.message, result.message


def test_a_wrong_step_is_named_when_the_answer_is_right():
    verdict = partials.check(PROBLEMS["composite"][0], "∂z/∂x",
                             "∂z/∂x = ∂z/∂u·∂u/∂x = 2u ln v·(-y/x^2) + u^2/v·2x")
    assert verdict.correct is True
    assert verdict.diagnosis.code == "wrong_step"
    assert "∂z/∂u·∂u/∂x" in verdict.diagnosis.sentence


def test_the_seed_answers_get_the_stated_verdicts():
    """seed-problems.md: the first two wrong, the third right, the fourth drops a factor y."""
    posted = [
        ("composite", "∂z/∂x", "az/ax=az/au+au/ax=2ulnv-y/x^2", False),
        ("composite", "∂z/∂y", "az/ay=az/av+av/ay=u^2/v+2y", False),
        ("exp", "∂z/∂x", FORMS[20][2], True),
        ("implicit-abstract", "∂z/∂y", "∂z/∂y=-(z·F'1+F'2)/(F'1+x·F'2)", False),
    ]
    for key, target, answer, correct in posted:
        assert partials.check(PROBLEMS[key][0], target, answer).correct is correct, answer


def test_primes_dropped_are_said_on_the_interpreted_line():
    verdict = partials.check("z = f(x+y, xy)", "∂z/∂x", "f_1 + y f_2")
    assert "f_1 as f₁′" in verdict.interpreted and "f_2 as f₂′" in verdict.interpreted
    verdict = partials.check("z = f(x+y, xy)", "∂z/∂x", "∂f/∂u + y∂f/∂v")
    assert "∂f/∂u as f₁′" in verdict.interpreted
    verdict = partials.check("z = x^2 f(xy)", "∂z/∂x", "2xf + x^2 y f'")
    assert "f as f(xy)" in verdict.interpreted


def test_an_error_in_a_later_member_points_into_the_whole_answer():
    verdict = partials.check(PROBLEMS["composite"][0], "∂z/∂x", "z_x = 2u ln v·(-y/x^2) = 2x + * y")
    assert verdict.status == UNREADABLE
    assert "column 31" in verdict.message, verdict.message  # the '*' in the whole answer


# ---------------------------------------------------------------------------
# total differentials: --target dz
# ---------------------------------------------------------------------------
DIFFERENTIALS = [  # (problem, answer, the coefficients written by hand, verdict, the coefficient named)
    ("cubic", "dz = 2xy dx + (x^2 + 3y^2) dy", (2 * x * y, x**2 + 3 * y**2), RIGHT, None),
    ("cubic", "dz = 2xydx + (x^2+3y^2)dy", (2 * x * y, x**2 + 3 * y**2), RIGHT, None),
    ("cubic", "2xy dx + (x²+3y²) dy", (2 * x * y, x**2 + 3 * y**2), RIGHT, None),
    ("cubic", "dz = z_x dx + z_y dy = 2xy dx + (x^2+3y^2) dy", (2 * x * y, x**2 + 3 * y**2), RIGHT, None),
    ("cubic", "dz = (x^2+3y^2)dy + 2xy dx", (2 * x * y, x**2 + 3 * y**2), RIGHT, None),
    ("cubic", "dz = 2xy dx + x^2 dy", (2 * x * y, x**2), WRONG, "dy"),
    ("cubic", "dz = 2x dx + (x^2 + 3y^2) dy", (2 * x, x**2 + 3 * y**2), WRONG, "dx"),
    ("cubic", "dz = 2xy dx", (2 * x * y, sympy.Integer(0)), WRONG, "dy"),
    ("exponential", "dz = e^(xy)(y dx + x dy)", (y * exp(x * y), x * exp(x * y)), RIGHT, None),
    ("exponential", "dz = ye^(xy)dx + xe^(xy)dy", (y * exp(x * y), x * exp(x * y)), RIGHT, None),
    ("exponential", "dz = e^(xy)dx + e^(xy)dy", (exp(x * y), exp(x * y)), WRONG, "dx"),
    ("composite", "dz = (2u²x/v − 2uy ln v/x²) dx + (2u²y/v + 2u ln v/x) dy",
     (diff(u1**2 * log(v1), x), diff(u1**2 * log(v1), y)), RIGHT, None),
    ("abstract", "dz = (f_1 + y f_2) dx + (f_1 + x f_2) dy",
     (MEANINGS[("abstract", "x", "key")], MEANINGS[("abstract", "y", "key")]), RIGHT, None),
    ("abstract", "dz = (f_1 + y f_2) dx + (f_1 + y f_2) dy",
     (MEANINGS[("abstract", "x", "key")], MEANINGS[("abstract", "x", "key")]), WRONG, "dy"),
    ("polar", "dz = 2r sin(2θ) dr + 2r^2 cos(2θ) dθ", (2 * r * sin(2 * theta), 2 * r**2 * cos(2 * theta)), RIGHT, None),
    ("polar", "dz = 2r sin(2theta) dr + 2r^2 cos(2theta) dtheta",
     (2 * r * sin(2 * theta), 2 * r**2 * cos(2 * theta)), RIGHT, None),
    # a differential ends its term: ln x dy is (ln x)·dy, 1/3 dx is (1/3)·dx
    ("three", "du = yz x^(yz-1) dx + z x^(yz) ln x dy + y x^(yz) ln x dz",
     (y * z * x ** (y * z - 1), z * x ** (y * z) * log(x), y * x ** (y * z) * log(x)), RIGHT, None),
    ("three", "du = x^(yz)(yz/x dx + z lnx dy + y lnx dz)",
     (y * z * x ** (y * z - 1), z * x ** (y * z) * log(x), y * x ** (y * z) * log(x)), RIGHT, None),
    ("three", "du = x^(yz)(yz/x dx + z lnx dy + lnx dz)",
     (y * z * x ** (y * z - 1), z * x ** (y * z) * log(x), x ** (y * z) * log(x)), WRONG, "dz"),
    ("log", "dz = 2x/(1+x^2+y^2) dx + 2y/(1+x^2+y^2) dy", (2 * x / (1 + x**2 + y**2), 2 * y / (1 + x**2 + y**2)), WRONG, "dx"),
    ("log", "dz = (2x dx + 2y dy)/(x^2+y^2)", (2 * x / (x**2 + y**2), 2 * y / (x**2 + y**2)), RIGHT, None),
]


@pytest.mark.parametrize("row", DIFFERENTIALS, ids=lambda row: f"{row[0]}:{row[1]}")
def test_total_differential(row):
    key, answer, coefficients, verdict, named = row
    independent = INDEPENDENT.get(key, (x, y))
    expr = PROBLEMS[key][1]
    rng = random.Random(answer)
    right = True
    for values in _points(key, rng):
        for coefficient, w in zip(coefficients, independent, strict=True):
            e, g = (sympy.N(v.subs(values).doit(), 25) for v in (diff(expr, w), coefficient))
            right = right and bool(abs(e - g) < 1e-15 * (1 + abs(e)))
    assert (RIGHT if right else WRONG) == verdict  # the oracle agrees with the table
    of = "du" if key == "three" else "dz"
    result = partials.check(PROBLEMS[key][0], of, answer)
    assert result.status == verdict, result.message
    if named:
        assert f"coefficient of {named}" in result.message, result.message


@pytest.mark.parametrize("answer", ["dz = 2xy dx + dx dy", "dz = 2xy + x^2", "dz = 2xy dx^2 + x^2 dy"])
def test_what_is_no_differential_cannot_be_understood(answer):
    assert partials.check("z = x^2 y + y^3", "dz", answer).status == UNREADABLE


# ---------------------------------------------------------------------------
# at a point: --at, and the point written after the label
# ---------------------------------------------------------------------------
AT_POINTS = [  # (problem, asked, answer, its value written by hand, verdict), all at x = 1, y = 2
    ("log", "x", "2/5", Rational(2, 5), RIGHT),
    ("log", "x", "0.4", Rational(2, 5), RIGHT),
    ("log", "x", "0.41", Rational(41, 100), WRONG),
    ("log", "y", "4/5", Rational(4, 5), RIGHT),
    ("log", "x", "2x/(x^2+y^2)", Rational(2, 5), RIGHT),
    ("exp", "x", "0.5", None, WRONG),
    ("cubic", "x", "4", 4, RIGHT),
    ("cubic", "y", "13", 13, RIGHT),
    ("cubic", "y", "12", 12, WRONG),
    ("exponential", "x", "2e^2", 2 * exp(2), RIGHT),
    ("exponential", "x", "e^2", exp(2), WRONG),
    ("exponential", "x", "14.78", Rational(1478, 100), RIGHT),  # 2e² = 14.778…
    ("composite", "x", "2u ln v·(-y/x^2) + u^2/v·2x", MEANINGS[("composite", "x", "key")].subs({x: 1, y: 2}), RIGHT),
    ("composite", "x", "8/5 - 8 ln 5", Rational(8, 5) - 8 * log(5), RIGHT),
    ("composite", "x", "8/5 + 8 ln 5", Rational(8, 5) + 8 * log(5), WRONG),
]


@pytest.mark.parametrize("row", AT_POINTS, ids=lambda row: f"{row[0]}:{row[1]}:{row[2]}")
def test_answer_at_a_point(row):
    key, wrt, answer, value, verdict = row
    exact = truth(key, wrt).subs({x: 1, y: 2})
    if value is not None:  # the oracle: exact, or a decimal that the exact value rounds to
        tolerance = Rational(1, 10**25)
        if "." in answer:
            tolerance = Rational(1, 2) * Rational(1, 10 ** len(answer.split(".")[1]))
        assert (abs(sympy.N(exact - value, 30)) <= tolerance) == (verdict == RIGHT)
    result = partials.check(PROBLEMS[key][0], asked(key, wrt), answer, at="x=1,y=2")
    assert result.status == verdict, result.message


@pytest.mark.parametrize("answer, verdict", [
    ("∂z/∂x|_(1,2) = 4", RIGHT),
    ("∂z/∂x|_{(1,2)} = 4", RIGHT),
    ("z_x(1,2) = 4", RIGHT),
    ("∂z/∂x|_{x=1,y=2} = 4", RIGHT),
    ("z'x|(1,2) = 2xy = 4", RIGHT),
    ("∂z/∂x|_(1,2) = 2", WRONG),
    ("∂z/∂x|_(1,1) = 4", WRONG),
    ("∂z/∂y|_(1,2) = 4", WRONG),
])
def test_point_written_after_the_label(answer, verdict):
    # z = x²y + y³: ∂z/∂x = 2xy is 4 at (1, 2) and 2 at (1, 1)
    assert diff(PROBLEMS["cubic"][1], x).subs({x: 1, y: 2}) == 4
    assert diff(PROBLEMS["cubic"][1], x).subs({x: 1, y: 1}) == 2
    result = partials.check(PROBLEMS["cubic"][0], "∂z/∂x", answer)
    assert result.status == verdict, result.message


def test_abstract_value_at_a_point():
    # z = f(x+y, xy) at (1, 2): f₁′(3, 2) + 2 f₂′(3, 2)
    assert partials.check("z = f(x+y, xy)", "∂z/∂x", "f_1'(3,2) + 2f_2'(3,2)", at="x=1,y=2").correct is True
    assert partials.check("z = f(x+y, xy)", "∂z/∂x", "f_1 + 2 f_2", at="x=1,y=2").correct is True
    assert partials.check("z = f(x+y, xy)", "∂z/∂x", "2f_1'(3,2) + f_2'(3,2)", at="x=1,y=2").correct is False


# ---------------------------------------------------------------------------
# LaTeX answers: read once the statement normaliser (another branch) is in the
# common reading entry point; the meanings are the same as above
# ---------------------------------------------------------------------------
LATEX_FORMS = [
    ("composite", "x", r"\frac{\partial z}{\partial x} = 2u\ln v\cdot\left(-\frac{y}{x^2}\right) + \frac{u^2}{v}\cdot 2x", "key", RIGHT),
    ("composite", "x", r"\frac{\partial z}{\partial x}=\frac{\partial z}{\partial u}\frac{\partial u}{\partial x}=2u\ln v\cdot\left(-\frac{y}{x^{2}}\right)", "one path", WRONG),
    ("abstract", "x", r"f_{1}^{\prime} + y f_{2}^{\prime}", "key", RIGHT),
    ("abstract", "x", r"z_x = f'_1 + y\,f'_2", "key", RIGHT),
    ("abstract", "xy", r"f''_{11} + (x+y) f''_{12} + xy f''_{22} + f'_2", "key", RIGHT),
    ("implicit", "x", r"\frac{\partial z}{\partial x} = \frac{yz}{\mathrm{e}^{z} - xy}", "key", RIGHT),
    ("outer", "x", r"-\dfrac{2xyf'}{f^{2}}", "key", RIGHT),
]


@pytest.mark.parametrize("row", LATEX_FORMS, ids=_id)
def test_latex_answer_gets_the_verdict(row):
    key, wrt, answer, meaning, verdict = row
    assert oracle_verdict(key, wrt, meaning) == verdict
    assert partials.check(PROBLEMS[key][0], asked(key, wrt), answer).status == verdict


@pytest.mark.parametrize("answer, verdict", [
    (r"\mathrm{d}z = 2xy\,\mathrm{d}x + (x^2 + 3y^2)\,\mathrm{d}y", RIGHT),
    (r"\mathrm{d}z = 2xy\,\mathrm{d}x + x^{2}\,\mathrm{d}y", WRONG),
])
def test_latex_total_differential(answer, verdict):
    assert partials.check(PROBLEMS["cubic"][0], "dz", answer).status == verdict


@pytest.mark.parametrize("answer, status", [
    ("z_x = f_1 + y f_2 = (x+y)^(10^6)", "too expensive"),
    ("z_x = (x+y)^(10^6) = f_1 + y f_2", "too expensive"),
    ("f_1 + y f_2" + " + x - x" * 3000, "too expensive"),
    ("z_x" + " = f_1 + y f_2" * 20, "too expensive"),
    ("z_x = f_1 + y f_2 = ", UNREADABLE),
    ("f_1 + y f_9", UNREADABLE),
])
def test_hostile_written_answers_get_a_verdict_not_an_exception(answer, status):
    verdict = partials.check("z = f(x+y, xy)", "∂z/∂x", answer)
    assert verdict.status == status, verdict.message
    assert verdict.correct is None
