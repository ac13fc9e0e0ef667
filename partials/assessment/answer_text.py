"""An answer as written, split into its parts before any of it is read.

Students and answer keys write a derivative as a chain of equalities, with
a label on the left and sometimes the point:

    az/ax = az/au·au/ax + az/av·av/ax = 2u ln v·(−y/x²) + u²/v·2x
    f_{xx}(x,y) = 2y³          ∂z/∂x|_(1,2) = 4          dz = 2xy dx + x² dy

`members(text)` splits at the equals signs outside brackets, keeping each
member's place in the text (so that errors point into what was typed);
`peel_label(member)` takes the point (`|_(1,2)`, `|_{x=1,y=2}`) and the
argument list (`(x,y)`) off a label; `mark_differentials` writes dx, dy
as placeholder letters of the same length, so that `2xy dx` is not read as
2·x·y·d·x; `subscript_digits` writes f12 (for an abstract f of several
arguments) as f₁₂, again of the same length.  Nothing here evaluates text.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

EQUALS = "=＝"
OPENING, CLOSING = "([{（", ")]}）"


@dataclass(frozen=True)
class Member:
    """One member of a chain of equalities: its text and where it starts."""

    text: str
    start: int

    @property
    def stripped(self) -> str:
        return self.text.strip()


def members(text: str) -> list[Member]:
    """The members of `a = b = c`, split at equals signs outside brackets."""
    found, depth, start = [], 0, 0
    for index, character in enumerate(text):
        if character in OPENING:
            depth += 1
        elif character in CLOSING:
            depth = max(0, depth - 1)
        elif character in EQUALS and depth == 0:
            found.append(Member(text[start:index], start))
            start = index + 1
    found.append(Member(text[start:], start))
    return found


# ---- the label's point and arguments ---------------------------------------------
_NUMBER = r"[-−]?\s*[0-9]+(?:\.[0-9]+)?(?:\s*/\s*[0-9]+)?"
_POINT_SUFFIX = re.compile(
    r"\s*\|\s*_?\s*(?:\{\s*)?(?P<point>[(（][^()（）]*[)）]|[^{}()|]*?)(?:\s*\})?\s*$"
)
_ARGUMENTS_SUFFIX = re.compile(r"(?P<args>[(（][^()（）]*[)）])\s*$")
_NAME = r"(?:[A-Za-z](?:_[0-9]+)?|[α-ωΑ-Ω]|alpha|beta|gamma|theta|phi|psi|rho|xi|eta|tau|mu|lambda|omega)"


@dataclass(frozen=True)
class Label:
    """A label as written: the derivative's text, and the point or the
    argument names written after it."""

    text: str
    point_text: str | None = None  # "1,2" or "x=1,y=2"
    arguments: tuple[str, ...] = ()  # ("x", "y") of f_xx(x,y)


def peel_label(text: str) -> Label:
    """`∂z/∂x|_(1,2)` → (∂z/∂x, "1,2"); `f_{xx}(x,y)` → (f_{xx}, ("x","y"));
    `z_x(1,2)` → (z_x, "1,2")."""
    text = text.strip()
    point = None
    bar = _POINT_SUFFIX.search(text)
    if bar and bar.group("point").strip():
        point = bar.group("point").strip().strip("()（）")
        text = text[: bar.start()].rstrip()
    arguments = ()
    written = _ARGUMENTS_SUFFIX.search(text)
    if written and not _opens_a_call_of_a_derivative(text[: written.start()]):
        written = None
    if written:
        inner = [part.strip() for part in re.split(r"[,，]", written.group("args")[1:-1])]
        if all(re.fullmatch(_NAME, part) for part in inner):
            arguments = tuple(inner)
            text = text[: written.start()].rstrip()
        elif point is None and all(re.fullmatch(_NUMBER, part) for part in inner):
            point = ",".join(inner)
            text = text[: written.start()].rstrip()
    return Label(text, point, arguments)


def _opens_a_call_of_a_derivative(before: str) -> bool:
    """The text before a bracket is derivative notation (z_x, f_{xx}, z'x, ∂z/∂x)."""
    before = before.rstrip()
    return bool(re.search(r"(_\{?[A-Za-z]+\}?|['′″][A-Za-z]*|[∂δ偏da]\s*[A-Za-z](?:\^\s*[0-9]+|[²³])?)$", before))


def point_values(point_text: str, independent: list[str]) -> str:
    """"1,2" for the independent variables (x, y) → "x=1,y=2"; text that
    already names the variables is returned as it is."""
    parts = [part.strip() for part in re.split(r"[,，]", point_text) if part.strip()]
    if all("=" in part for part in parts):
        return ",".join(parts)
    if any("=" in part for part in parts) or len(parts) != len(independent):
        return ""
    return ",".join(f"{name}={value}" for name, value in zip(independent, parts))


# ---- differentials: dx, dy as placeholder names ----------------------------------
_LATEX_D = r"\\mathrm\s*\{\s*d\s*\}|\\mathrm\s+d|\{\s*\\rm\s+d\s*\}|\\operatorname\s*\{\s*d\s*\}|\\,\s*d"
PLACEHOLDER_LETTERS = "ΩΞΛΣΓ"  # one for each differential: capitals that no formula needs
SUBSCRIPT_DIGITS = "₀₁₂₃₄₅₆₇₈₉"
_ENDS_A_FACTOR = re.compile(r"[^\s+\-−–－(（\[{=＝,，*·×⋅•∙/÷^]\s*$")


def mark_differentials(text: str, spellings: list[list[str]], letters: str) -> tuple[str, list[int]]:
    """dx, dy (each variable in any of its spellings: θ, theta) → the
    placeholder letters given, padded with spaces to the same length, and
    multiplied in with `·` after a factor, so that a differential ends the
    term like a product sign: `ln x dy` is ln x·dy, `1/3 dx` is (1/3)·dx.
    Also which differentials occur (1-based).

    A d is a differential sign where it is not part of Leibniz notation
    (dz/dx, ∂z/∂x) and is followed by a variable's name that ends there."""
    found = []
    alternatives = sorted(((s, k) for k, names in enumerate(spellings, 1) for s in names), key=lambda p: -len(p[0]))
    pattern = "|".join(re.escape(s) for s, _ in alternatives)
    if not pattern:
        return text, found
    regex = re.compile(rf"(?<![/∂δ偏])(?:{_LATEX_D}|d)\s*(?:\{{\s*)?(?P<name>{pattern})(?:\s*\}})?(?![A-Za-z0-9_'′″]|\s*/|\s*\^)")
    index_of = dict(alternatives)

    def replace(match):
        before = text[: match.start()]
        if re.search(r"/\s*$", before):
            return match.group()
        k = index_of[match.group("name")]
        found.append(k)
        mark = ("·" if _ENDS_A_FACTOR.search(before) else "") + letters[k - 1]
        return mark + " " * (len(match.group()) - len(mark))

    marked = regex.sub(replace, text)
    return marked, sorted(set(found))


# ---- f12 for an abstract f of several arguments ------------------------------------
def subscript_digits(text: str, names: set[str]) -> tuple[str, list[str]]:
    """f12, F2 (the function named, of two or more arguments, digits with no
    prime after them) → f₁₂, F₂ (same length); and the forms rewritten."""
    rewritten = []
    if not names:
        return text, rewritten
    letters = "|".join(sorted((re.escape(n) for n in names if len(n) == 1), key=len))
    if not letters:
        return text, rewritten
    regex = re.compile(rf"(?<![_\\])(?P<name>{letters})(?P<digits>[1-9]{{1,2}})(?![0-9'′″A-Za-z(\[])")

    def replace(match):
        rewritten.append(match.group())
        return match.group("name") + "".join(SUBSCRIPT_DIGITS[int(d)] for d in match.group("digits"))

    return regex.sub(replace, text), rewritten
