"""One API request answered, in a worker process: (HTTP status, body).

The body is exactly what the command prints with --json (the same function
computes it); with `view`, the page's extras come too, as
{"json": that object, "view": MathML, steps, roles ...}.
"""
from __future__ import annotations

import argparse
import importlib
import logging

from partials.core.errors import LimitError, NotationError, PartialsError

log = logging.getLogger("partials.commands.web")

# request key -> the command's argparse destination, where they differ
DESTINATIONS = {"solve": {"d": "first", "d2": "second"}, "analyze": {"dir": "direction"}}
# what the command's parser needs to accept an empty command line
MINIMAL_ARGV = {"check": ["--answer=_"]}


def error_body(message: str, line=None, column=None, hint=None, **extra) -> dict:
    return {"error": message, "line": line, "column": column, "hint": hint, **extra}


def too_expensive(reason: str) -> tuple[int, dict]:
    return 422, error_body("too expensive", hint="shorten the problem or ask for fewer derivatives", reason=reason)


def answer(endpoint: str, request: dict, view: bool = False) -> tuple[int, dict]:
    """Never raises: every failure is a status and a body without a traceback."""
    try:
        return 200, _answer(endpoint, request, view)
    except Undecided as error:
        return 422, error_body("could not decide", reason=str(error))
    except NotationError as error:
        return 400, error_body(error.message, error.line or None, error.column or None, error.hint)
    except LimitError as error:
        return 400, error_body(error.message, hint=error.hint)
    except PartialsError as error:
        return 400, error_body(error.message, hint=error.hint)
    except RecursionError:
        return 400, error_body("the input is nested too deeply")
    except MemoryError:
        return too_expensive("the computation ran out of memory")
    except Exception:  # logged for the operator, never shown to the user
        log.debug("internal error answering %s", endpoint, exc_info=True)
        return 500, error_body("internal error")


def command_arguments(endpoint: str, request: dict) -> argparse.Namespace:
    """The Namespace the command line would build from the same options
    (its defaults come from the command's own parser)."""
    module = importlib.import_module(f"partials.commands.{endpoint}")
    parser = argparse.ArgumentParser(add_help=False)
    module.add_arguments(parser)
    args = parser.parse_args(["_", *MINIMAL_ARGV.get(endpoint, [])])
    renamed = DESTINATIONS.get(endpoint, {})
    for key, value in request.items():
        setattr(args, renamed.get(key, key), value)
    args.json = True
    return args


def _answer(endpoint, request, view):
    from partials.commands.web import views

    args = command_arguments(endpoint, request)
    if endpoint == "parse":
        from partials.commands.parse import as_json
        from partials.reading.reader import read_problem

        problem = read_problem(args.text, of=args.of)
        return _with_view(as_json(problem), view, lambda: views.parse_view(problem))
    if endpoint == "solve":
        from partials.assessment.statement_solving import statement_for
        from partials.commands import solve

        statement = statement_for(args.text, of=args.of)
        if statement is not None:  # a whole pasted statement: the command's own JSON
            from partials.commands.statement_solve import statement_json

            return _with_view(statement_json(statement, args), view, dict)
        answered = solve.solved(args)
        result = solve.json_object(args, answered)
        return _with_view(result, view, lambda: views.solve_view(args, answered))
    if endpoint == "check":
        from partials.commands.check import verdict_of

        return _with_view(verdict_of(args).as_dict(), view, dict)
    if endpoint == "graph":
        from partials.commands import graph

        graph_, sweeps, shown = graph.graphed(args)
        return _with_view(shown.as_json(), view, lambda: views.graph_view(graph_, sweeps))
    module = importlib.import_module(f"partials.commands.{endpoint}")
    if hasattr(module, "json_object"):
        return _with_view(module.json_object(args), view, dict)
    return _with_view(_printed_json(module, args), view, dict)


def _printed_json(module, args) -> dict:
    """What the command prints with --json, from its own run(); a command
    that prints no object (analyze refusing to decide) is "could not decide"."""
    import io
    import json
    from contextlib import redirect_stderr, redirect_stdout

    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        module.run(args)
    try:
        return json.loads(out.getvalue())
    except ValueError:
        reason = err.getvalue().strip().split(": ", 1)[-1] or "no answer"
        raise Undecided(reason) from None


class Undecided(Exception):
    pass


def _with_view(result: dict, view: bool, extras):
    return {"json": result, "view": extras()} if view else result
