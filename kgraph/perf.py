"""Keeping bulk work fast: the garbage collector paused while large structures are built.

Loading, building and exporting create hundreds of thousands of small objects
and no reference cycles; Python's cyclic collector would rescan them over and
over as they accumulate (half the time of a large load). :func:`collector_paused`
pauses it for the duration and restores it after, whatever happens.

>>> import gc
>>> with collector_paused():
...     gc.isenabled()
False
>>> gc.isenabled()
True
"""

from __future__ import annotations

import gc
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import TypeVar

T = TypeVar("T")


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector inside the ``with`` block, if it was running."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def progress(items: Iterable[T], enabled: bool, description: str, total: int | None = None) -> Iterable[T]:
    """``items``, with a progress bar on standard error when ``enabled`` (the command line enables it in a terminal)."""
    if not enabled:
        return items
    from tqdm import tqdm

    bar: Iterable[T] = tqdm(items, desc=description, total=total, unit=" files", leave=False, dynamic_ncols=True)
    return bar
