"""Run something again each time a corpus's files change: ``kgraph validate --watch`` and ``kgraph build --watch``.

The corpus folder is polled: every file below it (hidden ones aside, as the loader skips them) is looked at by
size, modification time and inode at an interval, which needs no dependency and works on any file system,
network ones too. A change is acted on once the files have stayed as they are for one more interval, so an
editor's save in several steps, or a ``git checkout``, gives one run, not several.

>>> import tempfile
>>> with tempfile.TemporaryDirectory() as folder:
...     before = snapshot(Path(folder))
...     _ = (Path(folder) / "a.yaml").write_text("persons: []")
...     before == snapshot(Path(folder))
False
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from pathlib import Path

__all__ = ["Snapshot", "snapshot", "watch"]

#: What is looked at of each file: its size, modification time and inode, by path.
Snapshot = dict[str, tuple[int, int, int]]


def snapshot(path: Path, ignore: frozenset[Path] = frozenset()) -> Snapshot:
    """Every file at ``path`` (the file itself, or every one below the folder, hidden ones and the folders
    ``ignore`` names aside) by path, with its size, modification time and inode; files that vanish or cannot be
    read while they are listed are left out.

    >>> snapshot(Path("seeds")).keys() >= {"seeds/registry.yaml"}
    True
    """
    found: Snapshot = {}
    folders = [path] if path.is_dir() else []
    if not folders:
        _look(str(path), found)
    seen: set[tuple[int, int]] = set()
    while folders:
        folder = folders.pop()
        try:
            info = os.stat(folder)
            if (info.st_dev, info.st_ino) in seen:  # a link back to a folder already listed
                continue
            seen.add((info.st_dev, info.st_ino))
            entries = list(os.scandir(folder))
        except OSError:
            continue
        for entry in entries:
            if entry.name.startswith("."):
                continue
            try:
                if entry.is_dir():
                    if Path(entry.path).resolve() not in ignore:
                        folders.append(Path(entry.path))
                    continue
            except OSError:
                continue
            _look(entry.path, found)
    return found


def _look(path: str, found: Snapshot) -> None:
    try:
        info = os.stat(path)
    except OSError:
        return
    found[path] = (info.st_size, info.st_mtime_ns, info.st_ino)


def watch(
    path: Path,
    run: Callable[[], object],
    interval: float = 0.5,
    rounds: int | None = None,
    sleep: Callable[[float], object] = time.sleep,
    ignore: frozenset[Path] = frozenset(),
) -> int:
    """Call ``run`` now, then again each time the files at ``path`` change, until interrupted (Ctrl-C raises
    :class:`KeyboardInterrupt`, which is left to the caller) or, when given, after ``rounds`` runs; the number of runs.
    Folders in ``ignore`` (real paths: where a build writes) are not watched.

    >>> watch(Path("seeds"), lambda: print("ran"), rounds=1)
    ran
    1
    """
    runs = 0
    while True:
        seen = snapshot(path, ignore)
        run()
        runs += 1
        if rounds is not None and runs >= rounds:
            return runs
        while True:
            sleep(interval)
            now = snapshot(path, ignore)
            if now == seen:
                continue
            settled = now  # changed: wait until it stays the same for one interval
            sleep(interval)
            while (now := snapshot(path, ignore)) != settled:
                settled = now
                sleep(interval)
            break
