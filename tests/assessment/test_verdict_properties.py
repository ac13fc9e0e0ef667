"""Properties that would have found issue 12's false verdicts.

Right answers written in the problem's own forms (the chain rule written
out with z_u, ∂u/∂x, f₁′, y') are never "wrong"; answers off by one term,
off in sign on half the domain, or off by a near-cancelling amount are
never "right".  The oracle is SymPy alone: sympy.diff of the fully
substituted problem, a concrete function in place of the abstract f."""
import random
import re

import sympy
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import partials

x, y = sympy.symbols("x y", real=True)
a, b = sympy.symbols("a b", real=True)
CONCRETE_F = a * b**2 + sympy.sin(a) - b  # stands for the abstract f(a, b) in the oracle

INNER = [  # (text, SymPy) of inner functions u(x, y), v(x, y)
    ("x + y", x + y), ("x y", x * y), ("x^2 - y", x**2 - y), ("x - 2y", x - 2 * y),
    ("x^2 + y^2", x**2 + y**2), ("sin x", sympy.sin(x)), ("e^y", sympy.exp(y)), ("x e^y", x * sympy.exp(y)),
]
OUTER = [  # (text, SymPy) of explicit functions z(x, y)
    ("x^3 y^2", x**3 * y**2), ("sin(x y)", sympy.sin(x * y)), ("e^(x - y)", sympy.exp(x - y)),
    ("x^2 cos y", x**2 * sympy.cos(y)), ("(x + y)^5", (x + y) ** 5), ("x/(1 + y^2)", x / (1 + y**2)),
    ("arctan(x y)", sympy.atan(x * y)), ("(x^2 + 1) e^(x y)", (x**2 + 1) * sympy.exp(x * y)),
]
MONOMIALS = [x, y, x * y, x**2, sympy.Integer(1), y**3]
PROPERTY = settings(max_examples=15, deadline=None, derandomize=True,
                    suppress_health_check=[HealthCheck.too_slow])


def text_of(expr) -> str:
    """SymPy's string of an expression, in the notation partials reads."""
    return re.sub(r"\bE\b", "e", str(expr).replace("Abs(", "abs(").replace("log(", "ln("))


def oracle_equal(first, second) -> bool:
    """Equal at 12 random points of both signs (SymPy, 30 digits)."""
    rng = random.Random(0)
    for _ in range(12):
        point = {x: sympy.Float(rng.uniform(-3, 3), 30), y: sympy.Float(rng.uniform(-3, 3), 30)}
        p, q = sympy.N(first.subs(point), 30), sympy.N(second.subs(point), 30)
        if abs(p - q) > 1e-20 * (1 + abs(p)):
            return False
    return True


# ---- right answers in the problem's own forms ----------------------------------------------------------
@PROPERTY
@given(st.sampled_from(INNER), st.sampled_from(INNER), st.sampled_from(["x", "y"]), st.integers(0, 3))
def test_the_chain_rule_written_out_is_never_wrong(u, v, by, form):
    (u_text, u_expr), (v_text, v_expr) = u, v
    w = x if by == "x" else y
    u_w, v_w = sympy.diff(u_expr, w), sympy.diff(v_expr, w)
    # oracle: the chain rule with a concrete f equals sympy.diff of the substituted function
    f1, f2 = (sympy.diff(CONCRETE_F, s).subs({a: u_expr, b: v_expr}, simultaneous=True) for s in (a, b))
    assert oracle_equal(f1 * u_w + f2 * v_w, sympy.diff(CONCRETE_F.subs({a: u_expr, b: v_expr}, simultaneous=True), w))
    answer = [
        f"z_u·({text_of(u_w)}) + z_v·({text_of(v_w)})",
        f"∂z/∂u·∂u/∂{by} + ∂z/∂v·∂v/∂{by}",
        f"f_1'·({text_of(u_w)}) + f_2'·({text_of(v_w)})",
        f"∂z/∂{by} = z_u u_{by} + z_v v_{by}",
    ][form]
    verdict = partials.check(f"z = f(u,v), u = {u_text}, v = {v_text}", f"∂z/∂{by}", answer)
    assert verdict.status == "right", (answer, verdict.message)


@PROPERTY
@given(st.integers(1, 5), st.integers(1, 5), st.integers(1, 9), st.booleans())
def test_primed_answers_of_a_curve_are_never_wrong(p, q, c, second):
    curve = f"{p}x^2 + {q}y^2 = {c}"
    # oracle: p x + q y y' = 0, and differentiated again p + q y'² + q y y'' = 0
    if second:
        target, answer = "y''", f"y'' = -({p} + {q} y'^2)/({q} y)"
    else:
        target, answer = "y'", f"y' = -{p}x/({q}y)"
    verdict = partials.check(curve, target, answer)
    assert verdict.status == "right", (curve, answer, verdict.message)


# ---- wrong answers are never right -------------------------------------------------------------------------
@PROPERTY
@given(st.sampled_from(OUTER), st.sampled_from(MONOMIALS), st.sampled_from([1, -1, 2, sympy.Rational(1, 2)]))
def test_an_extra_term_is_never_right(outer, monomial, coefficient):
    text, expr = outer
    key = sympy.diff(expr, x)
    wrong = key + coefficient * monomial
    assert not oracle_equal(key, wrong)
    verdict = partials.check(f"z = {text}", "∂z/∂x", text_of(wrong))
    assert verdict.status != "right", (text, text_of(wrong))


@PROPERTY
@given(st.sampled_from(OUTER), st.sampled_from(MONOMIALS), st.integers(6, 16), st.booleans())
def test_a_near_cancelling_answer_is_never_right(outer, monomial, digits, relative):
    text, expr = outer
    key = sympy.diff(expr, x)
    if relative:
        answer = f"(1 + 10^-{digits})·({text_of(key)})"
    else:
        answer = f"{text_of(key)} + 10^-{digits}·({text_of(monomial)})"
    verdict = partials.check(f"z = {text}", "∂z/∂x", answer)
    assert verdict.status != "right", (text, answer, verdict.message)


@PROPERTY
@given(st.sampled_from([1, 3, 5]), st.sampled_from(INNER[:5]), st.sampled_from(["y", "y^2 + 1", "e^y", "cos y + 2"]))
def test_a_sign_error_on_half_the_domain_is_never_right(power, extra, factor):
    extra_text, extra_expr = extra
    factor_expr = {"y": y, "y^2 + 1": y**2 + 1, "e^y": sympy.exp(y), "cos y + 2": sympy.cos(y) + 2}[factor]
    problem = f"z = |x|^{power}·({factor}) + {extra_text}"
    truth = sympy.diff(sympy.Abs(x) ** power * factor_expr + extra_expr, x)
    wrong = sympy.diff(x**power * factor_expr + extra_expr, x)  # |x| read as x: wrong for x < 0
    assert not oracle_equal(truth, wrong)
    verdict = partials.check(problem, "∂z/∂x", text_of(wrong))
    assert verdict.status != "right", (problem, text_of(wrong))
    truth_text = text_of(truth.xreplace({sympy.sign(x): sympy.Mul(x, sympy.Pow(sympy.Abs(x), -1), evaluate=False)}))
    right = partials.check(problem, "∂z/∂x", truth_text)
    assert right.status == "right", (problem, truth_text, right.message)


@PROPERTY
@given(st.integers(4, 400), st.sampled_from(["y", "y^2", "sin y"]))
def test_a_domain_far_from_the_box_is_found(shift, rest):
    problem = f"z = ln(x - {shift}) + {rest}"
    assert partials.check(problem, "∂z/∂x", f"1/(x - {shift})").status == "right"
    assert partials.check(problem, "∂z/∂x", f"1/(x - {shift}) + 10^-9").status == "wrong"
    assert partials.check(problem, "∂z/∂x", f"1/(x - {shift + 1})").status == "wrong"


@PROPERTY
@given(st.sampled_from(OUTER), st.integers(-3, 3), st.integers(-3, 3), st.sampled_from(["x", "y"]))
def test_values_at_a_point_are_judged_exactly(outer, px, py, by):
    text, expr = outer
    w = x if by == "x" else y
    value = sympy.diff(expr, w).subs({x: px, y: py})  # the oracle's exact value
    if not value.is_finite or not value.is_real:
        return
    at = f"x={px}, y={py}"
    assert partials.check(f"z = {text}", f"∂z/∂{by}", text_of(value), at=at).status == "right"
    assert partials.check(f"z = {text}", f"∂z/∂{by}", text_of(value + sympy.Rational(1, 10**12)), at=at).status == "wrong"


LOOK_ALIKE = {"v": "ν", "u": "υ", "x": "χ", "k": "κ", "p": "ρ", "t": "τ", "w": "ω"}


@PROPERTY
@given(st.sampled_from(sorted(LOOK_ALIKE)), st.sampled_from(sorted(LOOK_ALIKE)), st.sampled_from(["y", "s"]))
def test_a_greek_look_alike_is_never_judged_but_named(first, second, other):
    if first == second or other in (first, second):
        return
    problem = f"z = {first} {second}, {first} = {other} + 1, {second} = {other}^2"
    typed = f"{LOOK_ALIKE[second]} + 2{first}·{other}"  # the look-alike typed for `second`
    verdict = partials.check(problem, f"∂z/∂{other}", typed)
    assert verdict.status == "unreadable" and verdict.exit_code == 2
    assert f"{LOOK_ALIKE[second]} is not a name of this problem (did you mean {second}?)" in verdict.message


@PROPERTY
@given(st.sampled_from(OUTER), st.sampled_from([2, 3, -1, sympy.Rational(1, 2)]))
def test_an_answer_containing_its_question_is_never_right(outer, c):
    text, expr = outer
    key = sympy.diff(expr, x)
    # c·z_x + (1 − c)·key equals the key once z_x is replaced by it: true, but no answer
    answer = f"({c})·z_x + ({1 - c})·({text_of(key)})"
    verdict = partials.check(f"z = {text}", "∂z/∂x", answer)
    assert verdict.status == "wrong" and "should give" in verdict.message, (answer, verdict.message)


@PROPERTY
@given(st.sampled_from([1, 3, 5]), st.sampled_from(["y", "y^2 + 1", "e^y"]))
def test_verify_never_lets_a_sign_error_hold(power, factor):
    from partials.reading.reader import read_problem
    from partials.assessment.verify import verify

    factor_expr = {"y": y, "y^2 + 1": y**2 + 1, "e^y": sympy.exp(y)}[factor]
    wrong = sympy.diff(x**power * factor_expr, x)
    truth = sympy.diff(sympy.Abs(x) ** power * factor_expr, x)
    assert not oracle_equal(truth, wrong)
    verdict = verify(read_problem(f"z = |x|^{power}·({factor})"), f"z_x = {text_of(wrong)}")
    assert verdict.holds is False
