"""Answers as students and answer keys write them, read and judged.

    az/ax = az/au·au/ax + az/av·av/ax = 2u ln v·(−y/x²) + u²/v·2x
    Z'x = …     f_{xx}(x,y) = …     ∂z/∂x|_(1,2) = 4     f_1 + y f_2
    dz = 2xy dx + x² dy      (checked with --target dz)

The last member of a chain is the answer; every middle member is judged
too, and a wrong one is named in the message even when the last is right.
A label on the left is checked against the question (Z for z, f for the
problem's function); a point after it (or `--at`) makes every member a
value at that point.  Each coefficient of a differential is judged as the
partial derivative it stands for, and a wrong one is named.  Anything that
cannot be placed in the problem is "cannot understand" with the reason.

`written_verdict(prepared, text)` is asked first by `checker.judge`: it
gives None for an answer the plain reader reads the same way (one member,
nothing placed), so that those keep the checker's caches.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from partials.reading import limits
from partials.assessment.answer_names import Names, edge_partial
from partials.assessment.answer_text import (
    Member,
    mark_differentials,
    members,
    peel_label,
    point_values,
    subscript_digits,
)
from partials.assessment.diagnosis import Diagnosis
from partials.core.errors import LimitError, NotationError, PartialsError
from partials.model.notation import Partial, Target
from partials.core.symbols import GREEK_LETTERS, variable


@dataclass
class Read:
    """One member read in the problem: its expression, or why it could not be."""

    member: Member
    expr: object = None
    error: PartialsError | None = None


@dataclass
class Written:
    label: Target | None
    point: str | None  # "x=1,y=2" from the label, or None
    parts: list = field(default_factory=list)  # Read, the answer last
    notes: list = field(default_factory=list)


# ---------------------------------------------------------------------------
# reading
# ---------------------------------------------------------------------------
def read_written(text: str, problem, differentials: list | None = None) -> Written:
    """The label, the point and the members of a written answer.

    `differentials`: (the spellings of each independent variable, their
    placeholder letters), when the answer is a total differential (dx, dy
    become placeholder names)."""
    parts = members(text)
    names, notes = Names(problem), []
    label, point, body = None, None, parts
    if len(parts) >= 2:
        peeled = peel_label(parts[0].text)
        found = _label_target(peeled, problem, text, parts[0].start, differentials)
        if found is not None:
            label, body = found, parts[1:]
            if found.of.name not in _label_names(peeled.text):
                notes.append(f"{peeled.text} as {found.notation()}" if found.wrt else f"{peeled.text} as d{found.of}")
            if peeled.point_text is not None:
                point = point_values(peeled.point_text, [s.name for s in problem.independent])
                if not point or not _readable_point(point):
                    raise NotationError("cannot tell the point: write it as (1, 2) or x=1, y=2", text, parts[0].start)
    read = []
    for member in body:
        try:
            read.append(Read(member, _read_member(member, text, problem, names, notes, differentials)))
        except LimitError:
            raise
        except PartialsError as error:
            read.append(Read(member, error=error))
    return Written(label, point, read, notes)


def _readable_point(point: str) -> bool:
    from partials.reading.reader import read_assignments

    try:
        read_assignments(point)
    except PartialsError:
        return False
    return True


def _label_names(text: str) -> set:
    """The names a label is written in (to tell z'x from Z'x)."""
    import re

    words = re.findall(r"[A-Za-z]+(?:_\{?[0-9]+\}?)?|[α-ωΑ-Ω]", text)
    return {GREEK_LETTERS.get(word, word).replace("{", "").replace("}", "") for word in words} | set(text)


def _read_member(member: Member, text: str, problem, names: Names, notes: list, differentials):
    from partials.reading.reader import _answer_context, _read, _resolved
    from partials.reading.transformer import Bare

    source = member.text
    if not source.strip():
        raise NotationError("an equals sign has nothing on one side", text, member.start)
    if differentials is not None:
        source, _ = mark_differentials(source, *differentials)
    several = {name for name, arity in problem.functions.items() if arity >= 2}
    source, _ = subscript_digits(source, several)
    try:
        items = _read(source, _answer_context(problem))
    except NotationError as error:
        position = None if error.position is None else member.start + error.position
        raise NotationError(error.message, text, position, error.hint) from None
    if len(items) != 1 or not isinstance(items[0], Bare):
        raise NotationError("each member of the answer is one expression", text, member.start,
                            hint="check one answer at a time")
    expr = names.placed(items[0].expr.value, notes)
    return _resolved(expr, problem)


def _label_target(peeled, problem, text, start, differentials):
    """The derivative a label names (Z'x, z'_x, f_{xx}(x,y), ∂z/∂x), or None
    when the first member is not a label."""
    from partials.reading.reader import _answer_context, _read, _target_from_partial
    from partials.reading.transformer import Bare

    if differentials is not None:
        return _differential_label(peeled.text, problem)
    try:
        items = _read(peeled.text, _answer_context(problem))
        partial = items[0].expr.value if len(items) == 1 and isinstance(items[0], Bare) else None
    except PartialsError:
        partial = _greek_subscript_label(peeled.text)
    if not isinstance(partial, Partial):
        return None
    base = partial.base
    known = {s.name for s in (*problem.variables, *problem.implicit, *problem.declarations)}
    names_the_dependent = bool(peeled.arguments) and _names_the_dependent(peeled.arguments, problem)
    if base.name in problem.functions and base.name not in known and not names_the_dependent:
        return None  # f_1′ = …: a member, not a label
    if base.name not in known:
        base = _labelled_variable(base.name, peeled.arguments, problem, known) or base
        partial = Partial(base, *partial.by)
    by = [variable(GREEK_LETTERS.get(str(b), str(b))) if not b.is_Integer else b for b in partial.by]
    return _target_from_partial(Partial(base, *by), text, start, problem)


def _greek_subscript_label(text: str):
    """z_θ, z_{rθ}, z_theta (subscripts the notation table has only in Latin letters), or None."""
    import re

    letters = "|".join(sorted((*GREEK_LETTERS, *GREEK_LETTERS.values()), key=len, reverse=True))
    match = re.fullmatch(rf"\s*(?P<name>[A-Za-z])_\{{?(?P<by>(?:{letters}|[A-Za-z])+)\}}?\s*", text)
    if not match:
        return None
    by = [variable(GREEK_LETTERS.get(part, part)) for part in re.findall(rf"{letters}|[A-Za-z]", match["by"])]
    return Partial(variable(match["name"]), *by)


def _labelled_variable(name, arguments, problem, known):
    """The problem's variable a foreign label name stands for: Z for z; f
    in f_xx(x, y) for the one dependent variable of x, y."""
    if len(name) == 1 and name.swapcase() in known:
        return variable(name.swapcase())
    if arguments and _names_the_dependent(arguments, problem):
        return problem.dependent[0]
    return None


def _names_the_dependent(arguments, problem) -> bool:
    written = {GREEK_LETTERS.get(a, a) for a in arguments}
    return len(problem.dependent) == 1 and written == {s.name for s in problem.independent}


def _differential_label(text, problem):
    """`dz` on the left of a differential: the variable z, or None."""
    import re

    match = re.fullmatch(r"\s*d\s*(?P<name>\S+)\s*", text)
    if not match:
        return None
    name = GREEK_LETTERS.get(match["name"], match["name"])
    known = {s.name for s in (*problem.variables, *problem.implicit, *problem.declarations)}
    if name not in known and name.swapcase() in known:
        name = name.swapcase()
    return Target(variable(name), ()) if name in known else None


def label_of(text: str, problem):
    """The derivative an answer says it is (`az/ax = … = …`, `Z'x = …`), or
    None; PartialsError when the answer cannot be read."""
    parts = members(text)
    if len(parts) < 2:
        return None
    found = _label_target(peel_label(parts[0].text), problem, text, parts[0].start, None)
    if found is None and len(parts) == 2:
        from partials.reading.reader import read_answer

        return read_answer(text, problem)[0]  # the plain reader's reading, or its error
    return found


def key_expression(text: str, problem):
    """The expression of a stored answer written as an answer key writes it
    (its last member; f_1 for f₁′ and the like placed in the problem), with
    derivatives of variables left as notation; PartialsError if unreadable."""
    written = read_written(text, problem)
    last = written.parts[-1]
    if last.error is not None:
        raise last.error
    return last.expr


# ---------------------------------------------------------------------------
# judging one derivative
# ---------------------------------------------------------------------------
def written_verdict(prepared, text: str):
    """The verdict on a written answer, or None when the plain reader reads
    it the same way (one member, nothing placed).  Both are remembered:
    a class gives the same answers."""
    key = (id(prepared.problem), " ".join(text.split()))
    known = _plain_answers.get(key)
    if known is not None and known is prepared.problem:
        return None
    judged = _written_verdicts.get((id(prepared), key[1]))
    if judged is not None and judged[0] is prepared:
        return judged[1]
    verdict = _written_verdict(prepared, text, key)
    if verdict is not None:
        if len(_written_verdicts) >= PLAIN_CACHE_SIZE:
            _written_verdicts.clear()
        _written_verdicts[(id(prepared), key[1])] = (prepared, verdict)
    return verdict


def _written_verdict(prepared, text: str, key):
    from partials.assessment.checker import UNREADABLE, Verdict

    notation = prepared.notation
    try:
        limits.check_text(text)
        if len(members(text)) > MAX_MEMBERS:
            return Verdict(None, f"too expensive to check: a chain of more than {MAX_MEMBERS} equalities",
                           status="too expensive", target=notation)
        written = read_written(text, prepared.problem)
    except PartialsError as error:
        if len(members(text)) == 1:
            return None  # the plain reader says it in its own words
        if isinstance(error, LimitError):
            return Verdict(None, f"too expensive to check: {error}", status="too expensive", target=notation)
        return Verdict(None, f"cannot understand the answer: {error}", status=UNREADABLE, target=notation)
    single = len(written.parts) == 1 and written.label is None and written.point is None
    if single and (isinstance(written.parts[0].error, NotationError) or
                   (not written.notes and written.parts[0].error is None)):
        if len(_plain_answers) >= PLAIN_CACHE_SIZE:
            _plain_answers.clear()
        _plain_answers[key] = prepared.problem
        return None  # the plain reader's reading (and its caches), or its own words for an error
    return judge_written(prepared, written)


MAX_MEMBERS = 12  # members of a chain of equalities; longer chains are too expensive to check
PLAIN_CACHE_SIZE = 4096
_plain_answers: dict = {}  # answers the plain reader reads alike, by (problem, text)
_written_verdicts: dict = {}  # verdicts on the other answers, by (prepared, text): a class gives the same ones


def judge_written(prepared, written: Written, at: str | None = None):
    from partials.assessment.checker import UNREADABLE, Verdict

    notation = prepared.notation
    if written.point is not None and at is not None and not same_point(written.point, at):
        sentence = f"the answer is at ({written.point}), but the question asks at ({at})"
        return Verdict(False, f"wrong: {sentence}", diagnosis=Diagnosis("wrong_point", sentence), target=notation)
    point = written.point or at
    last = written.parts[-1]
    empty = next((part for part in written.parts if not part.member.stripped), None)
    for part in (last, empty):
        if part is not None and part.error is not None:
            return Verdict(None, f"cannot understand the answer: {part.error}", status=UNREADABLE, target=notation)
    verdicts = []
    for part in written.parts:
        if part.error is not None:
            verdicts.append(None)
            continue
        try:
            expr = derivatives_in(prepared, part.expr)
        except PartialsError as error:
            if part is last:
                from partials.assessment.answer_terms import Circular

                if isinstance(error, Circular):
                    return Verdict(False, f"wrong: {error}", diagnosis=Diagnosis("contains_the_question", str(error)),
                                   target=notation)
                return Verdict(None, f"cannot understand the answer: {error}", status=UNREADABLE, target=notation)
            part.error = error
            verdicts.append(None)
            continue
        label = written.label if part is last else None
        verdict = _judged(prepared, expr, point, label, part)
        if part is not last and verdict.correct is False:
            along_edges = derivatives_in(prepared, part.expr, edges=True)
            if along_edges != expr:  # ∂y/∂x in a step may be the edge y → x alone: right if either reading is
                verdict = _judged(prepared, along_edges, point, label, part)
        verdicts.append(verdict)
    return combined(written, verdicts)


def same_point(first: str, second: str) -> bool:
    from partials.calculus.points import read_point
    from partials.reading.reader import read_assignments

    return read_point(read_assignments(first)) == read_point(read_assignments(second))


def _judged(prepared, expr, point, label, part):
    from partials.assessment.checker import MAX_ANSWER_NODES, TOO_EXPENSIVE, Verdict, judge_expression
    from partials.assessment.equivalence import size

    if size(expr, MAX_ANSWER_NODES) > MAX_ANSWER_NODES:
        return Verdict(None, "too expensive to check: the answer is too large", status=TOO_EXPENSIVE,
                       target=prepared.notation)
    try:
        if point is not None:
            from partials.assessment.written_points import judge_at_point

            return judge_at_point(prepared, expr, point, label, part.member.stripped)
        return judge_expression(prepared, expr, label)
    except LimitError as error:
        return Verdict(None, f"too expensive to check: {error}", status=TOO_EXPENSIVE, target=prepared.notation)


def derivatives_in(prepared, expr, edges: bool = False):
    """∂z/∂x, ∂z/∂u, ∂u/∂x inside a member: the derivative by independent
    variables (the engine's value), or the partial along one edge.

    `edges`: also ∂y/∂x by an independent x read along the edge y → x
    alone, where y's definition has x and other intermediates (y = g(x, t),
    t = v(x, z)): the reading of a step that writes every path out."""
    from partials.assessment.answer_terms import partial_value

    from partials.assessment.answer_terms import check_not_circular, meant

    partials = expr.atoms(Partial)
    if not partials:
        return expr
    problem = prepared.problem
    check_not_circular(problem, prepared.target, [meant(problem, partial) for partial in partials])
    values = {}
    for partial in partials:
        by = partial.by
        if edges and _has_an_edge_reading(problem, partial):
            values[partial] = edge_partial(problem, partial)
        elif all(b in problem.independent for b in by) or partial.base in problem.independent:
            values[partial] = partial_value(problem, partial, prepared.derivative_cache)
        else:
            values[partial] = edge_partial(problem, partial)
    return expr.xreplace(values)


def _has_an_edge_reading(problem, partial) -> bool:
    definition = problem.definitions.get(partial.base)
    if definition is None or not all(b.is_Symbol for b in partial.by):
        return False
    names = definition.free_symbols
    return set(partial.by) <= names and any(n in problem.intermediate or n in problem.definitions for n in names)


def combined(written: Written, verdicts):
    """The last member's verdict, with what the middle members add."""
    last = verdicts[-1]
    steps = list(zip(written.parts[:-1], verdicts[:-1]))
    wrong = [part.member.stripped for part, verdict in steps if verdict is not None and verdict.correct is False]
    unread = [(part.member.stripped, part.error) for part, verdict in steps if verdict is None]
    undecided = [part.member.stripped for part, verdict in steps if verdict is not None and verdict.correct is None]
    if last.diagnosis is not None and last.diagnosis.code == "wrong_target":
        return _with_notes(last, written.notes)
    additions = []
    if wrong:
        said = "; ".join(f"the step {text} is wrong" for text in wrong)
        additions.append(said + (" too" if last.correct is False else ""))
        if last.correct is True:
            last.diagnosis = Diagnosis("wrong_step", said)
    for text, error in unread:
        additions.append(f"the step {text} was not checked ({_first_line(error)})")
    for text in undecided:
        additions.append(f"the step {text} could not be decided")
    if additions:
        joint = "; but " if last.correct is True and wrong else "; "
        last.message = last.message + joint + "; ".join(additions)
    return _with_notes(last, written.notes)


def _with_notes(verdict, notes):
    if notes:
        shown = verdict._interpreted

        def interpreted():
            base = shown() if callable(shown) else shown
            return f"{base}  (reading {'; '.join(notes)})" if base else None

        verdict._interpreted = interpreted
    return verdict


def shown(value) -> str:
    """A value in textbook text (plain text if the printer cannot print it)."""
    try:
        from partials.presentation.printing import text

        return text(value, None)
    except (ImportError, PartialsError, AttributeError, TypeError, ValueError, KeyError):
        return str(value)


def _first_line(error) -> str:
    return str(error).splitlines()[0]
