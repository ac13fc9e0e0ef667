"""The Lark parser for grammar/partials.lark, built once per process.

The grammar ships inside the wheel as partials/grammar/partials.lark; in a
source checkout it is read from grammar/partials.lark at the top of the repo.
The built parser is cached (pickled by Lark) in the user's cache folder, so a
command starts without rebuilding the LALR tables.
"""
import functools
import hashlib
import os
from pathlib import Path

from lark import Lark

_PACKAGED = Path(__file__).with_name("grammar") / "partials.lark"
_CHECKOUT = Path(__file__).resolve().parent.parent / "grammar" / "partials.lark"


def grammar_path() -> Path:
    for path in (_PACKAGED, _CHECKOUT):
        if path.is_file():
            return path
    raise FileNotFoundError("grammar/partials.lark is missing from this installation of partials")


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
