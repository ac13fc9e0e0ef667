"""The table of (problem, answer, expected verdict) cases for the checker.

Each problem has right answers in at least three forms (intermediates kept,
substituted, rearranged, using the implicit equation) and wrong answers, most
of them with the diagnosis a teacher would give.  `RIGHT` / `WRONG` /
`UNREADABLE` / `UNDECIDED` are the expected statuses; the diagnosis code is
None where no specific diagnosis is expected (any, or none, is fine), and
"" where the verdict must come without a diagnosis.

The right answers are also confirmed by an oracle independent of the
checker (tests/test_check_table.py::test_right_answers_by_oracle).
"""

PROBLEMS = {
    # seed 1
    "composite-x": ("z = u^2 ln v, u = y/x, v = x^2 + y^2", "∂z/∂x"),
    "composite-y": ("z = u^2 ln v, u = y/x, v = x^2 + y^2", "∂z/∂y"),
    "composite-xy": ("z = u^2 ln v, u = y/x, v = x^2 + y^2", "∂²z/∂x∂y"),
    # seed 2
    "exp-x": ("z = e^(uv), u = ln[√(x^2+y^2)], v = arctan(y/x)", "∂z/∂x"),
    # seed 3
    "power-xx": ("z = y^lnx", "∂²z/∂x²"),
    "power-x": ("z = y^lnx", "∂z/∂x"),
    # seed 4
    "chain-levels": ("u = f(x,y,z), y = g(x,t), t = v(x,z)", "∂u/∂x"),
    # seed 5
    "abstract-inner": ("z = f(u,v), u = u(x,y), v = v(x,y)", "∂z/∂x"),
    # seed 6
    "outer-x": ("z = y / f(x^2 - y^2)", "∂z/∂x"),
    "outer-y": ("z = y / f(x^2 - y^2)", "∂z/∂y"),
    # seed 7
    "implicit-x": ("e^z = xyz", "∂z/∂x"),
    "implicit-xx": ("e^z = xyz", "∂²z/∂x²"),
    # seed 8
    "implicit-abstract-y": ("F(yz, y + xz) = 0", "∂z/∂y"),
    # seed 9
    "one-variable": ("y = ln(x+2)", "dy/dx"),
    # more
    "abstract-x": ("z = f(x+y, xy)", "z_x"),
    "abstract-xy": ("z = f(x+y, xy)", "z_xy"),
    "trig-composite": ("z = e^u sin v, u = xy, v = x + y", "∂z/∂x"),
    "sphere": ("x^2 + y^2 + z^2 = 4z", "∂z/∂x"),
    "sine-square": ("y = sin(x^2)", "dy/dx"),
    "curve": ("x^2 + xy + y^2 = 1", "dy/dx"),
    "three-variables": ("u = x^2 + y z, z = e^(xy)", "∂u/∂x"),
}

RIGHT, WRONG, UNREADABLE, UNDECIDED = "right", "wrong", "unreadable", "undecided"

CASES = [
    # ---- seed 1, ∂z/∂x = 2u ln v·(−y/x²) + (u²/v)·2x ----------------------
    ("composite-x", "2u ln v·(-y/x^2) + u^2/v·2x", RIGHT, ""),  # intermediates kept
    ("composite-x", "-2y^2 ln(x^2+y^2)/x^3 + 2y^2/(x(x^2+y^2))", RIGHT, ""),  # substituted
    ("composite-x", "2y^2/(x(x^2+y^2)) - 2y^2 ln(x^2+y^2)/x^3", RIGHT, ""),  # rearranged
    ("composite-x", "az/ax = (2y^2/x^3)(x^2/(x^2+y^2) - ln(x^2+y^2))", RIGHT, ""),  # factored, labelled
    ("composite-x", "∂z/∂x = 2u^2 x/v - 2uy ln v/x^2", RIGHT, ""),
    ("composite-x", "az/ax = 2ulnv - y/x^2", WRONG, "added_instead_of_multiplied"),  # the student's answer
    ("composite-x", "2u ln v·(-y/x^2)", WRONG, "missing_path"),
    ("composite-x", "u^2/v·2x", WRONG, "missing_path"),
    ("composite-x", "-(2u ln v·(-y/x^2) + u^2/v·2x)", WRONG, "opposite_sign"),
    ("composite-x", "2u ln v·(-y/x^2) + u^2/v", WRONG, "inner_derivative_missing"),
    ("composite-x", "4u ln v·(-y/x^2) + 2u^2/v·2x", WRONG, "constant_factor"),
    ("composite-x", "2u ln v·(-y/x^2) + 2u^2/v·2x", WRONG, "extra_path"),
    ("composite-x", "2u ln v·(-y/x^2) + w^2/v·2x", UNREADABLE, "unknown_name"),
    ("composite-x", "2u ln v·(-y/x^2) + g(x)", UNREADABLE, "unknown_name"),
    ("composite-x", "∂z/∂y = 2u ln v·(-y/x^2) + u^2/v·2x", WRONG, "wrong_target"),
    ("composite-x", "2u ln v·(-y/x^2) + u^2/v·2x)", UNREADABLE, ""),
    # ---- seed 1, ∂z/∂y ---------------------------------------------------
    ("composite-y", "2u ln v/x + 2u^2 y/v", RIGHT, ""),
    ("composite-y", "2y ln(x^2+y^2)/x^2 + 2y^3/(x^2(x^2+y^2))", RIGHT, ""),
    ("composite-y", "(2y/x^2)(ln(x^2+y^2) + y^2/(x^2+y^2))", RIGHT, ""),
    ("composite-y", "2u ln v + 1/x + u^2/v + 2y", WRONG, "added_instead_of_multiplied"),
    ("composite-y", "2y ln(x^2+y^2)/x^2", WRONG, "missing_path"),
    # ---- seed 1, ∂²z/∂x∂y --------------------------------------------------
    ("composite-xy", "-4y ln(x^2+y^2)/x^3 - 4y^3/(x^3(x^2+y^2)) + 4y/(x(x^2+y^2)) - 4y^3/(x·(x^2+y^2)^2)", RIGHT, ""),
    ("composite-xy", "4u/v - 4u y^2/v^2 - 4u ln v/x^2 - 4u y^2/(x^2 v)", RIGHT, ""),  # intermediates kept
    ("composite-xy", "-4y ln(x^2+y^2)/x^3 - 4y^3/(x^3(x^2+y^2)) + 4x y/((x^2+y^2)^2)", RIGHT, ""),
    ("composite-xy", "-2u ln v/x^2", WRONG, "missing_path"),  # u and v held constant
    # ---- seed 2 ----------------------------------------------------------
    ("exp-x", "e^(uv)(v·x/(x^2+y^2) - u·y/(x^2+y^2))", RIGHT, ""),
    ("exp-x", "e^(uv) (xv - yu)/(x^2+y^2)", RIGHT, ""),
    ("exp-x", "e^(arctan(y/x) ln(√(x^2+y^2))) (x arctan(y/x) - y ln(√(x^2+y^2)))/(x^2+y^2)", RIGHT, ""),
    ("exp-x", "(x v e^(uv) - y u e^(uv))/(x^2 + y^2)", RIGHT, ""),
    ("exp-x", "ve^(uv)·x/(x^2+y^2)", WRONG, "missing_path"),
    ("exp-x", "v e^(uv) + x/(x^2+y^2) + u e^(uv) - y/(x^2+y^2)", WRONG, "added_instead_of_multiplied"),
    ("exp-x", "-e^(uv) (xv - yu)/(x^2+y^2)", WRONG, "opposite_sign"),
    ("exp-x", "e^(uv) (xv + yu)/(x^2+y^2)", WRONG, None),
    # ---- seed 3 ----------------------------------------------------------
    ("power-xx", "y^(ln x)·(ln y)·(ln y - 1)/x^2", RIGHT, ""),
    ("power-xx", "(ln y)^2 y^(ln x)/x^2 - (ln y) y^(ln x)/x^2", RIGHT, ""),
    ("power-xx", "z (ln y)(ln y - 1)/x^2", RIGHT, ""),  # written with z
    ("power-xx", "e^(ln x·ln y) (ln y)(ln y - 1)/x^2", RIGHT, ""),
    ("power-xx", "(ln y)^2 y^(ln x)/x^2", WRONG, "missing_term"),
    ("power-xx", "-y^(ln x)·(ln y)·(ln y - 1)/x^2", WRONG, "opposite_sign"),
    ("power-x", "y^(ln x) (ln y)/x", RIGHT, ""),
    ("power-x", "z ln y / x", RIGHT, ""),
    ("power-x", "(ln y) x^(ln y - 1)", RIGHT, ""),  # y^ln x = x^ln y
    ("power-x", "ln x · y^(ln x - 1)", WRONG, None),  # the power rule misapplied
    ("power-x", "2y^(ln x) (ln y)/x", WRONG, "constant_factor"),
    # ---- seed 4 ----------------------------------------------------------
    ("chain-levels", "f1' + f2'(g1' + g2' v1')", RIGHT, ""),
    ("chain-levels", "f_1' + f_2' g_1' + f_2' g_2' v_1'", RIGHT, ""),
    ("chain-levels", "f'_2 g'_2 v'_1 + g'_1 f'_2 + f'_1", RIGHT, ""),
    ("chain-levels", "f1' + f2' g1'", WRONG, "missing_path"),
    ("chain-levels", "f1' + f2'(g1' + g2' v1') + f3'", WRONG, "extra_path"),
    ("chain-levels", "f2'(g1' + g2' v1')", WRONG, "missing_path"),
    ("chain-levels", "f1' + f2'(g1' + g2' v1') + h(x)", UNREADABLE, "unknown_name"),
    # ---- seed 5 ----------------------------------------------------------
    ("abstract-inner", "f1'·∂u/∂x + f2'·∂v/∂x", RIGHT, ""),
    ("abstract-inner", "f_1' u_x + f_2' v_x", RIGHT, ""),
    ("abstract-inner", "∂v/∂x f2' + ∂u/∂x f1'", RIGHT, ""),
    ("abstract-inner", "f1'·∂u/∂x", WRONG, "missing_path"),
    ("abstract-inner", "f1' + ∂u/∂x + f2'·∂v/∂x", WRONG, "added_instead_of_multiplied"),
    ("abstract-inner", "-f1'·∂u/∂x - f2'·∂v/∂x", WRONG, "opposite_sign"),
    # ---- seed 6 ----------------------------------------------------------
    ("outer-x", "-2xy f'(x^2-y^2)/f(x^2-y^2)^2", RIGHT, ""),
    ("outer-x", "(-2xy/f(x^2-y^2)^2) f'(x^2-y^2)", RIGHT, ""),
    ("outer-x", "-y·f'(x^2-y^2)·2x/[f(x^2-y^2)]^2", RIGHT, ""),
    ("outer-x", "-y f'(x^2-y^2)/f(x^2-y^2)^2", WRONG, "inner_derivative_missing"),
    ("outer-x", "2xy f'(x^2-y^2)/f(x^2-y^2)^2", WRONG, "opposite_sign"),
    ("outer-x", "-xy f'(x^2-y^2)/f(x^2-y^2)^2", WRONG, "constant_factor"),
    ("outer-y", "1/f(x^2-y^2) + 2y^2 f'(x^2-y^2)/f(x^2-y^2)^2", RIGHT, ""),
    ("outer-y", "(f(x^2-y^2) + 2y^2 f'(x^2-y^2))/f(x^2-y^2)^2", RIGHT, ""),
    ("outer-y", "[2y^2 f'(x^2-y^2) + f(x^2-y^2)]/[f(x^2-y^2)]^2", RIGHT, ""),
    ("outer-y", "1/f(x^2-y^2)", WRONG, "missing_term"),
    # ---- seed 7 ----------------------------------------------------------
    ("implicit-x", "yz/(e^z - xy)", RIGHT, ""),
    ("implicit-x", "z/(xz - x)", RIGHT, ""),  # using the equation e^z = xyz
    ("implicit-x", "yz/(xyz - xy)", RIGHT, ""),
    ("implicit-x", "z_x = z/(x(z-1))", RIGHT, ""),
    ("implicit-x", "-yz/(e^z - xy)", WRONG, "implicit_sign"),
    ("implicit-x", "(e^z - xy)/(yz)", WRONG, "implicit_inverted"),
    ("implicit-x", "yz/e^z", WRONG, "missing_path"),
    ("implicit-xx", "(2y^2 z e^z - 2x y^3 z - y^2 z^2 e^z)/(e^z - xy)^3", RIGHT, ""),
    ("implicit-xx", "-z(z^2 - 2z + 2)/(x^2 (z-1)^3)", RIGHT, ""),  # using the equation
    ("implicit-xx", "(y ∂z/∂x (e^z - xy) - yz(e^z ∂z/∂x - y))/(e^z - xy)^2", RIGHT, ""),  # with ∂z/∂x inside
    ("implicit-xx", "-(2y^2 z e^z - 2x y^3 z - y^2 z^2 e^z)/(e^z - xy)^3", WRONG, "opposite_sign"),
    ("implicit-xx", "y^2 z/(e^z - xy)^2", WRONG, "missing_path"),  # z held constant
    # ---- seed 8 ----------------------------------------------------------
    ("implicit-abstract-y", "-(zF'1 + F'2)/(yF'1 + xF'2)", RIGHT, ""),
    ("implicit-abstract-y", "-(z F_1' + F_2')/(y F_1' + x F_2')", RIGHT, ""),
    ("implicit-abstract-y", "(zF'1 + F'2)/(-yF'1 - xF'2)", RIGHT, ""),
    ("implicit-abstract-y", "(zF'1 + F'2)/(yF'1 + xF'2)", WRONG, "implicit_sign"),
    ("implicit-abstract-y", "-F'2/(yF'1 + xF'2)", WRONG, "missing_path"),
    ("implicit-abstract-y", "-(yF'1 + xF'2)/(zF'1 + F'2)", WRONG, "implicit_inverted"),
    # ---- seed 9 ----------------------------------------------------------
    ("one-variable", "1/(x+2)", RIGHT, ""),
    ("one-variable", "(x+2)^(-1)", RIGHT, ""),
    ("one-variable", "dy/dx = 1/(2+x)", RIGHT, ""),
    ("one-variable", "(x+1)/(x^2+3x+2)", RIGHT, "not_simplified"),
    ("one-variable", "-1/(x+2)", WRONG, "opposite_sign"),
    ("one-variable", "2/(x+2)", WRONG, "constant_factor"),
    ("one-variable", "ln(-x^2-5)", UNDECIDED, ""),  # defined nowhere: cannot be compared
    # ---- abstract, first and second order ------------------------------
    ("abstract-x", "f1' + y f2'", RIGHT, ""),
    ("abstract-x", "f_1' + yf_2'", RIGHT, ""),
    ("abstract-x", "y f'_2 + f'_1", RIGHT, ""),
    ("abstract-x", "f1' + f2'", WRONG, "inner_derivative_missing"),
    ("abstract-xy", "f11'' + (x+y) f12'' + xy f22'' + f2'", RIGHT, ""),
    ("abstract-xy", "f_11'' + x f_12'' + y f_12'' + xy f_22'' + f_2'", RIGHT, ""),
    ("abstract-xy", "f11'' + x f12'' + y f21'' + xy f22'' + f2'", RIGHT, ""),  # f₁₂″ = f₂₁″
    ("abstract-xy", "f''_{11} + (x+y)f''_{12} + xyf''_{22} + f'_2", RIGHT, ""),
    ("abstract-xy", "f11'' + 2(x+y) f12'' + xy f22'' + f2'", WRONG, "coefficient"),
    ("abstract-xy", "f11'' + (x+y) f12'' + xy f22''", WRONG, "missing_term"),
    # ---- explicit composite with two intermediates ---------------------
    ("trig-composite", "e^u sin v·y + e^u cos v", RIGHT, ""),
    ("trig-composite", "e^(xy)[y sin(x+y) + cos(x+y)]", RIGHT, ""),
    ("trig-composite", "y e^(xy) sin(x+y) + e^(xy) cos(x+y)", RIGHT, ""),
    ("trig-composite", "e^u sin v + y + e^u cos v + 1", WRONG, "added_instead_of_multiplied"),
    ("trig-composite", "e^u sin v·y", WRONG, "missing_path"),
    # ---- implicit sphere -----------------------------------------------
    ("sphere", "x/(2-z)", RIGHT, ""),
    ("sphere", "-2x/(2z-4)", RIGHT, ""),
    ("sphere", "2x/(4-2z)", RIGHT, ""),
    ("sphere", "-x/(2-z)", WRONG, "implicit_sign"),
    ("sphere", "(2-z)/x", WRONG, "implicit_inverted"),
    ("sphere", "-x/z", WRONG, "missing_path"),
    # ---- one-variable chain rule ---------------------------------------
    ("sine-square", "2x cos(x^2)", RIGHT, ""),
    ("sine-square", "cos(x^2)·2x", RIGHT, ""),
    ("sine-square", "2x cos x^2", RIGHT, ""),
    ("sine-square", "cos(x^2)", WRONG, "inner_derivative_missing"),
    ("sine-square", "x cos(x^2)", WRONG, "constant_factor"),
    # ---- implicit curve y = y(x) ---------------------------------------
    ("curve", "-(2x + y)/(x + 2y)", RIGHT, ""),
    ("curve", "(2x + y)/(-x - 2y)", RIGHT, ""),
    ("curve", "dy/dx = -(y + 2x)/(2y + x)", RIGHT, ""),
    ("curve", "(2x + y)/(x + 2y)", WRONG, "implicit_sign"),
    ("curve", "-(x + 2y)/(2x + y)", WRONG, "implicit_inverted"),
    ("curve", "-2x/(x + 2y)", WRONG, "missing_path"),
    # ---- an intermediate next to a direct dependence -------------------
    ("three-variables", "2x + yz·y", RIGHT, ""),
    ("three-variables", "2x + y^2 e^(xy)", RIGHT, ""),
    ("three-variables", "y^2 e^(xy) + 2x", RIGHT, ""),
    ("three-variables", "2x", WRONG, "missing_path"),
    ("three-variables", "2x + y + y e^(xy)", WRONG, "added_instead_of_multiplied"),
    ("three-variables", "y^2 e^(xy)", WRONG, "missing_path"),
]
