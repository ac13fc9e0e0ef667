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

import random
from dataclasses import dataclass, field

import sympy

from .answer_names import Names, edge_partial
from .answer_text import Member, mark_differentials, members, peel_label, placeholder, point_values, subscript_digits
from .diagnosis import Diagnosis
from . import limits
from .errors import LimitError, NotationError, PartialsError
from .notation import Partial, Target
from .symbols import GREEK_LETTERS, variable

ABSTRACT_DRAWS = 3  # random values given to f₁′(3, 2) & co. when comparing values at a point
VALUE_DIGITS = 40
VALUE_TOLERANCE = sympy.Rational(1, 10**25)


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

    `differentials`: the spellings of each independent variable, when the
    answer is a total differential (dx, dy become placeholder names)."""
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
                if not point:
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


def _label_names(text: str) -> set:
    """The names a label is written in (to tell z'x from Z'x)."""
    import re

    return {GREEK_LETTERS.get(word, word) for word in re.findall(r"[A-Za-z]+|[α-ωΑ-Ω]", text)} | set(text)


def _read_member(member: Member, text: str, problem, names: Names, notes: list, differentials):
    from .reader import _answer_context, _read, _resolved
    from .transformer import Bare

    source = member.text
    if not source.strip():
        raise NotationError("an equals sign has nothing on one side", text, member.start)
    if differentials is not None:
        source, _ = mark_differentials(source, differentials)
    several = {name for name, arity in problem.functions.items() if arity >= 2}
    source, rewritten = subscript_digits(source, several)
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
    from .reader import _answer_context, _read, _target_from_partial
    from .transformer import Bare

    if differentials is not None:
        return _differential_label(peeled.text, problem)
    try:
        items = _read(peeled.text, _answer_context(problem))
    except PartialsError:
        return None
    if len(items) != 1 or not isinstance(items[0], Bare) or not isinstance(items[0].expr.value, Partial):
        return None
    partial = items[0].expr.value
    base = partial.base
    known = {s.name for s in (*problem.variables, *problem.implicit, *problem.declarations)}
    if base.name in problem.functions and base.name not in known:
        if not (peeled.arguments and _names_the_dependent(peeled.arguments, problem)):
            return None  # f_1′ = …: a member, not a label
    if base.name not in known:
        base = _labelled_variable(base.name, peeled.arguments, problem, known) or base
        partial = Partial(base, *partial.by)
    by = [variable(GREEK_LETTERS.get(str(b), str(b))) if not b.is_Integer else b for b in partial.by]
    return _target_from_partial(Partial(base, *by), text, start, problem)


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


# ---------------------------------------------------------------------------
# judging one derivative
# ---------------------------------------------------------------------------
def written_verdict(prepared, text: str):
    """The verdict on a written answer, or None when the plain reader reads
    it the same way (one member, or a label and one member, nothing placed)."""
    from .checker import UNREADABLE, Verdict

    notation = prepared.notation
    key = (id(prepared.problem), " ".join(text.split()))
    known = _plain_answers.get(key)
    if known is not None and known is prepared.problem:
        return None
    try:
        limits.check_text(text)
        if len(members(text)) > MAX_MEMBERS:
            return Verdict(None, f"too expensive to check: a chain of more than {MAX_MEMBERS} equalities",
                           status="too expensive", target=notation)
        written = read_written(text, prepared.problem)
    except LimitError:
        return None  # the plain reader reports it
    except PartialsError as error:
        if len(members(text)) == 1:
            return None  # the plain reader says it in its own words
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


def judge_written(prepared, written: Written, at: str | None = None):
    from .checker import Verdict, judge_expression, UNREADABLE

    notation = prepared.notation
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
                from .checker import _ForeignName

                if isinstance(error, _ForeignName):
                    return Verdict(False, f"wrong: {error}", diagnosis=Diagnosis("unknown_name", str(error)),
                                   target=notation)
                return Verdict(None, f"cannot understand the answer: {error}", status=UNREADABLE, target=notation)
            part.error = error
            verdicts.append(None)
            continue
        label = written.label if part is last else None
        if point is not None:
            verdicts.append(_judge_at_point(prepared, expr, point, label, part.member.stripped))
        else:
            verdicts.append(judge_expression(prepared, expr, label))
    return _combined(written, verdicts)


def derivatives_in(prepared, expr):
    """∂z/∂x, ∂z/∂u, ∂u/∂x inside a member: the derivative by independent
    variables (the engine's value), or the partial along one edge."""
    from .checker import _partial_value

    partials = expr.atoms(Partial)
    if not partials:
        return expr
    problem = prepared.problem
    values = {}
    for partial in partials:
        by = partial.by
        if all(b in problem.independent for b in by) or partial.base in problem.independent:
            values[partial] = _partial_value(prepared, problem, partial)
        else:
            values[partial] = edge_partial(problem, partial)
    return expr.xreplace(values)


def _combined(written: Written, verdicts):
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


def _first_line(error) -> str:
    return str(error).splitlines()[0]


# ---------------------------------------------------------------------------
# at a point
# ---------------------------------------------------------------------------
def _judge_at_point(prepared, expr, point: str, label, written_text: str):
    """An answer at a point: its value there against the derivative's value."""
    from .checker import Verdict, _same_target
    from .points import node_values, value_at

    notation = prepared.notation
    if label is not None and label.wrt and not _same_target(label, prepared.target):
        return Verdict(False, f"the answer is for {label.notation()}, but the question asks for {notation}",
                       diagnosis=Diagnosis("wrong_target", f"answers {label.notation()} instead of {notation}"),
                       target=notation)
    solution = prepared.problem.d(prepared.target.of, *prepared.target.wrt)
    expected = value_at(solution, point)
    values = node_values(prepared.problem, point)
    from .chain import substitute

    got = substitute(expr, values)
    got = got.doit() if got.has(sympy.Derivative) and not got.has(sympy.Subs) else got
    stray = sorted((s.name for s in got.free_symbols), key=str)
    where = ", ".join(f"{k} = {v}" for k, v in values.items() if k in prepared.problem.independent or k in prepared.problem.implicit)
    interpreted = f"{notation} at ({where}) = {_shown(got)}"
    if stray:
        reason = f"the answer uses {stray[0]}, which has no value at the point"
        return Verdict(False, f"wrong: {reason}", interpreted, diagnosis=Diagnosis("unknown_name", reason), target=notation)
    same = same_value(expected, got, written_text)
    if same is None:
        return Verdict(None, f"could not decide: the value at ({where}) is not a finite number", interpreted, target=notation)
    if same:
        return Verdict(True, f"right (the value at ({where}) is {_shown(expected)})", interpreted, target=notation)
    return Verdict(False, f"wrong: at ({where}) the value is {_shown(expected)}, the answer gives {_shown(got)}",
                   interpreted, diagnosis=Diagnosis("wrong_value", f"the value at ({where}) is {_shown(expected)}"),
                   target=notation)


def same_value(expected, got, written_text: str = ""):
    """True/False, or None when a value is not a finite number.  Abstract
    values (f₁′(3, 2)) are independent unknowns: compared for several random
    values of them.  A decimal written alone is right when the exact value
    rounds to it."""
    from .chain import top_atoms

    atoms = sorted(set(top_atoms(expected)) | set(top_atoms(got)), key=sympy.default_sort_key)
    draws = [{}] if not atoms else [
        {a: sympy.Rational(rng.randint(-97, 97), rng.randint(1, 13)) for a in atoms}
        for rng in (random.Random(k) for k in range(ABSTRACT_DRAWS))
    ]
    decimals = _decimals_written(written_text)
    for draw in draws:
        e, g = (sympy.N(v.xreplace(draw), VALUE_DIGITS) for v in (expected, got))
        if not (e.is_number and g.is_number) or e.has(sympy.zoo, sympy.nan) or g.has(sympy.zoo, sympy.nan):
            return None
        if not (e.is_real and g.is_real):
            if e.is_real is None or g.is_real is None:
                return None
        difference = abs(e - g)
        tolerance = VALUE_TOLERANCE * (1 + abs(e))
        if decimals is not None and not atoms:
            tolerance = max(tolerance, sympy.Rational(1, 2) * sympy.Rational(1, 10**decimals) * (1 + sympy.Rational(1, 10**6)))
        if difference > tolerance:
            return False
    return True


def _decimals_written(text: str):
    """3 for "0.333" or "≈ -1.414" written alone; None otherwise."""
    import re

    match = re.fullmatch(r"\s*[≈~]?\s*[-−]?\s*[0-9]*\.(?P<decimals>[0-9]+)\s*", text or "")
    return len(match["decimals"]) if match else None


def _shown(value) -> str:
    try:
        from .printing import text

        return text(value, None)
    except Exception:  # noqa: BLE001 -- a value the printer cannot print is shown plainly
        return str(value)


# ---------------------------------------------------------------------------
# total differentials: --target dz
# ---------------------------------------------------------------------------
def differential_variable(target) -> str | None:
    """"dz" (or "d z", "dθ") → "z"; None for any other target."""
    import re

    if not isinstance(target, str):
        return None
    match = re.fullmatch(r"\s*d\s*(?P<name>[A-Za-zα-ωΑ-Ω]+(?:_[0-9]+)?)\s*", target)
    if not match:
        return None
    return GREEK_LETTERS.get(match["name"], match["name"])


def check_differential(problem_text: str, of_name: str, answer: str, *, of=None, seed: int = 0, at=None):
    """Judge `dz = P dx + Q dy`: each coefficient as the partial it stands for."""
    from .checker import UNREADABLE, Verdict, prepare, problem_of

    problem = problem_of(problem_text, None if of is None else str(of))
    of_symbol = variable(of_name)
    known = {s.name for s in (*problem.variables, *problem.implicit, *problem.declarations)}
    if of_symbol.name not in known:
        raise PartialsError(f"'{of_name}' does not occur in the problem, so d{of_name} cannot be asked")
    if "d" in known:
        raise PartialsError("d is a variable of this problem, so dx cannot be told from d·x",
                            hint="check each partial derivative with --d instead")
    framed = problem.framed_for(of_symbol)
    independent = list(framed.independent)
    notation = f"d{of_name}"
    prepared = [prepare(problem_text, Target(of_symbol, (x,)), of=of, seed=seed) for x in independent]
    spellings = [_spellings(x.name) for x in independent]
    try:
        written = read_written(answer, prepared[0].problem, differentials=spellings)
    except LimitError as error:
        return Verdict(None, f"too expensive to check: {error}", status="too expensive", target=notation)
    except PartialsError as error:
        return Verdict(None, f"cannot understand the answer: {error}", status=UNREADABLE, target=notation)
    if written.label is not None and written.label.of != of_symbol:
        reason = f"answers d{written.label.of} instead of {notation}"
        return Verdict(False, f"the answer is for d{written.label.of}, but the question asks for {notation}",
                       diagnosis=Diagnosis("wrong_target", reason), target=notation)
    point = written.point or (at if at else None)
    verdicts = []
    for part in written.parts:
        verdicts.append(None if part.error is not None else _judge_differential(prepared, independent, part, point))
    last = written.parts[-1]
    empty = next((part for part in written.parts if not part.member.stripped), None)
    for part in (last, empty):
        if part is not None and part.error is not None:
            return Verdict(None, f"cannot understand the answer: {part.error}", status=UNREADABLE, target=notation)
    return _combined(written, verdicts)


def _spellings(name: str) -> list[str]:
    spelled = [name]
    letters = [letter for letter, spelled_name in GREEK_LETTERS.items() if spelled_name == name]
    spelled += letters
    if "_" in name:
        head, digits = name.split("_", 1)
        spelled += [f"{head}_{{{digits}}}", head + "".join("₀₁₂₃₄₅₆₇₈₉"[int(d)] for d in digits)]
    return spelled


def _judge_differential(prepared, independent, part: Read, point):
    """One member P dx + Q dy: split into coefficients, each judged."""
    from .checker import Verdict, judge_expression

    notation = f"d{prepared[0].target.of}"
    marks = [variable(f"Omega_{k}") for k in range(1, len(independent) + 1)]
    expr = part.expr
    coefficients = [expr.diff(m) for m in marks]
    rest = sympy.expand(expr.xreplace({m: 0 for m in marks}))
    if rest != 0 or any(c.free_symbols & set(marks) for c in coefficients) or all(c == 0 for c in coefficients):
        reason = f"{part.member.stripped} is not of the form P dx + Q dy"
        part.error = PartialsError(reason)
        return None
    outcomes = []
    for prepared_k, coefficient in zip(prepared, coefficients):
        try:
            value = derivatives_in(prepared_k, coefficient)
        except PartialsError as error:
            part.error = error
            return None
        if point is not None:
            outcomes.append(_judge_at_point(prepared_k, value, point, None, ""))
        else:
            outcomes.append(judge_expression(prepared_k, value, None))
    wrong = [(x, v) for x, v in zip(independent, outcomes) if v.correct is False]
    terms = " + ".join(f"({_shown(c)}) d{x}" for x, c in zip(independent, coefficients))
    interpreted = f"{notation} = {terms}"
    if wrong:
        said = "; ".join(_coefficient_sentence(x, v) for x, v in wrong)
        diagnosis = Diagnosis("wrong_coefficient", "; ".join(f"the coefficient of d{x} is wrong" for x, _ in wrong))
        return Verdict(False, f"wrong: {said}", interpreted, diagnosis=diagnosis, target=notation)
    if any(v.correct is None for v in outcomes):
        which = [f"d{x}: {v.message}" for x, v in zip(independent, outcomes) if v.correct is None]
        return Verdict(None, "could not decide: " + "; ".join(which), interpreted, status=outcomes[0].status
                       if outcomes[0].correct is None else "undecided", target=notation)
    return Verdict(True, "right (each coefficient is the partial derivative)", interpreted, target=notation)


def _coefficient_sentence(x, verdict) -> str:
    why = verdict.message.removeprefix("wrong").removeprefix(":").strip()
    return f"the coefficient of d{x} is wrong" + ("" if not why else f" {why}" if why.startswith("(") else f": {why}")


def check_at(problem_text: str, target, answer: str, *, of=None, seed: int = 0, at: str):
    """An answer to a derivative at the point `at` ("x=1,y=2")."""
    from .checker import UNREADABLE, Verdict, prepare

    prepared = prepare(problem_text, target, of=of, seed=seed)
    try:
        written = read_written(answer, prepared.problem)
    except LimitError as error:
        return Verdict(None, f"too expensive to check: {error}", status="too expensive", target=prepared.notation)
    except PartialsError as error:
        return Verdict(None, f"cannot understand the answer: {error}", status=UNREADABLE, target=prepared.notation)
    return judge_written(prepared, written, at=at)
