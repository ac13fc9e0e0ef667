"""Bounds on work: a time budget for SymPy calls, and the size of an
expression tree measured without walking its shared parts twice.
"""
from __future__ import annotations

import signal
import threading
from contextlib import contextmanager


class OutOfTime(Exception):
    """A time_budget ran out."""


@contextmanager
def time_budget(seconds: float, cpu: bool = False):
    """Interrupt the block after `seconds` (main thread on Unix; elsewhere
    the block runs unbounded, so callers also bound sizes).  With cpu=True
    the seconds are the process's CPU time, not the clock's: the same work
    gets the same budget on a busy machine, so what is decided does not
    depend on the load."""
    if threading.current_thread() is not threading.main_thread() or not hasattr(signal, "setitimer"):
        yield
        return

    def expire(signum, frame):
        raise OutOfTime()

    which, timer = (signal.SIGPROF, signal.ITIMER_PROF) if cpu else (signal.SIGALRM, signal.ITIMER_REAL)
    previous = signal.signal(which, expire)
    signal.setitimer(timer, seconds)
    try:
        yield
    finally:
        signal.setitimer(timer, 0)
        signal.signal(which, previous)


def tree_size(expr, limit: int, opaque: tuple = ()) -> int:
    """The size of `expr` as a tree (what printing and SymPy's traversals
    pay), computed over the shared sub-expressions once; stops past limit.
    Sub-expressions of the `opaque` types count as one."""
    sizes: dict = {}
    stack = [(expr, False)]
    while stack:
        node, ready = stack.pop()
        key = id(node)
        if key in sizes:
            continue
        if not node.args or isinstance(node, opaque):
            sizes[key] = 1
        elif ready:
            sizes[key] = 1 + sum(sizes[id(a)] for a in node.args)
            if sizes[key] > limit:
                return sizes[key]
        else:
            stack.append((node, True))
            stack.extend((a, False) for a in node.args if id(a) not in sizes)
    return sizes[id(expr)]
