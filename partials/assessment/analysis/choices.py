"""A multiple-choice item about f at a point, answered option by option.

The item is a TOML file:

    function = "f(x,y) = xy/(x^2+y^2), (x,y) ≠ (0,0); 0, (x,y) = (0,0)"
    at = "x=0,y=0"                  # optional: where the pieces meet
    question = "f 在点 (0,0) 处"     # optional, printed
    answer = "C"                    # optional: the key, checked too
    [options]
    A = "连续，偏导数存在"
    B = "连续，偏导数不存在"
    C = "不连续，偏导数存在"
    D = "不连续，偏导数不存在"

Each option is a claim (partials.assessment.analysis.claims) checked against one
analysis of the function; the key is the set of options that are right,
known only when every option is decided."""
from __future__ import annotations

import tomllib
from dataclasses import dataclass, field

from partials.assessment.analysis.analyze import analyze
from partials.assessment.analysis.claims import RIGHT, UNDECIDED, WRONG, check_claim
from partials.assessment.analysis.reading import read_function
from partials.assessment.analysis.vectors import read_point
from partials.core.errors import PartialsError


@dataclass
class ChoiceItem:
    function: str
    options: dict                     # letter → claim text
    at: str | None = None
    question: str | None = None
    answer: str | None = None         # the stored key, if any


@dataclass
class AnsweredItem:
    item: ChoiceItem
    report: object
    checks: dict = field(default_factory=dict)   # letter → ClaimCheck

    @property
    def right(self) -> list:
        return [letter for letter, check in self.checks.items() if check.verdict == RIGHT]

    @property
    def decided(self) -> bool:
        return all(check.verdict != UNDECIDED for check in self.checks.values())

    @property
    def key(self):
        """The right option(s) as a string ("C", "AC"), or None when undecided."""
        return "".join(self.right) if self.decided else None

    def judge(self, chosen: str) -> str:
        """A student's choice: RIGHT, WRONG or UNDECIDED."""
        chosen = "".join(sorted(chosen.replace(",", "").replace(" ", "").upper()))
        unknown = set(chosen) - set(self.checks)
        if unknown or not chosen:
            raise PartialsError(f"the item has options {', '.join(self.checks)}, not {chosen or 'none'}")
        if any(self.checks[letter].verdict == WRONG for letter in chosen):
            return WRONG
        if self.key is None:
            return UNDECIDED
        return RIGHT if chosen == self.key else WRONG


def read_item(path: str) -> ChoiceItem:
    try:
        with open(path, "rb") as handle:
            data = tomllib.load(handle)
    except OSError as error:
        raise PartialsError(f"cannot read {path}: {error.strerror}") from None
    except tomllib.TOMLDecodeError as error:
        raise PartialsError(f"{path} is not valid TOML: {error}") from None
    return item_from(data, path)


def item_from(data: dict, where: str = "the item") -> ChoiceItem:
    function, options = data.get("function"), data.get("options")
    if not isinstance(function, str) or not isinstance(options, dict) or len(options) < 2:
        raise PartialsError(f"{where} needs function = \"…\" and an [options] table with at least two options")
    if not all(isinstance(k, str) and len(k) == 1 and k.isalpha() and isinstance(v, str) for k, v in options.items()):
        raise PartialsError(f"{where}: options are single letters with a claim each, e.g. A = \"连续，偏导数存在\"")
    unknown = set(data) - {"function", "options", "at", "question", "answer"}
    if unknown:
        raise PartialsError(f"{where}: unknown field(s) {', '.join(sorted(unknown))}")
    return ChoiceItem(function, {k.upper(): v for k, v in options.items()}, data.get("at"), data.get("question"),
                      data.get("answer"))


def answer_item(item: ChoiceItem) -> AnsweredItem:
    point = read_point(item.at, read_function(item.function)) if item.at else None
    report = analyze(item.function, point)
    answered = AnsweredItem(item, report)
    for letter, claim in sorted(item.options.items()):
        answered.checks[letter] = check_claim(claim, report)
    return answered
