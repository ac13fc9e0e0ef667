"""What `partials parse STATEMENT` adds to the relations and roles: what is
asked, the point, the constants, the hypotheses and the prose skipped, so
that a misread statement shows at once."""
from __future__ import annotations

from partials.model.notation import Target
from partials.assessment.statement_solving import targets_of


def asked(statement, problem) -> list:
    found = [Target(of, tuple(wrt)).notation() for of, wrt in targets_of(statement, problem)]
    if statement.differential:
        found.append(f"d{statement.differential_of or _of(problem)} (total differential)")
    found += [f"{c.text} (combination)" for c in statement.combinations]
    found += [f"{i.text} (identity to verify)" for i in statement.identities]
    return found


def _of(problem) -> str:
    return str(problem.dependent[0]) if len(problem.dependent) == 1 else "?"


def point_text(statement) -> str | None:
    if statement.point is None:
        return None
    if isinstance(statement.point, dict):
        return ", ".join(f"{k} = {v}" for k, v in statement.point.items())
    return "(" + ", ".join(statement.point) + ")"


def statement_lines(statement, problem) -> list:
    lines = []
    things = asked(statement, problem)
    if things and not problem.targets:
        lines.append("asked: " + ", ".join(things))
    elif things and len(things) > len(problem.targets):
        lines.append("also asked: " + ", ".join(things[len(problem.targets):]))
    if statement.point is not None:
        lines.append(f"at the point: {point_text(statement)}")
    if statement.constants:
        lines.append("constants: " + ", ".join(statement.constants))
    if statement.hypotheses:
        lines.append("hypotheses: " + "; ".join(statement.hypotheses))
    skipped = [s for s in statement.skipped if s]
    if skipped:
        lines.append("skipped as prose: " + " | ".join(skipped))
    return lines


def statement_json(statement, problem) -> dict:
    return {
        "asked": asked(statement, problem),
        "point": point_text(statement),
        "constants": list(statement.constants),
        "hypotheses": list(statement.hypotheses),
        "skipped": [s for s in statement.skipped if s],
    }
