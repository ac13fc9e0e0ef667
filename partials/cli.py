"""Command line: `partials COMMAND ...`.

Each command lives in partials/commands/<name>.py with two functions,
`add_arguments(parser)` and `run(args) -> int`; this module only dispatches
and turns every PartialsError into one message on stderr and exit status 2.
"""
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
}


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="partials",
        description="Partial derivatives the way a calculus textbook writes them.",
    )
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    subparsers.required = True
    for name, summary in COMMANDS.items():
        sub = subparsers.add_parser(name, help=summary, description=summary)
        sub.set_defaults(command=name)
        try:
            _command_module(name).add_arguments(sub)
        except ModuleNotFoundError as missing:
            if missing.name != f"partials.commands.{name}":
                raise
            sub.set_defaults(unavailable=True)
    return parser


def _command_module(name: str):
    return importlib.import_module(f"partials.commands.{name}")


def main(argv=None) -> int:
    _reconfigure_streams()
    args = build_parser().parse_args(argv)
    if getattr(args, "unavailable", False):
        print(f"partials {args.command}: not available in this version", file=sys.stderr)
        return 2
    from .errors import PartialsError

    try:
        return _command_module(args.command).run(args)
    except PartialsError as error:
        print(f"partials {args.command}: {error}", file=sys.stderr)
        return 2
    except RecursionError:
        print(f"partials {args.command}: the input is nested too deeply", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130


def _reconfigure_streams() -> None:
    """Print ∂, ², f₁′ even where the locale is not UTF-8 (CI, pipes)."""
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.reconfigure(encoding="utf-8", errors="replace")
        except (AttributeError, ValueError):
            pass
