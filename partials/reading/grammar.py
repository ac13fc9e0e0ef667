"""The Lark parser for partials.lark (beside this module), built once per process.

The built parser is cached (pickled by Lark) in the user's cache folder, so a
command starts without rebuilding the LALR tables.
"""
import functools
import hashlib
import os
from pathlib import Path

from lark import Lark

_GRAMMAR = Path(__file__).with_name("partials.lark")


def grammar_path() -> Path:
    return _GRAMMAR


def grammar_text() -> str:
    return grammar_path().read_text(encoding="utf-8")


@functools.lru_cache(maxsize=None)
def parser(strict: bool = False) -> Lark:
    """The LALR parser; `strict=True` (used by the tests) fails on any conflict."""
    text = grammar_text()
    options = dict(parser="lalr", lexer="contextual", maybe_placeholders=False)
    if strict:
        return Lark(text, strict=True, **options)
    return Lark(text, cache=_cache_file(text), **options)


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
