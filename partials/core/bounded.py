"""One budget of time and memory for every command and API call.

A short input can ask for hours of work or gigabytes of memory
(e^e^e^e^e^y, (x+y+z)^999, x^y at x = y = 10^60), and a signal cannot
interrupt a long big-integer operation in C.  So the work runs in a forked
worker process with a cap on its address space (`resource.RLIMIT_AS`) and a
wall clock kept by the parent: a worker over its time is killed, one that
runs out of memory dies or raises MemoryError, and the caller gets
TooExpensive ("too expensive", exit status 3) within the budget.  Forking
after the imports costs a few milliseconds on Linux.

    value = run_within(function, arg, seconds=10, memory_mb=768)

Where fork is not available (Windows), the work runs in this process,
bounded only by the size limits of the reader and the checker.
"""
from __future__ import annotations

import math
import multiprocessing
import time

from partials.core.errors import PartialsError

DEFAULT_SECONDS = 10.0
DEFAULT_MEMORY_MB = 768  # address space the worker may add to what it starts with
MAX_SECONDS = 7 * 24 * 3600.0
MAX_MEMORY_MB = 1 << 30


class TooExpensive(PartialsError):
    """The work ran past its time or memory budget (exit status 3)."""

    exit_code = 3


class WorkerFailed(PartialsError):
    """The worker stopped with an internal error (exit status 3: nothing was decided)."""

    exit_code = 3


def seconds_option(text) -> float:
    """A time budget read from an option or a keyword: a finite positive number."""
    try:
        seconds = float(text)
    except (TypeError, ValueError):
        raise PartialsError(f"the time limit must be a number of seconds, not {_shown(text)}") from None
    if not math.isfinite(seconds) or seconds <= 0:
        raise PartialsError(f"the time limit must be a positive number of seconds, not {_shown(text)}")
    if seconds > MAX_SECONDS:
        raise PartialsError(f"the time limit can be at most {MAX_SECONDS:g} seconds (one week), not {_shown(text)}")
    return seconds


def memory_option(text) -> int:
    """A memory budget in MB read from an option or a keyword: a positive whole number."""
    if isinstance(text, bool) or isinstance(text, float):
        raise PartialsError(f"the memory limit must be a whole number of MB, not {_shown(text)}")
    try:
        megabytes = int(text)
    except (TypeError, ValueError):
        raise PartialsError(f"the memory limit must be a whole number of MB, not {_shown(text)}") from None
    if not 1 <= megabytes <= MAX_MEMORY_MB:
        raise PartialsError(f"the memory limit must be a positive whole number of MB, not {_shown(text)}")
    return megabytes


def jobs_option(text) -> int:
    """A number of worker processes: a positive whole number."""
    try:
        jobs = int(text)
    except (TypeError, ValueError):
        raise PartialsError(f"--jobs must be a whole number of worker processes, not {_shown(text)}") from None
    if not 1 <= jobs <= 1024:
        raise PartialsError(f"--jobs must be between 1 and 1024, not {_shown(text)}")
    return jobs


def _shown(value) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def can_fork() -> bool:
    return "fork" in multiprocessing.get_all_start_methods()


_IN_WORKER = False  # set in a worker: work nested inside it shares its budget


def run_within(function, *args, seconds: float = DEFAULT_SECONDS, memory_mb: int = DEFAULT_MEMORY_MB, **kwargs):
    """function(*args, **kwargs) within `seconds` of wall time and `memory_mb`
    MB of memory added to this process's; its value (which must pickle) is
    returned, a PartialsError it raises is raised again here, and past the
    budget TooExpensive is raised."""
    seconds, memory_mb = seconds_option(seconds), memory_option(memory_mb)
    if _IN_WORKER or not can_fork() or multiprocessing.current_process().daemon:
        return guarded(function, *args, **kwargs)  # a daemon process may not fork workers
    _warm_parent()
    context = multiprocessing.get_context("fork")
    receiver, sender = context.Pipe(duplex=False)
    process = context.Process(target=_worker, args=(sender, memory_mb, function, args, kwargs), daemon=True)
    try:
        process.start()
    except OSError as error:  # no process can be made: the machine is out of memory or processes
        receiver.close()
        sender.close()
        raise TooExpensive(f"too expensive: no worker process could be started ({error.strerror or error})") from None
    sender.close()
    try:
        if not receiver.poll(seconds):
            raise TooExpensive(f"too expensive: over the {seconds:g} s time limit")
        try:
            kind, value = _unpickled(receiver.recv_bytes())
        except (EOFError, OSError):
            raise TooExpensive(f"too expensive: ran out of the {memory_mb} MB memory limit") from None
    finally:
        _end(process)
        receiver.close()
    if kind == "value":
        return value
    if kind == "error":
        raise value
    if kind == "memory":
        raise TooExpensive(f"too expensive: ran out of the {memory_mb} MB memory limit")
    if kind == "recursion":
        raise PartialsError("the input is nested too deeply")
    raise WorkerFailed(f"could not finish: internal error ({value})")


def bounded(function, *args, seconds=DEFAULT_SECONDS, memory_mb=DEFAULT_MEMORY_MB, **kwargs):
    """run_within, or with `seconds` None in this process without a time
    limit (guarded); either way only PartialsError escapes."""
    if seconds is None:
        memory_option(memory_mb)
        return guarded(function, *args, **kwargs)
    return run_within(function, *args, seconds=seconds, memory_mb=memory_mb, **kwargs)


def guarded(function, *args, **kwargs):
    """function(*args, **kwargs) in this process; MemoryError, RecursionError
    and any other error come out as PartialsError subclasses with a message."""
    try:
        return function(*args, **kwargs)
    except PartialsError:
        raise
    except MemoryError:
        raise TooExpensive("too expensive: ran out of memory") from None
    except RecursionError:
        raise PartialsError("the input is nested too deeply") from None
    except Exception as error:  # noqa: BLE001 - a bug, reported as one message
        raise WorkerFailed(f"could not finish: internal error ({type(error).__name__}: {error})") from error


_warm = False
_WARM_UPS: list = []


def warm_up_with(function) -> None:
    """Work done once in this process before the first worker is forked (the
    facade registers reading one small problem: the grammar's parser and
    SymPy's lazily imported parts are then inherited by every worker, else
    each one loads them again, a fifth of a second)."""
    _WARM_UPS.append(function)


def _warm_parent() -> None:
    global _warm
    if not _warm:
        _warm = True
        for function in _WARM_UPS:
            function()


def _end(process) -> None:
    if process.is_alive():
        process.kill()
    process.join(timeout=5)


def _worker(sender, memory_mb, function, args, kwargs):
    global _IN_WORKER
    _IN_WORKER = True
    try:
        cap_memory(memory_mb)
        outcome = ("value", function(*args, **kwargs))
    except PartialsError as error:
        outcome = ("error", error)
    except MemoryError:
        outcome = ("memory", None)
    except RecursionError:
        outcome = ("recursion", None)
    except OSError as error:  # under a tight memory cap, threads and pipes fail as OSError
        outcome = ("memory", None) if error.errno in (12, 11) else ("crash", f"{type(error).__name__}: {error}")
    except BaseException as error:  # noqa: BLE001 - reported by the parent as one message
        outcome = ("crash", f"{type(error).__name__}: {error}")
    _send(sender, outcome)


def _unpickled(data: bytes):
    """The worker's outcome, its SymPy expressions rebuilt exactly as they
    were: unpickling calls each class on its args, which would evaluate
    again (3(u + v)/2, kept whole on purpose, would come back 3u/2 + 3v/2)."""
    import pickle

    from sympy.core.parameters import evaluate

    with evaluate(False):
        return pickle.loads(data)


def _send(sender, outcome) -> None:
    try:
        sender.send(outcome)
    except MemoryError:
        _send_quietly(sender, ("memory", None))
    except Exception as error:  # noqa: BLE001 - a value that does not pickle
        _send_quietly(sender, ("crash", f"the result cannot be passed back ({type(error).__name__}: {error})"))
    finally:
        sender.close()


def _send_quietly(sender, outcome) -> None:
    try:
        sender.send(outcome)
    except Exception:  # noqa: BLE001 - the parent then reports the worker's death
        pass


def cap_memory(memory_mb: int) -> None:
    """Let this process add at most `memory_mb` MB to its address space."""
    try:
        import resource
    except ImportError:  # not on this platform: the time limit still holds
        return
    limit = address_space() + memory_mb * 1024 * 1024
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    resource.setrlimit(resource.RLIMIT_AS, (limit, hard))


def address_space() -> int:
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmSize:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 512 * 1024 * 1024


def ready_by(connection, deadline: float) -> bool:
    """Wait until `deadline` (time.monotonic()) for a worker to say "ready" on
    `connection`; False past it, or when the worker died (grading and web workers)."""
    while True:
        remaining = deadline - time.monotonic()
        if remaining <= 0 or not connection.poll(remaining):
            return False
        try:
            if connection.recv() == "ready":
                return True
        except (EOFError, OSError):
            return False
