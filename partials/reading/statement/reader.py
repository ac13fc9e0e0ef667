"""A whole pasted statement → what it gives and what it asks.

    statement = read_statement("设 z = x²y + e^(xy)，求 ∂z/∂x 及 ∂²z/∂x∂y。")
    statement.problem_text.text   'z = x²y + e^(xy), ∂z/∂x, ∂²z/∂x∂y'  (origins into the pasted text)
    statement.point               {'x': '1', 'y': '2'} or ('1', '2') (in the order of the independents)
    statement.differential        True for 求 dz, 全微分, the total differential
    statement.combinations        ['x ∂z/∂x + y ∂z/∂y'] (求 x ∂z/∂x + y ∂z/∂y)
    statement.identities          ['x z_x + y z_y = z'] (证明 …, Show that …)
    statement.constants, .hypotheses, .skipped

The statement is first normalised (partials.reading.statement.normalize); then it is
cut into clauses at , ; : 。 new lines and sentence ends (outside brackets),
each clause into prose (Chinese characters, English words) and mathematics.
Each piece of mathematics is classified by its content, the prose around it
deciding only what content cannot (a point after 在点/at, an identity after
证明/Show that). Nothing is evaluated: the mathematics is handed, with its
positions in the pasted text, to the one reader of the notation.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from partials.core.errors import NotationError
from partials.reading.statement.mapped import Mapped, join
from partials.reading.statement.normalize import normalize

FUNCTION_NAMES = ("arcsin", "arccos", "arctan", "arccot", "sinh", "cosh", "tanh", "coth", "sqrt", "sin", "cos",
                  "tan", "cot", "sec", "csc", "exp", "log", "ln", "lg", "abs", "pi")
GREEK_NAMES = {"alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta", "iota", "kappa", "lambda", "mu",
               "nu", "xi", "rho", "sigma", "tau", "upsilon", "phi", "chi", "psi", "omega"}
PROSE_WORDS = {
    "a", "an", "the", "let", "if", "find", "compute", "calculate", "determine", "evaluate", "show", "prove", "verify",
    "suppose", "given", "where", "and", "or", "is", "are", "be", "by", "of", "at", "to", "as", "in", "on", "for",
    "with", "that", "then", "it", "its", "has", "have", "all", "both", "each", "point", "points", "total",
    "differential", "differentials", "partial", "partials", "derivative", "derivatives", "second", "first", "third",
    "order", "continuous", "continuously", "differentiable", "function", "functions", "defined", "define", "defines",
    "implicitly", "implicit", "equation", "equations", "constant", "constants", "respect", "well", "curve", "system",
    "sides", "side", "differentiate", "use", "estimate", "compare", "them", "they", "twice", "once", "value",
    "values", "when", "which", "what", "this", "these", "from", "into", "we", "one", "two", "also", "using", "rule",
    "chain", "obtain", "get", "write", "express", "solve", "here", "denote", "denotes", "satisfies", "satisfy",
    "mixed", "smooth", "nonzero", "real", "any", "arbitrary", "so", "such", "holds", "identity", "following",
    "exercise", "example", "problem", "question", "please", "thanks", "thank", "you", "need", "steps", "step",
    "now", "note", "hence", "thus", "say", "put", "take", "under", "onto", "near", "above", "below", "how", "why",
    "does", "do", "can", "will", "must", "may", "should", "would", "could", "not", "no", "yes", "answer", "solution",
    "hint", "part", "hello", "help", "want", "calculus", "textbook", "homework", "result", "results",
    "wave", "heat", "form", "true", "false", "give", "equal", "equals", "same", "than", "over",
    "wrt", "variable", "variables", "independent", "dependent", "given,", "dependence", "via",
}
GIVEN_WORDS = re.compile(r"设|已知|若|假设|其中|而|由方程组|由方程|由|\b(?:let|if|suppose|given|where)\b", re.IGNORECASE)
ASK_WORDS = re.compile(r"试求|求|计算|则|\b(?:find|compute|calculate|determine|evaluate|what)\b", re.IGNORECASE)
PROVE_WORDS = re.compile(r"求证|证明|验证|试证|判断|是否|满足|\b(?:show|prove|verify|true or false|satisf(?:y|ies))\b",
                         re.IGNORECASE)
POINT_WORDS = re.compile(r"当|在|于|处|时|at\b|when", re.IGNORECASE)
HYPOTHESIS_WORDS = re.compile(r"连续|可微|可导|二阶导数|一阶导数|differentiable|continuous|smooth", re.IGNORECASE)
DIFFERENTIAL_WORDS = re.compile(r"全微分|微分|total differential|differential", re.IGNORECASE)
ALL_PARTIALS_WORDS = re.compile(r"偏导数|偏导|导数|partial derivatives|partials|derivatives?|differentiate", re.IGNORECASE)
ANSWER_WORDS = re.compile(r"^\s*(?:解|答|解答|答案)\s*$|\b(?:solution|answer)\b", re.IGNORECASE)
UNSUPPORTED = re.compile(r"方向导数|梯度|极值|最大值|最小值|极限|连续性|切平面|法平面|切线|法线|泰勒|积分|"
                         r"\b(?:directional|gradient|extrem(?:um|a)|maxim(?:um|a)|minim(?:um|a)|limit|tangent|normal "
                         r"line|taylor|integral|integrate|continuity)\b", re.IGNORECASE)
SECOND_WORDS = re.compile(r"二阶|second", re.IGNORECASE)
THIRD_WORDS = re.compile(r"三阶|third", re.IGNORECASE)

_CONDITION = re.compile(r"[<>≠≤≥]")  # (x > 0, x ≠ 1): a domain, kept as a hypothesis
_POSSESSIVE = re.compile(r"(?<=[A-Za-z]{3})['’]s\b")
_CJK = re.compile(r"[\u3001-\u303f\u4e00-\u9fff\uff01-\uff0f\uff1a-\uff20\u2e80-\u2fdf]")
_WORD = re.compile(r"[A-Za-z]+")
_MATHY_WORD = re.compile(r"(?:" + "|".join(FUNCTION_NAMES) + r"|[A-Za-z])+")
_LABEL = re.compile(r"^\s*(?:[①-⑳]|(?:例|习题|题|第)\s*\d+(?:\.\d+)*\s*(?:题)?\s*[.、:：)）]?|\d+(?:\.\d+)*\s*[.、)）](?!\d)"
                    r"|[(（]\s*\d+\s*[)）]|(?:exercise|example|problem|question|q)\s*\d+(?:\.\d+)*\s*[.:)]?)\s*", re.IGNORECASE)
_CONSTANTS = [
    re.compile(r"([A-Za-zα-ω](?:\s*[,、和与及]\s*[A-Za-zα-ω])*)\s*(?:均|都)?\s*(?:为|是)\s*(?:任意|非零|正|实)?\s*常数"),
    re.compile(r"\b([A-Za-z](?:\s*(?:,|and)\s*[A-Za-z])*)\s+(?:is|are)\s+(?:an?\s+)?(?:(?:arbitrary|nonzero|positive|real)\s+)*constants?\b"),
]
_FUNCTION_OF = [
    re.compile(r"(?:确定|决定)\s*(?:了)?\s*(?:隐函数)?\s*([a-z])\s*(?:为|是)\s*([a-z](?:\s*[,、和与及]\s*[a-z])*)\s*的\s*(?:二元|三元)?\s*(?:隐)?函数"),
    re.compile(r"\b([a-z])\s+(?:is|be)\s+(?:defined\s+)?(?:implicitly\s+)?(?:defined\s+)?(?:as\s+)?an?\s+(?:implicit\s+)?"
               r"(?:differentiable\s+)?function\s+of\s+([a-z](?:\s*(?:,\s*(?:and\s+)?|\s+and\s+)[a-z])*)"),
]
_POINT_TUPLE = [
    re.compile(r"\|\s*_\s*\{\s*\(([^(){}]*)\)\s*\}|\|\s*_\s*\(([^()]*)\)|\|\s*_\s*\{([^{}]*)\}"),
    re.compile(r"(?:在|于)?\s*点\s*(?:[A-Z](?:_?0)?\s*)?\(([^()]*)\)\s*(?:处|的)?"),
    re.compile(r"\bat\s+(?:the\s+point\s+|point\s+)?(?:[A-Z](?:_?0)?\s*)?\(([^()]*)\)", re.IGNORECASE),
]
_NUMBER_VALUE = re.compile(r"\s*[-+−]?\s*(?:\d+(?:\.\d+)?|π|pi|e|√\s*\d+|√\(\s*\d+\s*\))(?:\s*/\s*(?:\d+|π))?\s*")
_ASSIGNMENT = re.compile(r"\s*([A-Za-zα-ω](?:_\d+)?)\s*=(" + _NUMBER_VALUE.pattern + r")")
_BLANK = re.compile(r"\s*(?:\?|\(\s*\)|_{2,}|…|\.{3})?\s*")
_DERIVATIVE_MARK = re.compile(r"∂|δ|(?<![A-Za-z])[da](?:\^\s*\d+|[²³])?\s*[A-Za-z]\s*/\s*\(?\s*[da]|(?<![A-Za-z])[A-Za-z]_\{?[a-z]{1,3}\b|[A-Za-z](?:_\{?\d+\}?)?['′″]|\(δ")
_DIFFERENTIAL = re.compile(r"\s*d\s*(?:([A-Za-z])|\(\s*([A-Za-z])\s*\))\s*")
_AT_POINT = re.compile(r"(.+?)\s*\(([^()]*,[^()]*)\)\s*")
_INCREMENT = re.compile(r"\s*Δ\s*[A-Za-z]")
_GLUED_SUBSCRIPT = re.compile(r"([A-Za-z])([xyzt]{1,3})")
_SPLIT_RELATION = re.compile(r"\s+(?=[A-Za-zα-ω](?:_\d+)?\s*(?:\([^()]*\))?\s*=)")


@dataclass
class Statement:
    original: str
    relations: list = field(default_factory=list)  # Mapped, each one relation
    targets: list = field(default_factory=list)  # Mapped, each one derivative
    combinations: list = field(default_factory=list)  # Mapped
    identities: list = field(default_factory=list)  # Mapped
    differential: bool = False
    differential_of: str | None = None
    every_partial: int = 0  # 1: every first partial asked in words (求偏导数), 2: every second one
    by: list = field(default_factory=list)  # 对 x, y 求二阶偏导数
    point: dict | tuple | None = None
    constants: list = field(default_factory=list)
    hypotheses: list = field(default_factory=list)
    skipped: list = field(default_factory=list)
    declared: list = field(default_factory=list)  # Mapped declarations said in words (z 为 x, y 的函数)
    aliases: dict = field(default_factory=dict)  # z = f(x, y) = …: f_x asks ∂z/∂x
    pending_by: list = field(default_factory=list)  # names after 对 in a clause that asks nothing yet

    @property
    def problem_text(self) -> Mapped:
        """Relations and asked derivatives in the project's notation (origins into the original)."""
        return join(self.relations + self.declared + self.targets, ", ", end=len(self.original))


def has_prose(text: str) -> bool:
    """Chinese characters or English words of a statement (Let, Find, where, …) around the mathematics."""
    mapped = normalize(text)
    return bool(_CJK.search(mapped.text)) or any(
        len(word.group()) > 1 and word.group().lower() in PROSE_WORDS for word in _WORD.finditer(mapped.text))


def looks_like_statement(text: str) -> bool:
    """Prose, markup or a point marker: worth the statement reader."""
    return has_prose(text) or normalize(text).text != text or "|_" in text


def read_statement(text: str) -> Statement:
    if not isinstance(text, str):
        raise NotationError("expected text", "", None)
    from partials.reading import limits

    limits.check_text(text)
    mapped = normalize(text)
    statement = Statement(text)
    mapped = mapped.sub(_POSSESSIVE, "  ")  # Laplace's equation
    mapped = mapped.sub(r"(?<![A-Za-z])w\.\s*r\.\s*t\.?", "wrt")  # w.r.t. x
    mapped = _take_label(mapped, statement)
    mapped = _take_functions_of(mapped, statement)
    mapped = _take_constants(mapped, statement)
    mapped = _take_points(mapped, statement)
    mapped = _take_prose_brackets(mapped, statement)
    mode = "given"
    for clause in _clauses(mapped):
        mode = _read_clause(clause, statement, mode)
    _capital_z(statement)
    if not statement.relations:
        raise NotationError("there is no relation (nothing with '=') in the statement", text, None,
                            hint="write the problem, e.g. 设 z = u^2 ln v, u = y/x, v = x^2 + y^2，求 ∂z/∂x")
    return statement


# ---- what is taken out before the clauses --------------------------------------------
def _blank(mapped: Mapped, start: int, stop: int) -> Mapped:
    text = mapped.text[:start] + " " * (stop - start) + mapped.text[stop:]
    return Mapped(text, mapped.origins, mapped.end)


def _original(statement: Statement, mapped: Mapped, start: int, stop: int) -> str:
    piece = mapped.slice(start, stop)
    if not piece.origins:
        return ""
    return statement.original[piece.origins[0]:piece.end].strip()


def _take_label(mapped: Mapped, statement: Statement) -> Mapped:
    match = _LABEL.match(mapped.text)
    if match and match.group().strip():
        statement.skipped.append(_original(statement, mapped, match.start(), match.end()))
        mapped = _blank(mapped, match.start(), match.end())
    return mapped


def _take_functions_of(mapped: Mapped, statement: Statement) -> Mapped:
    """确定 z 为 x, y 的函数 / z is defined implicitly as a function of x and y: the declaration z = z(x, y)."""
    for pattern in _FUNCTION_OF:
        for match in list(pattern.finditer(mapped.text)):
            name = match.group(1)
            variables = re.split(r"\s*(?:,|、|和|与|及|and)\s*", match.group(2).strip())
            declaration = f"{name} = {name}({', '.join(variables)})"
            origin = mapped.origin(match.start(1))
            statement.declared.append(Mapped(declaration, (origin,) * len(declaration), origin + 1))
            statement.skipped.append(_original(statement, mapped, match.start(), match.end()))
            mapped = _blank(mapped, match.start(), match.end())
    return mapped


def _take_constants(mapped: Mapped, statement: Statement) -> Mapped:
    for pattern in _CONSTANTS:
        for match in list(pattern.finditer(mapped.text)):
            names = re.split(r"\s*(?:,|、|和|与|及|and)\s*", match.group(1).strip())
            statement.constants += [n for n in names if n and n not in statement.constants]
            statement.skipped.append(_original(statement, mapped, match.start(), match.end()))
            mapped = _blank(mapped, match.start(), match.end())
    return mapped


def _take_points(mapped: Mapped, statement: Statement) -> Mapped:
    for pattern in _POINT_TUPLE:
        for match in list(pattern.finditer(mapped.text)):
            inside = next(g for g in match.groups() if g is not None)
            statement.point = _point_of(inside, statement, mapped, match)
            statement.skipped.append(_original(statement, mapped, match.start(), match.end()))
            mapped = _blank(mapped, match.start(), match.end())
    return mapped


def _point_of(inside: str, statement: Statement, mapped: Mapped, match):
    if "=" in inside:
        values = {}
        for part in re.split(r"[,;]", inside):
            name, _, value = part.partition("=")
            values[name.strip()] = value.strip()
        return values
    values = tuple(v.strip() for v in inside.split(","))
    if not all(_NUMBER_VALUE.fullmatch(v) for v in values):
        raise NotationError("a point is a list of numbers, e.g. (1, 2)", statement.original,
                            mapped.origin(match.start()))
    return values


def _take_prose_brackets(mapped: Mapped, statement: Statement) -> Mapped:
    """A bracket holding prose (（并用它估计 Δz）, (and use it to estimate Δz)) is a remark."""
    opened = []
    text = mapped.text
    remarks = []
    for index, character in enumerate(text):
        if character in "([{":
            opened.append(index)
        elif character in ")]}" and opened:
            start = opened.pop()
            if not opened and (_has_prose(text[start + 1:index]) or _CONDITION.search(text[start + 1:index])):
                remarks.append((start, index + 1))
    for start, stop in remarks:
        remark = _original(statement, mapped, start, stop)
        (statement.hypotheses if _CONDITION.search(remark) else statement.skipped).append(remark)
        mapped = _blank(mapped, start, stop)
    return mapped


def _has_prose(text: str) -> bool:
    if _CJK.search(text):
        return True
    return sum(_is_prose_word(w.group(), text, w.end()) for w in _WORD.finditer(text)) >= 2


# ---- clauses: prose and mathematics ------------------------------------------------------
@dataclass
class Piece:
    kind: str  # "prose" or "math"
    mapped: Mapped


def _clauses(mapped: Mapped) -> list:
    """Lists of Pieces, cut at separators outside brackets."""
    text = mapped.text
    clauses, pieces, depth = [], [], 0
    start, kind = 0, None

    def close(stop):
        nonlocal start, kind
        if kind is not None and stop > start:
            piece = mapped.slice(start, stop)
            if piece.text.strip():
                pieces.append(Piece(kind, piece))
        start, kind = stop, None

    index = 0
    while index < len(text):
        character = text[index]
        if character in "([{":
            depth += 1
        elif character in ")]}":
            depth = max(0, depth - 1)
        if depth == 0 and _is_separator(text, index):
            close(index)
            if pieces:
                clauses.append(pieces)
            pieces = []
            start = index + 1
            index += 1
            continue
        if character.isspace():
            index += 1
            continue
        word = _WORD.match(text, index) if character.isalpha() and character.isascii() else None
        if word and (index == 0 or not (text[index - 1].isascii() and text[index - 1].isalpha())):
            this = "prose" if depth == 0 and _is_prose_word(word.group(), text, word.end()) else "math"
            stop = word.end()
        else:
            this = "prose" if depth == 0 and _CJK.match(character) else "math"
            stop = index + 1
        if this != kind:
            close(index)
            kind, start = this, index
        index = stop
    close(len(text))
    if pieces:
        clauses.append(pieces)
    return clauses


def _is_separator(text: str, index: int) -> bool:
    character = text[index]
    if character in ",;:\n。、！!":
        return True
    # a full stop ends a sentence where a space, a Chinese character or the end follows (not 0.5)
    return character == "." and (index + 1 == len(text) or text[index + 1].isspace() or bool(_CJK.match(text[index + 1])))


def _is_prose_word(word: str, text: str, end: int) -> bool:
    lower = word.lower()
    if lower in ("a", "i"):
        following = _WORD.match(text, _skip_spaces(text, end))
        return following is not None and following.group().lower() in PROSE_WORDS and following.group() != "a"
    if lower in PROSE_WORDS:
        return True
    if lower in GREEK_NAMES or lower in FUNCTION_NAMES:
        return False
    if len(word) >= 3 and word[0].isupper() and word[1:].islower():
        return True  # Now, Hint, Given: a capitalised word is prose
    if len(word) <= 4 or any(name in lower for name in FUNCTION_NAMES[:-1]):
        return False
    return sum(lower.count(vowel) for vowel in "aeiou") >= 2  # continuous, implicitly; not xyzt


def _skip_spaces(text: str, position: int) -> int:
    while position < len(text) and text[position] == " ":
        position += 1
    return position


# ---- one clause ------------------------------------------------------------------------------
def _read_clause(pieces: list, statement: Statement, mode: str) -> str:
    prose = " ".join(p.mapped.text.strip() for p in pieces if p.kind == "prose")
    unsupported = UNSUPPORTED.search(prose)
    if unsupported:
        first = next(p.mapped for p in pieces if p.kind == "prose" and UNSUPPORTED.search(p.mapped.text))
        where = first.origins[UNSUPPORTED.search(first.text).start()] if first.origins else None
        raise NotationError(f"the statement asks for {unsupported.group()!r}, which partials does not compute",
                            statement.original, where,
                            hint="partials computes partial derivatives, total differentials, their values at a "
                                 "point, combinations of them and identities among them")
    hypothesis = bool(HYPOTHESIS_WORDS.search(prose)) and not ASK_WORDS.search(prose.replace("则", ""))
    if prose:
        statement.skipped.append(prose)
    if hypothesis:
        statement.hypotheses.append(_clause_source(pieces, statement))
    asked_in_words = False
    for piece in pieces:
        if piece.kind == "prose":
            mode = _mode_after(piece.mapped.text, mode)
            if not hypothesis and mode in ("ask", "given"):
                asked_in_words |= _words_ask(piece.mapped.text, statement)
            continue
        for item in _items(piece.mapped):
            _classify(item, statement, mode, hypothesis)
    names_by = re.search(r"对|关于|with respect to|\bwrt\b|\bby\b", prose)
    if asked_in_words and (names_by or statement.pending_by):
        named = statement.pending_by + _mentioned(pieces)
        statement.by += [n for n in named if n not in statement.by]
        statement.pending_by = []
    elif names_by and not hypothesis:
        statement.pending_by = _mentioned(pieces)  # 对 x, y 求二阶偏导数: the comma cut the clause
    elif statement.pending_by and not prose:
        statement.pending_by += _mentioned(pieces)  # 对 x，y，z 的偏导数
    return mode


def _clause_source(pieces, statement) -> str:
    first, last = pieces[0].mapped, pieces[-1].mapped
    start = first.origins[0] if first.origins else first.end
    return statement.original[start:last.end].strip()


def _mode_after(prose: str, mode: str) -> str:
    if mode == "answer" or ANSWER_WORDS.search(prose):
        return "answer"  # 解：… a worked answer pasted with the question is not read as the problem
    last = None
    for name, pattern in (("given", GIVEN_WORDS), ("ask", ASK_WORDS), ("prove", PROVE_WORDS)):
        for match in pattern.finditer(prose):
            if last is None or match.start() >= last[1]:
                last = (name, match.start())
    return last[0] if last else mode


def _words_ask(prose: str, statement: Statement) -> bool:
    if re.search(r"全微分|total differential|\bdifferential\b", prose, re.IGNORECASE):
        statement.differential = True
        return False
    if ALL_PARTIALS_WORDS.search(prose) and not re.search(r"两边|both sides", prose, re.IGNORECASE):
        order = 3 if THIRD_WORDS.search(prose) else 2 if SECOND_WORDS.search(prose) else 1
        statement.every_partial = max(statement.every_partial, order)
        return True
    return False


def _mentioned(pieces) -> list:
    names = []
    for piece in pieces:
        if piece.kind == "math" and "=" not in piece.mapped.text:
            names += re.findall(r"(?<![A-Za-z_])[a-z](?![A-Za-z_(])", piece.mapped.text)
    return names


def _items(mapped: Mapped) -> list:
    """Top-level comma-separated items, and relations separated only by spaces."""
    items, depth, start = [], 0, 0
    for index, character in enumerate(mapped.text):
        if character in "([{":
            depth += 1
        elif character in ")]}":
            depth -= 1
        elif character == "," and depth == 0:
            items.append(mapped.slice(start, index))
            start = index + 1
    items.append(mapped.slice(start, len(mapped.text)))
    split = []
    for item in items:
        inner = _braced_system(item)
        split += _items(inner) if inner is not None else _split_on_spaces(item)
    return [item.strip() for item in split if item.text.strip()]


def _braced_system(item: Mapped):
    """{ x + y + z = 0, x² + y² + z² = 1 }: the relations inside the braces (a system)."""
    text = item.text
    start, stop = len(text) - len(text.lstrip()), len(text.rstrip())
    if stop - start < 2 or text[start] not in "{[(" or text[stop - 1] not in "}])":
        return None
    if min(_depths(text[start:stop])[1:]) < 1 or "=" not in text:
        return None  # the brackets close before the end: (x+y)^2 = z is one relation
    inner = item.slice(start + 1, stop - 1)
    if not _top_level_equals(inner.text):
        return None
    return inner.sub(r";", ",")


def _split_on_spaces(item: Mapped) -> list:
    if len(_top_level_equals(item.text)) < 2:
        return [item]
    pieces, start = [], 0
    depths = _depths(item.text)
    for match in _SPLIT_RELATION.finditer(item.text):
        before = item.text[start:match.start()]
        if depths[match.start()] == 0 and "=" in before and before.rpartition("=")[2].strip():
            pieces.append(item.slice(start, match.start()))
            start = match.end()
    pieces.append(item.slice(start, len(item.text)))
    return pieces


def _depths(text: str) -> list:
    """The bracket depth before each character (one pass)."""
    depths, depth = [], 0
    for character in text:
        depths.append(depth)
        depth += (character in "([{") - (character in ")]}")
    return depths


def _top_level_equals(text: str) -> list:
    """Positions of the = signs outside brackets."""
    depths = _depths(text)
    return [k for k, ch in enumerate(text) if ch == "=" and depths[k] == 0]


def _classify(item: Mapped, statement: Statement, mode: str, hypothesis: bool) -> None:
    text = item.text
    if mode == "answer" or _INCREMENT.match(text):
        statement.skipped.append(text)  # 解：…, or Δx = 0.01 (an increment, for an estimate)
        return
    if _CONDITION.search(text):  # x > 0, F_z ≠ 0: a hypothesis, not a relation
        statement.hypotheses.append(text)
        return
    equals = _top_level_equals(text)
    if equals:
        last = equals[-1]
        if text.endswith("?") and not _BLANK.fullmatch(text[last + 1:]):
            item = item.slice(0, len(text) - 1).strip()  # 是否有 … = z？
            text = item.text
        if _BLANK.fullmatch(text[last + 1:]):
            _asked(item.slice(0, equals[0]).strip(), statement, "ask")
            return
        if _DERIVATIVE_MARK.search(text):
            if mode == "prove":
                statement.identities.append(item)
            else:  # a formula quoted in the prose (by the chain rule f′(g(x)) = …)
                statement.skipped.append(text)
            return
        if len(equals) == 1 and _ASSIGNMENT.fullmatch(text):
            name, value = _ASSIGNMENT.fullmatch(text).group(1), _ASSIGNMENT.fullmatch(text).group(2)
            point = statement.point if isinstance(statement.point, dict) else {}
            point[name] = value.strip()
            statement.point = point
            return
        if len(equals) == 2 and text[equals[1] + 1:].strip() == "0" and re.fullmatch(
                r"\s*[A-Za-zα-ω]\s*\([^()]*\)\s*", text[:equals[0]]):
            item = item.slice(equals[0] + 1, len(text)).strip()  # F(x,y,z) = x²+y²+z²−1 = 0
        elif len(equals) == 2 and re.fullmatch(r"\s*[A-Za-zα-ω]\s*\([^()]*\)\s*", text[equals[0] + 1:equals[1]]):
            item = _joined(item.slice(0, equals[0] + 1), item.slice(equals[1] + 1, len(text)))  # z = f(x, y) = x³y
            name, alias = text[:equals[0]].strip(), text[equals[0] + 1:equals[1]].strip()[0]
            if re.fullmatch(r"[A-Za-z]", name):
                statement.aliases[alias] = name
        statement.relations.append(item)
        return
    if hypothesis:
        return
    _asked(item, statement, mode)


def _joined(first: Mapped, second: Mapped) -> Mapped:
    from partials.reading.statement.mapped import Builder

    builder = Builder(second.end)
    builder.extend(first)
    builder.extend(second)
    return builder.build()


def _asked(item: Mapped, statement: Statement, mode: str) -> None:
    text = item.text
    differential = _DIFFERENTIAL.fullmatch(text)
    if differential and mode in ("ask", "prove"):
        statement.differential = True
        statement.differential_of = differential.group(1) or differential.group(2)
        return
    glued = _GLUED_SUBSCRIPT.fullmatch(text)
    if glued and mode == "ask" and glued.group(1) in _defined_names(statement):
        item, text = item.sub(_GLUED_SUBSCRIPT, r"\1_\2"), f"{glued.group(1)}_{glued.group(2)}"  # fxx, fxy
    if not _DERIVATIVE_MARK.search(text):
        return  # a name mentioned in prose (z 关于 x 的偏导数, f 可微)
    at_point = _AT_POINT.fullmatch(text)
    if at_point and _is_one_derivative(at_point.group(1)):  # f_x(3, 4): the derivative at that point
        values = tuple(v.strip() for v in at_point.group(2).split(","))
        if all(_NUMBER_VALUE.fullmatch(v) for v in values):
            if statement.point is not None and statement.point != values:
                raise NotationError("the statement asks at two different points", statement.original,
                                    item.origin(at_point.start(2)), hint="ask at one point at a time (--at x=1,y=2)")
            statement.point = values
            item, text = item.slice(0, at_point.end(1)).strip(), at_point.group(1)
    if _is_one_derivative(text):
        statement.targets.append(item)
    else:
        statement.combinations.append(item)


def _defined_names(statement: Statement) -> set:
    return {m.group(1) for r in statement.relations for m in [re.match(r"\s*([A-Za-z])\s*(?:\(|=)", r.text)] if m}


def _is_one_derivative(text: str) -> bool:
    from partials.core.errors import PartialsError
    from partials.reading.reader import read_target

    try:
        read_target(text)
    except PartialsError:
        return False
    return True


def _capital_z(statement: Statement) -> None:
    """Z = f(…) with targets in z: the same variable, when the statement has no other z;
    f_x asked of z = f(x, y) = …: ∂z/∂x."""
    for alias, name in statement.aliases.items():
        pattern = re.compile(rf"(?<![A-Za-z]){alias}(?![A-Za-z(])")
        statement.targets = [t.sub(pattern, name) for t in statement.targets]
        statement.combinations = [t.sub(pattern, name) for t in statement.combinations]
        statement.identities = [t.sub(pattern, name) for t in statement.identities]
    relations = "".join(r.text for r in statement.relations)
    asked = "".join(t.text for t in statement.targets + statement.combinations + statement.identities)
    for capital in "ZUWV":
        small = capital.lower()
        if re.search(rf"(?<![A-Za-z]){capital}(?![A-Za-z(])", relations) and not re.search(
                rf"(?<![A-Za-z]){small}(?![A-Za-z(])", relations) and small in asked:
            table = {capital: small}
            statement.relations = [r.translate(table) for r in statement.relations]
