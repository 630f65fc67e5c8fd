"""Writing an imported corpus: into a new or empty folder, whole or not at all.

The files go into a temporary folder beside ``OUT`` (``.OUT.1a2b3c4d.tmp``), which is renamed into place when all
are written, so an import that fails leaves nothing behind. An import killed midway (``kill -9``) cannot remove
its temporary folder; the next import into the same ``OUT`` does (:func:`remove_leftovers`: only folders of that
naming, so two imports into one ``OUT`` at once are not supported).
"""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

from kgraph.errors import UsageError, shown

__all__ = ["refuse_occupied", "remove_leftovers", "write_corpus"]


def refuse_occupied(out: Path, command: str) -> None:
    """Refuse (a UsageError) an ``out`` that is not a folder, or a folder that is not empty: ``command`` (``kgraph
    import``, ``synth``) writes a new corpus only into a new or empty folder.

    >>> refuse_occupied(Path("kgraph"), "synth")
    Traceback (most recent call last):
    ...
    kgraph.errors.UsageError: kgraph: the folder is not empty; synth writes only into a new or empty folder
    """
    if (out.exists() or out.is_symlink()) and not out.is_dir():
        raise UsageError(f"{shown(out)}: is not a folder")
    try:
        occupied = out.exists() and any(out.iterdir())
    except OSError as exc:
        raise UsageError(f"{shown(out)}: cannot read the folder: {exc.strerror or exc}") from None
    if occupied:
        raise UsageError(f"{shown(out)}: the folder is not empty; {command} writes only into a new or empty folder")


def remove_leftovers(parent: Path, name: str) -> list[str]:
    """Remove the temporary folders an import into ``parent / name`` killed midway left (``.NAME.1a2b3c4d.tmp``:
    kgraph's own naming, nothing else); their names.

    >>> import tempfile
    >>> parent = Path(tempfile.mkdtemp())
    >>> for left in (".out.0badf00d.tmp", ".out.mine.tmp", ".other.0badf00d.tmp"):
    ...     (parent / left).mkdir()
    >>> remove_leftovers(parent, "out"), sorted(p.name for p in parent.iterdir())
    (['.out.0badf00d.tmp'], ['.other.0badf00d.tmp', '.out.mine.tmp'])
    """
    pattern = re.compile(rf"\.{re.escape(name)}\.[0-9a-f]{{8}}\.tmp")
    try:
        found = sorted(p for p in parent.iterdir() if pattern.fullmatch(p.name) and p.is_dir() and not p.is_symlink())
    except OSError:
        return []
    for left in found:
        shutil.rmtree(left, ignore_errors=True)
    return [p.name for p in found]


def write_corpus(
    out: Path, first: list[tuple[str, str]], rest: Iterator[tuple[str, str]], total: int | None, show: bool
) -> int:
    """Write the files into a temporary folder beside ``out``, then rename it into place; the count of files.

    >>> import tempfile
    >>> out = Path(tempfile.mkdtemp()) / "out"
    >>> write_corpus(out, [("a/b.txt", "text")], iter([]), None, False), (out / "a" / "b.txt").read_text()
    (1, 'text')
    """
    from kgraph.output import error, write_new
    from kgraph.perf import progress

    parent = out.absolute().parent
    try:
        parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise error(parent, exc) from None
    remove_leftovers(parent, out.name)
    temporary = parent / f".{out.name}.{os.urandom(4).hex()}.tmp"
    count = 0
    try:
        temporary.mkdir()
        for relative, text in progress(_chain(first, rest), show, "writing", total):
            path = temporary / relative
            if path.parent != temporary and not path.parent.exists():
                path.parent.mkdir()
            write_new(path, text.encode("utf-8"), 0o644, out / relative)
            count += 1
        temporary.chmod(0o755)
        os.rename(temporary, out)  # over an empty folder too; a folder filled meanwhile is refused
    except OSError as exc:
        raise error(out, exc) from None
    finally:
        if temporary.exists():
            shutil.rmtree(temporary, ignore_errors=True)
    return count


def _chain(first: list[tuple[str, str]], rest: Iterator[tuple[str, str]]) -> Iterator[tuple[str, str]]:
    yield from first
    yield from rest
