"""Prose with formulas in it (a caption, a title, a statement) as LaTeX text.

    tex_text("Differentiate ∂z/∂x with respect to x")   prose escaped, formulas in $…$
    tex_math_text(latex)                                 stray Unicode made safe for pdflatex
"""
from __future__ import annotations

import re

from partials.core.functions import BY_SPELLING
from partials.core.symbols import GREEK_LETTERS

# ---- text to LaTeX ----------------------------------------------------------------
_SPECIAL = {"—": "---", "–": "--", "\\": "\\textbackslash{}", "&": "\\&", "%": "\\%", "#": "\\#", "_": "\\_",
            "{": "\\{", "}": "\\}", "~": "\\textasciitilde{}", "$": "\\$", "^": "\\^{}"}
_MATH_SYMBOLS = {
    "∂": "\\partial ", "·": "\\cdot ", "×": "\\times ", "−": "-", "≠": "\\neq ", "→": "\\to ",
    "≤": "\\leq ", "≥": "\\geq ", "π": "\\pi ", "θ": "\\theta ", "φ": "\\varphi ", "ψ": "\\psi ",
    "α": "\\alpha ", "β": "\\beta ", "λ": "\\lambda ", "Δ": "\\Delta ", "′": "'", "″": "''",
    "ε": "\\varepsilon ", "ω": "\\omega ", "ρ": "\\rho ", "σ": "\\sigma ", "τ": "\\tau ", "μ": "\\mu ",
    "Φ": "\\Phi ", "Ψ": "\\Psi ", "∞": "\\infty ", "√": "\\surd ", "…": "\\dots ",
}
for _letter, _name in GREEK_LETTERS.items():
    _MATH_SYMBOLS.setdefault(_letter, {"omicron": "o", "Omicron": "O"}.get(_name) or f"\\{_name} ")
_MATH_SYMBOLS.update({"∑": "\\sum ", "∫": "\\int ", "±": "\\pm ", "≈": "\\approx ", "∈": "\\in ", "⇒": "\\Rightarrow ",
                      "↦": "\\mapsto ", "∘": "\\circ ", "√": "\\surd ", "⋅": "\\cdot "})
_SUPERSCRIPTS = dict(zip("⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻", "0123456789+-"))
_SUBSCRIPTS = dict(zip("₀₁₂₃₄₅₆₇₈₉", "0123456789"))
# function names in prose, set as LaTeX operators (the elementary functions' own LaTeX)
_FUNCTIONS = {
    **{spelling: row.latex for spelling, row in BY_SPELLING.items() if spelling.isascii() and spelling not in ("abs", "cbrt")},
    "log": r"\log", "lg": r"\lg", "max": r"\max", "min": r"\min",
}
_MATH_WORDS = set(_FUNCTIONS) | {"e", "d", "dx", "dy", "dz", "dt"}
# a token: a word, a number, a run of super/subscripts, or one other character
_TOKEN = re.compile(r"[A-Za-z]+|\d+(?:\.\d+)?|[⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻]+|[₀₁₂₃₄₅₆₇₈₉]+|\s+|.", re.S)
_OPERATORS = set("=+-−*/^()[]|,<>.'′″·×≠≤≥→√∂") | set(_MATH_SYMBOLS)


def tex_text(text: str) -> str:
    """Prose (English or Chinese) with its formulas set as mathematics."""
    tokens = _TOKEN.findall(text)
    out: list[str] = []
    span: list[str] = []
    depth = 0  # open brackets in the current formula: f(x+y, xy) keeps its comma

    def flush():
        trailing = []
        while span and span[-1].isspace():
            trailing.insert(0, span.pop())
        if span:
            out.append("$" + _math("".join(span)) + "$")
        out.extend(trailing)
        span.clear()

    for index, token in enumerate(tokens):
        if (token == "," and depth > 0) or _is_math_token(token, tokens, index):
            depth += token in "([" and 1 or 0
            depth -= token in ")]" and 1 or 0
            depth = max(depth, 0)
            span.append(token)
        elif token.isspace() and span:
            span.append(token)
        else:
            flush()
            depth = 0
            out.append(escape(token))
    flush()
    return "".join(out)


def _is_math_token(token, tokens, index) -> bool:
    if token.isspace() or token in ",.":
        return False
    if token[0].isdigit() or token[0] in _SUPERSCRIPTS or token[0] in _SUBSCRIPTS:
        return True
    if token in _MATH_SYMBOLS or token in _OPERATORS:
        return True
    if token.isascii() and token.isalpha():
        if token in _MATH_WORDS or (len(token) == 1 and token not in ("a", "A", "I")):
            return True
        return _looks_like_product(token, tokens, index)
    return False


_ENGLISH = {"and", "or", "of", "at", "is", "if", "to", "the", "in", "by", "as", "be", "on", "an", "it", "for", "are", "its", "has", "let", "all", "two", "one"}


def _looks_like_product(token, tokens, index) -> bool:
    """xy, xyz, rs inside a formula (next to an operator), not English words;
    'a' as an article unless it sits between operators."""
    if token.lower() in _ENGLISH or len(token) > 3:
        return False
    neighbours = [t for t in tokens[max(0, index - 2): index + 3] if not t.isspace() and t != token]
    return any(n in _OPERATORS or n in _SUPERSCRIPTS or (n and n[0] in _SUPERSCRIPTS) for n in neighbours)


def _math(span: str) -> str:
    result = []
    for token in _TOKEN.findall(span):
        if token[0] in _SUPERSCRIPTS:
            result.append("^{" + "".join(_SUPERSCRIPTS[c] for c in token) + "}")
        elif token[0] in _SUBSCRIPTS:
            result.append("_{" + "".join(_SUBSCRIPTS[c] for c in token) + "}")
        elif token in _FUNCTIONS:
            result.append(_FUNCTIONS[token] + " ")
        elif token in _MATH_SYMBOLS:
            result.append(_MATH_SYMBOLS[token])
        elif token in "{}":
            result.append("\\" + token)
        elif token in "#%&~_\\$":
            result.append(_SPECIAL.get(token, token))
        else:
            result.append(token)
    return _braced_exponents(re.sub(r"\s+", " ", "".join(result)).strip())


def _braced_exponents(math: str) -> str:
    """e^(-t) -> e^{-t}: TeX raises one token, a textbook a bracket."""
    out, index = [], 0
    while index < len(math):
        if math.startswith("^(", index):
            depth, end = 0, index + 1
            while end < len(math):
                depth += {"(": 1, ")": -1}.get(math[end], 0)
                if depth == 0:
                    break
                end += 1
            if end < len(math):
                out.append("^{" + _braced_exponents(math[index + 2: end]) + "}")
                index = end + 1
                continue
        out.append(math[index])
        index += 1
    return "".join(out)


def escape(text: str) -> str:
    return "".join(_SPECIAL.get(c) or _safe_unicode(c) for c in text)


def _safe_unicode(c: str) -> str:
    if c in _MATH_SYMBOLS:
        return f"\\ensuremath{{{_MATH_SYMBOLS[c].strip()}}}"
    if c in _SUPERSCRIPTS:
        return f"\\textsuperscript{{{_SUPERSCRIPTS[c]}}}"
    if c in _SUBSCRIPTS:
        return f"\\ensuremath{{_{{{_SUBSCRIPTS[c]}}}}}"
    return c


def tex_math_text(latex: str) -> str:
    """LaTeX made by other modules, with stray Unicode made safe for pdflatex."""
    return "".join(_safe_unicode(c) for c in latex)
