"""One normalising pass: pasted text (LaTeX, markup, full-width and look-alike
characters) → the project's notation, with a position map.

    normalized = normalize("设 $z=\\frac{x}{y}$，求 \\frac{\\partial z}{\\partial x}")
    normalized.text          '设  z=((x)/(y)) ,求  ∂z/∂x '
    normalized.origin(k)     the index in the pasted text of normalized.text[k]

Nothing is evaluated: LaTeX commands are rewritten to the notation the grammar
reads (`\\frac{a}{b}` → `((a)/(b))`, `\\frac{\\partial z}{\\partial x}` → `∂z/∂x`,
`\\sqrt[3]{t}` → `∛(t)`, the real cube root, `^{…}` → `^(…)`), markup and delimiters become
spaces, and look-alike characters their ASCII twins. A text the grammar read
before this pass existed reads the same after it: every rewrite either maps a
character to one the grammar already treats alike (`（` → `(`) or touches
something the grammar never accepted (`\\`, `$`, `<`, `∛`, `⼀`).
"""
from __future__ import annotations

import re

from partials.reading.statement.mapped import Builder, Mapped

CHARACTERS = {
    "，": ",", "；": ";", "：": ":", "∶": ":", "（": "(", "）": ")", "［": "[", "］": "]", "｛": "{", "｝": "}",
    "＝": "=", "＋": "+", "－": "-", "–": "-", "⼀": "/", "／": "/", "＊": "*", "＾": "^", "＇": "'", "’": "'",
    "｜": "|", "△": "Δ", "＜": "<", "＞": ">", "？": "?", "\u3000": " ", "&": " ",
}
CHARACTERS.update({chr(code): chr(code - 0xFEE0) for code in range(0xFF10, 0xFF1A)})  # ０-９
CHARACTERS.update({chr(code): chr(code - 0xFEE0) for code in range(0xFF21, 0xFF3B)})  # Ａ-Ｚ
CHARACTERS.update({chr(code): chr(code - 0xFEE0) for code in range(0xFF41, 0xFF5B)})  # ａ-ｚ

FUNCTIONS = {"ln", "log", "lg", "exp", "sin", "cos", "tan", "cot", "sec", "csc", "arcsin", "arccos", "arctan",
             "arccot", "sinh", "cosh", "tanh", "coth"}
GREEK = {"alpha": "α", "beta": "β", "gamma": "γ", "delta": "δ", "epsilon": "ε", "varepsilon": "ε", "zeta": "ζ",
         "eta": "η", "theta": "θ", "vartheta": "θ", "iota": "ι", "kappa": "κ", "lambda": "λ", "mu": "μ", "nu": "ν",
         "xi": "ξ", "pi": "π", "rho": "ρ", "sigma": "σ", "tau": "τ", "upsilon": "υ", "phi": "φ", "varphi": "φ",
         "chi": "χ", "psi": "ψ", "omega": "ω", "Gamma": "Γ", "Delta": "Δ", "Theta": "Θ", "Lambda": "Λ",
         "Xi": "Ξ", "Sigma": "Σ", "Phi": "Φ", "Psi": "Ψ", "Omega": "Ω"}
SYMBOLS = {"partial": "∂", "cdot": "·", "times": "×", "div": "÷", "prime": "'", "neq": "≠", "ne": "≠",
           "le": "≤", "leq": "≤", "ge": "≥", "geq": "≥", "cdots": "…", "ldots": "…", "dots": "…", "infty": "∞",
           "mid": "|", "vert": "|", "lvert": "|", "rvert": "|", "{": "{", "}": "}", "|": "|",
           "to": "→", "rightarrow": "→", "Rightarrow": "⇒", "quad": " ", "qquad": " ", ",": " ", ";": " ",
           ":": " ", "!": "", " ": " ", "\\": ";", "displaystyle": "", "textstyle": "", "left": "", "right": "",
           "big": "", "Big": "", "bigg": "", "Bigg": "", "bigl": "", "bigr": "", "Bigl": "", "Bigr": "",
           "biggl": "", "biggr": "", "limits": "", "nolimits": "", "notag": "", "nonumber": ""}
CONTENT = {"mathrm", "rm", "text", "textrm", "mathit", "mathbf", "mathsf", "boldsymbol", "operatorname",
           "boxed", "mbox", "textbf", "textit", "mathnormal", "bm", "hbox"}
FRACTIONS = {"frac", "dfrac", "tfrac", "cfrac"}
ENVIRONMENTS = {"begin", "end"}

_DERIVATIVE_TOP = re.compile(r"\s*[∂d]\s*(\^\s*\(?\s*\d+\s*\)?|[²³])?\s*[A-Za-zα-ωΑ-Ω]\s*")
_DERIVATIVE_BOTTOM = re.compile(r"(\s*[∂d]\s*[A-Za-zα-ωΑ-Ω](\s*\^\s*\(?\s*\d+\s*\)?|[²³])?\s*)+")
_TAG = re.compile(r"</?(?:equation|math|span|p|div|br|b|i|em|strong|font|code|mi|mo|mn|mrow)\b[^<>]*>", re.IGNORECASE)


def normalize(text: str) -> Mapped:
    """The pasted text in the project's notation, with origins (see module doc)."""
    mapped = Mapped.of(text)
    if not needs_work(text):
        return mapped
    mapped = mapped.sub(r"<sup>([^<>]*)</sup>", r"^(\1)").sub(r"<sub>([^<>]*)</sub>", r"_\1")
    mapped = mapped.sub(_TAG, " ").sub(r"&nbsp;|&thinsp;", " ").sub(r"&lt;", "<").sub(r"&gt;", ">")
    mapped = mapped.sub(r"\^\s*(\d+)\s*\\\s*(\d+)", r"^(\1/\2)")  # the slip ^1\2 for ^(1/2)
    mapped = mapped.sub(r"\$\$?|\\\(|\\\)|\\\[|\\\]", " ")
    mapped = _Latex(mapped, latex="\\" in text).convert()
    mapped = mapped.translate(CHARACTERS)
    mapped = mapped.sub("根号", "√")
    mapped = mapped.sub(r"偏(\s*[A-Za-z](?:_\d+)?\s*)/(\s*)偏", r"∂\1/\2∂")
    mapped = mapped.sub(r"(?<![A-Za-z])partial(\s*\^?\s*\d*\s*[A-Za-z]\s*)/\s*((?:partial\s*[A-Za-z](?:\s*\^\s*\d+)?\s*)+)",
                        _plain_word_partial)
    return mapped


_WORK = re.compile("[\\\\$<&∛根偏" + "".join(re.escape(ch) for ch in CHARACTERS) + "]|partial")


def needs_work(text: str) -> bool:
    """Whether normalize would change anything (cheap: one regex search)."""
    return _WORK.search(text) is not None


def _plain_word_partial(match) -> str:
    bottom = re.sub(r"partial\s*", "∂", match.group(2)).rstrip()
    return "∂" + match.group(1).strip().replace(" ", "") + "/" + bottom + " "


class _Latex:
    """A scanner over the mapped text: LaTeX commands, ^{…}, ∛; everything
    else is copied with its origins."""

    def __init__(self, mapped: Mapped, latex: bool):
        self.mapped = mapped
        self.text = mapped.text
        self.latex = latex

    def convert(self) -> Mapped:
        return self._until(0, len(self.text))[0]

    def _until(self, position: int, stop: int, closing: str | None = None):
        out = Builder(self.mapped.origin(stop))
        text = self.text
        while position < stop:
            character = text[position]
            if closing is not None and character == closing:
                return out.build(), position
            origin = self.mapped.origins[position]
            if character == "\\" and position + 1 < stop:
                position = self._command(position, stop, out)
            elif character == "^" and self.latex and self._group_follows(position + 1, stop):
                position = self._superscript(position, stop, out)
            elif character == "_" and self.latex and self._group_follows(position + 1, stop):
                group, position = self._group(self._skip_spaces(position + 1, stop), stop)
                out.add("_{", origin)
                out.extend(group)
                out.add("}", origin)
            elif character == "{" and self.latex:
                group, position = self._group(position, stop)
                self._plain_group(group, origin, out)
            elif character == "∛":
                position = self._root(position + 1, stop, "3", origin, out)
            else:
                out.add(character, origin)
                position += 1
        return out.build(), position

    # -- commands ------------------------------------------------------------------
    def _command(self, position: int, stop: int, out: Builder) -> int:
        text, origin = self.text, self.mapped.origins[position]
        match = re.compile(r"[A-Za-z]+").match(text, position + 1, stop)
        if match is None:
            symbol = text[position + 1]
            if symbol in SYMBOLS:
                out.add(SYMBOLS[symbol], origin)
                return position + 2
            out.add("\\", origin)
            return position + 1
        name, after = match.group(), match.end()
        if name in FRACTIONS:
            top, after = self._argument(after, stop)
            bottom, after = self._argument(after, stop)
            self._fraction(top, bottom, origin, out)
            return after
        if name == "sqrt":
            after = self._skip_spaces(after, stop)
            index = "2"
            if after < stop and text[after] == "[":
                closing = self._matching(after, stop, "[", "]")
                index = text[after + 1:closing].strip()
                after = closing + 1
            return self._root(after, stop, index, origin, out)
        if name in CONTENT:
            group, after = self._argument(after, stop)
            content = group.text.strip()
            if name in ("text", "textrm", "mbox", "hbox", "textbf", "textit"):
                out.add(" ", origin)
                out.extend(group)
                out.add(" ", origin)
            else:
                out.extend(group.strip() if content else group)
            return after
        if name in ENVIRONMENTS:
            environment, after = self._argument(after, stop)
            if name == "begin" and environment.text.strip() in ("array", "aligned", "alignedat") \
                    and self._group_follows(after, stop):
                _, after = self._group(self._skip_spaces(after, stop), stop)  # the column spec {ll}
            out.add(" ; " if environment.text.strip() in ("cases", "array", "aligned", "align", "align*",
                                                           "gathered", "eqnarray", "eqnarray*") else " ", origin)
            return after
        if name in FUNCTIONS:
            out.add(name + " ", origin)
            return after
        if name in GREEK:
            out.add(GREEK[name] + " ", origin)
            return after
        if name in ("left", "right") and text.startswith(("\\{", "\\}"), after):
            out.add(" ", origin)  # \left\{ … \right. : a system, not a bracket
            return after + 2
        if name in SYMBOLS:
            out.add(SYMBOLS[name], origin)
            if name in ("left", "right", "big", "Big", "bigg", "Bigg", "bigl", "bigr", "Bigl", "Bigr") \
                    and after < stop and text[after] in ".\\":
                return after + (1 if text[after] == "." else 0)
            return after
        out.add(text[position:after], origin)  # unknown: left for the grammar to point at
        return after

    def _fraction(self, top: Mapped, bottom: Mapped, origin: int, out: Builder) -> None:
        if _DERIVATIVE_TOP.fullmatch(top.text) and _DERIVATIVE_BOTTOM.fullmatch(bottom.text):
            out.add(" ", origin)
            out.extend(top.strip())
            out.add("/", origin)
            out.extend(bottom.strip())
            out.add(" ", origin)
            return
        out.add("((", origin)
        out.extend(top)
        out.add(")/(", origin)
        out.extend(bottom)
        out.add("))", origin)

    def _root(self, position: int, stop: int, index: str, origin: int, out: Builder) -> int:
        argument, after = self._argument(position, stop, brackets="({[")
        if index in ("2", "3"):  # √ and ∛, the REAL cube root (partials.core.functions)
            out.add("√(" if index == "2" else "∛(", origin)
            out.extend(argument)
            out.add(")", origin)
        else:
            out.add("((", origin)
            out.extend(argument)
            out.add(f")^(1/({index})))" if not index.isdigit() else f")^(1/{index}))", origin)
        return after

    def _superscript(self, position: int, stop: int, out: Builder) -> int:
        origin = self.mapped.origins[position]
        group, after = self._group(self._skip_spaces(position + 1, stop), stop)
        content = group.text.strip()
        if content and set(content) <= {"'", "′"}:
            out.extend(group.strip())
        elif re.fullmatch(r"\d+|[A-Za-z]", content):
            out.add("^", origin)
            out.extend(group.strip())
        else:
            out.add("^(", origin)
            out.extend(group)
            out.add(")", origin)
        return after

    def _plain_group(self, group: Mapped, origin: int, out: Builder) -> None:
        content = group.text.strip()
        if re.fullmatch(r"[A-Za-z0-9.∂α-ωΑ-Ω']*", content):
            out.extend(group.strip())  # {\rm d}, {x}: LaTeX grouping, not a bracket
        else:
            out.add("{", origin)
            out.extend(group)
            out.add("}", origin)

    # -- arguments ----------------------------------------------------------------------
    def _argument(self, position: int, stop: int, brackets: str = "{"):
        """A {group}, a bracketed group (for roots), a command, or one character."""
        position = self._skip_spaces(position, stop)
        if position >= stop:
            return Mapped("", (), self.mapped.origin(stop)), position
        character = self.text[position]
        if character in brackets:
            if character == "{":
                return self._group(position, stop)
            closing = {"(": ")", "[": "]"}[character]
            end = self._matching(position, stop, character, closing)
            inner, _ = _Latex(self.mapped.slice(position + 1, end), self.latex)._until(0, end - position - 1)
            return inner, end + 1
        if character == "\\":
            out = Builder(self.mapped.origin(stop))
            after = self._command(position, stop, out)
            return out.build(), after
        match = re.compile(r"[A-Za-z0-9.]+").match(self.text, position, stop) if brackets != "{" else None
        end = match.end() if match else position + 1
        return self.mapped.slice(position, end), end

    def _group(self, position: int, stop: int):
        if position >= stop or self.text[position] != "{":
            return self._argument(position, stop)
        end = self._matching(position, stop, "{", "}")
        inner = self.mapped.slice(position + 1, end)
        converted, _ = _Latex(inner, self.latex)._until(0, len(inner.text))
        return converted, min(end + 1, stop)

    def _matching(self, position: int, stop: int, opening: str, closing: str) -> int:
        depth = 0
        for index in range(position, stop):
            character = self.text[index]
            if character == "\\" and index + 1 < stop and self.text[index + 1] in "{}[]":
                continue
            if character == opening and (index == 0 or self.text[index - 1] != "\\"):
                depth += 1
            elif character == closing and (index == 0 or self.text[index - 1] != "\\"):
                depth -= 1
                if depth == 0:
                    return index
        return stop  # not closed: the rest is the group (the grammar reports what is left)

    def _group_follows(self, position: int, stop: int) -> bool:
        position = self._skip_spaces(position, stop)
        return position < stop and self.text[position] == "{"

    def _skip_spaces(self, position: int, stop: int) -> int:
        while position < stop and self.text[position] in " \t":
            position += 1
        return position
