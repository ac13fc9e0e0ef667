"""The chain-rule steps: the exact text for the seed problems (shown in
README), and every line is correct mathematics: each side of a formula that
can be evaluated equals the oracle's derivative (full substitution, concrete
functions in place of abstract ones, SymPy's diff; unknowns of equations by
differentiating the equations), independent of the engine and of the steps."""
import sys
from pathlib import Path

import pytest
import sympy

import partials
from partials.presentation.printing.notation import Label
from partials.presentation.steps import Chain, Determinant, Diagram, Quotient, Steps, _target, explain

sys.path.insert(0, str(Path(__file__).parents[1]))
from engine_cases import (  # noqa: E402
    CASES, concrete, equal_at, full_substitution, numerically_equal, oracle_derivative, points_on_surface,
)
from latex_compile import compile_document, needs_latex  # noqa: E402


def steps_of(text, of, *wrt, lang="en") -> Steps:
    solution = partials.parse(text).d(of, *wrt)
    return explain(solution, lang=lang)


SEED_1 = """\
1. The problem
   z = u² ln v
   u = y/x
   v = x² + y²
2. The variables depend on each other as
   z → u, v → x, y
3. By the chain rule, one term for each path from z to x
   ∂z/∂x = ∂z/∂u·∂u/∂x + ∂z/∂v·∂v/∂x
4. The partial derivatives along the edges
   ∂z/∂u = 2u ln v
   ∂u/∂x = −y/x²
   ∂z/∂v = u²/v
   ∂v/∂x = 2x
5. Substitute them and simplify
   ∂z/∂x = 2u ln v·(−y/x²) + (u²/v)·2x = 2u²x/v − 2uy ln v/x²"""

SEED_4 = """\
1. The problem
   u = f(x, y, z)
   y = g(x, t)
   t = v(x, z)
2. The variables depend on each other as
   u → x, y, z; y → x, t; t → x, z
3. By the chain rule, one term for each path from u to x
   ∂u/∂x = ∂f/∂x + ∂f/∂y·∂g/∂x + ∂f/∂y·∂g/∂t·∂v/∂x
4. The partial derivatives along the edges
   ∂f/∂x = f₁′
   ∂f/∂y = f₂′
   ∂g/∂x = g₁′
   ∂g/∂t = g₂′
   ∂v/∂x = v₁′
5. Substitute them and simplify
   ∂u/∂x = f₁′ + f₂′·g₁′ + f₂′·g₂′·v₁′ = f₁′ + f₂′·(g₁′ + g₂′·v₁′)"""

SEED_6 = """\
1. The problem; let u = x² − y²
   z = y/f(x²−y²)
   z = y/f(u)
2. The variables depend on each other as
   z → y, u; u → x, y
3. By the chain rule, one term for each path from z to x
   ∂z/∂x = ∂z/∂u·∂u/∂x
4. The partial derivatives along the edges
   ∂z/∂u = −y·f′(u)/f(u)²
   ∂u/∂x = 2x
5. Substitute them
   ∂z/∂x = (−y·f′(u)/f(u)²)·2x
6. Put back u = x² − y² and simplify
   ∂z/∂x = −2xy·f′(x²−y²)/f(x²−y²)²"""

SEED_7 = """\
1. The equation defines z = z(x, y); write it as F = 0 with
   e^z = xyz
   F(x, y, z) = e^z − xyz
2. Differentiate both sides with respect to x, remembering z = z(x, y)
   e^z·∂z/∂x = yz + xy·∂z/∂x
3. The partial derivatives of F, with x, y, z independent
   F_x = −yz
   F_z = e^z − xy
4. By the implicit function rule
   ∂z/∂x = −F_x/F_z
5. Substitute and simplify
   ∂z/∂x = −(−yz)/(e^z − xy) = yz/(e^z − xy)
6. Differentiate ∂z/∂x again, with respect to x; z depends on x
   ∂²z/∂x² = ∂/∂x(∂z/∂x) = y²z/(e^z − xy)² + (y/(e^z − xy) − yze^z/(e^z − xy)²)∂z/∂x
7. Substitute ∂z/∂x back and simplify
   ∂z/∂x = yz/(e^z − xy)
   ∂²z/∂x² = y²z/(e^z − xy)² + yz(y/(e^z − xy) − yze^z/(e^z − xy)²)/(e^z − xy) = y²z((2 − z)e^z − 2xy)/(e^z − xy)³"""

SEED_8 = """\
1. The equation defines z = z(x, y); write it as G = 0 with
   F(yz, xz+y) = 0
   G(x, y, z) = F(yz, xz+y)
2. Differentiate both sides with respect to y, remembering z = z(x, y)
   F₁′·(z + y·∂z/∂y) + F₂′·(1 + x·∂z/∂y) = 0
3. The partial derivatives of G, with x, y, z independent
   G_y = z·F₁′ + F₂′
   G_z = y·F₁′ + x·F₂′
4. By the implicit function rule
   ∂z/∂y = −G_y/G_z
5. Substitute and simplify
   ∂z/∂y = −(z·F₁′ + F₂′)/(y·F₁′ + x·F₂′)"""

GOLDEN = [
    ("z = u^2 ln v, u = y/x, v = x^2 + y^2", "z", ("x",), SEED_1),
    ("u = f(x,y,z), y = g(x,t), t = v(x,z)", "u", ("x",), SEED_4),
    ("z = y / f(x^2 - y^2)", "z", ("x",), SEED_6),
    ("e^z = xyz", "z", ("x", "x"), SEED_7),
    ("F(yz, y + xz) = 0", "z", ("y",), SEED_8),
]


@pytest.mark.parametrize("text, of, wrt, expected", GOLDEN, ids=[g[0] for g in GOLDEN])
def test_seed_steps_read_as_in_readme(text, of, wrt, expected):
    assert steps_of(text, of, *wrt).text == expected


def test_chinese_captions():
    steps = steps_of("z = u^2 ln v, u = y/x, v = x^2 + y^2", "z", "x", lang="zh")
    captions = [line for line in steps.text.splitlines() if line[:1].isdigit()]
    assert captions == ["1. 题设", "2. 变量之间的依赖关系", "3. 由链式法则（z 到 x 的每条路径一项）",
                        "4. 各个偏导数", "5. 代入并化简"]
    implicit = steps_of("e^z = xyz", "z", "x", lang="zh").text
    assert "2. 两边对 x 求偏导（z = z(x, y)）" in implicit
    assert "4. 由隐函数求导公式" in implicit


def test_ascii_and_boxes():
    steps = steps_of("z = u^2 ln v, u = y/x, v = x^2 + y^2", "z", "x")
    plain = steps.render_text(ascii=True)
    assert "   z -> u, v -> x, y" in plain
    assert "   dz/dx = dz/du*du/dx + dz/dv*dv/dx" in plain
    assert all(ord(ch) < 128 for ch in plain.replace("\n", ""))
    boxed = steps.render_text(boxes=True)
    assert "   ├── u" in boxed and "   └── v" in boxed
    assert "├" not in steps.text


def test_latex_rendering_is_an_enumerate():
    latex = steps_of("e^z = xyz", "z", "x").latex
    assert latex.startswith(r"\begin{enumerate}") and latex.endswith(r"\end{enumerate}")
    assert r"\[ \frac{\partial z}{\partial x} = -\frac{F_{x}}{F_{z}} \]" in latex


def test_system_shows_the_jacobian_and_cramers_rule():
    text = steps_of("xu - yv = 0, yu + xv = 1, u = u(x,y), v = v(x,y)", "u", "x").text
    assert "J = ∂(F, G)/∂(u, v) = |x  −y; y  x| = x² + y²" in text
    assert "∂u/∂x = −(1/J)·∂(F, G)/∂(x, v) = −|u  −y; v  x|/(x² + y²) = −(ux + vy)/(x² + y²)" in text


def test_total_differential_steps():
    from partials.presentation.steps import explain_differential

    problem = partials.parse("z = x^2 y + y^3")
    x, y = problem.independent
    steps = explain_differential(problem, "z", {x: problem.d("z", "x").expr, y: problem.d("z", "y").expr},
                                 point={x: 1, y: 2})
    assert steps.text.splitlines() == [
        "1. The partial derivatives",
        "   ∂z/∂x = 2xy",
        "   ∂z/∂y = x² + 3y²",
        "2. The total differential is dz = Σ ∂z/∂x·dx",
        "   dz = 2xy dx + (x² + 3y²) dy",
        "3. At the point x = 1, y = 2",
        "   dz = 4 dx + 13 dy",
    ]


# ---- every line is correct mathematics --------------------------------------------------------
def _evaluate(side, labels):
    """The value of one side of a formula, or None when it names something
    (a local partial such as ∂z/∂u) that has no value of its own."""
    if isinstance(side, Chain):
        terms = [[_evaluate(f, labels) for f in term] for term in side.terms]
        if any(v is None for term in terms for v in term):
            return None
        return sympy.Add(*[sympy.Mul(*term) for term in terms])
    if isinstance(side, Quotient):
        top, bottom = _evaluate(side.numerator, labels), _evaluate(side.denominator, labels)
        if top is None or bottom is None:
            return None
        return (-top if side.negative else top) / bottom
    if isinstance(side, Determinant):
        return sympy.Matrix(side.rows).det()
    if isinstance(side, (str, Diagram)):
        return None
    if isinstance(side, Label):
        return labels.get(side)
    if any(label not in labels for label in side.atoms(Label)):
        return None
    return side.xreplace(labels)


def _oracle_labels(problem, of, wrt):
    """∂s/∂x for every variable s that moves and every independent x (and
    ∂ⁿof/∂wrt prefixes), with the oracle's values."""
    labels = {}
    moving = set(problem.definitions) | set(problem.implicit) | set(problem.declarations)
    for s in moving:
        for x in problem.independent:
            try:
                labels[_target(s, (x,), problem)] = oracle_derivative(problem, s, (x,))
            except Exception:  # the oracle cannot do this one (e.g. a declared intermediate)
                continue
    for k in range(1, len(wrt) + 1):
        labels[_target(of, wrt[:k], problem)] = oracle_derivative(problem, of, wrt[:k])
    return labels


def _comparable(expr, problem, introduced):
    expr = expr.xreplace(introduced) if introduced else expr
    return concrete(full_substitution(problem, expr), problem)


def check_steps(text, of_name, wrt_names, case_of=None):
    problem = partials.parse(text, of=case_of)
    solution = problem.d(of_name, *wrt_names)
    problem, of, wrt = solution.problem, solution.of, solution.wrt
    steps = explain(solution)
    labels = _oracle_labels(problem, of, wrt)
    symbols = list(problem.independent) + list(problem.implicit)
    checked = 0
    for step in steps:
        for formula in step.formulas:
            values = [_evaluate(side, labels) for side in formula]
            values = [_comparable(v, problem, steps.introduced) for v in values if v is not None]
            if formula and isinstance(formula[0], Label) and formula[0] in labels and len(formula) > 1:
                pass  # the first side is a derivative with a value: every other side must equal it
            elif not any(isinstance(s, sympy.Basic) and s.atoms(Label) for s in formula[1:]) and not (
                    isinstance(formula[0], sympy.Basic) and formula[0].atoms(Label)):
                continue  # a definition or an equation of the problem: not an identity to check
            for a, b in zip(values, values[1:]):
                if step.on_surface:  # "use the equation x² + y² = 1": equal where it holds
                    assert equal_at(a, b, points_on_surface(problem)), f"{step.caption}: {formula}"
                else:
                    assert numerically_equal(a, b, symbols), f"{step.caption}: {formula}"
                checked += 1
    final = _comparable(steps[-1].formulas[-1][-1], problem, steps.introduced)
    expected = oracle_derivative(problem, of, wrt)
    if problem.implicit:
        assert equal_at(final, expected, points_on_surface(problem))
    else:
        assert numerically_equal(final, expected, symbols)
    return checked


@pytest.mark.parametrize("text, of, wrt, expected", GOLDEN, ids=[g[0] for g in GOLDEN])
def test_seed_steps_are_correct(text, of, wrt, expected):
    assert check_steps(text, of, wrt) >= 1


def _engine_targets():
    for _kind, text, targets, of in CASES:
        for target in targets:
            name, letters = target.split(":")
            wrt = [letters] if letters == "θ" else list(letters)
            if len(wrt) <= 2:
                yield pytest.param(text, name, tuple(wrt), of, id=f"{text} {target}")


@pytest.mark.parametrize("text, of, wrt, case_of", list(_engine_targets()))
def test_engine_problems_steps_are_correct(text, of, wrt, case_of):
    check_steps(text, of, wrt, case_of)


def test_a_wrong_step_is_caught():
    """The checker itself can fail: a chain with a wrong factor does not pass."""
    problem = partials.parse("z = u^2 ln v, u = y/x, v = x^2 + y^2")
    x = problem.independent[0]
    u, v = problem.intermediate
    labels = _oracle_labels(problem, problem.dependent[0], (x,))
    wrong = Chain(((2 * u * sympy.log(v), -problem.independent[1] / x**2), (u**2 / v, 3 * x)))
    value = _comparable(_evaluate(wrong, labels), problem, {})
    truth = oracle_derivative(problem, problem.dependent[0], (x,))
    assert not numerically_equal(value, truth, list(problem.independent))


MORE = [
    ("xu - yv = 0, yu + xv = 1, u = u(x,y), v = v(x,y)", "u", ("x",)),
    ("z = f(u,v), u = u(x,y), v = v(x,y)", "z", ("x", "y")),
    ("z = f(x+y, xy)", "z", ("x", "y")),
    ("w = u^2 + v^2, u = r cos θ, v = r sin θ", "w", ("θ",)),
    ("z = e^(uv), u = ln[√(x^2+y^2)], v = arctan(y/x)", "z", ("y",)),
]


@needs_latex
def test_steps_latex_compiles(tmp_path):
    parts = [steps_of(text, of, *wrt).latex for text, of, wrt, _ in GOLDEN]
    parts += [steps_of(text, of, *wrt).latex for text, of, wrt in MORE]
    result = compile_document("\n".join(parts), tmp_path, "steps")
    assert result.returncode == 0, result.stdout[-3000:]


def test_too_many_paths_are_written_node_by_node(monkeypatch):
    import partials.presentation.steps as steps_module

    monkeypatch.setattr(steps_module, "MAX_PATHS", 1)
    text = "z = u^2 ln v, u = y/x, v = x^2 + y^2"
    steps = steps_of(text, "z", "x")
    assert "3. By the chain rule, node by node (too many paths from z to x to write each one)" in steps.text
    assert "   ∂z/∂x = ∂z/∂u·∂u/∂x + ∂z/∂v·∂v/∂x" in steps.text
    assert check_steps(text, "z", ("x",)) >= 0


@pytest.mark.parametrize("text, of, wrt, expected", GOLDEN, ids=[g[0] for g in GOLDEN])
def test_ascii_steps_are_plain_ascii(text, of, wrt, expected):
    plain = steps_of(text, of, *wrt).render_text(ascii=True)
    assert plain.isascii(), [line for line in plain.splitlines() if not line.isascii()]
