"""Command line: `partials COMMAND ...`.

Each command lives in partials/commands/<name>.py (`serve`, the web page, in
partials/commands/web/serve.py) with two functions, `add_arguments(parser)`
and `run(args) -> int`; this module only dispatches
and turns every PartialsError into one message on stderr and exit status 2.

Every command runs within one budget of time and memory (--timeout SECONDS,
--memory MB; partials.core.bounded): past it, "too expensive" and exit status 3.
A command whose module sets BUDGET = "own" (grade, worksheet) spends the
budget itself, per row or per problem, and declares the options itself.
"""
from __future__ import annotations

import argparse
import importlib
import io
import sys

from partials.commands.options import add_budget_arguments

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
            module = _command_module(name)
            module.add_arguments(sub)
            if name in WITH_CONSTANTS:
                sub.add_argument("--const", metavar="NAMES",
                                 help="letters that are constants, e.g. m or m,k (never differentiated)")
            if getattr(module, "BUDGET", "command") != "own":
                add_budget_arguments(sub)
    return parser


def _command_module(name: str):
    if name == "serve":
        return importlib.import_module("partials.commands.web.serve")
    return importlib.import_module(f"partials.commands.{name}")


def main(argv=None) -> int:
    _reconfigure_streams()
    argv = _glued(sys.argv[1:] if argv is None else list(argv))
    selected = next((word for word in argv if not word.startswith("-")), None)
    args = build_parser(selected if selected in COMMANDS else None).parse_args(argv)
    module = _command_module(args.command)
    from partials.model.parameters import constants

    from partials.core.errors import PartialsError

    try:
        with constants(getattr(args, "const", None)):  # a context variable: the forked worker inherits it
            if getattr(module, "BUDGET", "command") == "own":
                return _reported(module, args)
            return _within_budget(module, args)
    except PartialsError as error:  # --const names that are not letters
        print(f"partials {args.command}: {error}", file=sys.stderr)
        return getattr(error, "exit_code", 2)


def _within_budget(module, args) -> int:
    """The command in a worker process within --timeout and --memory; its
    output is printed only when it has finished."""
    from partials.core.bounded import TooExpensive, run_within
    from partials.core.errors import PartialsError

    try:
        code, out, err = run_within(_captured, module, args, seconds=args.timeout, memory_mb=args.memory)
    except TooExpensive as error:
        hook = getattr(module, "too_expensive", None)
        if hook is not None:
            return hook(args, error)
        print(f"partials {args.command}: {error}", file=sys.stderr)
        return 3
    except PartialsError as error:  # the worker failed: nested too deeply, internal error
        print(f"partials {args.command}: {error}", file=sys.stderr)
        return getattr(error, "exit_code", 2)
    except KeyboardInterrupt:
        return 130
    sys.stdout.write(out)
    sys.stdout.flush()
    sys.stderr.write(err)
    return code


class _Captured(io.StringIO):
    """Collects what a command prints; a terminal stays a terminal (colour)."""

    def __init__(self, stream):
        super().__init__()
        try:
            self._terminal = stream.isatty()
        except (AttributeError, ValueError):
            self._terminal = False

    def isatty(self) -> bool:
        return self._terminal


def _captured(module, args):
    from contextlib import redirect_stderr, redirect_stdout

    out, err = _Captured(sys.stdout), _Captured(sys.stderr)
    with redirect_stdout(out), redirect_stderr(err):
        code = _reported(module, args)
    return code, out.getvalue(), err.getvalue()


def _reported(module, args) -> int:
    """Run the command; a PartialsError is one message and exit status 2 (3 for
    "could not decide" errors, partials.calculus.smoothness)."""
    from partials.core.errors import PartialsError

    try:
        return module.run(args)
    except PartialsError as error:
        code = getattr(error, "exit_code", 2)
        print(f"partials {args.command}: {error}", file=sys.stderr)
        return code
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
