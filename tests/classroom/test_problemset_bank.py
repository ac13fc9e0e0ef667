"""Every stored answer of the bank against a plain SymPy oracle.

The oracle does not use the engine: it puts concrete functions in place of
the abstract ones (f, g, F, φ, declared u = u(x, y)), substitutes every
definition into the variable asked about, differentiates with sympy.diff,
and for implicit problems solves the differentiated equations for the
derivatives of the unknowns (implicit function theorem, order by order).
Stored answers are read with the reader, given the same concrete functions,
and compared at random points — points on the surface when the problem has
equations (found with mpmath.findroot).
"""
from __future__ import annotations

import itertools
import random

import mpmath
import pytest
import sympy
from sympy.core.function import AppliedUndef

from partials.model.notation import Partial
from partials.classroom.problemset import bank_files, load_problem_set
from partials.reading.reader import read_assignments, read_expression, read_problem, read_target
from partials.classroom.variants import family_members

SETS = [load_problem_set(path) for path in bank_files()]
EXTRA_FAMILY_MEMBERS = 2
POINTS_PER_CASE = 4
TOLERANCE = 1e-7

_s = sympy.symbols("s1:4", real=True)
# Two concrete choices per arity; constants keep them away from zero.
CONCRETE = {
    1: [sympy.sin(_s[0]) + _s[0] ** 3 / 5 + 3, sympy.exp(_s[0] / 2) + _s[0] ** 2 + 1],
    2: [
        sympy.exp(_s[0] / 3) * sympy.cos(_s[1]) + _s[0] ** 2 * _s[1] ** 3 / 7 + 3,
        sympy.sin(_s[0] * _s[1] / 2) + _s[0] ** 3 + sympy.log(2 + _s[1] ** 2) + 2,
    ],
    3: [
        _s[0] * _s[1] ** 2 * _s[2] / 3 + sympy.sin(_s[0] + _s[2]) + sympy.exp(_s[1] / 4) * _s[2] ** 2 + 3,
        sympy.cos(_s[0] * _s[2]) + _s[1] ** 3 * _s[0] + sympy.exp(_s[2] / 3) * _s[1] + 2,
    ],
}
# Declared abstract intermediates u = u(x, y): concrete functions of their variables.
DECLARED = [
    lambda a: a[0] ** 2 * sympy.sin(a[-1]) + a[-1] + 2,
    lambda a: sympy.exp(a[0] / 3) + a[0] * a[-1] ** 2,
]


def _instances():
    for problem_set in SETS:
        for exercise in problem_set.problems:
            if exercise.kind == "analysis":  # answers are properties: tests/classroom/test_analysis_set.py
                continue
            if not exercise.is_family:
                yield exercise
                continue
            members = family_members(exercise)
            chosen = [members[0]] + random.Random(exercise.id).sample(members[1:], min(EXTRA_FAMILY_MEMBERS, len(members) - 1))
            for values in chosen:
                yield exercise.instantiate(values)


INSTANCES = list(_instances())
CASES = [(e, asked) for e in INSTANCES for asked in e.answers]


def _case_id(case):
    exercise, asked = case
    values = "".join(f"{k}{v}" for k, v in sorted(exercise.values.items()))
    return f"{exercise.id}{'-' + values if values else ''}:{asked}"


# ---- the bank itself --------------------------------------------------------
def test_bank_has_enough_problems_and_topics():
    assert len(SETS) >= 7
    assert sum(len(s.problems) for s in SETS) >= 100
    assert len({s.topic for s in SETS}) == len(SETS)


def test_ids_are_unique_across_the_bank():
    ids = [p.id for s in SETS for p in s.problems]
    assert len(ids) == len(set(ids))


def test_every_statement_and_answer_reads():
    for exercise in INSTANCES:
        problem = read_problem(exercise.text, of=exercise.of)
        for asked, answer in exercise.answers.items():
            target = read_target(asked)
            assert target.of in set(problem.variables) | set(problem.implicit), (exercise.id, asked)
            read_expression(answer, problem)


def test_statements_are_not_one_template():
    texts = {e.text for s in SETS for e in s.problems}
    assert len(texts) >= 90  # a few statements are asked twice, for different derivatives


# ---- the oracle ---------------------------------------------------------------
class Oracle:
    """One problem made concrete (trial 0 or 1): full substitution, diff, IFT."""

    def __init__(self, problem, trial: int):
        self.problem = problem
        # different functions of one arity get different stand-ins (F, G of a system)
        self.functions = {
            name: CONCRETE[arity][(trial + k) % len(CONCRETE[arity])]
            for k, (name, arity) in enumerate(sorted(problem.functions.items()))
        }
        self.declared = {
            name: DECLARED[(k + trial) % len(DECLARED)](args)
            for k, (name, args) in enumerate(problem.declarations.items())
            if name not in problem.implicit and name not in problem.definitions
        }
        self.definitions = {name: self.concrete(rhs) for name, rhs in problem.definitions.items()}
        self.unknowns = list(problem.implicit)
        self.independent = list(problem.independent)
        self.unknown_functions = {u: sympy.Function(f"U_{u}")(*self.independent) for u in self.unknowns}
        equations = [self.full(self.concrete(e)) for e in problem.equations]
        self.abstract_equations = [bool(e.atoms(AppliedUndef)) for e in problem.equations]
        self.equations = equations

    # abstract -> concrete
    def concrete(self, expr):
        def replace_call(call):
            body = self.functions[call.func.__name__]
            return body.xreplace(dict(zip(_s, call.args)))

        expr = expr.replace(
            lambda e: isinstance(e, AppliedUndef) and e.func.__name__ in self.functions, replace_call
        )
        expr = expr.replace(lambda e: isinstance(e, Partial), self._partial)
        expr = expr.xreplace(self.declared)
        return expr.doit()

    def _partial(self, partial):
        base = partial.base
        if base in self.declared:
            return sympy.diff(self.declared[base], *partial.by)
        raise AssertionError(f"oracle cannot give {partial} a meaning")

    def full(self, expr):
        for _ in range(20):
            replaced = expr.xreplace(self.definitions)
            if replaced == expr:
                return expr
            expr = replaced
        raise AssertionError("definitions do not bottom out")

    # derivatives
    def derivative_at(self, of, wrt, point) -> complex:
        """∂ⁿ(of)/∂wrt at `point` (which gives the unknowns their values too).
        Implicit derivatives are solved for numerically, order by order:
        differentiating the equations gives linear systems in them."""
        if of in self.unknown_functions:
            of_expr = self.unknown_functions[of]
        else:
            of_expr = self._with_unknown_functions(self.full(self.definitions.get(of, of)))
        target = sympy.diff(of_expr, *wrt)
        values = self._implicit_derivative_values(wrt, point) if self.unknowns else {}
        return _value(self._evaluated(target, values), point)

    def _with_unknown_functions(self, expr):
        return expr.xreplace(self.unknown_functions)

    def _evaluated(self, expr, values):
        expr = expr.xreplace(values)
        return expr.xreplace({f: u for u, f in self.unknown_functions.items()})

    def _implicit_derivative_values(self, wrt, point) -> dict:
        equations = [self._with_unknown_functions(e) for e in self.equations]
        numbers = _numbers(point)
        values: dict = {}
        indices = {tuple(sorted(c, key=str)) for k in range(1, len(wrt) + 1) for c in itertools.combinations(wrt, k)}
        for index in sorted(indices, key=len):
            unknown_derivatives = [sympy.diff(f, *index) for f in self.unknown_functions.values()]
            placeholders = sympy.symbols(f"d0:{len(unknown_derivatives)}")
            system = [
                self._evaluated(sympy.diff(e, *index).xreplace(dict(zip(unknown_derivatives, placeholders))), values).xreplace(numbers)
                for e in equations
            ]
            matrix, rhs = sympy.linear_eq_to_matrix([sympy.N(e, 25) for e in system], placeholders)
            solution = matrix.LUsolve(rhs)
            values.update({d: solution[k] for k, d in enumerate(unknown_derivatives)})
        return dict(sorted(values.items(), key=lambda item: -len(item[0].variables)))

    # points
    def points(self, count, seed):
        rng = random.Random(seed)
        variables = self.independent + self.unknowns
        # An equation with an abstract function holds at any point once its
        # concrete stand-in is shifted by a constant, which changes no
        # derivative; only the concrete equations restrict the points.
        concrete = [e for e, abstract in zip(self.equations, self.abstract_equations) if not abstract]
        for attempt in range(400):
            high = 1.7 if attempt < 30 else 9.0  # some surfaces only reach far out
            point = {v: rng.uniform(0.3, high) for v in variables}
            if concrete and not self._solve_onto_surface(concrete, point, rng):
                continue
            yield point
            count -= 1
            if count == 0:
                return

    def _solve_onto_surface(self, equations, point, rng) -> bool:
        in_equations = sorted(set().union(*(e.free_symbols for e in equations)) & set(point), key=str)
        chosen = rng.sample(in_equations, len(equations))
        fixed = {v: point[v] for v in point if v not in chosen}
        functions = [sympy.lambdify(chosen, e.xreplace(fixed), "mpmath") for e in equations]
        start = [rng.uniform(0.2, 6) for _ in chosen]
        try:
            root = mpmath.findroot(lambda *a: [f(*a) for f in functions], start if len(start) > 1 else start[0])
        except (ValueError, ZeroDivisionError, TypeError, OverflowError):
            return False
        root = root if hasattr(root, "__len__") else [root]
        if any(abs(mpmath.im(r)) > 1e-12 for r in root):
            return False
        point.update({v: float(mpmath.re(r)) for v, r in zip(chosen, root)})
        return True


def _value(expr, point):
    return complex(sympy.N(expr.xreplace(_numbers(point)), 20))


def _numbers(point):
    """Random points hold floats; `at` points exact values such as π/2."""
    return {k: sympy.Float(v, 30) if isinstance(v, float) else v for k, v in point.items()}


@pytest.mark.parametrize("case", CASES, ids=[_case_id(c) for c in CASES])
def test_stored_answer_matches_sympy_oracle(case):
    exercise, asked = case
    target = read_target(asked)
    problem = read_problem(exercise.text, of=exercise.of).framed_for(target.of, target.wrt)
    answer_expr = read_expression(exercise.answers[asked], problem)
    compared = 0
    for trial in (0, 1):
        oracle = Oracle(problem, trial)
        answer = oracle.full(oracle.concrete(answer_expr))
        if exercise.at:
            point = read_assignments(exercise.at)
            want, got = oracle.derivative_at(target.of, target.wrt, point), _value(answer, point)
            assert abs(got - want) < TOLERANCE * (1 + abs(want)), f"{exercise.id} {asked}: {got} but the value is {want} at {exercise.at}"
            compared += 1
            continue
        for point in oracle.points(POINTS_PER_CASE, seed=f"{exercise.id}{asked}{trial}"):
            try:
                want = oracle.derivative_at(target.of, target.wrt, point)
            except (TypeError, ZeroDivisionError, ValueError):
                continue  # a singular Jacobian, or a point outside the domain
            if not (abs(want) < 1e12) or abs(want.imag) > 1e-9:
                continue
            got = _value(answer, point)
            assert abs(got - want) <= TOLERANCE * (1 + abs(want)), (
                f"{exercise.id} {asked}: stored answer {got} but the derivative is {want} at {point}"
            )
            compared += 1
    assert compared >= 2, f"{exercise.id} {asked}: too few points where the oracle is defined"
