"""Whether the files in a folder are what a build would write, compared piece by piece as they are rendered,
never whole in memory (``kgraph build --check``).

>>> import tempfile, pathlib
>>> from kgraph.export.folder import Stream
>>> out = pathlib.Path(tempfile.mkdtemp())
>>> _ = (out / "a.txt").write_bytes(b"one")
>>> files = {"a.txt": Stream(("a.txt",), lambda h: h["a.txt"].write(b"one")),
...          "b.txt": Stream(("b.txt",), lambda h: h["b.txt"].write(b"two"))}
>>> stale_files(files, out)
['b.txt']
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

from kgraph.export.folder import Stream
from kgraph.output import error


def stale_files(files: Mapping[str, Stream], out: str | os.PathLike[str]) -> list[str]:
    """Names of ``files`` (each written by its stream) that are missing from folder ``out`` or differ there."""
    found: dict[str, bool] = {}
    for name, stream in files.items():
        if name in found:
            continue
        handles = {n: _Same(Path(out) / n) for n in stream.names}
        try:
            stream.write(handles)
            found.update((n, h.finish()) for n, h in handles.items())
        except OSError as exc:
            raise error(Path(out) / name, exc) from None
        finally:
            for handle in handles.values():
                handle.close()
    return [name for name, same in found.items() if not same]


class _Same:
    """A sink that compares what is written into it with the bytes of file ``path``."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.file = None
        try:
            if path.is_file():
                self.file = path.open("rb")
        except OSError as exc:
            raise error(path, exc) from None
        self.same = self.file is not None

    def write(self, data: bytes) -> int:
        if self.same and self.file is not None:
            self.same = self.file.read(len(data)) == data
        return len(data)

    def finish(self) -> bool:
        """Whether all that was written is the whole file."""
        return self.same and self.file is not None and self.file.read(1) == b""

    def close(self) -> None:
        if self.file is not None:
            self.file.close()
