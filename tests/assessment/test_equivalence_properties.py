"""No false "wrong": the engine's own answers, rewritten the ways students
rewrite them (expand, factor, together, cancel, intermediates substituted,
the implicit equation used), are always accepted."""
import pytest
import sympy
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from partials.assessment.checker import judge, judge_expression, prepare

PROBLEMS = [
    ("z = u^2 ln v, u = y/x, v = x^2 + y^2", "∂z/∂x"),
    ("z = u^2 ln v, u = y/x, v = x^2 + y^2", "∂z/∂y"),
    ("z = e^(uv), u = ln[√(x^2+y^2)], v = arctan(y/x)", "∂z/∂y"),
    ("z = y^lnx", "∂²z/∂x²"),
    ("u = f(x,y,z), y = g(x,t), t = v(x,z)", "∂u/∂x"),
    ("z = f(u,v), u = u(x,y), v = v(x,y)", "∂z/∂y"),
    ("z = y / f(x^2 - y^2)", "∂z/∂y"),
    ("e^z = xyz", "∂z/∂x"),
    ("e^z = xyz", "∂²z/∂x²"),
    ("F(yz, y + xz) = 0", "∂z/∂y"),
    ("y = ln(x+2)", "dy/dx"),
    ("z = f(x+y, xy)", "z_xy"),
    ("z = e^u sin v, u = xy, v = x + y", "∂z/∂y"),
    ("x^2 + y^2 + z^2 = 4z", "∂²z/∂x²"),
    ("xu - yv = 0, yu + xv = 1, u = u(x,y), v = v(x,y)", "∂u/∂x"),
    ("z = x^2 y + sin(xy)", "z_xy"),
]

SIZE_LIMIT = 400


def substitute_intermediates(expr, problem):
    for _ in range(len(problem.definitions) + 1):
        expr = expr.xreplace(problem.definitions)
    return expr


def use_equation(expr, problem):
    """e^z → xyz where the problem says e^z = xyz."""
    replacements = {r.lhs: r.rhs for r in problem.relations if r.kind == "equation" and not r.lhs.is_Symbol}
    return expr.xreplace(replacements) if replacements else expr


REWRITES = {
    "expand": lambda e, p: sympy.expand(e),
    "factor": lambda e, p: sympy.factor(e),
    "together": lambda e, p: sympy.together(e),
    "cancel": lambda e, p: sympy.cancel(e),
    "factor_terms": lambda e, p: sympy.factor_terms(e),
    "expand_log": lambda e, p: sympy.expand_log(e, force=True),
    "powsimp": lambda e, p: sympy.powsimp(e),
    "substitute": substitute_intermediates,
    "use equation": use_equation,
}


def rewritten(expr, problem, names):
    for name in names:
        if sympy.count_ops(expr) > SIZE_LIMIT:
            break
        expr = REWRITES[name](expr, problem)
    return expr


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    case=st.sampled_from(PROBLEMS),
    kept=st.booleans(),
    names=st.lists(st.sampled_from(sorted(REWRITES)), min_size=1, max_size=3),
    seed=st.sampled_from([0, 1, 2]),
)
def test_rewritten_engine_answers_are_accepted(case, kept, names, seed):
    text, target = case
    prepared = prepare(text, target, seed=seed)
    start = prepared.expected if kept else prepared.explicit
    answer = rewritten(start, prepared.problem, names)
    verdict = judge_expression(prepared, answer)
    assert verdict.correct is True, (names, str(answer), verdict.message)


@pytest.mark.parametrize("text, target", PROBLEMS)
def test_engine_answers_printed_and_read_back_are_accepted(text, target):
    """The answer key as the printer writes it, typed back in by a student."""
    from partials.presentation.printing import text as printed

    prepared = prepare(text, target)
    for expr in (prepared.expected, prepared.explicit):
        for ascii in (False, True):
            typed = printed(expr, prepared.problem, ascii=ascii)
            verdict = judge(prepared, typed)
            assert verdict.correct is True, (typed, verdict.message)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    case=st.sampled_from(PROBLEMS),
    names=st.lists(st.sampled_from(sorted(REWRITES)), min_size=0, max_size=2),
    change=st.sampled_from(["scale", "shift"]),
)
def test_slightly_changed_engine_answers_are_rejected(case, names, change):
    """The tolerance is 1e-9: a change of one part in a million is wrong."""
    text, target = case
    prepared = prepare(text, target)
    answer = rewritten(prepared.explicit, prepared.problem, names)
    x = prepared.problem.independent[0]
    changed = answer * (1 + sympy.Rational(1, 10**6)) if change == "scale" else answer + x / 10**6
    verdict = judge_expression(prepared, changed)
    assert verdict.correct is False, (str(changed), verdict.message)
