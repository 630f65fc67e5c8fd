"""Keeping bulk work fast and measured: the garbage collector paused while large structures are built, and the
process's own peak memory.

Loading, building and exporting create hundreds of thousands of small objects
and no reference cycles; Python's cyclic collector would rescan them over and
over as they accumulate (half the time of a large load). :func:`collector_paused`
pauses it for the duration and restores it after, whatever happens, with what
was made already in its oldest generation.

>>> import gc
>>> with collector_paused():
...     gc.isenabled()
False
>>> gc.isenabled()
True
"""

from __future__ import annotations

import gc
import resource
import sys
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import TypeVar

T = TypeVar("T")


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector inside the ``with`` block, if it was running.

    What the block made is then moved to the collector's oldest generation without a scan (``gc.freeze`` then
    ``gc.unfreeze``): otherwise the first collection after the block would scan every object it made at once.
    They stay collectable (a full collection still sees them). Skipped when the program froze objects itself,
    which ``unfreeze`` would undo.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            if gc.get_freeze_count() == 0:
                gc.freeze()
                gc.unfreeze()
            gc.enable()


def progress(items: Iterable[T], enabled: bool, description: str, total: int | None = None) -> Iterable[T]:
    """``items``, with a progress bar on standard error when ``enabled`` (the command line enables it in a terminal)."""
    if not enabled:
        return items
    from tqdm import tqdm

    tqdm.monitor_interval = 0  # no monitor thread: a process with one thread may fork (kgraph.beside)
    bar: Iterable[T] = tqdm(items, desc=description, total=total, unit=" files", leave=False, dynamic_ncols=True)
    return bar


def peak_memory() -> int:
    """The process's own peak resident size in bytes.

    On Linux this is ``VmHWM`` of ``/proc/self/status``: ``ru_maxrss`` there starts from the parent's size when
    the process was forked, so a kgraph started by a large program (a test runner, a notebook) would seem to have
    used its memory already. Elsewhere ``ru_maxrss`` (macOS counts bytes, the BSDs KiB).

    >>> 0 < peak_memory() < 2**40
    True
    """
    try:
        with open("/proc/self/status", "rb") as status:
            for line in status:
                if line.startswith(b"VmHWM:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return int(peak) if sys.platform == "darwin" else int(peak) * 1024
