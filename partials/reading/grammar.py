"""The Lark parser for partials.lark (beside this module), built once per process.

The built parser is cached (pickled by Lark) in the user's cache folder, so a
command starts without rebuilding the LALR tables.
"""
import functools
import hashlib
import os
from pathlib import Path

from lark import Lark, Token
from lark.lark import PostLex

_GRAMMAR = Path(__file__).with_name("partials.lark")


def grammar_path() -> Path:
    return _GRAMMAR


def grammar_text() -> str:
    return grammar_path().read_text(encoding="utf-8")


@functools.lru_cache(maxsize=None)
def parser(strict: bool = False) -> Lark:
    """The LALR parser; `strict=True` (used by the tests) fails on any conflict."""
    text = grammar_text()
    options = dict(parser="lalr", lexer="contextual", maybe_placeholders=False, postlex=Bars())
    if strict:
        return Lark(text, strict=True, **options)
    return Lark(text, cache=_cache_file(text), **options)


class Bars(PostLex):
    """Makes each `|` an opening or a closing bar, so that |…| can follow a
    factor (x|x|, 2|x|, e^x |y|) without the grammar guessing.

    A bar closes when the innermost open bracket is a bar and the token before
    it ends an operand (a name, a number, a closing bracket); otherwise it
    opens: |x + |y|| is |x + |y||, |(x|y|)| keeps the inner bars inside the
    round brackets, and x|x| is x·|x|."""

    always_accept = ("BAR",)
    _OPENERS = "([{（"
    _CLOSERS = ")]}）"
    _BEFORE_AN_OPERAND = {"PLUS", "MINUS", "TIMES", "DIVIDE", "POWER", "EQUALS", "COMMA", "SEP", "LEAD", "FUNC",
                          "ABS_OPEN", "DOP", "DTOP", "DOP_ORDER", "CALLNAME"}

    def process(self, stream):
        open_brackets, previous, before_previous = [], None, None
        for token in stream:
            if token.type == "BAR":
                closes = bool(open_brackets) and open_brackets[-1] == "|" and self._ends_operand(previous, before_previous)
                token = Token.new_borrow_pos("ABS_CLOSE" if closes else "ABS_OPEN", token.value, token)
                if closes:
                    open_brackets.pop()
                else:
                    open_brackets.append("|")
            elif token.value in self._OPENERS:
                open_brackets.append("(")
            elif token.value in self._CLOSERS and open_brackets and open_brackets[-1] == "(":
                open_brackets.pop()
            before_previous, previous = previous, token
            yield token

    def _ends_operand(self, previous, before_previous) -> bool:
        if previous is None or previous.type in self._BEFORE_AN_OPERAND or previous.value in self._OPENERS:
            return False
        # sin²|x|, sin^2 |x|, ∂^2: the power of a function (UNSIGNED only follows ^ there) waits for its argument
        return previous.type != "UNSIGNED" and not (previous.type == "SUPERSCRIPT" and before_previous is not None
                                                    and before_previous.type == "FUNC")


def _cache_file(text: str):
    folder = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "partials"
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return False
    if not os.access(folder, os.W_OK):
        return False
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]
    return str(folder / f"grammar-{digest}.lark-cache")
