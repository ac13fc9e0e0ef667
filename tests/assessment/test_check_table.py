"""The checker against the table in check_cases.py, and the table against an
oracle independent of the checker and of the engine: concrete functions put
in place of abstract ones and `.doit()`, full substitution then `sympy.diff`,
implicit differentiation with z as `Function('z')(x, y)`, and points of the
surface found by `sympy.nsolve`."""
import random

import pytest
import sympy

import partials
from check_cases import CASES, PROBLEMS
from partials.model.notation import Partial
from partials.reading.reader import read_answer, read_problem, read_target
from partials.core.symbols import function

DIAGNOSIS_CLASSES = {
    "opposite_sign", "missing_path", "extra_path", "inner_derivative_missing",
    "added_instead_of_multiplied", "implicit_sign", "coefficient", "constant_factor", "not_simplified",
}


@pytest.mark.parametrize("key, answer, status, code", CASES, ids=[f"{c[0]}:{c[1]}" for c in CASES])
def test_table(key, answer, status, code):
    text, target = PROBLEMS[key]
    verdict = partials.check(text, target, answer)
    assert verdict.status == status, verdict.message
    assert verdict.correct is {"right": True, "wrong": False}.get(status)
    if code is not None:
        assert (verdict.diagnosis.code if verdict.diagnosis else "") == code, verdict.message


def test_table_size_and_coverage():
    assert len(CASES) >= 80
    codes = {code for _, _, _, code in CASES}
    assert DIAGNOSIS_CLASSES <= codes
    for key in PROBLEMS:
        right = [c for c in CASES if c[0] == key and c[2] == "right"]
        assert len(right) >= 3, key


def test_the_students_answer_to_seed_problem_1():
    verdict = partials.check("z = u^2 ln v, u = y/x, v = x^2 + y^2", "az/ax", "az/ax = 2ulnv - y/x^2")
    assert verdict.correct is False
    assert verdict.diagnosis.code == "added_instead_of_multiplied"
    assert "∂z/∂u + ∂u/∂x" in verdict.diagnosis.sentence
    assert "through v" in verdict.diagnosis.sentence  # the v path is missing too
    point = verdict.counterexample["point"]
    x, y = point["x"], point["y"]
    u, v = y / x, x * x + y * y
    assert verdict.counterexample["got"] == pytest.approx(2 * u * sympy.log(v) - y / x**2, rel=1e-9)
    true = 2 * u * sympy.log(v) * (-y / x**2) + u**2 / v * 2 * x
    assert verdict.counterexample["expected"] == pytest.approx(float(true), rel=1e-9)


def test_interpreted_line_is_textbook_text():
    verdict = partials.check("z = u^2 ln v, u = y/x, v = x^2 + y^2", "az/ax", "2ulnv - y/x^2")
    assert verdict.interpreted == "∂z/∂x = 2u ln v − y/x²"


@pytest.mark.parametrize("seed", [0, 1, 7, 12345])
def test_same_seed_same_verdict(seed):
    text, target = PROBLEMS["implicit-abstract-y"]
    first = partials.check(text, target, "-F'2/(yF'1 + xF'2)", seed=seed)
    again = partials.check(text, target, "-F'2/(yF'1 + xF'2)", seed=seed)
    assert first.as_dict() == again.as_dict()
    assert first.correct is False


# ---------------------------------------------------------------------------
# the oracle
# ---------------------------------------------------------------------------
A, B, C = sympy.symbols("a b c", real=True)
CONCRETE = {  # smooth stand-ins for abstract functions, by arity
    1: sympy.Lambda((A,), sympy.sin(A) + A**3 / 5 + 2 + sympy.exp(A / 4)),
    2: sympy.Lambda((A, B), sympy.sin(A) + A * B**2 / 3 + sympy.exp(B / 4) + 2 * A - B),
    3: sympy.Lambda((A, B, C), sympy.cos(A * B) + C**2 / 2 + A - 2 * B + sympy.exp(C / 5)),
}


class Oracle:
    """The true value of a derivative of a problem at a point, by SymPy alone."""

    def __init__(self, text, target):
        self.problem = read_problem(text)
        self.target = read_target(target)
        self.functions = {function(name): CONCRETE[arity] for name, arity in self.problem.functions.items()}
        self.abstract = {
            s: sympy.Function(s.name)(*args) for s, args in self.problem.declarations.items()
            if s not in self.problem.definitions and s not in self.problem.implicit
        }
        self.concrete_abstract = {
            call: CONCRETE[len(call.args)](*call.args) for call in self.abstract.values()
        }

    def concrete(self, expr):
        expr = expr.subs(self.functions).doit()
        return expr

    def full(self, expr):
        """expr with every definition and abstract intermediate substituted."""
        for _ in range(len(self.problem.definitions) + 2):
            expr = expr.xreplace(self.problem.definitions).xreplace(self.abstract)
        return self.concrete(expr).xreplace(self.concrete_abstract).doit()

    def point(self, rng):
        values = {s: sympy.Float(rng.uniform(0.4, 3.2), 30) for s in self.problem.independent}
        if self.problem.implicit:
            (z,) = self.problem.implicit
            (equation,) = self.problem.equations
            residual = self.full(equation).subs(values)
            for start in (1, 0.5, 2, -1, 3):
                try:
                    values[z] = sympy.nsolve(residual, z, start, prec=30)
                    break
                except (ValueError, ZeroDivisionError):
                    continue
            else:
                return None
        return values

    def derivative(self, wrt):
        """The derivative as an expression in independent variables (and z)."""
        if not self.problem.implicit:
            return sympy.diff(self.full(self.target.of), *wrt)
        (z,) = self.problem.implicit
        (equation,) = self.problem.equations
        zf = sympy.Function("zf")(*self.problem.independent)
        implicit = self.full(equation).subs(z, zf)
        result, known = None, {}
        for order in range(1, len(wrt) + 1):
            derivative = sympy.Derivative(zf, *wrt[:order])
            unknown = sympy.Symbol("unknown")
            differentiated = sympy.diff(implicit, *wrt[:order]).xreplace({derivative: unknown}).xreplace(known)
            solved = sympy.solve(differentiated, unknown)[0]
            known[derivative] = solved
            result = solved
        return result.subs(zf, z)

    def answer_value(self, answer_text, values):
        _, expr = read_answer(answer_text, self.problem)
        replacements = {}
        for partial in expr.atoms(Partial):
            if partial.base in self.abstract:
                replacements[partial] = sympy.diff(self.abstract[partial.base], *partial.by)
            else:
                replacements[partial] = self.derivative(partial.by)
        expr = self.full(expr.xreplace(replacements))
        return sympy.N(expr.subs(values), 20)


@pytest.mark.parametrize("key", sorted(PROBLEMS))
def test_right_and_wrong_answers_by_oracle(key):
    """Every right answer of the table equals the oracle's derivative at
    random points; every wrong answer (with a value) differs somewhere."""
    text, target = PROBLEMS[key]
    oracle = Oracle(text, target)
    truth = oracle.derivative(oracle.target.wrt)
    rng = random.Random(key)
    points = [p for p in (oracle.point(rng) for _ in range(30)) if p is not None][:3]
    assert len(points) >= 2
    for _, answer, status, code in [c for c in CASES if c[0] == key]:
        if status == "right":
            for values in points:
                expected = sympy.N(truth.subs(values), 20)
                got = oracle.answer_value(answer, values)
                assert abs(got - expected) <= 1e-8 * (1 + abs(expected)), (answer, values)
        elif status == "wrong" and code not in ("unknown_name", "wrong_target"):
            differences = [
                abs(oracle.answer_value(answer, values) - sympy.N(truth.subs(values), 20)) for values in points
            ]
            assert max(differences) > 1e-6, answer


@pytest.mark.parametrize("answer, status", [
    ("9^9^9", "too expensive"),
    ("x" + "+x" * 3000, "too expensive"),
    ("(x+y)^(10^6)", "too expensive"),
    ("sin(x)/0", "unreadable"),  # division by zero: an error with a message (issue 12), not a verdict
    ("1/(x-x)", "unreadable"),
    ("x·∞", "unreadable"),
    ("", "unreadable"),
])
def test_hostile_answers_get_a_verdict_not_an_exception(answer, status):
    verdict = partials.check("z = u^2 ln v, u = y/x, v = x^2 + y^2", "∂z/∂x", answer)
    assert verdict.status == status, verdict.message
    assert verdict.correct is None
