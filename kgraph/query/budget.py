"""Bounds on queries that could run for ever: result limits, time budgets, and the checks of their arguments.

Path enumeration and Cypher stop after ``limit`` results and after ``timeout``
seconds, and their results say so in ``truncated``. Cypher runs inside
grand-cypher, so its budget is kept by a timer: :func:`guarded` checks the
clock, and the memory the process has grown by, every 50 ms (SIGALRM, on Unix,
in the main thread only; elsewhere, or when a timer is already running, the
query runs unguarded).

>>> check_count("limit", 20), check_count("top", None, least=0, optional=True)
(20, None)
>>> check_count("limit", 0)
Traceback (most recent call last):
kgraph.errors.UsageError: limit must be 1 or more, not 0
>>> check_timeout(10), check_timeout(None)
(10.0, None)
"""

from __future__ import annotations

import math
import signal
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from types import FrameType

from kgraph.errors import UsageError
from kgraph.perf import peak_memory

#: How long a path enumeration or Cypher query may run, in seconds, unless told otherwise.
TIMEOUT = 10.0
#: How much a Cypher query may grow the process's memory (its peak resident size), in bytes.
MEMORY = 1024**3
#: How often the guard looks at the clock and the memory, in seconds.
TICK = 0.05


def check_count(name: str, value: object, least: int = 1, optional: bool = False) -> int | None:
    """``value`` if it is a whole number of at least ``least`` (or None when ``optional``); else UsageError."""
    if value is None and optional:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise UsageError(f"{name} must be a whole number, not {value!r}")
    if value < least:
        raise UsageError(f"{name} must be {least} or more, not {value}")
    return value


def check_timeout(value: object) -> float | None:
    """A time budget in seconds: a positive finite number, or None for none; else UsageError."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value) or value <= 0:
        raise UsageError(f"timeout must be a number of seconds above 0, not {value!r}")
    return float(value)


def seconds(timeout: float) -> str:
    """A budget in words: ``'10 s'``, ``'0.5 s'``."""
    return f"{timeout:g} s"


class Deadline:
    """The end of a time budget (None: no end), checked between results."""

    def __init__(self, timeout: float | None):
        self.timeout = timeout
        self.end = None if timeout is None else time.monotonic() + timeout

    def passed(self) -> bool:
        """Whether the budget has run out."""
        return self.end is not None and time.monotonic() >= self.end


class OverBudget(BaseException):
    """Raised inside a guarded call when its time (``kind`` ``'time'``) or memory (``'memory'``) runs out.

    A BaseException, so that no ``except Exception`` in the code it interrupts can swallow it.
    """

    def __init__(self, kind: str):
        super().__init__(kind)
        self.kind = kind


def _can_time() -> bool:
    return (
        hasattr(signal, "setitimer")
        and threading.current_thread() is threading.main_thread()
        and signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)
    )


@contextmanager
def guarded(timeout: float | None, memory: int = MEMORY) -> Iterator[None]:
    """Run the body under a time budget and a memory budget; raise :class:`OverBudget` when one runs out.

    The timer is a SIGALRM every :data:`TICK` seconds, so it works only in the main thread of a process on
    Unix, and only when no other timer is running; otherwise the body runs without these bounds.
    """
    if not _can_time():
        yield
        return
    deadline, ceiling = Deadline(timeout), peak_memory() + memory
    active = True

    def tick(signum: int, frame: FrameType | None) -> None:
        nonlocal active
        if active and (deadline.passed() or peak_memory() > ceiling):
            active = False  # raise once only; the body unwinds from here
            raise OverBudget("time" if deadline.passed() else "memory")

    previous: Callable[[int, FrameType | None], object] | int | None = signal.signal(signal.SIGALRM, tick)
    signal.setitimer(signal.ITIMER_REAL, TICK, TICK)
    try:
        yield
    finally:
        active = False
        signal.setitimer(signal.ITIMER_REAL, 0, 0)
        signal.signal(signal.SIGALRM, previous)
