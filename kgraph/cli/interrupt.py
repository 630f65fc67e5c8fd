"""Ctrl-C held back while a module is being imported, and raised as soon as the import is over.

An interrupt raised inside an import can break what the import was setting up: a native extension whose
initialisation imports a module can fail half-way (pydantic-core then panics, printing a Rust backtrace), and
Python swallows one raised in an import callback. The ``kgraph`` command therefore installs :func:`deferring`
as its SIGINT handler: outside imports it raises KeyboardInterrupt at once, as Python's own handler does;
inside one it asks again 10 ms later, from a helper thread, until the import is over.

>>> import signal
>>> previous = signal.signal(signal.SIGINT, deferring)
>>> try:
...     signal.raise_signal(signal.SIGINT)
... except KeyboardInterrupt:
...     print("interrupted")
interrupted
>>> _ = signal.signal(signal.SIGINT, previous)
"""

from __future__ import annotations

import _thread
import time
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from types import FrameType

#: The code of Python's import machinery: a frame from it on the stack means an import is under way.
IMPORT_MACHINERY = frozenset({"<frozen importlib._bootstrap>", "<frozen importlib._bootstrap_external>"})
#: How long an interrupt waits before it asks again, in seconds.
RETRY = 0.01


def importing(frame: FrameType | None) -> bool:
    """Whether ``frame`` runs inside an import: Python's import machinery is among its callers.

    >>> import sys
    >>> importing(sys._getframe())
    False
    """
    while frame is not None:
        if frame.f_code.co_filename in IMPORT_MACHINERY:
            return True
        frame = frame.f_back
    return False


def _again() -> None:
    time.sleep(RETRY)
    _thread.interrupt_main()


def deferring(signum: int, frame: FrameType | None) -> None:
    """The SIGINT handler: KeyboardInterrupt now, or once the import under way is over."""
    if importing(frame):
        _thread.start_new_thread(_again, ())
        return
    raise KeyboardInterrupt
