"""Writing outputs safely: a whole new file (or set of files) or the old one, never half, never over an input.

A file is written to a temporary file beside it and renamed into place (a set
of files, a build, is written by :mod:`kgraph.export.folder`). What may be
written:

- a new path, or an existing regular file that is not one of the ``inputs``
  (the files of the corpus being read, compared by resolved path and by
  identity, so links and hard links to them count);
- a FIFO or a character device (a terminal, ``/dev/null``), and a link into
  ``/proc`` such as ``/dev/stdout``: these are written into as a stream,
  never replaced (a regular file behind ``/dev/stdout`` is appended to);
- nothing else: a folder, a socket, a block device, a link to nothing, and a
  link to a regular file are refused (kgraph does not replace files through
  links: give the file's own path).

Every failure is an :class:`OutputError` that names the path.

>>> import tempfile, pathlib
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> write_text(folder / "a.txt", "hello\\n").read_text()
'hello\\n'
>>> write_text(folder, "x")
Traceback (most recent call last):
...
kgraph.output.OutputError: ...: is a folder
"""

from __future__ import annotations

import contextlib
import io
import os
import stat
import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, TextIO, cast

from kgraph.errors import UsageError, shown

INPUT = "is a file of the corpus being read; kgraph never writes over its inputs"


class OutputError(UsageError):
    """An output that cannot be written: an input, a folder or device in the way, a full disk, a closed pipe."""


def error(path: object, exc: OSError | str) -> OutputError:
    """An OutputError naming ``path``, for a reason or an OSError."""
    reason = exc if isinstance(exc, str) else f"cannot write: {exc.strerror or exc}"
    return OutputError(f"{shown(path)}: {reason}")


def identities(paths: Iterable[Path]) -> set[tuple[int, int]]:
    """The (device, inode) of each of ``paths`` that exists."""
    found = set()
    for path in paths:
        with contextlib.suppress(OSError):
            info = path.stat()
            found.add((info.st_dev, info.st_ino))
    return found


def is_input(path: Path, info: os.stat_result, inputs: frozenset[Path]) -> bool:
    """Whether ``path`` (whose ``os.stat`` is ``info``) is one of ``inputs``, by resolved path or by identity."""
    if not inputs:
        return False
    with contextlib.suppress(OSError, RuntimeError):
        if path.resolve() in inputs:
            return True
    return (info.st_dev, info.st_ino) in identities(inputs)


def _through_proc(path: Path) -> bool:
    """Whether ``path`` is, or links to, one of the kernel's links to open files (``/dev/stdout``, ``/dev/fd/1``)."""
    current = Path(os.path.abspath(path))
    for _ in range(40):
        parent = Path(os.path.realpath(current.parent))
        if parent.parts[:2] == ("/", "proc"):
            return True
        if not current.is_symlink():
            return False
        current = Path(os.path.abspath(parent / os.readlink(current)))
    return False


def target(path: Path, inputs: frozenset[Path] = frozenset()) -> str:
    """How ``path`` may be written: ``"new"``, ``"replace"`` (a regular file) or ``"stream"``; else OutputError."""
    if not str(path):
        raise OutputError("an empty path: name a file")
    try:
        linked = path.is_symlink()
        info = path.stat()
    except FileNotFoundError:
        if linked:
            raise error(path, "is a link to nothing; kgraph does not create files through links") from None
        return "new"
    except OSError as exc:
        raise error(path, exc.strerror or str(exc)) from None
    if is_input(path, info, inputs):
        raise error(path, INPUT)
    if stat.S_ISDIR(info.st_mode):
        raise error(path, "is a folder")
    if stat.S_ISFIFO(info.st_mode) or stat.S_ISCHR(info.st_mode) or (linked and _through_proc(path)):
        return "stream"
    if not stat.S_ISREG(info.st_mode):
        raise error(path, "is not a regular file, a FIFO or a terminal")
    if linked:
        raise error(path, "is a link; kgraph does not replace files through links: give the file's own path")
    return "replace"


def stream(fd: int, data: bytes, name: object) -> None:
    """Write all of ``data`` to the open file ``fd``; a short write or error is an OutputError naming ``name``."""
    try:
        _write_all(fd, data)
    except BrokenPipeError:
        raise
    except OSError as exc:
        raise error(name, exc) from None


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]


class Sink:
    """An open file that ``produce`` functions write their pieces into: each at once, counted; a failure is an
    OutputError naming the output (a closed pipe stays a BrokenPipeError)."""

    def __init__(self, fd: int, name: object) -> None:
        self.fd, self.name, self.size = fd, name, 0

    def write(self, data: bytes) -> int:
        """Write all of ``data``; returns its length.

        >>> import os
        >>> read, written = os.pipe()
        >>> sink = Sink(written, "a pipe")
        >>> sink.write(b"abc"), sink.size, os.read(read, 3)
        (3, 3, b'abc')
        """
        stream(self.fd, data, self.name)
        self.size += len(data)
        return len(data)


def write_pieces(path: Path, produce: Callable[[Sink], object], inputs: frozenset[Path] = frozenset()) -> int:
    """Write what ``produce`` writes into its sink to ``path``, piece by piece, never whole in memory: into a new
    file renamed over ``path`` once complete, or straight into a FIFO or terminal (see the module). Returns the
    number of bytes.

    >>> import tempfile, pathlib
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "out.txt"
    >>> write_pieces(path, lambda sink: [sink.write(b"two "), sink.write(b"pieces")]), path.read_bytes()
    (10, b'two pieces')
    """
    path = Path(path)
    kind = target(path, inputs)
    if kind == "stream":
        try:
            fd = os.open(path, os.O_WRONLY | (os.O_APPEND if stat.S_ISREG(path.stat().st_mode) else 0))
        except OSError as exc:
            raise error(path, exc) from None
        try:
            sink = Sink(fd, path)
            produce(sink)
            return sink.size
        finally:
            os.close(fd)
    mode = stat.S_IMODE(path.stat().st_mode) if kind == "replace" else 0o644
    temporary = path.parent / f".{path.name}.{os.urandom(4).hex()}.tmp"
    own: list[OSError] = []  # an error of the work itself (reading a template, say): raised as it is

    def work(sink: Sink) -> None:
        try:
            produce(sink)
        except OSError as exc:
            own.append(exc)
            raise

    try:
        size = write_new(temporary, work, mode, path)
        os.replace(temporary, path)
    except OSError as exc:
        if own and exc is own[0]:
            raise
        raise error(path, exc) from None
    finally:
        with contextlib.suppress(OSError):  # on a read-only filesystem even this fails: the error above is the news
            temporary.unlink(missing_ok=True)
    return size


def write_bytes(path: Path, data: bytes, inputs: frozenset[Path] = frozenset()) -> Path:
    """Write ``data`` to ``path``: a file replaced whole, or a FIFO or terminal streamed into (see the module)."""
    write_pieces(path, lambda sink: sink.write(data), inputs)
    return Path(path)


def write_text(path: Path, text: str, inputs: frozenset[Path] = frozenset()) -> Path:
    """Write ``text`` as UTF-8 with ``\\n`` line ends (see :func:`write_bytes`)."""
    return write_bytes(path, text.encode("utf-8"), inputs)


def write_new(path: Path, data: bytes | Callable[[Sink], object], mode: int, name: object = None) -> int:
    """Write a new file ``path`` with permissions ``mode`` and flush it to disk: ``data``, or what a ``produce``
    function writes into its sink (whose failures are OutputErrors naming ``name``). Returns the size.

    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> write_new(folder / "a", b"whole", 0o644), write_new(folder / "b", lambda sink: sink.write(b"piece"), 0o644)
    (5, 5)
    """
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        os.fchmod(fd, mode)
        if isinstance(data, bytes):
            _write_all(fd, data)
            size = len(data)
        else:
            sink = Sink(fd, path if name is None else name)
            data(sink)
            size = sink.size
        os.fsync(fd)
        return size
    finally:
        os.close(fd)


class _Guarded:
    """Standard output whose write errors are OutputErrors (a closed pipe stays a BrokenPipeError); after the
    first, whatever is still written goes nowhere, so that nothing fails again when the process ends."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        return int(self._guarded(self._stream.write, text))

    def flush(self) -> None:
        self._guarded(self._stream.flush)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)

    def _guarded(self, call: Any, *args: Any) -> Any:
        try:
            return call(*args)
        except OSError as exc:
            silence(self._stream)
            if isinstance(exc, BrokenPipeError):
                raise
            raise error("standard output", exc) from None


def silence(stream: TextIO) -> None:
    """Send what is still written to ``stream`` (a standard stream that failed) to ``/dev/null``."""
    with contextlib.suppress(OSError, ValueError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, stream.fileno())
        os.close(devnull)


def guard_standard_output() -> None:
    """For the command line: names that are not UTF-8 printed escaped, and write errors on standard output made
    OutputErrors (see ``_Guarded``)."""
    for stream in (sys.stdout, sys.stderr):
        if isinstance(stream, io.TextIOWrapper):
            stream.reconfigure(errors="backslashreplace")
    if sys.stdout is not None and not isinstance(sys.stdout, _Guarded):
        sys.stdout = cast(TextIO, _Guarded(sys.stdout))


def write_standard_output(data: bytes, inputs: frozenset[Path] = frozenset()) -> None:
    """Write ``data`` to standard output, unless it is a file of the corpus being read (``>>`` onto an input)."""
    standard_output_pieces(lambda sink: sink.write(data), inputs)


def standard_output_pieces(produce: Callable[[Sink], object], inputs: frozenset[Path] = frozenset()) -> int:
    """Write what ``produce`` writes into its sink to standard output, piece by piece, unless standard output is a
    file of the corpus being read (``>>`` onto an input): that is refused before ``produce`` runs. Returns the
    number of bytes. What was written stays written if ``produce`` fails part-way.

    >>> import subprocess, sys
    >>> script = "from kgraph.output import standard_output_pieces as out; out(lambda sink: sink.write(b'piece'))"
    >>> subprocess.run([sys.executable, "-c", script], capture_output=True, check=True).stdout
    b'piece'
    """
    sys.stdout.flush()
    fd = sys.stdout.fileno()
    info = os.fstat(fd)
    if stat.S_ISREG(info.st_mode) and (info.st_dev, info.st_ino) in identities(inputs):
        raise error("standard output", INPUT)
    sink = Sink(fd, "standard output")
    produce(sink)
    return sink.size
