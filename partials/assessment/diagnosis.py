"""Why a wrong answer is wrong.

Every diagnosis is a hypothesis "the student made mistake M", turned into the
expression a student making M would write, and tested numerically at the same
points as the answer itself: the first hypothesis that matches the answer at
every point is reported.  The hypotheses come from the problem's structure:

* the sum over chain-rule paths from the dependent variable to the variable
  of differentiation (each path a product of edge partials, ∂z/∂u·∂u/∂x):
  a path left out, counted twice, its factors added instead of multiplied,
  or a path through a variable that does not depend on x;
* the chain rule at one function application h(a) with the inner derivative
  ∂a/∂x left out;
* the implicit-function rule ∂z/∂x = −F_x/F_z: sign, fraction upside down,
  a term of F_x or F_z left out;
* a second derivative taken with u, v (or the implicit z) held constant;
* the coefficient of one abstract derivative (f₁₂″) being wrong;
* one term of the answer key missing, the opposite sign, a constant factor.
"""
from __future__ import annotations

import itertools
from dataclasses import dataclass
from fractions import Fraction

import sympy
from sympy.core.function import AppliedUndef

from partials.calculus.chain import local_partial
from partials.calculus.engine import Engine
from partials.assessment.equivalence import PointSet, Undefined, Unsupported
from partials.model.notation import leibniz

MAX_PATHS = 6  # 3^6 combinations of path mistakes at most
MAX_NODES = 12  # function applications tried for a missing inner derivative
MAX_TERMS = 12  # terms of the answer key tried for a missing term
MATCH_TOLERANCE = 1e-7


@dataclass(frozen=True)
class Diagnosis:
    code: str
    sentence: str

    def as_dict(self) -> dict:
        return {"code": self.code, "sentence": self.sentence}


# ---------------------------------------------------------------------------
# entry point
# ---------------------------------------------------------------------------
class Diagnoser:
    """The mistakes one problem's answer can contain, each with its values at
    the test points, computed once (grading asks for many answers)."""

    def __init__(self, problem, of, wrt, expected, points: PointSet):
        self.problem, self.of, self.wrt = problem, of, tuple(wrt)
        self.expected, self.points = expected, points
        self.reference = _Values(points)
        self.expected_values = self.reference.of(expected)
        self.hypotheses = list(self._hypotheses())
        self._zeroed = None

    def _hypotheses(self):
        """(Diagnosis, values at the test points), most specific first."""
        first_order = len(self.wrt) == 1
        one_implicit = first_order and self.of in self.problem.implicit and len(self.problem.equations) == 1
        makers = [
            lambda: _opposite_sign(self, one_implicit),
            lambda: _implicit_rule(self) if one_implicit else (),
            lambda: _chain_paths(self) if first_order else (),
            lambda: _inner_derivative(self) if first_order else (),
            lambda: _held_constant(self) if len(self.wrt) == 2 else (),
            lambda: _missing_term(self),
        ]
        for make in makers:
            try:
                yield from list(make())
            except (Undefined, Unsupported, RecursionError, ValueError, TypeError, ZeroDivisionError):
                continue

    def zeroed_atoms(self) -> list:
        """(key, atom, answer key's values with that atom set to 0), highest order first."""
        if self._zeroed is None:
            atoms = _abstract_atoms(self.expected)
            ordered = sorted(atoms.items(), key=lambda item: (-len(item[0][1]), str(item[0])))
            self._zeroed = [(key, atom, self.reference.of(self.expected, {key: 0})) for key, atom in ordered]
        return self._zeroed

    def explain(self, answer) -> Diagnosis | None:
        """The first mistake that explains `answer`, or None."""
        try:
            got = self.reference.of(answer)
        except Unsupported:
            return None
        if sum(v is not None for v in got) < 3:
            return None
        for diagnosis, values in self.hypotheses:
            if _agree(got, values):
                return diagnosis
        for step in (lambda: _constant_factor(self, got), lambda: _coefficient(self, answer)):
            try:
                found = step()
            except (Undefined, Unsupported, RecursionError, ValueError, TypeError, ZeroDivisionError):
                found = None
            if found is not None:
                return found
        return None


def diagnose(problem, of, wrt, expected, answer, points: PointSet) -> Diagnosis | None:
    """One-off form of Diagnoser(...).explain(answer)."""
    return Diagnoser(problem, of, wrt, expected, points).explain(answer)


class _Values:
    """Values of expressions at the test points, in floating point."""

    def __init__(self, points: PointSet):
        self.points = points

    def lazily(self, expr, overrides=None):
        for item in self.points.values:
            try:
                yield item.point.evaluate(expr, overrides=overrides)
            except Undefined:
                yield None

    def of(self, expr, overrides=None) -> list:
        result = []
        for item in self.points.values:
            try:
                result.append(item.point.evaluate(expr, overrides=overrides))
            except Undefined:
                result.append(None)
        return result


def _agree(got, candidate) -> bool:
    """Equal at every point where both are defined, and at three at least
    (`got` may be a generator: evaluation stops at the first difference)."""
    agreed = 0
    for a, b in zip(got, candidate):
        if a is None or b is None:
            continue
        if abs(a - b) > MATCH_TOLERANCE * max(abs(a), abs(b)) + 1e-10:
            return False
        agreed += 1
    return agreed >= 3


# ---------------------------------------------------------------------------
# sign and factor
# ---------------------------------------------------------------------------
def _opposite_sign(diagnoser, implicit):
    values = [None if v is None else -v for v in diagnoser.expected_values]
    if implicit:
        x, z = diagnoser.wrt[0], diagnoser.of
        yield Diagnosis(
            "implicit_sign",
            f"the sign is wrong in the implicit-function rule: {leibniz(str(z), [str(x)])} = −F_{x}/F_{z}",
        ), values
    else:
        yield Diagnosis("opposite_sign", "the answer has the opposite sign"), values


def _constant_factor(diagnoser, got):
    ratios = []
    for a, want in zip(got, diagnoser.expected_values):
        if a is None or want is None or abs(want) < 1e-9:
            continue
        ratios.append(a / want)
    if len(ratios) < 3 or any(abs(r - ratios[0]) > 1e-7 * abs(ratios[0]) + 1e-12 for r in ratios):
        return None
    factor = ratios[0]
    if abs(factor - 1) < 1e-9 or abs(factor) < 1e-12:
        return None
    fraction = Fraction(factor).limit_denominator(100)
    shown = str(fraction) if abs(float(fraction) - factor) < 1e-9 * abs(factor) else f"{factor:.6g}"
    return Diagnosis("constant_factor", f"correct up to a constant factor: the answer is {shown} times the right one")


# ---------------------------------------------------------------------------
# chain-rule paths through the dependency graph
# ---------------------------------------------------------------------------
def _chain_paths(diagnoser):
    problem, of, x = diagnoser.problem, diagnoser.of, diagnoser.wrt[0]
    graph = Engine.of(problem).graph
    paths = graph.paths(of, x, MAX_PATHS)
    if not paths or len(paths) > MAX_PATHS:
        return
    values = diagnoser.reference
    edges = _path_edges(graph, values, paths)
    right = _path_sum(edges)
    if not _agree(diagnoser.expected_values, right):
        return  # the path sum is not the answer key: no path diagnosis
    modes = ("product", "sum", "missing", "twice")
    for choice in itertools.product(modes, repeat=len(paths)):
        if all(m == "product" for m in choice) or choice.count("twice") > 1:
            continue
        if len(paths) == 1 and choice[0] == "twice":
            continue  # that is a constant factor 2
        if all(m == "missing" for m in choice):
            continue  # nothing left: an answer of 0 is not a chain-rule slip
        if any(m == "sum" and len(path) == 2 for m, path in zip(choice, paths)):
            continue  # a one-edge path has nothing to add up
        yield _describe_paths(paths, choice), _combine(edges, choice)
    for node, child in _edges_to_other_independents(graph, of, x):
        prefix = [1.0] * len(right)
        if node != of:  # ∂of/∂node: the sum over the paths from `of` down to node
            above = graph.paths(of, node, MAX_PATHS)
            if not above or len(above) > MAX_PATHS:
                continue
            prefix = _path_sum(_path_edges(graph, values, above))
        extra = values.of(_edge(graph, node, child))
        yield Diagnosis(
            "extra_path",
            f"there is an extra term through {child} ({leibniz(str(of), [str(child)])}), "
            f"but {child} does not depend on {x}",
        ), [None if r is None or e is None or p is None else r + p * e for r, e, p in zip(right, extra, prefix)]


def _edge(graph, node, child):
    """The local partial ∂node/∂child (0 when the definition does not move with child)."""
    return graph.edges(node).get(child, sympy.S.Zero)


def _path_edges(graph, values, paths) -> list:
    """For every path, the values of its edge partials at the test points."""
    return [[values.of(_edge(graph, a, b)) for a, b in zip(path, path[1:])] for path in paths]


def _path_sum(edges) -> list:
    """The chain rule: the sum over the paths of the products of their edge partials."""
    return _combine(edges, ("product",) * len(edges))


def _edges_to_other_independents(graph, of, x) -> list:
    """(node, w) edges from the graph above x to independent variables w ≠ x,
    `of` first."""
    return [
        (node, child)
        for node in reversed(graph.topological([of]))
        for child in graph.children(node)
        if child in graph.independent and child != x
    ]


def _combine(edges, choice):
    count = len(edges[0][0])
    values = []
    for i in range(count):
        total = 0.0
        for path_edges, mode in zip(edges, choice):
            factors = [edge[i] for edge in path_edges]
            if any(f is None for f in factors):
                total = None
                break
            if mode == "product":
                total += _product(factors)
            elif mode == "sum":
                total += sum(factors)
            elif mode == "twice":
                total += 2 * _product(factors)
        values.append(total)
    return values


def _product(factors):
    result = 1.0
    for f in factors:
        result *= f
    return result


def _path_name(path) -> str:
    if len(path) == 2:
        return f"the direct term {leibniz(str(path[0]), [str(path[-1])])}"
    return f"the term through {_through(path)}"


def _through(path) -> str:
    inner = [str(s) for s in path[1:-1]]
    return inner[0] if len(inner) == 1 else ", ".join(inner[:-1]) + " and " + inner[-1]


def _leibniz_product(path, joiner="·") -> str:
    return joiner.join(leibniz(str(a), [str(b)]) for a, b in zip(path, path[1:]))


def _describe_paths(paths, choice):
    added = [p for p, m in zip(paths, choice) if m == "sum"]
    missing = [p for p, m in zip(paths, choice) if m == "missing"]
    twice = [p for p, m in zip(paths, choice) if m == "twice"]
    missing_text = "; ".join(f"{_path_name(p)} ({_leibniz_product(p)}) is missing" for p in missing)
    if added:
        path = added[0]
        also = f"; {missing_text}" if missing_text else ""
        return Diagnosis(
            "added_instead_of_multiplied",
            f"along the path through {_through(path)} the chain-rule factors are added instead of multiplied: "
            f"{_leibniz_product(path, ' + ')} should be {_leibniz_product(path)}{also}",
        )
    if twice:
        also = f"; {missing_text}" if missing_text else ""
        return Diagnosis("extra_path", f"{_path_name(twice[0])} ({_leibniz_product(twice[0])}) is counted twice{also}")
    return Diagnosis("missing_path", missing_text)


def _names(expr) -> set:
    return {s for s in expr.free_symbols if not s.name.startswith("_")}


# ---------------------------------------------------------------------------
# the inner derivative of one function application left out
# ---------------------------------------------------------------------------
def _inner_derivative(diagnoser):
    problem, of, x = diagnoser.problem, diagnoser.of, diagnoser.wrt[0]
    function = _substituted(problem, of)
    if function is None:
        return
    marker = sympy.Symbol("□")  # stands for the inner function; no problem has a name like it
    for node, argument, rebuilt in _applications(function, x)[:MAX_NODES]:
        mutated = function.xreplace({node: rebuilt(marker)})
        candidate = (local_partial(mutated, x) + local_partial(mutated, marker)).xreplace({marker: argument})
        yield Diagnosis(
            "inner_derivative_missing",
            f"the inner derivative {leibniz('(' + show(argument) + ')', [str(x)])} is missing "
            f"(chain rule for {show(node)})",
        ), diagnoser.reference.of(candidate)


def _substituted(problem, of):
    """`of` written in independent variables and abstract calls only."""
    if of not in problem.definitions or problem.implicit:
        return None
    abstract = {
        s: sympy.Function(s.name)(*args) for s, args in problem.declarations.items()
        if s not in problem.definitions
    }
    expr = problem.definitions[of]
    for _ in range(len(problem.definitions) + 1):
        replaced = expr.xreplace(problem.definitions).xreplace(abstract)
        if replaced == expr:
            return expr
        expr = replaced
    return expr


def _applications(expr, x) -> list:
    """(node, inner argument, rebuild(new argument)) for every application
    h(a) with a compound argument a that depends on x."""
    found = []
    for node in sympy.preorder_traversal(expr):
        if isinstance(node, AppliedUndef):
            for k, a in enumerate(node.args):
                if _compound_in(a, x):
                    found.append((node, a, lambda m, n=node, k=k: n.func(*n.args[:k], m, *n.args[k + 1:])))
        elif isinstance(node, sympy.Function) and len(node.args) == 1 and _compound_in(node.args[0], x):
            found.append((node, node.args[0], lambda m, n=node: n.func(m)))
        elif node.is_Pow and node.exp.is_Number and _compound_in(node.base, x):
            found.append((node, node.base, lambda m, n=node: sympy.Pow(m, n.exp)))
    return found


def _compound_in(argument, x) -> bool:
    return not argument.is_Symbol and x in argument.free_symbols and sympy.diff(argument, x) != 1


# ---------------------------------------------------------------------------
# a second derivative taken with the intermediates (or z) held constant
# ---------------------------------------------------------------------------
def _held_constant(diagnoser):
    """∂/∂y of the first derivative as if u, v (or the implicit z) did not
    depend on y: the chain-rule terms through them are missing."""
    problem, of, (first_by, second_by) = diagnoser.problem, diagnoser.of, diagnoser.wrt
    first = problem.d(of, first_by).expr
    held = sorted((s for s in _names(first) if s not in problem.independent), key=str)
    if not held:
        return
    names = held[0].name if len(held) == 1 else ", ".join(s.name for s in held[:-1]) + " and " + held[-1].name
    verb = "depends" if len(held) == 1 else "depend"
    yield Diagnosis(
        "missing_path",
        f"differentiating {leibniz(str(of), [str(first_by)])} by {second_by}, {names} was held constant, "
        f"but {names} {verb} on {second_by}: the terms through {names} are missing",
    ), diagnoser.reference.of(local_partial(first, second_by))


# ---------------------------------------------------------------------------
# the implicit-function rule
# ---------------------------------------------------------------------------
def _implicit_rule(diagnoser):
    z, x = diagnoser.of, diagnoser.wrt[0]
    equation = diagnoser.problem.equations[0]
    f_x, f_z = local_partial(equation, x), local_partial(equation, z)
    values = diagnoser.reference.of
    yield Diagnosis(
        "implicit_inverted", f"the fraction is upside down: {leibniz(str(z), [str(x)])} = −F_{x}/F_{z}"
    ), values(-f_z / f_x)
    for name, part, rebuild in (
        (f"F_{x}", f_x, lambda t: -(f_x - t) / f_z),
        (f"F_{z}", f_z, lambda t: -f_x / (f_z - t)),
    ):
        terms = sympy.Add.make_args(sympy.expand(part)) if sympy.count_ops(part) < 200 else ()
        if len(terms) < 2:
            continue
        for term in terms[:MAX_TERMS]:
            yield Diagnosis(
                "missing_path",
                f"in {leibniz(str(z), [str(x)])} = −F_{x}/F_{z}, the term {show(term)} of {name} is missing",
            ), values(rebuild(term))


# ---------------------------------------------------------------------------
# coefficient of one abstract derivative, and one missing term
# ---------------------------------------------------------------------------
def _coefficient(diagnoser, answer):
    """Right once one abstract derivative (f₁₂″) is set to 0: its coefficient is wrong."""
    for key, atom, want in diagnoser.zeroed_atoms():
        if _nonlinear_in(diagnoser.expected, atom):
            continue  # −z·F₁′/(x·F₁′ + y·F₂′) has no "coefficient of F₁′" to blame
        if _agree(diagnoser.reference.lazily(answer, {key: 0}), want):
            coefficient = _symbolic_coefficient(diagnoser.expected, atom)
            where = f" (the answer key has {show(coefficient)})" if coefficient is not None else ""
            return Diagnosis("coefficient", f"the coefficient of {show(atom)} is wrong{where}")
    return None


def _abstract_atoms(expr) -> dict:
    """(function name, positions) → atom, for every abstract derivative in expr."""
    atoms = {}
    substituted = expr.atoms(sympy.Subs)
    inside = {s.expr for s in substituted}
    for atom in list(substituted) + [d for d in expr.atoms(sympy.Derivative) if d not in inside]:
        inner = atom.expr if isinstance(atom, sympy.Subs) else atom
        if isinstance(inner, sympy.Derivative) and isinstance(inner.expr, AppliedUndef):
            call = inner.expr
            positions = []
            for variable, count in inner.variable_count:
                positions += [list(call.args).index(variable) + 1] * int(count) if variable in call.args else []
            atoms[(call.func.__name__, tuple(sorted(positions)))] = atom
    return atoms


def _nonlinear_in(expr, atom) -> bool:
    if sympy.count_ops(expr) > 300:
        return False
    marker = sympy.Dummy("atom")
    linear = sympy.expand(expr.xreplace({atom: marker}))
    return linear.coeff(marker).has(marker) or (linear - linear.coeff(marker) * marker).expand().has(marker)


def _symbolic_coefficient(expr, atom):
    if sympy.count_ops(expr) > 300:
        return None
    marker = sympy.Dummy("atom")
    linear = sympy.expand(expr.xreplace({atom: marker}))
    coefficient = linear.coeff(marker)
    if coefficient.has(marker) or (linear - coefficient * marker).expand().has(marker):
        return None  # not linear in the atom (−z/(F₁′y + F₂′x)): there is no coefficient to show
    return sympy.factor_terms(coefficient) if coefficient != 0 else None


def _missing_term(diagnoser):
    expected = diagnoser.expected
    if sympy.count_ops(expected) > 300:
        return
    terms = sympy.Add.make_args(sympy.expand(expected))
    if len(terms) < 2 or len(terms) > MAX_TERMS:
        return
    for term in terms:
        term_values = diagnoser.reference.of(term)
        yield Diagnosis("missing_term", f"the term {show(term)} is missing"), [
            None if e is None or t is None else e - t for e, t in zip(diagnoser.expected_values, term_values)
        ]


# ---------------------------------------------------------------------------
# showing expressions in feedback
# ---------------------------------------------------------------------------


def show(expr) -> str:
    """An expression in feedback, by the one textbook printer (f₁′, f₁₂″, ln v)."""
    from partials.presentation.printing import text

    return text(expr)
