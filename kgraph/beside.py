"""Running one part of the work in a process of its own, beside the rest, so that two cores work at once.

A build at 100,000 events spends about 24 s on GraphML and GEXF and about 20 s on the other files, one after
the other. :func:`beside` forks: the child runs one piece of work (the XML pair) while the parent goes on with
the rest, and the parent waits for it at the end. The child shares the parent's memory until it writes to it
(copy on write), so it costs only what it changes: about 460 MB at 100,000 events, which is added to the
parent's own figure by :func:`extra_memory` (for the benchmark).

A first reading of a large corpus with the cache on uses it too: the cache's entries are encoded and written
beside the checks across files (:meth:`kgraph.corpus.cache.FileCache.writing`), as work that is not ``needed``, whose
failure is no error.

It forks only where that is safe and worth it: on Linux, in a process with no other thread (a fork copies
only the calling thread, and a lock another thread held would stay locked in the child). Elsewhere, and with
``KGRAPH_PARALLEL=off``, the work runs in the calling process first, as before. The child dies with its parent
(a killed build leaves no writer behind); Ctrl-C ends both. An error in the child is raised in the parent: an
``OSError`` as an ``OSError`` (so a full disk reads the same whichever process met it), anything else as
:class:`BesideError`.

>>> with beside(lambda: None):
...     "the rest of the work"
'the rest of the work'

:func:`apart` does the same for work whose result the parent needs: a part of one export (the
explorer's edges' details on a large page), handed back through the pipe in :mod:`marshal`'s form, which the
parent reads from its own child only. Where the fork fails (no memory or processes left), the work is done here
instead. It forks only when no other child of kgraph's is running (in a build the XML pair already keeps the
second core busy).
"""

from __future__ import annotations

import contextlib
import json
import marshal
import os
import signal
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

from kgraph.errors import KgraphError

#: The most memory of its own a child has had, in bytes (what it changed of the parent's and what it made).
_CHILD_PEAK = [0]
#: How many children of :func:`beside` and :func:`apart` are running.
_RUNNING = [0]

T = TypeVar("T")


class BesideError(KgraphError):
    """Work run in a process beside the build failed with an error that is not an ``OSError``."""


def can_fork() -> bool:
    """Whether :func:`beside` runs its work in a process of its own here.

    >>> isinstance(can_fork(), bool)
    True
    """
    return (
        sys.platform == "linux"
        and hasattr(os, "fork")
        and os.environ.get("KGRAPH_PARALLEL", "").lower() not in ("off", "0", "no")
        and _threads() == 1
    )


def _threads() -> int:
    """How many threads this process has: all of them, not only those :mod:`threading` started."""
    try:
        return len(os.listdir("/proc/self/task"))
    except OSError:
        return threading.active_count() + 1  # not known: taken as more than one


@contextmanager
def beside(work: Callable[[], object], needed: bool = True) -> Iterator[None]:
    """Run ``work`` in a forked process while the body of the ``with`` runs; wait for it at the end, and raise
    its error if it failed, unless the work is not ``needed`` (a cache's: then its failure is no error). Where
    :func:`can_fork` says no, or the fork fails, ``work`` runs first, here."""
    failing = contextlib.nullcontext() if needed else contextlib.suppress(Exception)  # what a failure of work's does
    child = _Child.start(lambda: (work(), b"")[1]) if can_fork() else None
    if child is None:
        with failing:
            work()
        yield
        return
    try:
        yield
    except BaseException:
        child.stop()
        raise
    with failing:
        child.wait()


@contextmanager
def apart(work: Callable[[], T]) -> Iterator[Callable[[], T]]:
    """Run ``work`` in a forked process while the body of the ``with`` runs; the body calls what it is given to
    wait for the child and have ``work``'s result (text, numbers, lists, tuples and mappings of them), or its
    error. Where :func:`can_fork` says no, another child is running, or the fork fails, ``work`` runs first, here.

    >>> with apart(lambda: [("n0", "[0]")]) as result:
    ...     result()
    [('n0', '[0]')]
    """
    child = _Child.start(lambda: marshal.dumps(work())) if can_fork() and not _RUNNING[0] else None  # type: ignore[arg-type]
    if child is None:
        found = work()
        yield lambda: found
        return
    got: list[T] = []

    def done() -> T:
        if not got:
            got.append(marshal.loads(child.wait()))
        return got[0]

    try:
        yield done
    except BaseException:
        child.stop()
        raise
    done()


class _Child:
    """A forked process doing a piece of work, which sends back its result and a report through a pipe; waited for,
    or stopped, once."""

    def __init__(self, pid: int, reader: int):
        self.pid, self.reader, self.reaped = pid, reader, False

    @classmethod
    def start(cls, work: Callable[[], bytes]) -> _Child | None:
        """The process doing ``work``, or None when it cannot be started (the caller then does the work)."""
        reader, writer = os.pipe()
        try:
            pid = os.fork()
        except OSError:  # out of memory or of processes: not an error of the work's
            os.close(reader)
            os.close(writer)
            return None
        if pid == 0:  # the child: do the work, report, and leave without running anything of the parent's
            os.close(reader)
            _child(work, writer)
        os.close(writer)
        _RUNNING[0] += 1
        return cls(pid, reader)

    def wait(self) -> memoryview:
        """Wait for the end of the work and give its result; raise its error, if it failed."""
        try:
            header = self._read(8)  # the result's length, then the result, then the report
            size = int.from_bytes(header, "big") if len(header) == 8 else 0  # none: the child died first
            result = self._read(size)  # read into one buffer of its size: the result is not copied again
            report = bytes(self._read(None))
            status = _waited(self.pid)
        except BaseException:  # Ctrl-C while waiting, say: the child is stopped all the same
            self.stop()
            raise
        self._reaped()
        _raise(report, status)
        return result

    def _read(self, size: int | None) -> memoryview:
        """The next ``size`` bytes from the child (fewer when it ends first), or all that is left (None)."""
        if size is None:
            chunks = []
            while chunk := os.read(self.reader, 1 << 16):
                chunks.append(chunk)
            return memoryview(b"".join(chunks))
        buffer = memoryview(bytearray(size))
        done = 0
        while done < size and (got := os.readv(self.reader, [buffer[done:]])):
            done += got
        return buffer[:done]

    def stop(self) -> None:
        """Kill the process and wait for its end (nothing when it ended already)."""
        if not self.reaped:
            _stop(self.pid)
            self._reaped()

    def _reaped(self) -> None:
        self.reaped = True
        os.close(self.reader)
        _RUNNING[0] -= 1


def extra_memory() -> int:
    """The most memory of their own the processes :func:`beside` and :func:`apart` started had, in bytes (0 when
    none ran).

    >>> extra_memory() >= 0
    True
    """
    return _CHILD_PEAK[0]


def _child(work: Callable[[], bytes], writer: int) -> None:
    code, result, report = 0, b"", b""
    try:
        signal.signal(signal.SIGINT, signal.SIG_DFL)
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        _die_with_parent()
        result = work()
        report = json.dumps(["done", _own_memory()]).encode()
    except BaseException as exc:  # every failure goes back to the parent, which raises it
        code, result = 1, b""
        if isinstance(exc, OSError):
            report = json.dumps(["oserror", [exc.errno, exc.strerror, exc.filename and str(exc.filename)]]).encode()
        else:
            report = json.dumps(["error", f"{type(exc).__name__}: {exc}"]).encode()
    finally:
        try:
            data = memoryview(len(result).to_bytes(8, "big") + result + report)
            while data:  # the parent reads once its own part is done: a large result waits in the pipe till then
                data = data[os.write(writer, data) :]
            os.close(writer)
        finally:
            os._exit(code)


def _die_with_parent() -> None:
    """Ask Linux to kill this process when its parent dies (``prctl(PR_SET_PDEATHSIG)``)."""
    import ctypes

    parent = os.getppid()
    ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # 1: PR_SET_PDEATHSIG
    if os.getppid() != parent:  # the parent died before the request was made
        os._exit(1)


def _own_memory() -> int:
    """This process's memory of its own (private pages), in bytes; 0 where Linux does not say."""
    try:
        with open("/proc/self/smaps_rollup", encoding="ascii") as rollup:
            fields = dict(line.split(":", 1) for line in rollup if ":" in line)
        return sum(int(fields[k].split()[0]) for k in ("Private_Clean", "Private_Dirty") if k in fields) * 1024
    except (OSError, ValueError):
        return 0


def _waited(pid: int) -> int:
    """The status of the child ``pid`` once it has ended; 0 when the program kgraph runs in has it reaped already
    (it ignores ``SIGCHLD``): then its report alone says how the work went."""
    try:
        return os.waitpid(pid, 0)[1]
    except ChildProcessError:
        return 0


def _stop(pid: int) -> None:
    try:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
    except (ProcessLookupError, ChildProcessError):
        pass


def _raise(report: bytes, status: int) -> None:
    kind: str = "error"
    value: Any = "ended without a report that can be read"
    with contextlib.suppress(ValueError, TypeError):
        kind, value = json.loads(report)
    if kind == "done" and os.waitstatus_to_exitcode(status) == 0:
        _CHILD_PEAK[0] = max(_CHILD_PEAK[0], int(value))
        return
    if kind == "oserror":
        number, text, filename = value
        raise OSError(number, text, filename) if filename else OSError(number, text)
    code = os.waitstatus_to_exitcode(status)
    how = f"was killed by signal {-code}" if code < 0 else f"failed: {value}"
    raise BesideError(f"the part of the work run in a process of its own {how}")
