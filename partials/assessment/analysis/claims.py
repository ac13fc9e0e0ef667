"""A student's (or an option's) claims about f at the point, checked against
the analysis: "连续但不可微", "f_x(0,0) = 1", "可微", "偏导数存在",
"continuous but not differentiable", "f_xy(0,0) = -1", "偏导数存在且连续".

A claim is a conjunction of atoms (split at commas, semicolons, 但/且/而,
and/but); each atom is one property, possibly negated, or a value of
f_x, f_y, f_xy, f_yx or the limit.  An atom is right or wrong only when
the analysis decided that property (with its certificate, quoted as the
reason); otherwise the claim is undecided.  A text that is not one of
these forms is refused (exit 2), never guessed at.

"偏导数存在" means both f_x and f_y exist; "偏导数不存在" that at least one
does not.  "偏导数存在且连续" (no comma) is read as the partials being
continuous: 连续 after 偏导数 … 且/而 keeps the subject."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

import sympy

from partials.core.errors import PartialsError
from partials.reading.reader import read_expression

RIGHT, WRONG, UNDECIDED = "right", "wrong", "undecided"

_JOINERS = re.compile(r"\s*(?:[,，;；、]|但是|但|而且|并且|且|而|同时|\band\b|\bbut\b|\bwhile\b)\s*")
_KEEPS_SUBJECT = re.compile(r"^\s*(?:而且|并且|且|and)\s*$")
_AMBIGUOUS_SUBJECT = re.compile(r"^\s*(?:但是|但|而|but|while)\s*$")
_NEGATION = re.compile(r"不|非|没有|无|\bnot\b|\bno\b|n't|\bdis(?=continuous)|\bnon-?(?=differentiable)")
_VALUE = re.compile(r"^(?:f\s*_?\s*|∂f/∂|f')?(xy|yx|x|y)\s*(?:\(\s*[^()]*\)|\s*at\s+the\s+point)?\s*"
                    r"(=|≠|!=|<>|为|是|等于)\s*(.+)$")
_EXISTS = re.compile(r"^(?:f\s*_?\s*|f')?(xy|yx|x|y)\s*(?:\(\s*[^()]*\))?\s*(.*)$")
_LIMIT_VALUE = re.compile(r"^(?:the\s+)?(?:limit|lim|极限)\s*(?:is|=|为|是|等于)\s*(.+)$")

# property words, the longer ones first (偏导数连续 before 连续)
_PROPERTIES = [
    ("partials_continuous", re.compile(r"偏导(?:数)?.*连续|partials?.*continuous|partial derivatives?.*continuous|"
                                       r"continuously differentiable")),
    ("partials_exist", re.compile(r"偏导(?:数)?.*存在|partials?.*exist|partial derivatives?.*exist")),
    ("differentiable", re.compile(r"可微|differentiable")),
    ("limit", re.compile(r"极限.*存在|limit.*exist|has a limit|no limit")),
    ("continuous", re.compile(r"连续|continuous")),
]
_FILLER = re.compile(r"f\s*\(\s*[^()]*\)|函数|在点?|处|点|\([^()]*\)|原点|at the (?:point|origin)|at|the|function|"
                     r"is|are|f|都|均|两个|both|it|and|exist[s]?|存在|not|no|n't|does|do|dis|不|非|没有|无|[.。\s]")


@dataclass
class Atom:
    text: str
    verdict: str           # RIGHT, WRONG, UNDECIDED
    en: str = ""
    zh: str = ""


@dataclass
class ClaimCheck:
    claim: str
    atoms: list = field(default_factory=list)

    @property
    def verdict(self) -> str:
        verdicts = [atom.verdict for atom in self.atoms]
        if WRONG in verdicts:
            return WRONG
        return RIGHT if verdicts and all(v == RIGHT for v in verdicts) else UNDECIDED

    @property
    def exit_code(self) -> int:
        return {RIGHT: 0, WRONG: 1, UNDECIDED: 3}[self.verdict]


def check_claim(claim: str, report) -> ClaimCheck:
    """Each atom of `claim` against the decided findings of `report`."""
    result = ClaimCheck(claim)
    for text, subject in atoms_of(claim):
        result.atoms.append(_judge(text, subject, report))
    return result


def atoms_of(claim: str) -> list:
    """(atom text, subject carried from the atom before or None)."""
    text = claim.strip().lower().replace("＝", "=").replace("（", "(").replace("）", ")")
    if not text:
        raise PartialsError("the claim is empty")
    masked = re.sub(r"\([^()]*\)", lambda m: m.group(0).replace(",", "\0").replace("，", "\0"), text)
    pieces = [piece.replace("\0", ",") for piece in _JOINERS.split(masked)]
    joiners = _JOINERS.findall(masked)
    atoms, subject = [], None
    for index, piece in enumerate(pieces):
        piece = piece.strip()
        if not piece:
            continue
        carried = None
        bare_continuity = re.fullmatch(r"(?:are |is )?(?:不|非|not |dis)?(?:连续|continuous)", piece)
        if index and subject and bare_continuity:
            if _AMBIGUOUS_SUBJECT.match(joiners[index - 1]):
                raise PartialsError(f"ambiguous claim {claim!r}: is it f or its partials that are (not) continuous?",
                                    "write 'f 不连续' or '偏导数不连续' (the partials are not continuous)")
            if _KEEPS_SUBJECT.match(joiners[index - 1]):
                carried = subject
        atoms.append((piece, carried))
        subject = "partials" if re.search(r"偏导|partial", piece) else None
    if not atoms:
        raise PartialsError(f"cannot understand the claim {claim!r}")
    return atoms


def _judge(text: str, subject, report) -> Atom:
    f = report.findings
    limit_value = _LIMIT_VALUE.match(text)
    if limit_value:
        return _value_atom(text, "limit", "=", limit_value.group(1), f["limit"])
    value = _VALUE.match(text)
    if value:
        which, relation, claimed = value.groups()
        return _value_atom(text, "f" + which, relation, claimed, f["f" + which])
    negated = bool(_NEGATION.search(text))
    if subject == "partials":
        return _property_atom(text, "partials_continuous", not negated, f)
    exists = _EXISTS.match(text)
    if exists and re.fullmatch(r"(?:存在|exists?|does not exist|不存在|doesn't exist)", exists.group(2).strip()):
        return _exists_atom(text, "f" + exists.group(1), not negated, f)
    for name, pattern in _PROPERTIES:
        if pattern.search(text):
            rest = _FILLER.sub("", pattern.sub("", text, count=1))
            if rest.strip():
                break
            return _property_atom(text, name, not negated, f)
    raise PartialsError(f"cannot understand the claim {text!r}",
                        "claims are properties, possibly negated, joined by commas or 但/且/and/but: "
                        "连续, 偏导数存在, 可微, 偏导数连续, 极限存在, f_x(0,0) = 1, f_xy(0,0) 不存在")


def _reason(finding) -> tuple:
    return finding.en, finding.zh


def _property_atom(text, name, claimed: bool, f) -> Atom:
    if name == "partials_exist":
        fx, fy = f["fx"], f["fy"]
        if fx.verdict is False or fy.verdict is False:
            missing = fx if fx.verdict is False else fy
            actual, en, zh = False, *_reason(missing)
        elif fx.verdict is True and fy.verdict is True:
            actual = True
            en, zh = f"f_x = {fx.value}, f_y = {fy.value} ({fx.en}; {fy.en})", f"f_x = {fx.value}，f_y = {fy.value}"
        else:
            undecided_one = fx if fx.verdict is None else fy
            return Atom(text, UNDECIDED, *_reason(undecided_one))
    elif name == "limit":
        actual, (en, zh) = f["limit"].verdict, _reason(f["limit"])
    else:
        actual, (en, zh) = f[name].verdict, _reason(f[name])
    if actual is None:
        return Atom(text, UNDECIDED, en, zh)
    return Atom(text, RIGHT if actual == claimed else WRONG, en, zh)


def _exists_atom(text, key, claimed: bool, f) -> Atom:
    finding = f[key]
    if finding.verdict is None:
        return Atom(text, UNDECIDED, *_reason(finding))
    return Atom(text, RIGHT if finding.verdict == claimed else WRONG, *_reason(finding))


def _value_atom(text, key, relation, claimed_text, finding) -> Atom:
    claimed_text = claimed_text.strip().rstrip("。.")
    if re.fullmatch(r"不存在|does not exist|doesn't exist|dne", claimed_text):
        return _exists_atom(text, key, False, {key: finding})
    claimed = read_expression(claimed_text)
    if claimed.free_symbols:
        raise PartialsError(f"the value in {text!r} should be a number")
    equal_claimed = relation in ("=", "为", "是", "等于")
    if finding.verdict is None:
        return Atom(text, UNDECIDED, finding.en, finding.zh)
    if finding.verdict is False:
        en, zh = f"it does not exist: {finding.en}", f"不存在：{finding.zh}"
        return Atom(text, WRONG if equal_claimed else RIGHT, en, zh)
    difference = sympy.simplify(finding.value - claimed)
    if difference == 0:
        equal = True
    else:
        number = difference.evalf(40)
        if not (number.is_Number and abs(number) > 1e-30):
            return Atom(text, UNDECIDED, f"could not compare {claimed} with {finding.value}",
                        f"无法比较 {claimed} 与 {finding.value}")
        equal = False
    en, zh = f"the value is {finding.value}: {finding.en}", f"其值为 {finding.value}：{finding.zh}"
    return Atom(text, RIGHT if equal == equal_claimed else WRONG, en, zh)


# ---- stored answers of analysis exercises (problem sets, kind = "analysis") ----------
YES, NO, DOES_NOT_EXIST = ("yes", "是"), ("no", "否"), ("does not exist", "不存在", "dne")
_YES_NO_CLAIMS = {"continuous": ("continuous", "not continuous"),
                  "differentiable": ("differentiable", "not differentiable"),
                  "partials_continuous": ("partials are continuous", "partials are not continuous")}
_VALUED_CLAIMS = {"limit": "limit", "f_x": "f_x", "f_y": "f_y", "f_xy": "f_xy", "f_yx": "f_yx"}
ANSWER_KEYS = tuple(_YES_NO_CLAIMS) + tuple(_VALUED_CLAIMS)


def claim_of(key: str, answer: str) -> str:
    """The claim a stored answer makes: ("continuous", "no") → "not continuous",
    ("f_x", "0") → "f_x = 0", ("f_xy", "does not exist") → "f_xy does not exist"."""
    answer = answer.strip()
    if key in _YES_NO_CLAIMS:
        if answer.lower() in YES:
            return _YES_NO_CLAIMS[key][0]
        if answer.lower() in NO:
            return _YES_NO_CLAIMS[key][1]
        raise PartialsError(f"the answer to '{key}' is yes or no, not {answer!r}")
    if key in _VALUED_CLAIMS:
        if answer.lower() in DOES_NOT_EXIST:
            return f"{_VALUED_CLAIMS[key]} does not exist"
        value = read_expression(answer)
        if value.free_symbols:
            raise PartialsError(f"the answer to '{key}' is a number or 'does not exist', not {answer!r}")
        return f"{_VALUED_CLAIMS[key]} = {answer}"
    raise PartialsError(f"'{key}' is not a property of the analysis: one of {', '.join(ANSWER_KEYS)}")
