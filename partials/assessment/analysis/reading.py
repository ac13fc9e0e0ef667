"""Text → a piecewise function of two variables, as statements print it:

    f(x,y) = xy/(x^2+y^2), (x,y) ≠ (0,0); 0, (x,y) = (0,0)
    f(x,y) = { xy/(x^2+y^2), x^2+y^2 ≠ 0; 0, x^2+y^2 = 0 }
    f(x,y) = xy/(x^2+y^2) if (x,y) ≠ (0,0), 0 otherwise
    f(x,y) = xy/(x^2+y^2), 当 (x,y) ≠ (0,0) 时; 0, 其他
    f(x,y) = sin(x^2+y^2)/(x^2+y^2), f(0,0) = 1
    f(x,y) = √|xy|            (no cases; ∛ and cbrt are the real cube root)

Each piece's expression is read by the project's reader; conditions by
partials.assessment.analysis.conditions.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

import sympy

from partials.core.errors import NotationError
from partials.reading.reader import read_expression
from partials.core.symbols import variable
from partials.assessment.analysis.conditions import OTHERWISE, Comparison, Condition, read_condition, split_top_level

_HEADER = re.compile(r"^\s*(?:(?P<f>[A-Za-z])\s*\(\s*(?P<x>[A-Za-z])\s*,\s*(?P<y>[A-Za-z])\s*\)|z)\s*[=＝]\s*")
_POINT_VALUE = re.compile(r"^\s*(?:[A-Za-z])\s*\((?P<at>[^()]*(?:\([^()]*\)[^()]*)*)\)\s*[=＝](?P<value>.+)$")
_IF = re.compile(r"(?<![A-Za-z])if(?![A-Za-z])|，?\s*当")
_OTHERWISE_TAIL = re.compile(r"\s*(?:,|，)?\s*(otherwise|else|其他|其它|其余)\s*$")


@dataclass(frozen=True)
class Piece:
    expr: sympy.Expr
    condition: Condition
    text: str


@dataclass(frozen=True)
class PiecewiseFunction:
    variables: tuple  # (x, y) symbols
    pieces: tuple
    text: str
    name: str = "f"

    def piece_at(self, values: dict) -> list:
        """Indices of the pieces whose condition holds at `values` (an
        `otherwise` piece holds where no other does)."""
        held = [k for k, p in enumerate(self.pieces) if not p.condition.otherwise and p.condition.holds(values)]
        if not held:
            held = [k for k, p in enumerate(self.pieces) if p.condition.otherwise]
        return held

    @property
    def has_cases(self) -> bool:
        return len(self.pieces) > 1


def read_function(text: str) -> PiecewiseFunction:
    if not isinstance(text, str) or not text.strip():
        raise NotationError("the input is empty", text if isinstance(text, str) else "", None,
                            hint='type a function, e.g. "f(x,y) = xy/(x^2+y^2), (x,y) ≠ (0,0); 0, (x,y) = (0,0)"')
    header = _HEADER.match(text)
    name, x, y = "f", variable("x"), variable("y")
    body = text
    if header:
        body = text[header.end():]
        if header["f"]:
            name, x, y = header["f"], variable(header["x"]), variable(header["y"])
            if x == y:
                raise NotationError("the two variables have the same name", text, header.start("y"))
    body = _without_braces(body.strip())
    chunks = [c for c in split_top_level(body, ";；\n") if c.strip()]
    if len(chunks) == 1 and _IF.search(chunks[0]):
        chunks = _if_chunks(chunks[0])
    pieces = []
    for chunk in chunks:
        pieces += _pieces_of(chunk, (x, y), text)
    if sum(p.condition.otherwise for p in pieces) > 1:
        raise NotationError("more than one piece says 'otherwise'", text, None)
    for piece in pieces:
        extra = piece.expr.free_symbols - {x, y}
        if extra:
            names = ", ".join(sorted(s.name for s in extra))
            raise NotationError(f"the function uses {names}, but its variables are {x} and {y}", text, None,
                                hint=f"write {name}({x},{y}) = … with only {x} and {y}")
    return PiecewiseFunction((x, y), tuple(pieces), text, name)


def _without_braces(body: str) -> str:
    if body.startswith("{") and body.endswith("}"):
        inner = body[1:-1]
        if split_top_level(inner, "") == [inner] and _balanced(inner):
            return inner.strip()
    return body


def _balanced(text: str) -> bool:
    depth = 0
    for ch in text:
        depth += ch in "([{（"
        depth -= ch in ")]}）"
        if depth < 0:
            return False
    return depth == 0


def _if_chunks(chunk: str) -> list:
    """`A if C, B if D` / `A if C, B otherwise`: one chunk per `if`."""
    parts = split_top_level(chunk, ",，")
    chunks, current = [], ""
    for part in parts:
        starts_piece = bool(_IF.search(part)) or bool(_OTHERWISE_TAIL.search(part))
        if current and starts_piece and _IF.search(current) is not None:
            chunks.append(current)
            current = part
        else:
            current = f"{current},{part}" if current else part
    chunks.append(current)
    return chunks


def _pieces_of(chunk: str, variables: tuple, text: str) -> list:
    chunk = chunk.strip()
    point = _point_piece(chunk, variables, text)
    if point:
        return [point]
    tail = _OTHERWISE_TAIL.search(chunk)
    if tail and not _IF.search(chunk):
        return [Piece(_read(chunk[:tail.start()], text), OTHERWISE, chunk)]
    found = _IF.search(chunk)
    if found:
        expression, condition = chunk[:found.start()].rstrip(" ,，"), chunk[found.end():]
        return [Piece(_read(expression, text), _condition(condition, text), chunk)]
    parts = split_top_level(chunk, ",，")
    if len(parts) == 1:
        return [Piece(_read(chunk, text), OTHERWISE, chunk)]
    expression, rest = parts[0], ",".join(parts[1:])
    point = _point_piece(rest, variables, text)
    if point:  # the short form: g, f(0,0) = 1
        return [Piece(_read(expression, text), OTHERWISE, expression), point]
    return [Piece(_read(expression, text), _condition(rest, text), chunk)]


def _point_piece(chunk: str, variables: tuple, text: str):
    match = _POINT_VALUE.match(chunk)
    if not match:
        return None
    coordinates = split_top_level(match["at"], ",，")
    if len(coordinates) != 2:
        return None
    at = tuple(_read(c, text) for c in coordinates)
    if any(value.free_symbols for value in at):
        return None
    condition = Condition(((Comparison(tuple(variables), "=", at),),), f"({variables[0]},{variables[1]}) = "
                          f"({at[0]},{at[1]})")
    return Piece(_read(match["value"], text), condition, chunk)


def _condition(text: str, whole: str) -> Condition:
    return read_condition(text, lambda side: _read(side, whole))


def _read(text: str, whole: str):
    """One expression (∛ and cbrt are the real cube root: partials.core.functions)."""
    text = text.strip()
    if not text:
        raise NotationError("a piece has no expression", whole, None)
    return read_expression(text)