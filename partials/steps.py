"""The chain-rule steps that lead to an answer, as a textbook shows them.

    steps = explain(solution)          # Steps: a list of Step
    print(steps.text)                  # numbered captions and formulas
    steps.latex                        # the same as a LaTeX enumerate
    explain(solution, lang="zh").text  # captions in Chinese (设, 由链式法则, …)

What is shown depends on the problem:

* explicit composites: the definitions, the dependency diagram
  (z → u, v → x, y), the chain rule with one term per path, every local
  partial, the substitution, and the result;
* one implicit equation: F, differentiating both sides, F_x and F_z, the
  rule −F_x/F_z, and the result;
* systems: the Jacobian determinant and Cramer's rule;
* second and higher orders: the steps of the previous order, then that result
  differentiated again with the first-order derivatives substituted back;
* the total differential (`explain_differential`): each partial, then dz.

Every formula is built from the problem's definitions and equations; the
final value is the engine's (`solution.expr`). Steps are data: formulas are
SymPy expressions or small display objects rendered by partials.printing.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import sympy
from sympy.core.function import AppliedUndef

from . import printing
from .chain import atom_derivative, local_partial
from .tidy import tidy
from .printing.notation import Label, derivative_notation
from .printing.text import GREEK

_GREEK_LATEX = {letter: "\\" + name + " " for name, letter in GREEK.items()}

MAX_PATHS = 12  # beyond this the chain rule is written node by node
MAX_SHOWN = 300  # characters: a longer unsimplified intermediate line is left out
_FRESH_NAMES = "uvwstpqrab"


# ---- data -----------------------------------------------------------------------
@dataclass(frozen=True)
class Step:
    """One step: a caption (English and Chinese) and formulas, each a tuple
    of sides joined by `=`."""

    caption: str
    caption_zh: str
    formulas: tuple = ()

    def caption_in(self, lang: str) -> str:
        return self.caption_zh if lang == "zh" else self.caption


@dataclass
class Steps:
    steps: list
    problem: object = None
    lang: str = "en"
    tree: tuple = field(default=())  # (node, children) pairs of the dependency tree
    introduced: dict = field(default_factory=dict)  # names given to arguments: {u: x² − y²}

    def __iter__(self):
        return iter(self.steps)

    def __len__(self) -> int:
        return len(self.steps)

    def __getitem__(self, index):
        return self.steps[index]

    def in_language(self, lang: str) -> "Steps":
        return Steps(self.steps, self.problem, lang, self.tree, self.introduced)

    @property
    def text(self) -> str:
        return self.render_text()

    @property
    def latex(self) -> str:
        return self.render_latex()

    def __str__(self) -> str:
        return self.text

    def render_text(self, ascii: bool = False, boxes: bool = False) -> str:
        """Numbered captions, each formula indented under its caption;
        `boxes` draws the dependency tree with box-drawing characters."""
        lines = []
        for number, step in enumerate(self.steps, start=1):
            caption = step.caption_in(self.lang)
            lines.append(f"{number}. {_ascii_caption(caption) if ascii else caption}")
            for formula in step.formulas:
                lines.append("   " + render_formula(formula, self.problem, "ascii" if ascii else "text"))
            if boxes and self.tree and step.formulas and isinstance(step.formulas[0][0], Diagram):
                lines += ["   " + line for line in draw_tree(self.tree)]
        return "\n".join(lines)

    def render_latex(self) -> str:
        lines = [r"\begin{enumerate}"]
        for step in self.steps:
            lines.append(r"\item " + _latex_caption(step.caption_in(self.lang)))
            for formula in step.formulas:
                lines.append(r"\[ " + render_formula(formula, self.problem, "latex") + r" \]")
        lines.append(r"\end{enumerate}")
        return "\n".join(lines)


# ---- display objects ------------------------------------------------------------------
@dataclass(frozen=True)
class Chain:
    """∂z/∂u·∂u/∂x + ∂z/∂v·∂v/∂x: a sum of products kept in the given order."""

    terms: tuple  # tuple of tuples of factors (SymPy expressions)


@dataclass(frozen=True)
class Quotient:
    """−(F_x)/(F_z) with both parts shown as they are, before simplifying."""

    numerator: object
    denominator: object
    negative: bool = True


@dataclass(frozen=True)
class Determinant:
    rows: tuple  # tuple of tuples of SymPy expressions


@dataclass(frozen=True)
class Differential:
    """dz = z_x dx + z_y dy."""

    terms: tuple  # (coefficient, variable) pairs


@dataclass(frozen=True)
class Diagram:
    """z → u, v → x, y (layered) or u → x, y, z; y → x, t (node by node)."""

    edges: tuple  # (node, children) pairs


def render_formula(formula, problem, style: str) -> str:
    """The sides joined by `=`; a side printed the same as the one before
    it (nothing left to simplify) is left out."""
    sides: list[str] = []
    for side in formula:
        printed = render(side, problem, style)
        if not sides or printed != sides[-1]:
            sides.append(printed)
    return " = ".join(sides)


def render(item, problem, style: str) -> str:
    if isinstance(item, Chain):
        return _render_chain(item, problem, style)
    if isinstance(item, Quotient):
        return _render_quotient(item, problem, style)
    if isinstance(item, Determinant):
        return _render_determinant(item, problem, style)
    if isinstance(item, Differential):
        return _render_differential(item, problem, style)
    if isinstance(item, Diagram):
        return _render_diagram(item, problem, style)
    if isinstance(item, str):
        return item
    if style == "latex":
        return printing.latex(item, problem)
    return printing.text(item, problem, ascii=style == "ascii")


def _factor(expr, problem, style) -> str:
    body = render(expr, problem, style)
    if isinstance(expr, sympy.Basic) and (expr.is_Add or (expr.could_extract_minus_sign() and not expr.is_Number)):
        return rf"\left({body}\right)" if style == "latex" else f"({body})"
    if isinstance(expr, sympy.Basic) and expr.is_Number and expr < 0:
        return rf"\left({body}\right)" if style == "latex" else f"({body})"
    if style != "latex" and isinstance(expr, sympy.Basic) and expr.is_Mul and "/" in body:
        return f"({body})"
    return body


def _render_chain(chain: Chain, problem, style) -> str:
    times = {"text": "·", "ascii": "*", "latex": r" \cdot "}[style]
    terms = [times.join(_factor(f, problem, style) for f in term) for term in chain.terms]
    return " + ".join(terms) if terms else "0"


def _render_quotient(q: Quotient, problem, style) -> str:
    sign = ("-" if style != "text" else "−") if q.negative else ""
    if style == "latex":
        return rf"{sign}\frac{{{render(q.numerator, problem, style)}}}{{{render(q.denominator, problem, style)}}}"
    top, bottom = render(q.numerator, problem, style), render(q.denominator, problem, style)
    if not _is_simple(q.numerator):
        top = f"({top})"
    if not _is_simple(q.denominator):
        bottom = f"({bottom})"
    return f"{sign}{top}/{bottom}"


def _is_simple(expr) -> bool:
    if isinstance(expr, Determinant):
        return True
    return bool(isinstance(expr, sympy.Basic) and (expr.is_Symbol or isinstance(expr, (Label, sympy.Subs))
                                                   or (expr.is_Integer and expr >= 0)))


def _render_determinant(d: Determinant, problem, style) -> str:
    if style == "latex":
        rows = r" \\ ".join(" & ".join(render(e, problem, style) for e in row) for row in d.rows)
        return rf"\begin{{vmatrix}} {rows} \end{{vmatrix}}"
    rows = "; ".join("  ".join(render(e, problem, style) for e in row) for row in d.rows)
    return f"|{rows}|"


def _render_differential(d: Differential, problem, style) -> str:
    parts = []
    for coefficient, var in d.terms:
        name = render(var, problem, style)
        differential = rf"\,\mathrm{{d}}{name}" if style == "latex" else f" d{name}"
        if coefficient == 1:
            parts.append(differential.lstrip(" ").replace(r"\,", ""))
        else:
            parts.append(_factor(coefficient, problem, style) + differential)
    return " + ".join(parts) if parts else "0"


def _render_diagram(diagram: Diagram, problem, style) -> str:
    arrow = {"text": " → ", "ascii": " -> ", "latex": r" \to "}[style]
    name = (lambda s: printing.latex(s)) if style == "latex" else (lambda s: printing.text(s, ascii=style == "ascii"))
    layers = _layers(diagram.edges)
    if layers is not None:
        return arrow.join(", ".join(name(n) for n in layer) for layer in layers)
    separator = r";\quad " if style == "latex" else "; "
    return separator.join(name(node) + arrow + ", ".join(name(c) for c in children)
                          for node, children in diagram.edges)


def _layers(edges):
    """[[z], [u, v], [x, y]] when every node of a layer depends on exactly
    the next layer (the textbook's chain diagram), else None."""
    children = dict(edges)
    if not edges:
        return None
    layers = [[edges[0][0]]]
    while True:
        sets = [tuple(children.get(n, ())) for n in layers[-1]]
        if not any(sets):
            return layers
        if any(set(s) != set(sets[0]) for s in sets):
            return None
        layers.append(list(sets[0]))


def draw_tree(edges) -> list[str]:
    """The dependency tree with box-drawing characters (terminal only)."""
    children = dict(edges)
    lines = [printing.text(edges[0][0])] if edges else []

    def walk(node, prefix):
        kids = children.get(node, ())
        for index, kid in enumerate(kids):
            last = index == len(kids) - 1
            lines.append(prefix + ("└── " if last else "├── ") + printing.text(kid))
            walk(kid, prefix + ("    " if last else "│   "))

    if edges:
        walk(edges[0][0], "")
    return lines


_CAPTION_MATH = {
    "∂": r"\partial ", "−": "-", "·": r"\cdot ", "→": r"\to ", "√": r"\surd ", "Σ": r"\sum ",
    "′": "'", "″": "''", "…": r"\ldots ", "²": "^{2}", "³": "^{3}",
    "₁": "_{1}", "₂": "_{2}", "₃": "_{3}",
}


_CAPTION_ASCII = str.maketrans({
    "∂": "d", "−": "-", "·": "*", "→": "->", "′": "'", "″": "''", "…": "...", "Σ": "sum ",
    "²": "^2", "³": "^3", "₁": "_1", "₂": "_2", "₃": "_3", "√": "sqrt",
})


def _ascii_caption(caption: str) -> str:
    return caption.translate(_CAPTION_ASCII)


def _latex_caption(caption: str) -> str:
    """A caption as LaTeX text: special characters escaped, the mathematical
    signs it may contain (∂, −, ², f₁′) set in math mode. Chinese captions
    need a CJK-capable engine (xelatex with xeCJK)."""
    out = []
    for char in caption:
        if char in "&%#_{}$":
            out.append("\\" + char)
        elif char == "\\":
            out.append(r"\textbackslash{}")
        elif char in _CAPTION_MATH:
            out.append(f"${_CAPTION_MATH[char]}$")
        elif char in _GREEK_LATEX:
            out.append(f"${_GREEK_LATEX[char]}$")
        else:
            out.append(char)
    return "".join(out).replace("$$", "")


# ---- entry points -----------------------------------------------------------------------
def explain(solution, lang: str = "en") -> Steps:
    """The steps that lead to `solution` (a partials.solution.Solution)."""
    return explain_derivative(solution.problem, solution.of, solution.wrt, solution.expr, lang)


def explain_derivative(problem, of, wrt, result, lang: str = "en") -> Steps:
    """Like `explain`, from the parts of a solution."""
    steps, tree = _explain(problem, of, tuple(wrt), result)
    return Steps(steps, problem, lang, tree, _Graph(problem).introduced)


def explain_differential(problem, of, partials: dict, lang: str = "en", point: dict | None = None) -> Steps:
    """dz = z_x dx + z_y dy: each partial, then dz (and its value at `point`).

    partials -- {independent variable: ∂of/∂variable}, in order."""
    steps = [Step(
        "The partial derivatives",
        "先求偏导数",
        tuple((_target(of, (x,), problem), value) for x, value in partials.items()),
    )]
    terms = tuple((value, x) for x, value in partials.items())
    steps.append(Step(
        "The total differential is dz = Σ ∂z/∂x·dx",
        "全微分 dz = Σ ∂z/∂x·dx",
        ((Label(f"d{of}", f"d{of}", rf"\mathrm{{d}}{printing.latex(of)}"), Differential(terms)),),
    ))
    if point:
        at = tuple((sympy.simplify(value.subs(point)), x) for value, x in terms)
        where = ", ".join(f"{k} = {v}" for k, v in point.items())
        steps.append(Step(f"At the point {where}", f"在点 {where} 处",
                          ((Label(f"d{of}", f"d{of}", rf"\mathrm{{d}}{printing.latex(of)}"), Differential(at)),)))
    return Steps(steps, problem, lang)


def _explain(problem, of, wrt, result):
    if len(wrt) > 1:
        return _explain_higher(problem, of, wrt, result)
    x = wrt[0]
    if of in getattr(problem, "implicit", ()):
        if len(problem.equations) == 1:
            return _explain_implicit(problem, of, x, result), ()
        return _explain_system(problem, of, x, result), ()
    return _explain_composite(problem, of, x, result)


# ---- explicit composites ------------------------------------------------------------------
class _Graph:
    """The definitions as a graph, with the non-variable arguments of abstract
    calls given names of their own (z = y/f(x²−y²) becomes z = y/f(u),
    u = x² − y²), as textbooks do before applying the chain rule."""

    def __init__(self, problem):
        self.problem = problem
        self.definitions = dict(problem.definitions)
        self.introduced: dict = {}
        self._name_arguments()
        self.declared = {d: args for d, args in problem.declarations.items() if d not in self.definitions}
        self._reachable: dict = {}

    def _name_arguments(self):
        used = {str(s) for s in self.problem.variables} | set(self.problem.functions) \
            | {str(s) for s in self.problem.implicit}
        fresh = (c for c in _FRESH_NAMES if c not in used)
        names: dict = {}
        for node, rhs in list(self.definitions.items()):
            replacements = {}
            for call in _top_calls(rhs):
                if not _is_function_call(call, self.problem):
                    continue
                new_args = []
                for arg in call.args:
                    if arg.is_Symbol:
                        new_args.append(arg)
                        continue
                    if arg not in names:
                        name = next(fresh, None)
                        if name is None:
                            return
                        names[arg] = sympy.Symbol(name, real=True)
                    new_args.append(names[arg])
                replacements[call] = call.func(*new_args)
            if replacements:
                self.definitions[node] = rhs.xreplace(replacements)
        self.introduced = {symbol: arg for arg, symbol in names.items()}
        self.definitions.update(self.introduced)

    def children(self, node) -> tuple:
        """What a node is computed from: the arguments of an abstract call in
        their order (u = f(x, y, z)), else the independent variables first,
        then the intermediates in the order they are defined."""
        if node in self.definitions:
            rhs = self.definitions[node]
            if isinstance(rhs, AppliedUndef) and all(a.is_Symbol for a in rhs.args):
                return tuple(dict.fromkeys(rhs.args))
            return tuple(sorted(_variables_in_order(rhs), key=self._rank))
        return tuple(self.declared.get(node, ()))

    def _rank(self, name):
        order = list(self.problem.independent) + list(self.definitions) + list(self.declared) \
            + list(self.problem.implicit)
        return order.index(name) if name in order else len(order)

    def edges(self, top) -> tuple:
        order, seen = [], set()

        def visit(node):
            if node in seen:
                return
            seen.add(node)
            kids = self.children(node)
            if kids:
                order.append((node, kids))
            for kid in kids:
                visit(kid)

        visit(top)
        return tuple(order)

    def paths(self, top, x, limit):
        found = []

        def walk(node, path):
            if len(found) > limit:
                return
            if node == x:
                found.append(path)
                return
            for kid in self.children(node):
                walk(kid, path + [kid])

        walk(top, [top])
        return found

    def reaches(self, node, x) -> bool:
        return x in self.reachable(node)

    def reachable(self, node) -> frozenset:
        """Every name `node` depends on, itself included (memoized: linear in the edges)."""
        if node not in self._reachable:
            found = {node}
            for kid in self.children(node):
                found |= self.reachable(kid)
            self._reachable[node] = frozenset(found)
        return self._reachable[node]

    def local(self, node, child):
        """∂node/∂child holding the node's other children fixed."""
        if node in self.definitions:
            return tidy(local_partial(self.definitions[node], child))
        return sympy.Derivative(sympy.Function(str(node), real=True)(*self.declared[node]), child)

    def label(self, node, child):
        """The name of a local partial: ∂z/∂u, dz/du, ∂f/∂x (z = f(x, …)),
        or ∂/∂y[y/f(u)] where ∂z/∂y alone would read as the total derivative."""
        ordinary = len(self.children(node)) == 1
        rhs = self.definitions.get(node)
        if rhs is not None and isinstance(rhs, AppliedUndef) and all(a.is_Symbol for a in rhs.args):
            return _leibniz_label(rhs.func.__name__, [child], ordinary)
        others = [c for c in self.children(node) if c != child]
        if rhs is not None and any(self.reaches(c, child) for c in others):
            return Label(
                f"∂/∂{printing.text(child)}[{printing.text(rhs, self.problem)}]",
                f"d/d{printing.text(child, ascii=True)}[{printing.text(rhs, self.problem, ascii=True)}]",
                rf"\frac{{\partial}}{{\partial {printing.latex(child)}}}\left[{printing.latex(rhs, self.problem)}\right]",
                leibniz=True,
            )
        return _leibniz_label(str(node), [str(child)], ordinary)


def _explain_composite(problem, of, x, result):
    graph = _Graph(problem)
    target = _target(of, (x,), problem)
    steps = [_definitions_step(problem, graph)]
    edges = graph.edges(of)
    steps.append(Step("The variables depend on each other as", "变量之间的依赖关系", ((Diagram(edges),),)))
    paths = graph.paths(of, x, MAX_PATHS)
    if not paths:
        steps.append(Step(f"{of} does not depend on {x}", f"{of} 与 {x} 无关", ((target, sympy.S.Zero),)))
        return steps, edges
    if paths == [[of, x]] and not graph.introduced:
        steps.append(Step(f"Differentiate with respect to {x}, the other variables held fixed",
                          f"对 {x} 求偏导（其余变量视为常数）", ((target, result),)))
        return steps, edges
    if len(paths) > MAX_PATHS:
        steps += _node_by_node(graph, of, x, target, result)
        return steps, edges
    labels = tuple(tuple(graph.label(a, b) for a, b in zip(p, p[1:])) for p in paths)
    steps.append(Step(f"By the chain rule, one term for each path from {of} to {x}",
                      f"由链式法则（{of} 到 {x} 的每条路径一项）", ((target, Chain(labels)),)))
    local = {}
    for path in paths:
        for a, b in zip(path, path[1:]):
            if (a, b) not in local:
                local[(a, b)] = graph.local(a, b)
    shown = tuple((graph.label(a, b), value) for (a, b), value in local.items()
                  if not _is_own_notation(a, b, value, graph))
    if shown:
        steps.append(Step("The partial derivatives along the edges", "各个偏导数", shown))
    values = tuple(tuple(local[(a, b)] for a, b in zip(p, p[1:])) for p in paths)
    substituted = Chain(values)
    if graph.introduced:
        steps.append(Step("Substitute them", "代入", ((target, substituted),)))
        back = ", ".join(f"{printing.text(k)} = {printing.text(v, problem)}" for k, v in graph.introduced.items())
        steps.append(Step(f"Put back {back} and simplify", f"代回 {back} 并化简", ((target, result),)))
    else:
        steps.append(Step("Substitute them and simplify", "代入并化简", ((target, substituted, result),)))
    return steps, edges


def _is_own_notation(node, child, value, graph) -> bool:
    """∂u/∂x = ∂u/∂x for an abstract intermediate says nothing: not shown."""
    return node in graph.declared


def _node_by_node(graph, of, x, target, result):
    """Too many paths to write out: one chain-rule line per node (forward
    accumulation, as many terms as edges), then the local partials."""
    formulas, local = [], {}
    for node, kids in reversed(graph.edges(of)):
        kids = [k for k in kids if graph.reaches(k, x)]
        if not kids:
            continue
        terms = tuple((graph.label(node, k), _leibniz_label(str(k), [str(x)], False)) if k != x
                      else (graph.label(node, k),) for k in kids)
        for k in kids:
            local.setdefault((node, k), graph.local(node, k))
        total = _leibniz_label(str(node), [str(x)], False)
        if len(terms) == 1 and len(terms[0]) == 1 and terms[0][0] == total:
            continue  # ∂u/∂x = ∂u/∂x: no chain through this node
        formulas.append((total, Chain(terms)))
    shown = tuple((graph.label(a, b), value) for (a, b), value in local.items()
                  if not _is_own_notation(a, b, value, graph))
    steps = [Step(f"By the chain rule, node by node (too many paths from {of} to {x} to write each one)",
                  f"由链式法则逐个节点求导（{of} 到 {x} 的路径太多）", tuple(formulas))]
    if shown:
        steps.append(Step("The partial derivatives along the edges", "各个偏导数", shown))
    steps.append(Step("Put the pieces together and simplify", "合并并化简", ((target, result),)))
    return steps


def _definitions_step(problem, graph) -> Step:
    formulas = [(node, rhs) for node, rhs in problem.definitions.items()]
    formulas += [(node, _call_label(node, args)) for node, args in graph.declared.items()]
    caption, caption_zh = "The problem", "题设"
    if graph.introduced:
        formulas += [(node, rhs) for node, rhs in graph.definitions.items()
                     if node in problem.definitions and rhs != problem.definitions[node]]
        names = ", ".join(f"{printing.text(k)} = {printing.text(v, problem)}" for k, v in graph.introduced.items())
        caption, caption_zh = f"The problem; let {names}", f"题设；令 {names}"
    return Step(caption, caption_zh, tuple(formulas))


# ---- implicit functions ---------------------------------------------------------------
def _explain_implicit(problem, z, x, result):
    equation = problem.equations[0]
    relation = _relation_of(problem, equation)
    F = _helper_name(problem)
    variables = [v for v in problem.independent] + [z]
    F_call = Label(f"{F}({', '.join(printing.text(v) for v in variables)})",
                   f"{F}({', '.join(printing.text(v, ascii=True) for v in variables)})",
                   rf"{F}\left({', '.join(printing.latex(v) for v in variables)}\right)")
    Z = _leibniz_label(str(z), [str(x)], False)
    zx = printing.text(z) + " = " + printing.text(z) + "(" + ", ".join(printing.text(v) for v in problem.independent) + ")"
    steps = [Step(f"The equation defines {zx}; write it as {F} = 0 with",
                  f"方程确定隐函数 {zx}；设", ((relation.lhs, relation.rhs), (F_call, equation)))]
    lhs = _total(relation.lhs, x, z, Z)
    rhs = _total(relation.rhs, x, z, Z)
    steps.append(Step(f"Differentiate both sides with respect to {x}, remembering {zx}",
                      f"两边对 {x} 求偏导（{zx}）", ((lhs, rhs),)))
    Fx, Fz = tidy(local_partial(equation, x)), tidy(local_partial(equation, z))
    label_x, label_z = _subscript_label(F, x), _subscript_label(F, z)
    steps.append(Step(f"The partial derivatives of {F}, with {', '.join(map(str, variables))} independent",
                      f"求 {F} 的偏导数（把 {', '.join(map(str, variables))} 看作自变量）",
                      ((label_x, Fx), (label_z, Fz))))
    steps.append(Step("By the implicit function rule", "由隐函数求导公式",
                      ((_target(z, (x,), problem), Quotient(label_x, label_z)),)))
    steps.append(Step("Substitute and simplify", "代入并化简",
                      ((_target(z, (x,), problem), Quotient(Fx, Fz), result),)))
    return steps


def _total(expr, x, z, Z):
    """d/dx of one side of an equation with z = z(x, …), ∂z/∂x written Z;
    a single abstract call keeps its inner derivatives in brackets:
    F₁′·(z + y·∂z/∂y) + F₂′·(1 + x·∂z/∂y)."""
    if isinstance(expr, AppliedUndef):
        terms = []
        for position, argument in enumerate(expr.args, start=1):
            inner = local_partial(argument, x) + local_partial(argument, z) * Z
            if inner != 0:
                terms.append(sympy.Mul(atom_derivative(expr, position), inner, evaluate=False))
        return sympy.Add(*terms, evaluate=False) if len(terms) > 1 else (terms[0] if terms else sympy.S.Zero)
    return local_partial(expr, x) + local_partial(expr, z) * Z


# ---- systems ------------------------------------------------------------------------------
def _explain_system(problem, u, x, result):
    unknowns = list(problem.implicit)
    names = _helper_names(problem, len(problem.equations))
    steps = [Step("Write the equations as", "把方程组写成",
                  tuple((_call_label(n, list(problem.independent) + unknowns), eq)
                        for n, eq in zip(names, problem.equations)))]
    table = {(n, v): tidy(local_partial(eq, v)) for n, eq in zip(names, problem.equations) for v in unknowns + [x]}
    steps.append(Step("Their partial derivatives", "各偏导数",
                      tuple((_subscript_label(n, v), value) for (n, v), value in table.items())))
    rows = tuple(tuple(table[(n, v)] for v in unknowns) for n in names)
    J = tidy(sympy.Matrix(rows).det())
    J_name = Label("J", "J", "J")
    steps.append(Step("The Jacobian determinant (it must not be zero)", "雅可比行列式（不为零）",
                      ((J_name, _jacobian_label(names, unknowns), Determinant(rows), J),)))
    column = unknowns.index(u)
    replaced = tuple(tuple(table[(n, x)] if k == column else table[(n, v)] for k, v in enumerate(unknowns))
                     for n in names)
    replaced_vars = [x if k == column else v for k, v in enumerate(unknowns)]
    rule = _jacobian_label(names, replaced_vars, prefix="−(1/J)·")
    steps.append(Step(f"By Cramer's rule (the column of {u} replaced by the derivatives by {x})",
                      f"由克拉默法则（把 {u} 所在的列换成对 {x} 的偏导数）",
                      ((_target(u, (x,), problem), rule, Quotient(Determinant(replaced), J), result),)))
    return steps


def _jacobian_label(names, variables, prefix="") -> Label:
    top, bottom = ", ".join(names), ", ".join(printing.text(v) for v in variables)
    ascii_prefix = prefix.replace("−", "-").replace("·", "*")
    latex_prefix = r"-\frac{1}{J} \cdot " if prefix else ""
    return Label(f"{prefix}∂({top})/∂({bottom})", f"{ascii_prefix}d({top})/d({bottom})",
                 latex_prefix + rf"\frac{{\partial ({top})}}{{\partial ({', '.join(printing.latex(v) for v in variables)})}}")


# ---- higher orders ------------------------------------------------------------------------
def _explain_higher(problem, of, wrt, result):
    previous = problem.d(of, *wrt[:-1])
    steps, tree = _explain(problem, of, wrt[:-1], previous.expr)
    x = wrt[-1]
    first = _target(of, wrt[:-1], problem)
    target = _target(of, wrt, problem)
    E = previous.expr
    moving = [s for s in _variables_in_order(E) if s not in problem.independent]
    rates = {s: _target(s, (x,), problem) for s in moving}
    differentiated = local_partial(E, x) + sum((local_partial(E, s) * rates[s] for s in moving), sympy.S.Zero)
    head = Label(f"∂/∂{printing.text(x)}({first.text})", f"d/d{printing.text(x, ascii=True)}({first.ascii})",
                 rf"\frac{{\partial}}{{\partial {printing.latex(x)}}}\left({first.latex}\right)")
    if not moving:
        steps.append(Step(f"Differentiate {first.text} again, with respect to {x}",
                          f"再对 {x} 求偏导", ((target, head, differentiated, result),)))
        return steps, tree
    names = ", ".join(map(str, moving))
    verb = "depends" if len(moving) == 1 else "depend"
    long = len(printing.text(differentiated, problem)) > MAX_SHOWN
    steps.append(Step(f"Differentiate {first.text} again, with respect to {x}; {names} {verb} on {x}",
                      f"再对 {x} 求偏导（{names} 是 {x} 的函数）",
                      ((target, head) if long else (target, head, differentiated),)))
    # abstract intermediates (u = u(x, y)) keep their ∂u/∂y: nothing to substitute
    known = [s for s in moving if not _is_abstract_intermediate(problem, s)]
    values = {rates[s]: problem.d(s, x).expr for s in known}
    shown = tuple((rates[s], values[rates[s]]) for s in known)
    substituted = differentiated.xreplace(values)
    if not known:
        steps.append(Step("Simplify", "化简", ((target, result),)))
        return steps, tree
    back = ", ".join(rates[s].text for s in known)
    last = (target, result) if long else (target, substituted, result)  # too long to read: just the result
    steps.append(Step(f"Substitute {back} back and simplify", f"代回 {back} 并化简", shown + (last,)))
    return steps, tree


def _is_abstract_intermediate(problem, name) -> bool:
    return name in problem.declarations and name not in problem.definitions and name not in problem.implicit


# ---- helpers ------------------------------------------------------------------------------
def _target(of, wrt, problem) -> Label:
    wrt = [str(w) for w in wrt]
    ordinary = problem is not None and len(getattr(problem, "independent", ())) == 1
    return _leibniz_label(str(of), wrt, ordinary)


def _latex_target(of, wrt, problem) -> str:
    return _target(of, wrt, problem).latex


def _leibniz_label(of: str, wrt, ordinary: bool) -> Label:
    printer = printing.TextPrinter()
    return Label(derivative_notation(of, wrt, "text", ordinary, printer),
                 derivative_notation(of, wrt, "ascii", ordinary, printing.TextPrinter({"ascii": True})),
                 derivative_notation(of, wrt, "latex", ordinary, printing.LatexPrinter()),
                 leibniz=True)


def _subscript_label(name: str, variable) -> Label:
    v = printing.text(variable)
    return Label(f"{name}_{v}", f"{name}_{printing.text(variable, ascii=True)}",
                 f"{name}_{{{printing.latex(variable)}}}")


def _call_label(name, args) -> Label:
    """u(x, y) for the declaration u = u(x, y)."""
    symbol = sympy.Symbol(name) if isinstance(name, str) else name
    return Label(f"{printing.text(symbol)}({', '.join(printing.text(a) for a in args)})",
                 f"{printing.text(symbol, ascii=True)}({', '.join(printing.text(a, ascii=True) for a in args)})",
                 rf"{printing.latex(symbol)}\left({', '.join(printing.latex(a) for a in args)}\right)")


def _helper_name(problem) -> str:
    return _helper_names(problem, 1)[0]


def _helper_names(problem, count) -> list[str]:
    taken = set(problem.functions) | {str(s) for s in problem.variables}
    return [n for n in ("F", "G", "H", "Φ", "Ψ", "K", "L", "M") if n not in taken][:count]


def _relation_of(problem, equation):
    for relation in problem.relations:
        if relation.kind != "declaration" and sympy.expand(relation.as_zero - equation) == 0:
            return relation
    from .problem import Relation

    return Relation("equation", equation, sympy.S.Zero)


def _top_calls(expr) -> list:
    found, stack = [], [expr]
    while stack:
        node = stack.pop()
        if isinstance(node, AppliedUndef):
            found.append(node)
        elif not isinstance(node, (sympy.Subs, sympy.Derivative)):
            stack.extend(node.args)
    return found


def _is_function_call(call, problem) -> bool:
    return call.func.__name__ in problem.functions


def _variables_in_order(expr) -> list:
    """Variables of an expression in the order they are written (u, v in
    u² ln v), argument slots left out."""
    ordered: list = []
    for node in sympy.preorder_traversal(expr):
        if isinstance(node, sympy.Symbol) and not node.name.startswith("_") and node not in ordered:
            ordered.append(node)
    return ordered
