"""What the page shows besides the command's --json object: each answer as
one whole line in LaTeX, text and MathML (rendered here, from our LaTeX, so
the browser needs no math library), the steps, the roles of the names, the
graph's picture.  Runs in a worker with the answer it decorates."""
from __future__ import annotations

import re
import shutil
import subprocess

ROLES = ("independent", "intermediate", "dependent", "implicit")
DOT_SECONDS = 10
# a function name followed by its argument without brackets (ln v): a thin space, as TeX sets it
_BARE_ARGUMENT = re.compile(r"(<m[io]>(?:ln|log|exp|sin|cos|tan|cot|sec|csc|arcsin|arccos|arctan|arccot|sinh|cosh|tanh)</m[io]>)"
                            r"(?!<mrow><mo stretchy)")


def mathml(latex: str) -> str | None:
    """MathML for one of our LaTeX lines; None (the page shows the text)
    where latex2mathml cannot convert it."""
    from latex2mathml.converter import convert

    try:
        converted = convert(latex, display="block")
    except Exception:  # noqa: BLE001 - a missing construct in the converter, not a user error
        return None
    return _BARE_ARGUMENT.sub(r'\1<mspace width="0.1667em"></mspace>', converted)


def formula(text: str, latex: str) -> dict:
    return {"text": text, "latex": latex, "mathml": mathml(latex)}


def parse_view(problem) -> dict:
    from partials.presentation.parse_view import unambiguous

    return {
        "relations": [
            {"kind": r.kind, "text": f"{unambiguous(r.lhs)} = {unambiguous(r.rhs)}"} for r in problem.relations
        ],
        "roles": {role: [str(name) for name in getattr(problem, role)] for role in ROLES},
        "functions": [{"name": name, "arguments": arity} for name, arity in sorted(problem.functions.items())],
        "targets": [target.notation() for target in problem.targets],
    }


def solve_view(args, answered) -> dict:
    from partials.presentation import printing

    problem, point, answer = answered
    if args.total:
        shown = answer.at(point) if point is not None else answer
        return {"results": [formula(shown.render("text"), shown.render("latex"))]}
    solutions, values = answer
    results = []
    for k, solution in enumerate(solutions):
        line = {"notation": solution.notation, **_line(printing, solution, solution.expr, args.arguments)}
        if args.explicit and solution.explicit != solution.expr:
            line["explicit"] = _line(printing, solution, solution.explicit, args.arguments)
        if values is not None:
            line["value"] = formula(printing.text(values[k], problem), printing.latex(values[k], problem))
        if args.steps:
            line["steps"] = _steps(solution, args.lang)
        results.append(line)
    return {"results": results}


def _line(printing, solution, expr, arguments) -> dict:
    def shown(style):
        return printing.answer_line(solution.of, solution.wrt, expr, solution.problem, style, arguments)

    return formula(shown("text"), shown("latex"))


def _steps(solution, lang) -> list:
    from partials.presentation.steps import explain
    from partials.presentation.steps.render import render_formula

    steps = []
    for step in explain(solution, lang=lang):
        formulas = [
            formula(render_formula(f, solution.problem, "text"), render_formula(f, solution.problem, "latex"))
            for f in step.formulas
        ]
        steps.append({"caption": step.caption_in(lang), "formulas": formulas})
    return steps


def graph_view(graph, sweeps) -> dict:
    """The graph as SVG when Graphviz is installed; else no picture (the page
    draws the node and edge tables from the JSON object)."""
    from partials.presentation.graph_picture import to_dot

    program = shutil.which("dot")
    if program is None:
        return {"svg": None}
    try:
        done = subprocess.run([program, "-Tsvg"], input=to_dot(graph, sweeps).encode("utf-8"),
                              capture_output=True, timeout=DOT_SECONDS, check=False)
    except (subprocess.TimeoutExpired, OSError):
        return {"svg": None}
    if done.returncode != 0:
        return {"svg": None}
    svg = done.stdout.decode("utf-8", "replace")
    return {"svg": svg[svg.find("<svg"):] if "<svg" in svg else None}
