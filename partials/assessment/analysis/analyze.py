"""The analysis of f(x, y) at a point: value, limit, continuity, f_x and
f_y by the definition, differentiability (with dz), continuity of the
partials, f_xy = (f_x)_y and f_yx = (f_y)_x, directional derivatives.
Every verdict carries its certificate; the report is checked against the
implications (偏导连续 ⇒ 可微 ⇒ 连续, 可微 ⇒ 偏导存在) before it is returned."""
from __future__ import annotations

import time
from dataclasses import dataclass, field

import sympy

from partials.core.symbols import variable
from partials.assessment.analysis.deadline import property_deadline
from partials.assessment.analysis.definition import partial_by_definition
from partials.assessment.analysis.limit2d import limit_at_origin
from partials.assessment.analysis.neighbourhood import Neighbourhood, default_point, neighbourhood
from partials.assessment.analysis.onevar import FINITE, INFINITE, OSCILLATES, S, TwoSided, right_limit
from partials.assessment.analysis.reading import read_function
from partials.assessment.analysis.structure import nonvanishing_on_circle, regular_at, weighted_degree
from partials.assessment.analysis.verdicts import DEFINITION, RANK, THEOREM, Finding, undecided

U, V = variable("Δx"), variable("Δy")
PROPERTIES = ("limit", "continuous", "fx", "fy", "differentiable", "partials_continuous", "fxy", "fyx",
              "directional")


@dataclass
class Report:
    neighbourhood: Neighbourhood
    findings: dict = field(default_factory=dict)
    direction: tuple | None = None
    seconds: dict = field(default_factory=dict)

    @property
    def point(self):
        return self.neighbourhood.point

    def undecided(self) -> list:
        return [name for name, finding in self.findings.items()
                if not finding.decided and not (name == "directional" and self.direction is None)]


def analyze(text: str, point=None, direction=None) -> Report:
    function = read_function(text)
    point = tuple(point) if point is not None else default_point(function)
    n = neighbourhood(function, point)
    report = Report(n, direction=direction)
    _Analysis(n, report).run()
    check_implications(report)
    return report


class _Analysis:
    def __init__(self, n: Neighbourhood, report: Report):
        self.n, self.report = n, report
        a, b = n.point
        self.shift = {n.x: a + U, n.y: b + V}
        self.g = n.generic.subs(self.shift, simultaneous=True)
        self.thin = n.thin_axes()
        self.smooth = (not self.thin and n.value is not None and regular_at(n.generic, {n.x: a, n.y: b})
                       and sympy.simplify(n.generic.subs({n.x: a, n.y: b}) - n.value) == 0)

    def run(self):
        for name in PROPERTIES:
            started = time.perf_counter()
            try:
                with property_deadline():
                    finding = getattr(self, name)()
            except RecursionError:
                finding = undecided("too deep to analyse", "表达式嵌套过深")
            self.report.findings[name] = finding
            self.report.seconds[name] = time.perf_counter() - started

    @property
    def found(self):
        return self.report.findings

    def _names(self):
        return (str(self.n.x), str(self.n.y))

    # ---- limit and continuity -------------------------------------------------
    def limit(self) -> Finding:
        n = self.n
        main = limit_at_origin(self.g, U, V, n.point, self._names(), avoid=self.thin)
        if main.verdict is not True or not self.thin:
            return main
        for (axis, sign), expr in n.rays.items():
            if expr == n.generic:
                continue
            a, b = n.point
            moved = {n.x: a + sign * S, n.y: b} if axis == "x" else {n.x: a, n.y: b + sign * S}
            outcome = right_limit(expr.subs(moved, simultaneous=True))
            where = f"the half-axis {'x' if axis == 'x' else 'y'} {'→' if sign > 0 else '←'}"
            if outcome.status in (INFINITE, OSCILLATES) or (
                    outcome.status == FINITE and abs((outcome.value - main.value).evalf(30)) > 1e-25):
                return Finding(False, None, "paths", f"{main.en}; but on {where} f = {expr} tends to "
                               f"{outcome.value if outcome.status == FINITE else 'no limit'}",
                               f"{main.zh}；但在 {where} 上 f = {expr} 的极限为 "
                               f"{outcome.value if outcome.status == FINITE else '不存在'}")
            if outcome.status != FINITE:
                return undecided(f"the limit of f = {expr} on {where} could not be computed",
                                 f"{where} 上 f = {expr} 的极限无法求出")
        return Finding(True, main.value, main.kind, f"{main.en}; on the axes f tends to {main.value} too",
                       f"{main.zh}；在坐标轴上 f 的极限也是 {main.value}")

    def continuous(self) -> Finding:
        n, limit = self.n, self.found["limit"]
        at = f"{n.function.name}({n.point[0]}, {n.point[1]})"
        if n.value is None:
            return Finding(False, None, DEFINITION, f"{at} is not defined", f"{at} 无定义")
        if limit.verdict is None:
            return undecided("the limit is undecided", "极限未能判定", limit.tried)
        if limit.verdict is False:
            return Finding(False, None, limit.kind, f"the limit does not exist ({limit.en})",
                           f"极限不存在（{limit.zh}）")
        if sympy.simplify(limit.value - n.value) == 0:
            return Finding(True, None, limit.kind, f"the limit {limit.value} equals {at} = {n.value}",
                           f"极限 {limit.value} 等于 {at} = {n.value}")
        return Finding(False, None, limit.kind, f"the limit {limit.value} is not {at} = {n.value}",
                       f"极限 {limit.value} 不等于 {at} = {n.value}")

    # ---- first partials ---------------------------------------------------------
    def fx(self) -> Finding:
        return partial_by_definition(self.n, "x")

    def fy(self) -> Finding:
        return partial_by_definition(self.n, "y")

    # ---- differentiability ------------------------------------------------------
    def differentiable(self) -> Finding:
        fx, fy = self.found["fx"], self.found["fy"]
        if fx.verdict is False or fy.verdict is False:
            which = "f_x" if fx.verdict is False else "f_y"
            return Finding(False, None, THEOREM, f"{which} does not exist there (可微 ⇒ 偏导存在)",
                           f"{which} 在该点不存在（可微 ⇒ 偏导数存在）")
        if self.found["continuous"].verdict is False:
            return Finding(False, None, THEOREM, "f is not continuous there (可微 ⇒ 连续)", "f 在该点不连续（可微 ⇒ 连续）")
        if fx.verdict is None or fy.verdict is None:
            return undecided("a first partial is undecided", "一阶偏导数未能判定")
        A, B = fx.value, fy.value
        if self.smooth:
            return Finding(True, (A, B), THEOREM, "the formula is smooth there (its partials are continuous)",
                           "该表达式在该点光滑（偏导数连续）")
        f0 = self.n.value
        remainder = (self.g - f0 - A * U - B * V) / sympy.sqrt(U ** 2 + V ** 2)
        limit = limit_at_origin(remainder, U, V, self.n.point, self._names(), avoid=self.thin, name="R")
        shown = f"R = [Δf − ({A})Δx − ({B})Δy]/ρ"
        if limit.verdict is True and limit.value == 0:
            return Finding(True, (A, B), limit.kind, f"{shown} → 0: {limit.en}", f"{shown} → 0：{limit.zh}")
        if limit.verdict is True:
            return Finding(False, None, limit.kind, f"{shown} → {limit.value} ≠ 0: {limit.en}",
                           f"{shown} → {limit.value} ≠ 0：{limit.zh}")
        if limit.verdict is False:
            return Finding(False, None, limit.kind, f"{shown} has no limit: {limit.en}",
                           f"{shown} 的极限不存在：{limit.zh}")
        return undecided(f"{shown}: {limit.en}", f"{shown}：{limit.zh}", limit.tried)

    # ---- continuity of the partials ---------------------------------------------
    def partials_continuous(self) -> Finding:
        d = self.found["differentiable"]
        if d.verdict is False:
            return Finding(False, None, THEOREM, "f is not differentiable there (偏导连续 ⇒ 可微)",
                           "f 在该点不可微（偏导数连续 ⇒ 可微）")
        if self.smooth:
            return Finding(True, None, THEOREM, "the formula is smooth there", "该表达式在该点光滑")
        if d.verdict is None:
            return undecided("differentiability is undecided", "可微性未能判定")
        A, B = d.value
        whole = not self.thin and self._smooth_off_point()
        for name, by, value in (("f_x", U, A), ("f_y", V, B)):
            partial = sympy.diff(self.g, by)
            limit = limit_at_origin(partial, U, V, self.n.point, self._names(),
                                    avoid=("u", "v") if not whole else (), name=name)
            if limit.verdict is False or (limit.verdict is True and abs((limit.value - value).evalf(30)) > 1e-25):
                how = "has no limit" if limit.verdict is False else f"tends to {limit.value} ≠ {value}"
                return Finding(False, None, limit.kind, f"{name} = {partial.subs({U: 'Δx'})} {how}: {limit.en}",
                               f"{name} 的极限{'不存在' if limit.verdict is False else f'为 {limit.value} ≠ {value}'}："
                               f"{limit.zh}")
            if limit.verdict is None or not whole:
                return undecided(f"the limit of {name} near the point is undecided", f"{name} 在该点附近的极限未能判定",
                                 limit.tried)
        return Finding(True, None, "bound", f"f_x → {A} and f_y → {B} at the point", f"f_x → {A}，f_y → {B}")

    def _smooth_off_point(self) -> bool:
        """Every non-smooth part of g is non-smooth at the point only."""
        for node in sympy.preorder_traversal(self.g):
            base = None
            if isinstance(node, sympy.Pow) and not (node.exp.is_Integer and node.exp > 0):
                base = node.base
            elif isinstance(node, (sympy.Abs, sympy.sign)) or type(node).__name__ == "RealCubeRoot":
                base = node.args[0]
            elif isinstance(node, sympy.Function) and not isinstance(node, (sympy.sin, sympy.cos, sympy.exp,
                                                                            sympy.atan, sympy.sinh, sympy.cosh)):
                return False
            if base is None or not base.has(U, V):
                continue
            if base.subs({U: 0, V: 0}) != 0:
                if regular_at(node, {U: 0, V: 0}):
                    continue
                return False
            if not nonvanishing_on_circle(base, U, V):
                return False
        return True

    # ---- second partials at the point ----------------------------------------------
    def fxy(self) -> Finding:
        return self._mixed("fx", U, V, "u")

    def fyx(self) -> Finding:
        return self._mixed("fy", V, U, "v")

    def _mixed(self, first_name, first, second, line) -> Finding:
        first_partial = self.found[first_name]
        order = ("f_xy = (f_x)_y: by x first, then by y" if first == U else "f_yx = (f_y)_x: by y first, then by x")
        order_zh = ("f_xy = (f_x)_y：先对 x 求偏导，再对 y" if first == U else "f_yx = (f_y)_x：先对 y 求偏导，再对 x")
        if first_partial.verdict is False:
            return Finding(False, None, THEOREM, f"{order}; {first_name} does not exist at the point",
                           f"{order_zh}；{first_name} 在该点不存在")
        if self.smooth:
            value = sympy.diff(self.g, first, second).subs({U: 0, V: 0})
            return Finding(True, value, THEOREM, f"{order}; the formula is smooth there: {value}",
                           f"{order_zh}；表达式在该点光滑：{value}")
        if first_partial.verdict is None or line in self.thin:
            return undecided(f"{order}; the first partial near the point is not computed by a formula",
                             f"{order_zh}；该点附近的一阶偏导数无法由公式得到")
        partial = sympy.diff(self.g, first)
        on_line = partial.subs(first, 0)
        if not self._regular_on_line(first, second):
            return undecided(f"{order}; the formula is not smooth on the line through the point",
                             f"{order_zh}；表达式在过该点的直线上不光滑")
        h = sympy.Symbol("h", real=True)
        quotient = (on_line.subs(second, h) - first_partial.value) / h
        limits = TwoSided(right_limit(quotient.subs(h, S)), right_limit(quotient.subs(h, -S)))
        exists = limits.exists
        quotient_text = f"lim_(h→0) [{_pretty(on_line.subs(second, h))} − ({first_partial.value})]/h"
        text, text_zh = f"{order}; {quotient_text}", f"{order_zh}；{quotient_text}"
        if exists is True:
            return Finding(True, limits.value, DEFINITION, f"{text} = {limits.value}", f"{text_zh} = {limits.value}")
        if exists is False:
            return Finding(False, None, DEFINITION, f"{text} does not exist", f"{text_zh} 不存在")
        return undecided(f"{text}: undecided", f"{text_zh}：未能判定")

    def _regular_on_line(self, zero, along) -> bool:
        """g is smooth at (0, k) / (k, 0) for every small k ≠ 0."""
        for node in sympy.preorder_traversal(self.g):
            base = None
            if isinstance(node, sympy.Pow) and not (node.exp.is_Integer and node.exp > 0):
                base = node.base
            elif isinstance(node, (sympy.Abs, sympy.sign)) or type(node).__name__ == "RealCubeRoot":
                base = node.args[0]
            elif isinstance(node, sympy.log):
                base = node.args[0]
            if base is None:
                continue
            restricted = sympy.expand(base.subs(zero, 0))
            if restricted == 0:
                return False
            try:
                if sympy.Poly(restricted, along).is_zero:
                    return False
            except sympy.PolynomialError:
                return False
        return True

    # ---- directional derivatives ------------------------------------------------------
    def directional(self) -> Finding:
        direction = self.report.direction
        d = self.found["differentiable"]
        if direction is None:
            if d.verdict is True:
                A, B = d.value
                return Finding(True, None, THEOREM,
                               f"for every unit vector (cos α, sin α): D_u f = {A}·cos α + {B}·sin α (可微 ⇒ D_u f = ∇f·u)",
                               f"对任意单位向量 (cos α, sin α)：方向导数 = {A}·cos α + {B}·sin α（可微 ⇒ 方向导数 = 梯度·u）")
            return undecided("give a direction with --dir", "请用 --dir 给出方向")
        l1, l2 = direction
        angle = (l1 ** 2 + l2 ** 2).free_symbols
        if d.verdict is True:
            A, B = d.value
            value = sympy.simplify(A * l1 + B * l2)
            return Finding(True, value, THEOREM, f"f is differentiable: D_u f = ∇f·u = {value}",
                           f"f 可微：方向导数 = 梯度·u = {value}")
        if angle:
            return self._directional_homogeneous(l1, l2)
        return self._directional_by_definition(l1, l2)

    def _directional_by_definition(self, l1, l2) -> Finding:
        n, f0 = self.n, self.n.value
        if f0 is None:
            return Finding(False, None, DEFINITION, "f is not defined at the point", "f 在该点无定义")
        a, b = n.point
        outcomes = {}
        for sign in (1, -1):
            expr = n.ray_along((sign * l1, sign * l2))
            moved = {n.x: a + sign * S * l1, n.y: b + sign * S * l2}
            outcomes[sign] = right_limit((expr.subs(moved, simultaneous=True) - f0) / (sign * S))
        right, left = outcomes[1], outcomes[-1]
        text = f"lim_(t→0⁺) [f({_plus(a, l1)}, {_plus(b, l2)}) − {f0}]/t"
        if right.status == FINITE:
            both = TwoSided(right, left).exists
            two = {True: "the two-sided limit (Stewart) is the same",
                   False: "the two-sided limit (Stewart) does not exist", None: "the two-sided limit is undecided"}[both]
            two_zh = {True: "双侧极限（Stewart 的定义）相同", False: "双侧极限（Stewart 的定义）不存在",
                      None: "双侧极限未能判定"}[both]
            finding = Finding(True, right.value, DEFINITION,
                              f"one-sided, t → 0⁺ (同济): {text} = {right.value}; {two}",
                              f"单侧 t → 0⁺（同济定义）：{text} = {right.value}；{two_zh}")
            finding.two_sided = both
            return finding
        if right.status in (INFINITE, OSCILLATES):
            return Finding(False, None, DEFINITION, f"one-sided, t → 0⁺ (同济): {text} does not exist",
                           f"单侧 t → 0⁺（同济定义）：{text} 不存在")
        return undecided(f"{text} could not be computed", f"{text} 无法求出")

    def _directional_homogeneous(self, l1, l2) -> Finding:
        n = self.n
        if (not self.thin and n.value == 0 and weighted_degree(self.g, U, V) == 1):
            value = self.g.subs({U: l1, V: l2}, simultaneous=True)
            return Finding(True, value, "bound",
                           "f(tu) = t·f(u) for t > 0 (f is positively homogeneous of degree 1), so D_u f = f(u) = "
                           f"{value} for every direction (one-sided, t → 0⁺)",
                           f"对 t > 0 有 f(tu) = t·f(u)（一次正齐次），故方向导数 = f(u) = {value}（单侧 t → 0⁺）")
        return undecided("a symbolic angle gives only generic answers: give a direction such as (1, 1)",
                         "符号角度只能给出一般情形的结果：请给出具体方向，例如 (1, 1)")


def _plus(a, slope):
    term = f"({slope})·t" if slope not in (1, -1) else ("t" if slope == 1 else "−t")
    return term if a == 0 else f"{a} + {term}"


def _pretty(expr):
    return str(expr)


def check_implications(report: Report) -> None:
    """Fill what the theorems give, and withhold the weaker of two verdicts that
    contradict 偏导连续 ⇒ 可微 ⇒ 连续, 可微 ⇒ 偏导存在."""
    f = report.findings
    rules = [("partials_continuous", "differentiable"), ("differentiable", "continuous"),
             ("differentiable", "fx"), ("differentiable", "fy")]
    for strong, weak in rules:
        a, b = f[strong], f[weak]
        if a.verdict is True and b.verdict is False:
            loser = strong if RANK[a.kind] <= RANK[b.kind] else weak
            f[loser] = undecided(f"withheld: it contradicts the verdict on {weak if loser == strong else strong}",
                                 "与其他结论矛盾，不予判定")
        elif a.verdict is True and b.verdict is None:
            f[weak] = Finding(True, getattr(b, "value", None), THEOREM, f"{strong} ⇒ {weak}", f"{strong} ⇒ {weak}")
        elif b.verdict is False and a.verdict is None:
            f[strong] = Finding(False, None, THEOREM, f"not {weak} ⇒ not {strong}", f"{weak} 不成立 ⇒ {strong} 不成立")
