"""A report as text (English or Chinese, with --steps the argument a grader
expects) and as the JSON of the contract in issue #14."""
from __future__ import annotations

import sympy

from partials.assessment.analysis.verdicts import Finding

TITLES = {
    "en": {"value": "value", "limit": "limit", "continuous": "continuous", "fx": "f_x", "fy": "f_y",
           "differentiable": "differentiable", "partials_continuous": "partials continuous",
           "fxy": "f_xy = (f_x)_y", "fyx": "f_yx = (f_y)_x", "directional": "directional derivative"},
    "zh": {"value": "函数值", "limit": "极限", "continuous": "连续", "fx": "f_x", "fy": "f_y",
           "differentiable": "可微", "partials_continuous": "偏导数连续",
           "fxy": "f_xy = (f_x)_y", "fyx": "f_yx = (f_y)_x", "directional": "方向导数"},
}
WORDS = {
    "en": {True: "yes", False: "no", None: "undecided", "dne": "does not exist", "undefined": "not defined"},
    "zh": {True: "是", False: "否", None: "未能判定", "dne": "不存在", "undefined": "无定义"},
}
VALUED = ("limit", "fx", "fy", "fxy", "fyx", "directional")


def as_text(report, lang: str = "en", steps: bool = False) -> str:
    n = report.neighbourhood
    titles, words = TITLES[lang], WORDS[lang]
    (a, b), name = n.point, n.function.name
    head = f"{name}({n.x}, {n.y}) at ({a}, {b})" if lang == "en" else f"{name}({n.x}, {n.y}) 在点 ({a}, {b}) 处"
    lines = [head, f"  {titles['value']}: {words['undefined'] if n.value is None else n.value}"]
    for key, finding in report.findings.items():
        if key == "directional" and report.direction is None and not finding.decided:
            continue
        shown = _shown(key, finding, words, report)
        kind = f"  [{finding.kind}]" if finding.kind else ""
        lines.append(f"  {titles[key]}: {shown}{kind}")
        if steps or not finding.decided:
            reason = finding.zh if lang == "zh" else finding.en
            if reason:
                lines.append(f"      {reason}")
            for path in finding.tried[:6] if not finding.decided else ():
                lines.append(f"      {'tried' if lang == 'en' else '已试路径'}: {path}")
    if steps:
        lines.append(_answer_line(report, lang))
    return "\n".join(lines)


def _shown(key, finding: Finding, words, report) -> str:
    if key == "differentiable" and finding.verdict is True and finding.value:
        A, B = finding.value
        return f"{words[True]}, dz = {_differential(A, B)}"
    if key in VALUED:
        if finding.verdict is True and finding.value is not None:
            return str(finding.value)
        if finding.verdict is True:
            return words[True]
        if finding.verdict is False:
            return words["dne"]
        return words[None]
    return words[finding.verdict]


def _differential(A, B) -> str:
    return str(A * sympy.Symbol("dx") + B * sympy.Symbol("dy")) if (A, B) != (0, 0) else "0"


def _answer_line(report, lang) -> str:
    f = report.findings
    words = WORDS[lang]

    def word(key):
        return words[f[key].verdict] if key not in ("fx", "fy") else (
            words[True] if f[key].verdict else words["dne"] if f[key].verdict is False else words[None])
    if lang == "zh":
        return (f"答：连续：{word('continuous')}；偏导数存在：f_x {word('fx')}，f_y {word('fy')}；"
                f"可微：{word('differentiable')}；偏导数连续：{word('partials_continuous')}")
    return (f"Answer: continuous: {word('continuous')}; partials exist: f_x {word('fx')}, f_y {word('fy')}; "
            f"differentiable: {word('differentiable')}; partials continuous: {word('partials_continuous')}")


def as_json(report) -> dict:
    n, f = report.neighbourhood, report.findings
    (a, b) = n.point

    def srepr(value):
        return None if value is None else sympy.srepr(value)

    def verdict(key, **extra):
        finding = f[key]
        return {"verdict": finding.verdict, "kind": finding.kind, "reason": finding.en,
                **({"tried": finding.tried} if finding.tried else {}), **extra}

    def valued(key):
        finding = f[key]
        return {"exists": finding.verdict, "value": srepr(finding.value if finding.verdict else None),
                "kind": finding.kind, "reason": finding.en,
                **({"tried": finding.tried} if finding.tried else {})}

    d = f["differentiable"]
    differential = None
    if d.verdict is True and d.value:
        differential = "dz = " + _differential(*d.value)
    directional = valued("directional")
    directional["convention"] = "one-sided, t → 0⁺ (同济); two-sided as in Stewart noted in the reason"
    directional["direction"] = None if report.direction is None else [str(c) for c in report.direction]
    return {
        "function": n.function.text,
        "point": {str(n.x): str(a), str(n.y): str(b)},
        "value": srepr(n.value),
        "limit": {"exists": f["limit"].verdict, "value": srepr(f["limit"].value if f["limit"].verdict else None),
                  "kind": f["limit"].kind, "reason": f["limit"].en},
        "continuous": verdict("continuous"),
        "fx": valued("fx"),
        "fy": valued("fy"),
        "differentiable": verdict("differentiable", differential=differential),
        "partials_continuous": verdict("partials_continuous"),
        "fxy": {**valued("fxy"), "order": "(f_x)_y: by x first, then by y"},
        "fyx": {**valued("fyx"), "order": "(f_y)_x: by y first, then by x"},
        "directional": directional,
        "seconds": {k: round(v, 3) for k, v in report.seconds.items()},
    }
