"""Command line: `partials COMMAND ...`.

Each command lives in partials/commands/<name>.py (`serve`, the web page,
in partials/web/serve.py: the web layer sits above the commands whose JSON
it serves) with two functions, `add_arguments(parser)` and
`run(args) -> int`; this module only dispatches
and turns every PartialsError into one message on stderr and exit status 2.
"""
from __future__ import annotations

import argparse
import importlib
import sys

COMMANDS = {
    "parse": "show how the text was understood",
    "solve": "partial derivatives, total differentials, values at a point",
    "check": "check an answer to a problem (exit 0 right, 1 wrong)",
    "verify": "decide whether an identity among partial derivatives holds",
    "grade": "grade a CSV of student answers against a problem set",
    "worksheet": "print a problem set as a LaTeX worksheet",
    "graph": "the computational graph: nodes, edges, forward and reverse mode",
    "analyze": "a function of two variables at a point: continuity, partials, differentiability",
    "serve": "the web page and JSON API (needs the web extra)",
}


def build_parser(selected: str | None = None) -> argparse.ArgumentParser:
    """The parser; only the selected command's module is imported (start-up
    time: `partials parse` need not load the worksheet or graph code)."""
    parser = argparse.ArgumentParser(
        prog="partials",
        description="Partial derivatives the way a calculus textbook writes them.",
    )
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    subparsers.required = True
    for name, summary in COMMANDS.items():
        sub = subparsers.add_parser(name, help=summary, description=summary)
        if name == selected:
            _command_module(name).add_arguments(sub)
            if name in WITH_CONSTANTS:
                sub.add_argument("--const", metavar="NAMES",
                                 help="letters that are constants, e.g. m or m,k (never differentiated)")
    return parser


def _command_module(name: str):
    if name == "serve":
        return importlib.import_module("partials.web.serve")
    return importlib.import_module(f"partials.commands.{name}")


def main(argv=None) -> int:
    _reconfigure_streams()
    argv = _glued(sys.argv[1:] if argv is None else list(argv))
    selected = next((word for word in argv if not word.startswith("-")), None)
    args = build_parser(selected if selected in COMMANDS else None).parse_args(argv)
    from partials.core.errors import PartialsError

    try:
        from partials.model.parameters import constants

        with constants(getattr(args, "const", None)):
            return _command_module(args.command).run(args)
    except PartialsError as error:
        print(f"partials {args.command}: {error}", file=sys.stderr)
        return getattr(error, "exit_code", 2)  # 3 for "could not decide" errors (partials.smoothness)
    except RecursionError:
        print(f"partials {args.command}: the input is nested too deeply", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130


TEXT_OPTIONS = ("--answer", "--target", "--at", "--dir")
WITH_CONSTANTS = ("solve", "check", "verify", "parse")  # --const m: partials.model.parameters


def _glued(argv: list) -> list:
    """--answer -1/y^3 as --answer=-1/y^3: argparse takes a value that starts
    with a minus sign for an option of its own; an answer often does."""
    glued, words = [], iter(argv)
    for word in words:
        following = next(words, None) if word in TEXT_OPTIONS else None
        glued.append(word if following is None else f"{word}={following}")
    return glued


def _reconfigure_streams() -> None:
    """Print ∂, ², f₁′ even where the locale is not UTF-8 (CI, pipes)."""
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.reconfigure(encoding="utf-8", errors="replace")
        except (AttributeError, ValueError):
            pass
