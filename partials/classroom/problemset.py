"""Problem sets: a bank of textbook exercises stored as TOML.

One file is one topic::

    title = "复合函数求导 · Explicit composite functions"
    topic = "explicit-composites"
    description = "..."                      # optional

    [[problem]]
    id = "composite-01"                      # unique in the file: a-z 0-9 -
    text = "z = u^2 ln v, u = y/x, v = x^2 + y^2"   # textbook notation
    zh = "设 z = u² ln v，……求 ∂z/∂x，∂z/∂y。"   # optional prose statements
    en = "Let z = u² ln v, ... Find ∂z/∂x and ∂z/∂y."
    tags = ["chain-rule"]                    # topic tags, at least one
    difficulty = 1                           # 1 basic, 2 standard, 3 hard
    hypotheses = ["f 具有二阶连续偏导数"]      # optional
    of = "z"                                 # optional: the variable asked about
    kind = "derivative"                      # or "differential", "identity", "analysis"
    at = "x=1, y=2"                          # optional: answers are values there
    answers = { "∂z/∂x" = "...", "∂z/∂y" = "..." }   # asked -> reference answer
    identity = "x z_x + y z_y = z + xy"      # kind = "identity" only
    holds = true                             # identity only (default true)
    parameters = { a = [2, 3, 4], b = { from = 1, to = 5 } }   # a family

An analysis exercise (kind = "analysis") is a function of two variables at a
point (`partials analyze`): `text` is the function with its pieces, `at` the
point (default: where the pieces meet), and its answers are properties:
`answers = { continuous = "no", f_x = "0", f_y = "0", differentiable = "no" }`
(yes/no for continuous, differentiable, partials_continuous; a number or
"does not exist" for limit, f_x, f_y, f_xy, f_yx).

Parameters are single letters written `$a` in text, prose, identity and
answers; `instantiate({"a": 3})` substitutes them (see partials.classroom.variants).
The answers' keys are the derivatives asked, in the reader's target
notation (`∂z/∂x`, `∂²z/∂x∂y`, `z_xy`); their values are what a student
would type (`2x f_1' + y e^(xy) f_2'`).
"""
from __future__ import annotations

import re

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10
    import tomli as tomllib
from dataclasses import dataclass, field, replace
from pathlib import Path

from partials.core.errors import PartialsError

KINDS = ("derivative", "differential", "identity", "analysis")
DIFFICULTIES = (1, 2, 3)
MAX_PROBLEMS_PER_SET = 2000
MAX_TEXT_LENGTH = 2000
PARAMETER = re.compile(r"\$([A-Za-z])")
ID_PATTERN = re.compile(r"[a-z0-9][a-z0-9-]*\Z")

_FILE_FIELDS = {"title", "topic", "description", "problem"}
_PROBLEM_FIELDS = {
    "id", "text", "zh", "en", "tags", "difficulty", "hypotheses", "of", "kind",
    "at", "answers", "identity", "holds", "parameters",
}


class ProblemSetError(PartialsError):
    """A problem set that does not follow the format; names file, problem and field."""

    def __init__(self, source: str, message: str, problem_id: str | None = None, field_name: str | None = None):
        where = source
        if problem_id is not None:
            where += f": problem '{problem_id}'"
        if field_name is not None:
            where += f": field '{field_name}'"
        super().__init__(f"{where}: {message}")
        self.source, self.problem_id, self.field_name = source, problem_id, field_name


@dataclass(frozen=True)
class Exercise:
    """One problem of a set, as stored (strings in textbook notation)."""

    id: str
    text: str
    tags: tuple[str, ...]
    difficulty: int
    answers: dict  # asked derivative (target text) -> reference answer text
    kind: str = "derivative"
    zh: str | None = None
    en: str | None = None
    hypotheses: tuple[str, ...] = ()
    of: str | None = None
    at: str | None = None
    identity: str | None = None
    holds: bool = True
    parameters: dict = field(default_factory=dict)  # letter -> tuple of allowed ints
    source: str = ""
    values: dict = field(default_factory=dict)  # parameter values of an instance

    @property
    def asks(self) -> tuple[str, ...]:
        return tuple(self.answers)

    @property
    def is_family(self) -> bool:
        return bool(self.parameters) and not self.values

    def problem(self):
        """The statement read into a partials Problem (`text` may be a whole pasted statement)."""
        from partials.assessment.statement_solving import read_problem_or_statement

        return read_problem_or_statement(self.text, of=self.of)

    def instantiate(self, values: dict) -> "Exercise":
        """This exercise with its parameters replaced by `values` (ints)."""
        missing = sorted(set(self.parameters) - set(values))
        if missing:
            raise ProblemSetError(self.source, f"no value for parameter(s) {', '.join(missing)}", self.id, "parameters")
        from partials.classroom.variants import substitute

        def fill(text):
            return None if text is None else substitute(text, values)

        return replace(
            self,
            text=fill(self.text),
            zh=fill(self.zh),
            en=fill(self.en),
            identity=fill(self.identity),
            at=fill(self.at),
            answers={fill(k): fill(v) for k, v in self.answers.items()},
            values=dict(values),
        )

    def default_instance(self) -> "Exercise":
        """A family at the first value of every parameter (the printed default)."""
        if not self.is_family:
            return self
        return self.instantiate({name: choices[0] for name, choices in self.parameters.items()})


@dataclass(frozen=True)
class ProblemSet:
    title: str
    topic: str
    problems: tuple[Exercise, ...]
    description: str = ""
    path: str = ""

    def by_id(self, problem_id: str) -> Exercise:
        for problem in self.problems:
            if problem.id == problem_id:
                return problem
        raise ProblemSetError(self.path, f"no problem with id '{problem_id}'",
                              field_name=None)

    def topics(self) -> tuple[str, ...]:
        """The set's topic and every tag used, each once, in order of appearance."""
        seen = [self.topic]
        for problem in self.problems:
            seen += [t for t in problem.tags if t not in seen]
        return tuple(seen)


def load_problem_set(path) -> ProblemSet:
    """Read and check one problem-set file; raise ProblemSetError when malformed."""
    path = Path(path)
    source = str(path)
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise ProblemSetError(source, f"cannot read the file ({error.strerror or error})") from None
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise ProblemSetError(source, "the file is not UTF-8 text") from None
    except tomllib.TOMLDecodeError as error:
        raise ProblemSetError(source, f"not valid TOML: {error}") from None
    return problem_set_from_data(data, source)


def load_problem_sets(paths) -> list[ProblemSet]:
    return [load_problem_set(p) for p in paths]


_PACKAGED_BANK = Path(__file__).resolve().parents[1] / "problem_sets"  # partials/problem_sets in the wheel
_CHECKOUT_BANK = Path(__file__).resolve().parents[2] / "problem_sets"


def bank_directory() -> Path:
    """Where the shipped bank is: inside the package when installed (the
    wheel force-includes problem_sets/), else at the top of the checkout."""
    for directory in (_PACKAGED_BANK, _CHECKOUT_BANK):
        if directory.is_dir() and any(directory.glob("*.toml")):
            return directory
    raise PartialsError("the problem bank is missing from this installation of partials (problem_sets/)")


def bank_files(directory=None) -> list[Path]:
    """The topic files of the bank shipped in problem_sets/ (sorted)."""
    directory = Path(directory) if directory else bank_directory()
    return sorted(directory.glob("*.toml"))


def problem_set_from_data(data: dict, source: str = "<problem set>") -> ProblemSet:
    _reject_unknown(data, _FILE_FIELDS, source, None)
    title = _string(data, "title", source, None, required=True)
    topic = _string(data, "topic", source, None, required=True)
    if not ID_PATTERN.match(topic):
        raise ProblemSetError(source, "use lower-case letters, digits and '-' only", field_name="topic")
    description = _string(data, "description", source, None) or ""
    entries = data.get("problem")
    if not isinstance(entries, list) or not entries:
        raise ProblemSetError(source, "no problems: add at least one [[problem]] table", field_name="problem")
    if len(entries) > MAX_PROBLEMS_PER_SET:
        raise ProblemSetError(source, f"more than {MAX_PROBLEMS_PER_SET} problems", field_name="problem")
    problems, seen = [], {}
    for index, entry in enumerate(entries, start=1):
        problem = _exercise(entry, source, index)
        if problem.id in seen:
            raise ProblemSetError(source, f"duplicate id (also problem number {seen[problem.id]})", problem.id, "id")
        seen[problem.id] = index
        problems.append(problem)
    return ProblemSet(title=title, topic=topic, problems=tuple(problems), description=description, path=source)


# ---- one problem ---------------------------------------------------------
def _exercise(entry, source: str, index: int) -> Exercise:
    if not isinstance(entry, dict):
        raise ProblemSetError(source, f"problem number {index} is not a table", field_name="problem")
    problem_id = entry.get("id")
    if not isinstance(problem_id, str) or not ID_PATTERN.match(problem_id):
        label = f"#{index}" if not isinstance(problem_id, str) else problem_id
        raise ProblemSetError(
            source, "every problem needs an id of lower-case letters, digits and '-'", label, "id"
        )
    _reject_unknown(entry, _PROBLEM_FIELDS, source, problem_id)
    kind = _string(entry, "kind", source, problem_id) or "derivative"
    if kind not in KINDS:
        raise ProblemSetError(source, f"'{kind}' is not one of {', '.join(KINDS)}", problem_id, "kind")
    difficulty = entry.get("difficulty")
    if type(difficulty) is not int or difficulty not in DIFFICULTIES:
        raise ProblemSetError(source, "must be 1 (basic), 2 (standard) or 3 (hard)", problem_id, "difficulty")
    answers = _answers(entry, source, problem_id, kind)
    identity = _string(entry, "identity", source, problem_id)
    if kind == "identity" and not identity:
        raise ProblemSetError(source, "an identity problem states the identity to verify", problem_id, "identity")
    if kind != "identity" and identity is not None:
        raise ProblemSetError(source, "only kind = \"identity\" problems have an identity", problem_id, "identity")
    if identity is not None and identity.count("=") != 1:
        raise ProblemSetError(source, "write the identity as one 'left = right'", problem_id, "identity")
    holds = entry.get("holds", True)
    if not isinstance(holds, bool):
        raise ProblemSetError(source, "must be true or false", problem_id, "holds")
    exercise = Exercise(
        id=problem_id,
        text=_string(entry, "text", source, problem_id, required=True),
        tags=_string_list(entry, "tags", source, problem_id, required=True),
        difficulty=difficulty,
        answers=answers,
        kind=kind,
        zh=_string(entry, "zh", source, problem_id),
        en=_string(entry, "en", source, problem_id),
        hypotheses=_string_list(entry, "hypotheses", source, problem_id),
        of=_string(entry, "of", source, problem_id),
        at=_string(entry, "at", source, problem_id),
        identity=identity,
        holds=holds,
        parameters=_parameters(entry, source, problem_id),
        source=source,
    )
    _check_parameter_use(exercise)
    if kind == "analysis":
        _check_analysis(exercise)
    return exercise


def _check_analysis(exercise: Exercise) -> None:
    """An analysis exercise's answers are properties with yes/no or values; no family."""
    from partials.assessment.analysis.claims import claim_of

    if exercise.parameters:
        raise ProblemSetError(exercise.source, "an analysis exercise has no parameters", exercise.id, "parameters")
    for key, answer in exercise.answers.items():
        try:
            claim_of(key, answer)
        except PartialsError as error:
            raise ProblemSetError(exercise.source, error.message, exercise.id, "answers") from None


def _answers(entry, source, problem_id, kind) -> dict:
    answers = entry.get("answers", {})
    if not isinstance(answers, dict):
        raise ProblemSetError(source, 'must be a table: { "∂z/∂x" = "answer", ... }', problem_id, "answers")
    if not answers and kind != "identity":
        raise ProblemSetError(source, "give at least one derivative asked and its answer", problem_id, "answers")
    for asked, answer in answers.items():
        if not isinstance(answer, str) or not answer.strip():
            raise ProblemSetError(source, f"the answer to '{asked}' must be non-empty text", problem_id, "answers")
        if len(answer) > MAX_TEXT_LENGTH:
            raise ProblemSetError(source, f"the answer to '{asked}' is too long", problem_id, "answers")
    return {key.strip(): value.strip() for key, value in answers.items()}


def _parameters(entry, source, problem_id) -> dict:
    raw = entry.get("parameters", {})
    if not isinstance(raw, dict):
        raise ProblemSetError(source, "must be a table: { a = [2, 3], b = { from = 1, to = 5 } }", problem_id, "parameters")
    parameters = {}
    for name, spec in raw.items():
        if not re.fullmatch(r"[A-Za-z]", name):
            raise ProblemSetError(source, f"parameter '{name}' must be a single letter", problem_id, "parameters")
        choices = _choices(spec)
        if choices is None:
            raise ProblemSetError(
                source,
                f"parameter {name}: give a list of integers or {{ from = m, to = n }} with m <= n",
                problem_id, "parameters",
            )
        parameters[name] = choices
    return parameters


def _choices(spec):
    if isinstance(spec, list) and spec and all(type(v) is int for v in spec):
        return tuple(dict.fromkeys(spec))
    if isinstance(spec, dict) and set(spec) == {"from", "to"}:
        low, high = spec["from"], spec["to"]
        if type(low) is int and type(high) is int and low <= high and high - low <= 1000:
            return tuple(v for v in range(low, high + 1) if v != 0)  # 0 would drop a term
    return None


def _check_parameter_use(exercise: Exercise) -> None:
    texts = [exercise.text, exercise.zh, exercise.en, exercise.identity, exercise.at]
    texts += list(exercise.answers) + list(exercise.answers.values())
    used = set()
    for text in texts:
        if text:
            used |= set(PARAMETER.findall(text))
    undeclared = sorted(used - set(exercise.parameters))
    if undeclared:
        raise ProblemSetError(
            exercise.source, f"${undeclared[0]} is used but not declared in parameters", exercise.id, "parameters"
        )
    unused = sorted(set(exercise.parameters) - used)
    if unused:
        raise ProblemSetError(exercise.source, f"parameter {unused[0]} is declared but never used", exercise.id, "parameters")


# ---- field helpers -------------------------------------------------------
def _reject_unknown(table, allowed, source, problem_id) -> None:
    unknown = sorted(set(table) - allowed)
    if unknown:
        raise ProblemSetError(
            source, f"unknown field (known: {', '.join(sorted(allowed))})", problem_id, unknown[0]
        )


def _string(table, name, source, problem_id, required=False):
    value = table.get(name)
    if value is None:
        if required:
            raise ProblemSetError(source, "missing (required)", problem_id, name)
        return None
    if not isinstance(value, str) or not value.strip():
        raise ProblemSetError(source, "must be non-empty text", problem_id, name)
    if len(value) > MAX_TEXT_LENGTH:
        raise ProblemSetError(source, f"longer than {MAX_TEXT_LENGTH} characters", problem_id, name)
    return value.strip()


def _string_list(table, name, source, problem_id, required=False) -> tuple[str, ...]:
    value = table.get(name)
    if value is None:
        if required:
            raise ProblemSetError(source, "missing (required): a list of text", problem_id, name)
        return ()
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise ProblemSetError(source, "must be a list of non-empty text", problem_id, name)
    if required and not value:
        raise ProblemSetError(source, "must not be empty", problem_id, name)
    return tuple(v.strip() for v in value)
