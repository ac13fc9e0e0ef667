"""An answer typed (or pasted from `partials solve --latex`) in LaTeX, turned
into the textbook notation the grammar reads: `\\frac{2 u^{2} x}{v}` →
`([2 u^2 x]/[v])`, `\\frac{\\partial z}{\\partial x}` → `(∂z/∂x)`,
`\\left(…\\right)` → `(…)`, `\\sin v` → `sin v`, `f_{1}'` → `f_1'`.

A plain rewrite of the text, command by command (nothing is evaluated); the
result is read by the grammar like any answer, so a command this module does
not know is reported by the reader as an unexpected character."""
from __future__ import annotations

import re

from partials.core.errors import NotationError
from partials.core.symbols import GREEK_LETTERS

_FRACTIONS = ("\\frac", "\\dfrac", "\\tfrac")
_DROPPED = ("\\left.", "\\right.", "\\left", "\\right", "\\displaystyle", "\\,", "\\;", "\\:", "\\!", "\\ ", "\\quad")
_WORDS = {
    "\\partial": "∂", "\\cdot": "·", "\\times": "·", "\\pi": "π", "\\varphi": "φ", "\\vartheta": "θ",
    "\\mathrm{d}": "d", "\\operatorname{arccot}": "arccot", "\\operatorname{arcsin}": "arcsin",
    "\\operatorname{arccos}": "arccos", "\\operatorname{arctan}": "arctan", "\\operatorname{sech}": "sech",
    "\\operatorname{csch}": "csch", "\\lvert": "|", "\\rvert": "|", "\\vert": "|", "\\{": "(", "\\}": ")",
}
_FUNCTIONS = ("arcsin", "arccos", "arctan", "sinh", "cosh", "tanh", "coth", "sin", "cos", "tan", "cot", "sec",
              "csc", "ln", "log", "exp")
_SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")
MAX_DEPTH = 200


def looks_like_latex(text: str) -> bool:
    return "\\" in text


def latex_to_text(text: str, functions=frozenset()) -> str:
    """The LaTeX `text` in partials' textbook notation; `functions` are the
    problem's abstract functions (f^{2}\\left(u\\right) is f(u)², not f²·u)."""
    return _Rewriter(text, functions).run()


class _Rewriter:
    def __init__(self, text: str, functions=frozenset()):
        self.text = text
        self.functions = frozenset(functions)
        self.depth = 0

    def run(self) -> str:
        return " ".join(self._rewrite(self.text).split())

    def _rewrite(self, text: str) -> str:
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise NotationError("the LaTeX is nested too deeply", self.text, None)
        out, i = [], 0
        while i < len(text):
            rest = text[i:]
            fraction = next((f for f in _FRACTIONS if rest.startswith(f) and not rest[len(f):len(f) + 1].isalpha()), None)
            if fraction:
                top, i = self._group(text, i + len(fraction))
                bottom, i = self._group(text, i)
                out.append(self._fraction(top, bottom))
                continue
            if rest.startswith("\\sqrt"):
                i += len("\\sqrt")
                index = None
                if text[i:i + 1] == "[":
                    end = text.find("]", i)
                    if end < 0:
                        raise NotationError("\\sqrt[ is not closed", self.text, None)
                    index, i = text[i + 1:end], end + 1
                body, i = self._group(text, i)
                inner = self._rewrite(body)
                out.append(f"√({inner})" if index is None else f"({inner})^(1/({self._rewrite(index)}))")
                continue
            powered = self._function_power(text, i)
            if powered:
                out.append(powered[0])
                i = powered[1]
                continue
            word = next((w for w in _WORDS if rest.startswith(w) and not _continues(rest, w)), None)
            if word:
                out.append(f" {_WORDS[word]}")
                i += len(word)
                continue
            dropped = next((d for d in _DROPPED if rest.startswith(d) and not _continues(rest, d)), None)
            if dropped:
                out.append("" if dropped in ("\\left", "\\right") else " ")
                i += len(dropped)
                continue
            if rest.startswith("\\"):
                name = _command(rest)
                if name in _FUNCTIONS:
                    out.append(f" {name} ")
                elif name in GREEK_NAMES_TO_LETTERS:
                    out.append(f" {GREEK_NAMES_TO_LETTERS[name]}")
                else:
                    raise NotationError(f"the LaTeX command \\{name} is not part of the notation", self.text,
                                        None, hint="write the answer as text, e.g. 2x/(x^2 + y^2)")
                i += 1 + len(name)
                continue
            if text[i] in "^_" and text[i + 1:i + 2] == "{":
                mark = text[i]
                body, i = self._group(text, i + 1)
                out.append(self._script(mark, body))
                continue
            if text[i] == "{":
                body, i = self._group(text, i)
                out.append(f"({self._rewrite(body)})")
                continue
            out.append(text[i])
            i += 1
        self.depth -= 1
        return "".join(out)

    def _function_power(self, text: str, i: int):
        """f^{2}\\left(u\\right) of an abstract f: (text 'f(u)^2', index after it), or None."""
        name = text[i]
        if name not in self.functions or (i and (text[i - 1].isalpha() or text[i - 1] == "\\")):
            return None
        head = text[i + 1:]
        if not head.startswith("^{"):
            return None
        close = head.find("}")
        power = head[2:close] if close > 0 else ""
        opening = i + 1 + close + 1
        if not power.isdigit() or not text.startswith("\\left(", opening):
            return None
        start = opening + len("\\left(")
        depth, j = 1, start
        while j < len(text):
            if text.startswith("\\left", j):
                depth += 1
            elif text.startswith("\\right", j):
                depth -= 1
                if depth == 0:
                    inner = self._rewrite(text[start:j])
                    end = j + len("\\right") + 1
                    return f" {name}({inner})^{power}", end
            j += 1
        return None

    def _script(self, mark, body) -> str:
        inner = " ".join(self._rewrite(body).split())
        if mark == "_":
            return "_" + inner.replace(" ", "") if inner.replace(" ", "").isalnum() else f"_({inner})"
        return "^" + inner if inner.isalnum() else f"^({inner})"

    def _group(self, text: str, i: int):
        """The text inside the braces that open at i (spaces before skipped), and the index after them."""
        while i < len(text) and text[i] == " ":
            i += 1
        if i >= len(text) or text[i] != "{":
            if i < len(text):  # \frac12: single characters
                return text[i], i + 1
            raise NotationError("a LaTeX group is missing", self.text, None)
        depth = 0
        for j in range(i, len(text)):
            if text[j] == "{":
                depth += 1
            elif text[j] == "}":
                depth -= 1
                if depth == 0:
                    return text[i + 1:j], j + 1
        raise NotationError("a LaTeX brace is not closed", self.text, None, hint="add the closing }")

    def _fraction(self, top: str, bottom: str) -> str:
        top_text, bottom_text = (" ".join(self._rewrite(part).split()) for part in (top, bottom))
        if _is_differential(top_text) and _is_differential(bottom_text):
            return f" ({_leibniz(top_text)}/{_leibniz(bottom_text)})"  # bracketed: ∂u/∂x ∂v/∂x reads as a product
        return f"([{top_text}]/[{bottom_text}])"  # square brackets: f_1'(((x)/(z)), …) does not read


def _continues(rest: str, word: str) -> bool:
    """`\\pi` inside `\\pix`? A command name goes on while letters follow."""
    return word[-1].isalpha() and rest[len(word):len(word) + 1].isalpha()


def _command(rest: str) -> str:
    end = 1
    while end < len(rest) and rest[end].isalpha():
        end += 1
    return rest[1:end]


def _is_differential(text: str) -> bool:
    """∂z, ∂^2 z, d y, d^2 y: the top or bottom of a Leibniz fraction."""
    return text.startswith("∂") or re.match(r"d(\^\d+)? \S", text) is not None


def _leibniz(text: str) -> str:
    """'∂ ^2 z' → '∂²z', '∂ x ∂ y' → '∂x∂y', '∂ x^2' → '∂x²'."""
    compact = text.replace(" ", "")
    out, i = [], 0
    while i < len(compact):
        if compact[i] == "^" and i + 1 < len(compact) and compact[i + 1].isdigit():
            j = i + 1
            while j < len(compact) and compact[j].isdigit():
                j += 1
            out.append(compact[i + 1:j].translate(_SUPERSCRIPT))
            i = j
            continue
        out.append(compact[i])
        i += 1
    return "".join(out)


GREEK_NAMES_TO_LETTERS = {name: letter for letter, name in GREEK_LETTERS.items() if letter != "ϕ"}
