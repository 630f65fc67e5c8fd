"""Running one part of a build in a process of its own, beside the rest, so that two cores write at once.

A build at 100,000 events spends about 24 s on GraphML and GEXF and about 20 s on the other files, one after
the other. :func:`beside` forks: the child runs one piece of work (the XML pair) while the parent goes on with
the rest, and the parent waits for it at the end. The child shares the parent's memory until it writes to it
(copy on write), so it costs only what it changes: about 460 MB at 100,000 events, which is added to the
parent's own figure by :func:`extra_memory` (for the benchmark).

It forks only where that is safe and worth it: on Linux, in a process with no other thread (a fork copies
only the calling thread, and a lock another thread held would stay locked in the child). Elsewhere, and with
``KGRAPH_PARALLEL=off``, the work runs in the calling process first, as before. The child dies with its parent
(a killed build leaves no writer behind); Ctrl-C ends both. An error in the child is raised in the parent: an
``OSError`` as an ``OSError`` (so a full disk reads the same whichever process met it), anything else as
:class:`BesideError`.

>>> with beside(lambda: None):
...     "the rest of the work"
'the rest of the work'

:func:`apart` does the same for work whose result the parent needs: a part of one export (the explorer's
node details at 100,000 events), handed back in :mod:`marshal`'s form, which the parent reads from its own
child only. It forks only when no other child of kgraph's is running (in a build the XML pair already keeps the
second core busy).
"""

from __future__ import annotations

import contextlib
import json
import marshal
import os
import signal
import sys
import tempfile
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
def beside(work: Callable[[], object]) -> Iterator[None]:
    """Run ``work`` in a forked process while the body of the ``with`` runs; wait for it at the end, and raise
    its error if it failed. Where :func:`can_fork` says no, ``work`` runs first, here."""
    if not can_fork():
        work()
        yield
        return
    reader, writer = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: do the work, report, and leave without running anything of the parent's
        os.close(reader)
        _child(work, writer)
    os.close(writer)
    _RUNNING[0] += 1
    try:
        yield
    except BaseException:
        _stop(pid)
        os.close(reader)
        raise
    finally:
        _RUNNING[0] -= 1
    report = _read_all(reader)
    _, status = os.waitpid(pid, 0)
    _raise(report, status)


@contextmanager
def apart(work: Callable[[], T]) -> Iterator[Callable[[], T]]:
    """Run ``work`` in a forked process while the body of the ``with`` runs; the body calls what it is given to
    wait for the child and have ``work``'s result (text, numbers, lists, tuples and mappings of them), or its
    error. Where :func:`can_fork` says no, or another child is running, ``work`` runs first, here.

    >>> with apart(lambda: [("n0", "[0]")]) as result:
    ...     result()
    [('n0', '[0]')]
    """
    if not can_fork() or _RUNNING[0]:
        found = work()
        yield lambda: found
        return
    with tempfile.TemporaryFile() as out:
        waited: list[bool] = []

        def done() -> T:
            if not waited:
                waited.append(True)
                _RUNNING[0] -= 1
                report = _read_all(reader)
                _, status = os.waitpid(pid, 0)
                _raise(report, status)
            out.seek(0)
            found: T = marshal.load(out)
            return found

        def to_file() -> None:
            marshal.dump(work(), out)  # type: ignore[arg-type]  # marshal refuses what it cannot write
            out.flush()

        reader, writer = os.pipe()
        pid = os.fork()
        if pid == 0:
            os.close(reader)
            _child(to_file, writer)
        os.close(writer)
        _RUNNING[0] += 1
        try:
            yield done
        except BaseException:
            if not waited:
                _RUNNING[0] -= 1
                _stop(pid)
                os.close(reader)
            raise
        if not waited:
            done()


def extra_memory() -> int:
    """The most memory of their own the processes :func:`beside` started had, in bytes (0 when none ran).

    >>> extra_memory() >= 0
    True
    """
    return _CHILD_PEAK[0]


def _child(work: Callable[[], object], writer: int) -> None:
    code, report = 0, b""
    try:
        signal.signal(signal.SIGINT, signal.SIG_DFL)
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        _die_with_parent()
        work()
        report = json.dumps(["done", _own_memory()]).encode()
    except BaseException as exc:  # every failure goes back to the parent, which raises it
        code = 1
        if isinstance(exc, OSError):
            report = json.dumps(["oserror", [exc.errno, exc.strerror, exc.filename and str(exc.filename)]]).encode()
        else:
            report = json.dumps(["error", f"{type(exc).__name__}: {exc}"]).encode()
    finally:
        try:
            os.write(writer, report)
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


def _read_all(reader: int) -> bytes:
    chunks = []
    try:
        while chunk := os.read(reader, 1 << 16):
            chunks.append(chunk)
    finally:
        os.close(reader)
    return b"".join(chunks)


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
