"""Find the files of a corpus and read them within bounds; whatever is left out is reported, never skipped silently.

Below the corpus folder, every ``*.yaml``, ``*.yml`` and ``*.jsonl`` file is an annotation file, but for the
corpus's own terms, ``vocabulary.yaml`` in the corpus folder itself; hidden files and folders (their names start
with a dot) are not read. Links are followed while they stay inside the corpus
folder; a link that leads out of it, loops, or leads nowhere is reported, and so is a folder that cannot be
read. Only regular files are opened: a FIFO, a device or a socket is refused by its kind (opening one could
block forever or never end), and files larger than a limit are refused before they are read.

>>> files, problems = discover(Path("seeds"))
>>> [f.as_posix() for f in files], problems
(['seeds/2020-10-shusha-appeal/annotations.yaml', 'seeds/2023-07-blockade/annotations.yaml', 'seeds/registry.yaml'], [])
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from kgraph.errors import Problem, UsageError, shown

#: File name endings read as annotation files.
ANNOTATION_SUFFIXES = (".yaml", ".yml", ".jsonl")
#: Largest annotation file read, in bytes: more is not an annotation file.
MAX_ANNOTATION_BYTES = 100_000_000
#: Largest source text read, in bytes (a news article is a few tens of kilobytes).
MAX_TEXT_BYTES = 10_000_000
#: The file of a corpus's own terms, in the corpus folder (see :mod:`kgraph.corpus.vocabulary_file`).
VOCABULARY_FILE = "vocabulary.yaml"
_MISPLACED = f"a vocabulary file is read only as {VOCABULARY_FILE} in the corpus folder itself; not read"


def kind_of(mode: int) -> str | None:
    """What a file that is not a regular file is, in words ("a FIFO", "a folder"); None for a regular file.

    >>> kind_of(os.stat("seeds").st_mode), kind_of(os.stat("README.md").st_mode)
    ('a folder', None)
    """
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


class RealPaths:
    """The real path of a file, links resolved (as :meth:`Path.resolve` gives it), each folder's found once.

    >>> real = RealPaths()
    >>> real(Path("seeds/registry.yaml")) == Path("seeds/registry.yaml").resolve(), len(real.folders)
    (True, 1)
    """

    def __init__(self) -> None:
        self.folders: dict[str, str] = {}

    def __call__(self, path: Path) -> Path:
        """The real path of ``path``."""
        return Path(self.text(path))

    def text(self, path: str | os.PathLike[str]) -> str:
        """The real path of ``path``, as text.

        >>> RealPaths().text("seeds/../seeds/registry.yaml") == str(Path("seeds/registry.yaml").resolve())
        True
        """
        name = os.fspath(path)
        folder, base = os.path.split(name)
        if base in ("", ".", "..") or ".." in name.split(os.sep):
            return os.path.realpath(name)
        real = self.folders.get(folder)
        if real is None:
            real = self.folders[folder] = os.path.realpath(folder)
        joined = os.path.join(real, base)
        return os.path.realpath(joined) if os.path.islink(joined) else joined


def corpus_path(path: str | os.PathLike[str]) -> Path:
    """The corpus folder or annotation file named by ``path``; a :class:`UsageError` if it names none."""
    if not os.fspath(path):
        raise UsageError("the corpus path is empty: give a folder or an annotation file")
    given = Path(path)
    try:
        mode = given.stat().st_mode
    except OSError as exc:
        if exc.errno == errno.ENOENT and not os.path.lexists(given):
            raise UsageError(f"{shown(given)}: no such file or folder") from None
        raise UsageError(f"{shown(given)}: {_os_reason(exc)}") from None
    kind = kind_of(mode)
    if kind not in (None, "a folder"):
        raise UsageError(f"{shown(given)}: is {kind}, not a corpus folder or annotation file")
    return given


def discover(path: Path) -> tuple[list[Path], list[Problem]]:
    """The annotation files at ``path`` (the file itself, or every one below the folder, in a fixed order),
    and a problem for each file or folder that is left out, saying why."""
    files, _, problems = find(path)
    return files, problems


def find(path: Path) -> tuple[list[Path], Path | None, list[Problem]]:
    """The annotation files at ``path`` as :func:`discover` finds them, the corpus's vocabulary file (None when it
    has none: for one annotation file, the one beside it), and the problems.

    >>> find(Path("seeds"))[1] is None
    True
    """
    if not path.is_dir():
        beside = path.parent / VOCABULARY_FILE  # the file itself, when it is the vocabulary file
        files = [] if path == beside else [path]
        vocabulary = beside if os.path.lexists(beside) else None
        problems = []
        for file in dict.fromkeys([path, beside] if vocabulary else [path]):
            if not file.resolve().is_relative_to(path.parent.resolve()):
                problems.append(Problem(str(file), 0, "links to a file outside the corpus folder; not read"))
                files = [f for f in files if f != file]
                vocabulary = None if file == beside else vocabulary
        return files, vocabulary, problems
    walk = _Walk(path)
    files = walk.run()
    return files, walk.vocabulary, walk.problems


class _Walk:
    def __init__(self, root: Path):
        self.root = root
        self.real_root = root.resolve()
        self.files: dict[Path, Path] = {}  # by real path: a file reached twice (through a link) is read once
        self.problems: list[Problem] = []
        self.visited: set[Path] = set()
        self.folders: list[tuple[Path, Path]] = [(root, self.real_root)]
        self.links: list[tuple[Path, Path]] = []  # linked folders, entered after the real ones
        self.vocabulary: Path | None = None

    def run(self) -> list[Path]:
        while self.folders or self.links:
            folder, real = self.folders.pop() if self.folders else self.links.pop(0)
            if real in self.visited:  # a folder reached twice (through a link) is read once
                continue
            self.visited.add(real)
            try:
                entries = sorted(os.scandir(folder), key=lambda e: e.name)
                os.stat(os.path.join(folder, "."))  # entering it needs execute permission, listing it only read
            except OSError as exc:
                self.problem(folder, f"folder {_os_reason(exc)}: nothing in it is read")
                continue
            for entry in entries:
                if not entry.name.startswith("."):
                    self.entry(entry, real)
        return sorted(self.files.values(), key=lambda p: p.relative_to(self.root).as_posix())

    def problem(self, path: Path, message: str) -> None:
        self.problems.append(Problem(str(path), 0, message))

    def entry(self, entry: os.DirEntry[str], real: Path) -> None:
        named = entry.name.endswith(ANNOTATION_SUFFIXES)
        if not named and entry.is_file(follow_symlinks=False):  # known from the listing: no folder, no link
            return
        logical = Path(entry.path)
        try:
            if entry.is_symlink():
                target = logical.resolve(strict=True)
                if not target.is_relative_to(self.real_root):
                    if target.is_dir() or named:
                        what = "folder" if target.is_dir() else "file"
                        self.problem(logical, f"links to a {what} outside the corpus folder; not read")
                    return
                if target.is_dir() and (target == real or real.is_relative_to(target)):
                    self.problem(logical, "is a link that loops back to a folder above it; not followed")
                    return
                mode = target.stat().st_mode
            else:
                target = real / entry.name
                mode = entry.stat(follow_symlinks=False).st_mode
        except (OSError, RuntimeError) as exc:
            if named or "." not in entry.name:  # what could be an annotation file or a folder of them
                self.problem(logical, f"{_link_reason(logical, exc)}; not read")
            return
        kind = kind_of(mode)
        if kind == "a folder":
            (self.links if entry.is_symlink() else self.folders).append((logical, target))
        elif kind is not None:
            if named:
                self.problem(logical, f"is {kind}, not a file; not read")
        elif named and entry.name in (VOCABULARY_FILE, "vocabulary.yml"):
            if entry.name == VOCABULARY_FILE and logical.parent == self.root:
                self.vocabulary = logical
            else:
                self.problem(logical, _MISPLACED)
        elif named and target not in self.files:
            self.files[target] = logical


def _link_reason(path: Path, exc: OSError | RuntimeError) -> str:
    if isinstance(exc, OSError) and exc.errno == errno.ENOENT and path.is_symlink():
        return f"is a broken link (to {shown(os.readlink(path))})"
    return _os_reason(exc)


def _os_reason(exc: OSError | RuntimeError) -> str:
    """Why a file could not be opened, as a predicate: 'is a link that loops', 'cannot be read (permission denied)'."""
    if isinstance(exc, RuntimeError) or exc.errno == errno.ELOOP:
        return "is a link that loops"
    if exc.errno == errno.ENOENT:
        return "is not found"
    return f"cannot be read ({(exc.strerror or str(exc)).lower()})"


def read_bounded(path: Path, limit: int) -> tuple[bytes | None, str]:
    """The bytes of a regular file of at most ``limit`` bytes, or None and the reason it was not read.

    The file is opened without blocking and checked once open, so a FIFO or a device put in its place is
    refused, never read.
    """
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        return None, _os_reason(exc)
    try:
        info = os.fstat(fd)
        kind = kind_of(info.st_mode)
        if kind is not None:
            return None, f"is {kind}, not a file"
        if info.st_size > limit:
            return None, _too_large(limit, info.st_size)
        chunks, size = [], 0
        while size <= limit:
            chunk = os.read(fd, min(1 << 20, limit + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
        if size > limit:
            return None, _too_large(limit, None)
        return b"".join(chunks), ""
    except OSError as exc:
        return None, _os_reason(exc)
    finally:
        os.close(fd)


def _too_large(limit: int, size: int | None) -> str:
    actual = f" ({size:,} bytes)" if size is not None else ""
    return f"is larger than {limit // 1_000_000} MB{actual}, the limit for such files"
