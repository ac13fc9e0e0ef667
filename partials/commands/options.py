"""Options several commands share: the budget (--timeout, --memory) and
argparse types that turn a PartialsError into a usage error."""
from __future__ import annotations

import argparse


def add_budget_arguments(parser, per: str = "the command") -> None:
    """--timeout SECONDS and --memory MB, checked as usage errors (exit 2)."""
    from partials.core.bounded import DEFAULT_MEMORY_MB, DEFAULT_SECONDS

    parser.add_argument("--timeout", metavar="SECONDS", type=usage(seconds_value), default=DEFAULT_SECONDS,
                        help=f"time allowed for {per}, past it 'too expensive', exit 3 (default {DEFAULT_SECONDS:g})")
    parser.add_argument("--memory", metavar="MB", type=usage(memory_value), default=DEFAULT_MEMORY_MB,
                        help=f"memory {per} may add, in MB (default {DEFAULT_MEMORY_MB})")


def seconds_value(text):
    from partials.core.bounded import seconds_option

    return seconds_option(text)


def memory_value(text):
    from partials.core.bounded import memory_option

    return memory_option(text)


def usage(read):
    """An argparse type from a reader raising PartialsError: a bad value is a
    usage error with the reader's message."""
    from partials.core.errors import PartialsError

    def value(text):
        try:
            return read(text)
        except PartialsError as error:
            raise argparse.ArgumentTypeError(error.message) from None

    value.__name__ = read.__name__
    return value
