"""The time one property of the analysis may take, in CPU seconds of this
process (so what is decided does not depend on how busy the machine is):
each SymPy call gets the smaller of its own budget and what is left; once
nothing is left, calls are not made and their answer is "unknown", which
the property reports as undecided (never as a verdict)."""
from __future__ import annotations

import math
import time
from contextlib import contextmanager

PROPERTY_SECONDS = 0.8

_until = [math.inf]


@contextmanager
def property_deadline(seconds: float = PROPERTY_SECONDS):
    """Run the block with `seconds` of CPU time for its SymPy calls."""
    saved = _until[0]
    _until[0] = min(saved, time.process_time() + seconds)
    try:
        yield
    finally:
        _until[0] = saved


def allowance(wanted: float) -> float:
    """The budget for one call: `wanted`, or what is left if less (≤ 0: none)."""
    return min(wanted, _until[0] - time.process_time())
