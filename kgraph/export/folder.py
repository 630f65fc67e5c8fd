"""Writing a set of output files into a folder in one step: readers see the old set or the new set, never a mix.

A build (or an export of a format that writes a folder) writes its files, with links to the other files of its
folder, into a temporary folder beside it, then swaps the two folders at once (Linux
``renameat2(RENAME_EXCHANGE)``; where a filesystem cannot, each file is replaced whole, one by one). A lock
(``flock`` on the parent folder) makes concurrent builds into one place wait their turn; the temporary folders
of killed builds are removed by the next. Where the folder's parent cannot be written, or the folder is on
another device than its parent (a mount point), the temporary folder goes inside the folder and each file is
replaced whole, one by one. The folder keeps its mode, and, when root builds, its owner. Since a whole folder
is replaced, a build writes only into a folder of files and links, never into one that holds a corpus file.

A file is given whole, as bytes, or as a :class:`Stream` that writes it (and
perhaps others with it) into its temporary file piece by piece, so that a
large file is never held in memory.

>>> import tempfile, pathlib
>>> folder = pathlib.Path(tempfile.mkdtemp()) / "out"
>>> both = Stream(("b.txt", "c.txt"), lambda handles: [handles[n].write(n.encode()) for n in handles])
>>> [p.name for p in write_folder(folder, {"a.txt": b"one", "b.txt": both, "c.txt": both})]
['a.txt', 'b.txt', 'c.txt']
>>> (folder / "c.txt").read_text()
'c.txt'
>>> sorted(p.name for p in folder.parent.iterdir())
['out']
"""

from __future__ import annotations

import contextlib
import os
import shutil
import stat
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from kgraph.beside import beside
from kgraph.errors import shown
from kgraph.export.xmlstream import Writable
from kgraph.output import INPUT, OutputError, error, identities, write_new

#: How the temporary folder of a build is named, beside the folder it replaces.
TEMPORARY = ".kgraph-tmp"
#: How long a build waits for another one writing into the same place before it gives up, in seconds.
LOCK_WAIT = 120.0


@dataclass(frozen=True, eq=False)
class Stream:
    """Files written together, piece by piece: ``write`` gets a binary handle for each of ``names``, by name.

    In a build's files, each of its names maps to the same Stream, which is run once.
    """

    names: tuple[str, ...]
    write: Callable[[Mapping[str, Writable]], object]


#: A file's content in a build: its bytes, or the Stream that writes it.
Content = bytes | Stream


def folder_of(out: str | os.PathLike[str]) -> Path:
    """The real folder that output folder ``out`` names (a link to a folder is followed; it need not exist yet)."""
    if not os.fspath(out):
        raise OutputError("an empty path: name a folder")
    given = Path(out)
    if given.is_symlink() and not given.exists():
        raise error(given, "is a link to nothing; kgraph does not create folders through links")
    if given.exists() and not given.is_dir():
        raise error(given, "is not a folder")
    real = Path(os.path.realpath(given))
    if real == real.parent:
        raise error(given, "is the root folder")
    return real


def _exchange(a: Path, b: Path) -> bool:
    """Swap folders ``a`` and ``b`` in one step (Linux ``renameat2(RENAME_EXCHANGE)``); False where unsupported."""
    import ctypes
    import errno

    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError):
        return False
    at_fdcwd, rename_exchange = -100, 2
    if renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP, errno.EXDEV, errno.EBUSY):
        return False
    raise OSError(code, os.strerror(code), os.fsdecode(b))


@contextlib.contextmanager
def _locked(folder: Path, shown_as: object) -> Iterator[None]:
    """Hold the lock of ``folder`` (``flock`` on the folder itself), waiting up to LOCK_WAIT for another build."""
    import fcntl
    import time

    fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    try:
        deadline = time.monotonic() + LOCK_WAIT
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() > deadline:
                    raise error(
                        shown_as, f"another kgraph build has been writing there for {LOCK_WAIT:.0f} s"
                    ) from None
                time.sleep(0.05)
        yield
    finally:
        os.close(fd)  # releases the lock


def check_folder(out: str | os.PathLike[str], names: Iterable[str], inputs: frozenset[Path] = frozenset()) -> Path:
    """The real folder for a build of files ``names`` into ``out``, or OutputError when a build may not write there."""
    real = folder_of(out)
    with contextlib.suppress(OSError):
        if real == Path(os.path.realpath(os.getcwd())):
            raise error(
                out,
                "is the current folder; kgraph replaces its whole folder of outputs at once, which would leave "
                "the shell in the old one: name it from its parent (cd ..)",
            )
    inside = sorted(p for p in inputs if p.is_relative_to(real))
    if inside:
        raise error(
            out, f"holds files of the corpus being read ({shown(inside[0])}); kgraph never writes over its inputs"
        )
    if not real.exists():
        return real
    names = set(names)
    known = identities(inputs)
    try:
        entries = sorted(os.scandir(real), key=lambda e: e.name)
    except OSError as exc:
        raise error(out, exc) from None
    for entry in entries:
        if entry.name.endswith(TEMPORARY):  # a build's own, removed under the lock
            continue
        info = entry.stat(follow_symlinks=False)
        if entry.name in names and not stat.S_ISREG(info.st_mode):
            raise error(Path(out) / entry.name, "is not a regular file; kgraph replaces only regular files")
        if (info.st_dev, info.st_ino) in known:
            raise error(Path(out) / entry.name, INPUT)
        if stat.S_ISDIR(info.st_mode):
            raise error(
                out,
                f"holds a subfolder, {shown(entry.name)!r}; kgraph replaces its whole folder of outputs at once, "
                "so it writes only into a folder of files: give a new or separate folder",
            )
        if not (stat.S_ISREG(info.st_mode) or stat.S_ISLNK(info.st_mode)):
            raise error(Path(out) / entry.name, "is not a regular file or a link; a build keeps only those")
    return real


def _leftovers(real: Path, names: Iterable[str]) -> Iterator[Path]:
    yield from real.parent.glob(f".*{TEMPORARY}")
    if real.is_dir():
        yield from real.glob(f".*{TEMPORARY}")
        for name in names:
            yield from real.glob(f".{name}.*.tmp")


def write_folder(
    out: str | os.PathLike[str],
    files: Mapping[str, Content],
    inputs: frozenset[Path] = frozenset(),
    progress: bool = False,
    replaces: Callable[[str], bool] | None = None,
) -> list[Path]:
    """Write ``files`` (name: bytes or :class:`Stream`) into folder ``out`` as one set: the old set stays until the new one is whole.

    The files, with links to the other files of ``out``, go into a temporary folder beside it, which is then
    swapped with ``out`` in one step; a lock on the parent folder makes concurrent builds wait their turn, and
    temporary folders that killed builds left are removed. Files of ``out`` that ``replaces`` names (those an
    earlier set of the same kind wrote) go with the old set. Returns the paths written, under ``out``.
    """
    keep: Callable[[str], bool] = lambda name: name not in files and not (replaces and replaces(name))  # noqa: E731
    real = check_folder(out, files, inputs)
    try:
        real.parent.mkdir(parents=True, exist_ok=True)
        with _locked(real.parent, out):
            for leftover in _leftovers(real, files):
                shutil.rmtree(leftover) if leftover.is_dir() and not leftover.is_symlink() else leftover.unlink()
            real = check_folder(out, files, inputs)  # again, under the lock
            beside = _can_swap(real)
            if not beside and not real.exists():
                real.mkdir()  # where the parent cannot be written, this says so
            new = (real.parent if beside else real) / f".{real.name}.{os.urandom(4).hex()}{TEMPORARY}"
            new.mkdir()
            try:
                kept = _fill(new, real, files, progress, keep, whole=beside)
                if not real.exists():
                    os.rename(new, real)
                elif beside and _exchange(new, real):
                    _bring_back(new, real, set(files) | kept, keep)  # files added to the folder while we wrote
                else:  # no atomic swap here: each file replaced whole, one by one
                    for name in files:
                        os.replace(new / name, real / name)
                    for entry in os.scandir(real):
                        if not keep(entry.name) and entry.name not in files and not entry.name.endswith(TEMPORARY):
                            os.unlink(entry.path)
                _sync(real.parent)
            finally:
                shutil.rmtree(new, ignore_errors=True)  # after a swap, the old set
    except OSError as exc:
        raise error(out, f"cannot write the exports: {exc.strerror or exc}") from None
    return [Path(out) / name for name in files]


def _can_swap(real: Path) -> bool:
    """Whether a temporary folder beside ``real`` can be exchanged with it: the parent is writable, on one device."""
    if not os.access(real.parent, os.W_OK | os.X_OK):
        return False
    return not real.exists() or real.stat().st_dev == real.parent.stat().st_dev


def _bring_back(old: Path, real: Path, known: set[str], keep: Callable[[str], bool]) -> None:
    """Move into ``real`` what appeared in the folder (now at ``old``) after its files were listed."""
    for entry in os.scandir(old):
        if entry.name not in known and keep(entry.name) and not (real / entry.name).exists():
            os.rename(entry.path, real / entry.name)


def _fill(
    new: Path,
    real: Path,
    files: Mapping[str, Content],
    progress: bool,
    keep: Callable[[str], bool],
    whole: bool = True,
) -> set[str]:
    """Write ``files`` into ``new``, each with its file's mode in ``real``; with ``whole``, make ``new`` the whole
    folder to swap in: links to the other files of ``real`` to ``keep`` (their names, returned), its mode and owner."""
    from kgraph.perf import progress as show_progress

    kept = {}
    if whole and real.is_dir():
        info = real.stat()
        os.chmod(new, stat.S_IMODE(info.st_mode))
        if os.geteuid() == 0 and (info.st_uid, info.st_gid) != (0, 0):
            os.chown(new, info.st_uid, info.st_gid)
        kept = {e.name: e for e in os.scandir(real) if keep(e.name) and not e.name.endswith(TEMPORARY)}
    for name, entry in kept.items():
        if entry.is_symlink():
            os.symlink(os.readlink(entry.path), new / name)
        else:
            try:
                os.link(entry.path, new / name, follow_symlinks=False)
            except OSError:
                shutil.copy2(entry.path, new / name)
    streams = list({id(d): d for d in files.values() if isinstance(d, Stream)}.values())
    apart = streams[0] if len(streams) > 1 else None  # a build's XML pair, written beside the rest (see beside)
    streamed: set[int] = {id(apart)} if apart else set()
    with beside(lambda: _stream(new, real, apart)) if apart else contextlib.nullcontext():
        for name, data in show_progress(files.items(), progress, "writing"):
            if not isinstance(data, Stream):
                write_new(new / name, data, _mode(real / name))
            elif id(data) not in streamed:
                streamed.add(id(data))
                _stream(new, real, data)
    _sync(new)
    return set(kept)


def _mode(old: Path) -> int:
    return stat.S_IMODE(old.stat().st_mode) if old.exists() else 0o644


def _stream(new: Path, real: Path, stream: Stream) -> None:
    """Run ``stream`` into new files in ``new`` (each with the mode of its file in ``real``), flushed to disk."""
    handles: dict[str, BinaryIO] = {}
    try:
        for name in stream.names:
            fd = os.open(new / name, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            handles[name] = os.fdopen(fd, "wb", buffering=1 << 20)
            os.fchmod(fd, _mode(real / name))
        stream.write(handles)
        for handle in handles.values():
            handle.flush()
            os.fsync(handle.fileno())
    finally:
        for handle in handles.values():
            with contextlib.suppress(OSError):  # after a failure: the first error is the one to report
                handle.close()


def _sync(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
