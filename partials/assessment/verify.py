"""Deciding identities among partial derivatives (the "验证 …" exercises).

    verdict = verify(problem, "(1/x) z_x + (1/y) z_y = z/y^2")
    verdict.holds            True / False
    verdict.steps            the derivation: each derivative, both sides, the difference
    verdict.counterexample   {x: 1, y: 2} where the two sides differ (None when it holds)

Every derivative in the identity is the engine's; variables written bare
(the z in z/y²) are replaced by their definitions. The identity holds when
left − right simplifies to 0; when simplification is inconclusive (or too
expensive) both sides are evaluated at points drawn by the checker's sampler
(partials.assessment.equivalence: both signs, near and far, inside the sides' domain,
concrete functions in place of the abstract ones, implicit unknowns solved
from their equations); a confirmed nonzero difference there is a counterexample.
"""
from __future__ import annotations

import random
from dataclasses import dataclass, field

import sympy
from sympy.core.function import AppliedUndef

from partials.presentation import printing
from partials.presentation.steps.model import Step as StepOfSteps, Steps
from partials.presentation.steps.render import Written
from partials.core.errors import MathError, NotationError, PartialsError
from partials.model.notation import Partial
from partials.assessment.equivalence import MP, PointSampler, Undefined, Unsupported
from partials.assessment.equivalence.confirm import agree, values_at
from partials.assessment.equivalence.sampling import ATTEMPTS
from partials.core.symbols import variable

MAX_SIMPLIFY_OPS = 1500
NUMERIC_POINTS = 8
NICE_POINTS = [(1, 2, 3), (2, 1, 3), (1, 3, 2), (2, 3, 1), (3, 1, 2), (1, 1, 1), (2, 2, 1),
               (-1, 2, 3), (2, -1, 3), (-2, -1, 3), (1, 2, -3), (-1, -2, -3)]


def Step(caption: str, caption_zh: str, formula: str = "", formula_text: str = "") -> StepOfSteps:  # noqa: N802
    """One step of the derivation (the steps' own Step): a caption and the formula as LaTeX and text."""
    return StepOfSteps(caption, caption_zh, ((Written(formula_text, formula),),) if formula else ())


@dataclass
class IdentityVerdict:
    holds: bool
    identity: str
    left: sympy.Expr
    right: sympy.Expr
    difference: sympy.Expr
    method: str  # "symbolic" or "numeric"
    steps: list = field(default_factory=list)
    counterexample: dict | None = None
    values: tuple | None = None  # (left, right) at the counterexample
    functions: dict = field(default_factory=dict)  # name -> the concrete function used there

    @property
    def exit_code(self) -> int:
        return 0 if self.holds else 1

    @property
    def message(self) -> str:
        if self.holds:
            how = "simplifies to 0" if self.method == "symbolic" else f"is 0 at {NUMERIC_POINTS} random points"
            return f"the identity holds: left − right {how}"
        point = ", ".join(f"{k} = {_show(v)}" for k, v in self.counterexample.items())
        if self.functions:
            point += " (taking " + ", ".join(self.functions.values()) + ")"
        left, right = self.values
        return f"the identity does not hold: at {point} the left side is {_show(left)} and the right side {_show(right)}"

    @property
    def text(self) -> str:
        return Steps(self.steps).render_text() + "\n" + self.message

    def latex_steps(self, lang: str = "en") -> str:
        return Steps(self.steps, lang=lang).render_latex()

    def as_dict(self) -> dict:
        return {
            "holds": self.holds,
            "identity": self.identity,
            "method": self.method,
            "message": self.message,
            "counterexample": None if self.counterexample is None
            else {str(k): _show(v) for k, v in self.counterexample.items()},
            "steps": [{"caption": s.caption, "formula": s.formulas[0][0].text if s.formulas else ""} for s in self.steps],
        }


def verify(problem, identity: str, seed: int = 0) -> IdentityVerdict:
    """Decide whether `identity` ("left = right") holds for `problem`."""
    from partials.reading.reader import read_expression

    if identity.count("=") != 1:
        raise NotationError("write the identity as one 'left = right'", identity, None)
    left_text, right_text = identity.split("=")
    left_read = read_expression(left_text, problem)
    right_read = read_expression(right_text, problem)
    steps = [Step("The identity to verify", "要验证的等式", f"{_latex(left_read, problem)} = {_latex(right_read, problem)}",
                  identity.strip())]
    derivatives = _derivatives(problem, left_read.atoms(Partial) | right_read.atoms(Partial), steps)
    left = _substituted(problem, left_read, derivatives)
    right = _substituted(problem, right_read, derivatives)
    steps.append(Step("Substitute them into the left side", "代入左边", f"{_latex(left_read, problem)} = {_latex(left, problem)}",
                      f"{_text(left_read, problem)} = {_text(left, problem)}"))
    steps.append(Step("and into the right side", "代入右边", f"{_latex(right_read, problem)} = {_latex(right, problem)}",
                      f"{_text(right_read, problem)} = {_text(right, problem)}"))
    difference = left - right
    if _simplifies_to_zero(difference):
        steps.append(Step("Left side − right side simplifies to 0, so the identity holds", "左边 − 右边化简为 0，等式成立",
                          "\\text{left} - \\text{right} = 0", "left − right = 0"))
        return IdentityVerdict(True, identity.strip(), left, right, difference, "symbolic", steps)
    return _decide_numerically(problem, identity.strip(), left, right, steps, seed)


# ---- the derivatives in the identity ---------------------------------------------
def _derivatives(problem, partials, steps) -> dict:
    """Each z_x, u_xx, ∂z/∂y of the identity, from the engine."""
    found = {}
    names = set(problem.variables) | set(problem.implicit) | set(problem.declarations)
    for partial in sorted(partials, key=lambda p: (len(p.by), str(p))):
        if partial.base not in names or partial.by_position:
            raise PartialsError(f"'{partial}' in the identity is not a derivative of a variable of the problem")
        framed = problem.framed_for(partial.base, partial.by)
        solution = framed.d(partial.base, *partial.by)
        found[partial] = solution.explicit
        steps.append(Step(f"By the chain rule, {solution.notation}", f"由链式法则求 {solution.notation}",
                          f"{_latex(partial, problem)} = {_latex(solution.expr, framed)}",
                          f"{solution.notation} = {_text(solution.expr, framed)}"))
    return found


def _substituted(problem, expr, derivatives):
    expr = expr.xreplace(derivatives)
    for _ in range(50):  # bare variables: their definitions, down to the independent ones
        replaced = expr.xreplace(problem.definitions)
        if replaced == expr:
            return expr
        expr = replaced
    raise MathError("the definitions of the problem do not bottom out")


def _simplifies_to_zero(difference) -> bool:
    if difference == 0:
        return True
    if sympy.count_ops(difference) > MAX_SIMPLIFY_OPS:
        return False
    for attempt in (sympy.cancel, sympy.simplify):
        try:
            if attempt(sympy.together(difference)) == 0:
                return True
        except (TypeError, ValueError, NotImplementedError, RecursionError):
            return False
    return False


# ---- numbers -------------------------------------------------------------------------
def _decide_numerically(problem, identity, left, right, steps, seed) -> IdentityVerdict:
    counter = _nice_counterexample(problem, left, right)
    zero_points = 0
    if counter is None:
        for point in _points(problem, left - right, seed):
            try:
                left_values, right_values = values_at(point, left), values_at(point, right)
            except Undefined:
                continue
            except Unsupported as why:
                raise MathError(f"cannot decide the identity: {why}") from None
            if agree(*left_values, *right_values):
                zero_points += 1
                continue
            shown = {variable(name): float(point.exact[name]) for name in point.shown}
            counter = (shown, left_values[1], right_values[1], _functions_used(point, left - right))
            break
    if counter is None:
        if zero_points < 3:
            raise MathError("cannot decide the identity: too few points where both sides are defined")
        steps.append(Step(f"Left side − right side is 0 at {zero_points} random points "
                          "(concrete functions in place of the abstract ones), so the identity holds",
                          f"左边 − 右边在 {zero_points} 个随机点处均为 0，等式成立",
                          "\\text{left} - \\text{right} = 0", "left − right = 0"))
        return IdentityVerdict(True, identity, left, right, left - right, "numeric", steps)
    shown, left_value, right_value, functions = counter
    where = ", ".join(f"{k} = {_show(v)}" for k, v in shown.items())
    extra = "".join(f", with {description}" for description in functions.values())
    steps.append(Step(f"At {where}{extra} the left side is {_show(left_value)} and the right side {_show(right_value)}: "
                      "the identity does not hold",
                      f"在 {where}{extra} 处左边为 {_show(left_value)}，右边为 {_show(right_value)}，等式不成立",
                      f"{_show_latex(left_value)} \\neq {_show_latex(right_value)}",
                      f"{_show(left_value)} ≠ {_show(right_value)}"))
    return IdentityVerdict(False, identity, left, right, left - right, "numeric", steps,
                           counterexample=shown, values=(left_value, right_value), functions=functions)


def _points(problem, difference, seed):
    """Points of the problem's domain (on its surface), drawn by the
    checker's sampler (partials.assessment.equivalence): both signs, near and far,
    inside the domain of the identity's sides, concrete functions in place
    of the abstract ones; names the problem does not define get random values."""
    from partials.assessment.equivalence.domain import conditions as domain_conditions

    rng = random.Random(f"verify:{seed}")
    sampler = PointSampler(problem, rng, conditions=domain_conditions([difference], problem))
    free = sorted({s.name for s in difference.free_symbols} - set(sampler.shown) - {s.name for s in problem.variables}
                  - {s.name for s in problem.declarations})
    produced = 0
    for attempt in range(ATTEMPTS):
        if produced == NUMERIC_POINTS:
            return
        point = sampler.draw(attempt)
        if point is None:
            continue
        for name in free:
            if name.startswith("_"):
                continue
            point.exact[name] = MP.mpf(rng.uniform(0.3, 1.9))
            point.fast[name] = float(point.exact[name])
        produced += 1
        yield point


def _functions_used(point, expr) -> dict:
    used = {call.func.__name__ for call in expr.atoms(AppliedUndef)}
    used |= {a.expr.func.__name__ for a in expr.atoms(sympy.Derivative) if isinstance(a.expr, AppliedUndef)}
    return {name: point.functions[name].describe() for name in sorted(used) if name in point.functions}


def _nice_counterexample(problem, left, right):
    """Small whole numbers of both signs, when nothing implicit or abstract is involved."""
    variables = list(problem.independent)
    difference = left - right
    if problem.implicit or _abstract_atoms(difference) or difference.free_symbols - set(variables) or not variables:
        return None
    for numbers in NICE_POINTS:
        point = dict(zip(variables, (sympy.Integer(n) for n in numbers * 2)))
        try:
            left_value = sympy.nsimplify(sympy.simplify(left.xreplace(point)))
            right_value = sympy.nsimplify(sympy.simplify(right.xreplace(point)))
        except (TypeError, ValueError, ZeroDivisionError):
            continue
        if not (left_value.is_real and right_value.is_real) or left_value.has(sympy.zoo, sympy.nan):
            continue
        if right_value.has(sympy.zoo, sympy.nan) or not (left_value.is_finite and right_value.is_finite):
            continue
        if sympy.simplify(left_value - right_value) != 0:
            return point, left_value, right_value, {}
    return None


def _abstract_atoms(expr) -> set:
    """Values of abstract functions and their derivatives, outermost only."""
    found = set()

    def walk(node):
        if isinstance(node, (sympy.Subs, sympy.Derivative, AppliedUndef)):
            found.add(node)
            return
        for arg in node.args:
            walk(arg)

    walk(expr)
    return found


# ---- printing --------------------------------------------------------------------------
def _show(value) -> str:
    if isinstance(value, (int, float)):
        return f"{value:.6g}" if isinstance(value, float) else str(value)
    if isinstance(value, sympy.Basic) and value.is_number and not value.is_Rational:
        return f"{float(value):.6g}"
    return str(value)


def _show_latex(value) -> str:
    return sympy.latex(value) if isinstance(value, sympy.Basic) and value.is_Rational else _show(value)


def _text(expr, problem) -> str:
    return printing.text(expr, problem)


def _latex(expr, problem) -> str:
    if isinstance(expr, Partial):
        return printing.derivative_notation(str(expr.base), [str(b) for b in expr.by], "latex")
    return printing.latex(expr.replace(lambda e: isinstance(e, Partial), lambda e: sympy.Symbol(_partial_name(e))), problem)


def _partial_name(partial) -> str:
    return f"{partial.base}_{{{''.join(str(b) for b in partial.by)}}}"

