"""Read the source texts that annotation files name: regular files inside the corpus folder, UTF-8, bounded.

A source text is refused, with the reason, when it is missing, a folder, a FIFO, a device, a socket, a broken
or looping link, outside the corpus folder, larger than :data:`~kgraph.corpus.discover.MAX_TEXT_BYTES`, not UTF-8,
or holds a control character other than tab, carriage return and line feed.
"""

from __future__ import annotations

import errno
import os
import re
from pathlib import Path

from kgraph.corpus.discover import MAX_TEXT_BYTES, RealPaths, kind_of, read_bounded
from kgraph.corpus.record import Record
from kgraph.corpus.yamlfile import decode
from kgraph.errors import Problem, shown
from kgraph.text import code_point

#: Control characters a source text may not hold: all but tab, line feed and carriage return.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def read_texts(records: list[Record], root: Path) -> tuple[dict[str, str], list[Problem], list[Path]]:
    """The text of each source by its id, the problems found, and the files read."""
    texts: dict[str, str] = {}
    problems: list[Problem] = []
    files: list[Path] = []
    real_root, real = os.path.realpath(root), RealPaths()
    inside = os.path.join(real_root, "")  # with a separator at its end: what a path inside it starts with
    for record in records:
        text_file = record.text_file()  # as the cache keeps it, if cached (only a source's: see cache_entry)
        if text_file is None:  # not a source, or one that failed validation
            continue
        where = (record.file, record.line("text"))
        path = record.folder / text_file
        name = f"source text file {text_file!r}"
        reason = _refused(path, real_root, inside, real)
        if reason:
            problems.append(Problem(*where, f"{name} {reason}"))
            continue
        raw, reason = read_bounded(path, MAX_TEXT_BYTES)
        if raw is None:
            problems.append(Problem(*where, f"{name} {reason}"))
            continue
        files.append(path)
        text, decode_problems = decode(raw, str(path))
        if text is None:
            problems += decode_problems
            continue
        control = _CONTROL.search(text)
        if control:
            line = text.count("\n", 0, control.start()) + 1
            character = code_point(control.group())
            message = (
                f"contains a control character ({character}): a source text may hold tabs and line breaks, no other"
            )
            problems.append(Problem(str(path), line, message))
            continue
        texts[record.key] = text
    return texts, problems, files


def _refused(path: Path, real_root: str, inside: str, real: RealPaths) -> str:
    """Why the file at ``path`` is not read as a source text, or nothing; ``inside``: what a real path inside the
    corpus folder, ``real_root``, starts with."""
    try:
        mode = os.stat(path).st_mode
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return "is a link that loops"
        if exc.errno in (errno.ENOENT, errno.ENOTDIR):
            if path.is_symlink():
                return f"is a broken link (to {shown(os.readlink(path))})"
            return f"not found (looked for {shown(path)})"
        return f"cannot be read ({(exc.strerror or str(exc)).lower()})"
    kind = kind_of(mode)
    if kind:
        return f"is {kind}, not a file"
    found = real.text(path)
    if found != real_root and not found.startswith(inside):
        return "lies outside the corpus folder"
    return ""
